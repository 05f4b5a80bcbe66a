#!/usr/bin/env bash
# Reproduces the SRS numbers in docs/benchmarks.md: Debian's postsrsd 1.10 and Postern's SRS server
# side by side on loopback, driven by the same load driver in the same run.
#
#   bench/run-srs.sh [SECONDS (10)] [CONNECTIONS (4)]
#
# Needs postsrsd (apt install postsrsd) and a JDK 17; builds the bench jar if it is missing.
# Ports (override through the environment): POSTSRSD_FORWARD_PORT 20001, POSTSRSD_REVERSE_PORT
# 20002, POSTERN_SOCKETMAP_PORT 20003, POSTERN_FORWARD_PORT 20011, POSTERN_REVERSE_PORT 20012;
# POSTERN_THREADS sets the server's event loops (default one per CPU; 0: Netty's, twice that).
set -euo pipefail

seconds=${1:-10}
connections=${2:-4}
: "${POSTSRSD_FORWARD_PORT:=20001}"
: "${POSTSRSD_REVERSE_PORT:=20002}"
: "${POSTERN_SOCKETMAP_PORT:=20003}"
: "${POSTERN_FORWARD_PORT:=20011}"
: "${POSTERN_REVERSE_PORT:=20012}"
: "${POSTERN_THREADS:=$(nproc)}"

root=$(cd "$(dirname "$0")/.." && pwd)
jar=$(ls "$root"/bench/target/postern-bench-*-all.jar 2>/dev/null | head -n 1 || true)
if [ -z "$jar" ]; then
    (cd "$root" && ./mvnw -B -q package -pl bench -am -DskipTests)
    jar=$(ls "$root"/bench/target/postern-bench-*-all.jar | head -n 1)
fi
postsrsd=$(command -v postsrsd || echo /usr/sbin/postsrsd)
[ -x "$postsrsd" ] || { echo "postsrsd not installed (apt install postsrsd)" >&2; exit 1; }

work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do
        # postsrsd forks a child per connection: stop those first.
        pkill -TERM -P "$pid" 2>/dev/null || true
        kill -TERM "$pid" 2>/dev/null || true
    done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

wait_for_port() {
    for _ in $(seq 1 100); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
        sleep 0.1
    done
    echo "nothing listens on 127.0.0.1:$1" >&2
    return 1
}

umask 077
printf 'tops3cr3t\n' >"$work/secrets"

# Foreground (no -D), so the script owns the process and can stop it.
"$postsrsd" -s"$work/secrets" -dexample.com -l127.0.0.1 -4 \
    -f"$POSTSRSD_FORWARD_PORT" -r"$POSTSRSD_REVERSE_PORT" >"$work/postsrsd.log" 2>&1 &
pids+=($!)
java -cp "$jar" org.postern.bench.SrsBenchServerMain --domain example.com \
    --secrets "$work/secrets" --hash-encoding base64 --threads "$POSTERN_THREADS" \
    --socketmap "inet:127.0.0.1:$POSTERN_SOCKETMAP_PORT" \
    --tcp-table-forward "inet:127.0.0.1:$POSTERN_FORWARD_PORT" \
    --tcp-table-reverse "inet:127.0.0.1:$POSTERN_REVERSE_PORT" >"$work/postern.log" 2>&1 &
pids+=($!)
for port in "$POSTSRSD_FORWARD_PORT" "$POSTERN_SOCKETMAP_PORT" "$POSTERN_FORWARD_PORT"; do
    wait_for_port "$port"
done

drive() {
    echo "== $1"
    shift
    java -cp "$jar" org.postern.bench.BenchMain "$@" --connections "$connections" --seconds "$seconds"
    echo
}
echo "$(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs, $(java -version 2>&1 | head -n 1)"
echo
drive "postsrsd 1.10, tcp_table forward" tcp-table --target "inet:127.0.0.1:$POSTSRSD_FORWARD_PORT"
drive "postern, tcp_table forward" tcp-table --target "inet:127.0.0.1:$POSTERN_FORWARD_PORT"
drive "postern, socketmap forward" socketmap --target "inet:127.0.0.1:$POSTERN_SOCKETMAP_PORT" --map forward
