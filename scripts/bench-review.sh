#!/usr/bin/env bash
# How long `porch review` takes to show its first screen on a queue of N posts (default 10,000): a group
# is filled with generated posts, then `porch review` is started in a fresh 80x24 tmux session several
# times and the time until a full frame is on screen is measured (process start and rule loading included).
#   scripts/bench-review.sh [N]          (builds the release binary first; needs tmux and python3)
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-10000}"
swift build -c release --product porch >/dev/null
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

python3 - "$porch" "$work/group" "$count open" <<'PY'
import subprocess, sys, time, uuid
porch, group, expect = sys.argv[1:4]
times = []
for _ in range(7):
    tmux = ["tmux", "-L", "porch-bench-" + uuid.uuid4().hex[:8], "-f", "/dev/null"]
    start = time.monotonic()
    subprocess.run(tmux + ["new-session", "-d", "-s", "b", "-x", "80", "-y", "24",
                           f"env TERM=xterm-256color {porch} review --dir {group} --as bench"], check=True)
    while True:
        screen = subprocess.run(tmux + ["capture-pane", "-p", "-t", "b"], capture_output=True, text=True).stdout
        if expect in screen and "? help" in screen:
            break
        if time.monotonic() - start > 30:
            subprocess.run(tmux + ["kill-server"], capture_output=True)
            sys.exit("no first frame after 30 s")
        time.sleep(0.002)
    times.append((time.monotonic() - start) * 1000)
    subprocess.run(tmux + ["kill-server"], capture_output=True)
times.sort()
print(f"porch review, first screen of {expect.split()[0]} posts: median {times[len(times) // 2]:.0f} ms"
      f" (runs: {', '.join(f'{t:.0f}' for t in times)})")
PY
