#!/usr/bin/env bash
# Reproduces the "Postfix end to end" milter numbers in docs/benchmarks.md: what a no-op milter
# over TCP costs Postfix (smtp-source -s 4 -m 1000 -l 2048), for Postern's no-op filter and, in the
# same run, libmilter's (the reference C library) and a minimal C milter (Postfix's own share).
#
#   bench/run-milter-overhead.sh [ROUNDS (5)]
#
# Needs root (Postfix), postfix (smtp-source, smtp-sink), a C compiler and libmilter-dev; builds
# the bench jar when missing. Ports: LIBMILTER_PORT 20893, MINIMAL_PORT 20894.
set -euo pipefail

rounds=${1:-5}
: "${LIBMILTER_PORT:=20893}"
: "${MINIMAL_PORT:=20894}"
root=$(cd "$(dirname "$0")/.." && pwd)
[ "$(id -u)" = 0 ] || { echo "run as root: Postfix needs it" >&2; exit 1; }
[ -f /usr/include/libmilter/mfapi.h ] || { echo "libmilter-dev is not installed" >&2; exit 1; }
jar=$(ls "$root"/bench/target/postern-bench-*-all.jar 2>/dev/null | head -n 1 || true)
if [ -z "$jar" ]; then
    (cd "$root" && ./mvnw -B -q package -pl bench -am -DskipTests)
    jar=$(ls "$root"/bench/target/postern-bench-*-all.jar | head -n 1)
fi
export PATH="$PATH:/usr/sbin"

work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

cc -O2 -o "$work/noop-libmilter" "$root/bench/native/noop-libmilter.c" -lmilter -lpthread
cc -O2 -o "$work/noop-minimal" "$root/bench/native/noop-minimal.c" -lpthread
"$work/noop-libmilter" "inet:$LIBMILTER_PORT@127.0.0.1" & pids+=($!)
"$work/noop-minimal" "$MINIMAL_PORT" & pids+=($!)
sleep 1

echo "$(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -n 1)"
java -cp "$jar" org.postern.bench.milter.PostfixMilterOverhead --rounds "$rounds" \
    --milter "libmilter=inet:127.0.0.1:$LIBMILTER_PORT" \
    --milter "minimal-c=inet:127.0.0.1:$MINIMAL_PORT"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
