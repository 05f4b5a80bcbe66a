#!/usr/bin/env bash
# Reproduces the SRS numbers in docs/benchmarks.md: Debian's postsrsd 1.10 and `postern srs` side by
# side on loopback, driven by the same load driver (`postern bench`) in the same run. Each round
# starts both daemons, drives postsrsd over tcp_table, then Postern over tcp_table and socketmap,
# and stops both.
#
#   bench/run-srs.sh [SECONDS (10)] [CONNECTIONS (4)] [ROUNDS (3)]
#
# Needs postsrsd (apt install postsrsd) and a JDK 17; builds cli/target/postern.jar if it is
# missing. Ports (override through the environment): POSTSRSD_FORWARD_PORT 20001,
# POSTSRSD_REVERSE_PORT 20002, POSTERN_SOCKETMAP_PORT 20003, POSTERN_FORWARD_PORT 20011,
# POSTERN_REVERSE_PORT 20012; WARM_UP seconds before each measurement (default 3).
set -euo pipefail

seconds=${1:-10}
connections=${2:-4}
rounds=${3:-3}
: "${POSTSRSD_FORWARD_PORT:=20001}"
: "${POSTSRSD_REVERSE_PORT:=20002}"
: "${POSTERN_SOCKETMAP_PORT:=20003}"
: "${POSTERN_FORWARD_PORT:=20011}"
: "${POSTERN_REVERSE_PORT:=20012}"
: "${WARM_UP:=3}"

root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"
jar=$(postern_jar)
postsrsd=$(command -v postsrsd || echo /usr/sbin/postsrsd)
[ -x "$postsrsd" ] || { echo "postsrsd not installed (apt install postsrsd)" >&2; exit 1; }

work=$(mktemp -d)
pids=()
stop_all() {
    for pid in "${pids[@]}"; do
        # postsrsd forks a child per connection: stop those first.
        pkill -TERM -P "$pid" 2>/dev/null || true
        kill -TERM "$pid" 2>/dev/null || true
    done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    pids=()
}
cleanup() {
    stop_all
    rm -rf "$work"
}
trap cleanup EXIT


umask 077
printf 'tops3cr3t\n' >"$work/secrets"

start_both() {
    # Foreground (no -D), so the script owns the process and can stop it.
    "$postsrsd" -s"$work/secrets" -dexample.com -l127.0.0.1 -4 \
        -f"$POSTSRSD_FORWARD_PORT" -r"$POSTSRSD_REVERSE_PORT" >>"$work/postsrsd.log" 2>&1 &
    pids+=($!)
    # Standard base64 hashes, as postsrsd 1.x writes them.
    java -jar "$jar" srs --listen "inet:127.0.0.1:$POSTERN_SOCKETMAP_PORT" \
        --tcp-table-forward "inet:127.0.0.1:$POSTERN_FORWARD_PORT" \
        --tcp-table-reverse "inet:127.0.0.1:$POSTERN_REVERSE_PORT" \
        --domain example.com --secrets "$work/secrets" --hash-encoding base64 \
        >>"$work/postern.log" 2>&1 &
    pids+=($!)
    for port in "$POSTSRSD_FORWARD_PORT" "$POSTERN_SOCKETMAP_PORT" "$POSTERN_FORWARD_PORT"; do
        wait_for_port "$port"
    done
}



echo "$(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs, $(java -version 2>&1 | head -n 1)"
echo "load before: $(uptime)"
echo
for round in $(seq 1 "$rounds"); do
    start_both
    drive postsrsd-tcp-table "$round" tcp-table --target "inet:127.0.0.1:$POSTSRSD_FORWARD_PORT"
    drive postern-tcp-table "$round" tcp-table --target "inet:127.0.0.1:$POSTERN_FORWARD_PORT"
    drive postern-socketmap "$round" socketmap --target "inet:127.0.0.1:$POSTERN_SOCKETMAP_PORT" \
        --map forward
    stop_all
done
echo "load after: $(uptime)"
summarise postsrsd-tcp-table
summarise postern-tcp-table
summarise postern-socketmap
