#!/usr/bin/env bash
# How long `porch review` takes to show its first screen on a queue of N open posts (default 200,000): a
# group is filled with generated posts, then `porch review` is started in a fresh 80x24 tmux session several
# times and the time until a full frame is on screen is measured (process start and rule loading included),
# and the time until the header shows the whole queue's count (read after the first screen is drawn).
# The review reads one page of open posts, not the queue: the first figure should not grow with N.
#   scripts/bench-review.sh [N]          (builds the release binary first; needs tmux and python3)
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-200000}"
swift build -c release --static-swift-stdlib --product porch >/dev/null
porch="$PWD/.build/release/porch"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python3 - "$count" > "$work/posts.jsonl" <<'PY'
import json, sys
templates = [
    "Does anyone have tips for getting a {n} month old to take a bottle? We have tried everything.",
    "Our little one finally slept {n} hours in a row last night and I cried from relief.",
    "If anyone near me wants a coffee walk text me on (312) 555-01{nn} any morning.",
    "Week {n} of maternity leave and I miss adult conversation more than sleep.",
]
crisis = "Some days I feel like everyone would be better off without me, and I don't know who to tell."
for i in range(int(sys.argv[1])):
    # One post in fifty is a crisis post; one in four carries a phone number.
    template = crisis if i % 50 == 0 else templates[i % len(templates)]
    text = template.format(n=i % 9 + 1, nn=f"{i % 100:02d}") + f" (post {i})"
    print(json.dumps({"id": f"b{i}", "text": text, "author": f"member{i % 500}"}))
PY
"$porch" init --dir "$work/group" --rules Rules >/dev/null
"$porch" submit --dir "$work/group" --format jsonl --as bench < "$work/posts.jsonl" >/dev/null

python3 - "$porch" "$work/group" "$count" <<'PY'
import re, subprocess, sys, time, uuid
porch, group, count = sys.argv[1:4]
expect = f" {count} open"
times, counted = [], []
for _ in range(7):
    tmux = ["tmux", "-L", "porch-bench-" + uuid.uuid4().hex[:8], "-f", "/dev/null"]
    start = time.monotonic()
    subprocess.run(tmux + ["new-session", "-d", "-s", "b", "-x", "80", "-y", "24",
                           f"env TERM=xterm-256color {porch} review --dir {group} --as bench"], check=True)
    first = None
    while True:
        screen = subprocess.run(tmux + ["capture-pane", "-p", "-t", "b"], capture_output=True, text=True).stdout
        now = (time.monotonic() - start) * 1000
        if first is None and re.search(r"Porch review +[0-9]+\+? open", screen) and "? help" in screen:
            first = now
        if first is not None and expect in screen:
            break
        if now > 60_000:
            subprocess.run(tmux + ["kill-server"], capture_output=True)
            sys.exit(f"no {'count' if first else 'first frame'} after 60 s; the screen was:\n{screen}")
        time.sleep(0.002)
    times.append(first)
    counted.append(now)
    subprocess.run(tmux + ["kill-server"], capture_output=True)
times.sort()
counted.sort()
print(f"porch review, first screen of {count} open posts: median {times[len(times) // 2]:.0f} ms"
      f" (runs: {', '.join(f'{t:.0f}' for t in times)})")
print(f"porch review, whole count in the header: median {counted[len(counted) // 2]:.0f} ms"
      f" (runs: {', '.join(f'{t:.0f}' for t in counted)})")
PY
