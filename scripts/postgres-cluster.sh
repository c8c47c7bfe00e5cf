#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on loopback for the tests (and for trying Porch on PostgreSQL by hand).
#   scripts/postgres-cluster.sh start [DIR]   installs PostgreSQL if missing, creates the cluster in DIR
#                                             (default /tmp/porch-pg), starts it, prints the URL to use
#   scripts/postgres-cluster.sh stop [DIR]    stops it and deletes DIR
#   scripts/postgres-cluster.sh restart [DIR] stops and starts the server, keeping its data (fault tests)
#   scripts/postgres-cluster.sh outage DIR SECONDS
#                                             stops the server now and starts it again SECONDS later, in the
#                                             background (fault tests: what waits out the outage)
# The server refuses to run as root, so as root it runs as the `postgres` user the Debian package creates.
# Trust authentication, loopback only: this cluster holds test data and lives for one run.
set -euo pipefail

action="${1:-start}"
dir="${2:-/tmp/porch-pg}"
port="${PORCH_PG_PORT:-54329}"

install_if_missing() {
    if ! command -v pg_config >/dev/null 2>&1 || [ ! -x "$(pg_config --bindir)/initdb" ]; then
        echo "postgres-cluster: installing postgresql and libpq5" >&2
        sudo=""
        [ "$(id -u)" -eq 0 ] || sudo="sudo"
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql libpq5 >/dev/null
    fi
}

as_owner() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# Starts the server with the test options; its output goes to server.log and it holds nothing of the caller's open.
start_server() {
    as_owner "$1/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=200 -c fsync=on" start \
        >/dev/null 2>&1 </dev/null
}

case "$action" in
start)
    install_if_missing
    bin="$(pg_config --bindir)"
    if [ ! -f "$dir/data/PG_VERSION" ]; then
        mkdir -p "$dir"
        [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
        as_owner "$bin/initdb" -D "$dir/data" -A trust -U porch -E UTF8 --no-locale >/dev/null
    fi
    if ! as_owner "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
        if ! start_server "$bin"; then
            echo "postgres-cluster: the server in $dir did not start (is port $port taken? PORCH_PG_PORT picks another);" \
                "the end of $dir/server.log:" >&2
            tail -n 5 "$dir/server.log" >&2 || true
            exit 1
        fi
    fi
    as_owner "$bin/psql" -h 127.0.0.1 -p "$port" -U porch -d postgres -qtAc \
        "SELECT 1 FROM pg_database WHERE datname = 'porch_test'" | grep -q 1 \
        || as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U porch porch_test
    echo "postgres://porch@127.0.0.1:$port/porch_test"
    ;;
restart)
    bin="$(pg_config --bindir)"
    # The new server must not hold the caller's output open (a test waiting for this script would never finish).
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -m fast -w restart >/dev/null 2>&1 </dev/null
    ;;
outage)
    bin="$(pg_config --bindir)"
    seconds="${3:?usage: $0 outage DIR SECONDS}"
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 </dev/null
    (sleep "$seconds" && start_server "$bin") >/dev/null 2>&1 </dev/null &
    ;;
stop)
    if command -v pg_config >/dev/null 2>&1 && [ -f "$dir/data/PG_VERSION" ]; then
        as_owner "$(pg_config --bindir)/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
*)
    echo "usage: $0 start|stop|restart [DIR], or $0 outage DIR SECONDS" >&2
    exit 2
    ;;
esac
