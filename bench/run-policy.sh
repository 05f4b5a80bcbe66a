#!/usr/bin/env bash
# Reproduces the greylist numbers in docs/benchmarks.md: Debian's postgrey 1.37 and
# `postern greylist` with its durable default store (MVStore file) side by side on loopback,
# driven by the same load driver (`postern bench policy`) in the same run. Each round starts both
# daemons with an empty store, drives postgrey then Postern, and stops both, so every request of
# every round is a new triplet: a deferral and a store insert.
#
#   bench/run-policy.sh [SECONDS (10)] [CONNECTIONS (4)] [ROUNDS (3)]
#
# Needs postgrey (apt install postgrey), run as root (postgrey drops to --user=postgrey) or as the
# postgrey user, and a JDK 17; builds cli/target/postern.jar if it is missing.
# Ports (override through the environment): POSTGREY_PORT 20023, POSTERN_PORT 20024; WARM_UP
# seconds before each measurement (default 20; the JVM compiles its hot path meanwhile).
# Threads: postgrey is one process with one thread; Postern runs with IO_THREADS I/O threads
# (default 1, the same shape; the store commits from its own thread) and the driver with
# DRIVER_THREADS (default 1). On a 2-core machine shared by server and driver, one I/O thread
# each is the faster setting for 4 connections that each wait for their answer: fewer wake-ups
# across cores (docs/benchmarks.md has both settings side by side).
set -euo pipefail

seconds=${1:-10}
connections=${2:-4}
rounds=${3:-3}
: "${POSTGREY_PORT:=20023}"
: "${POSTERN_PORT:=20024}"
: "${WARM_UP:=20}"
: "${IO_THREADS:=1}"
: "${DRIVER_THREADS:=1}"

root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"
jar=$(postern_jar)
postgrey=$(command -v postgrey || echo /usr/sbin/postgrey)
[ -x "$postgrey" ] || { echo "postgrey not installed (apt install postgrey)" >&2; exit 1; }
postgrey_user=$(id -un)
[ "$(id -u)" -eq 0 ] && postgrey_user=postgrey

work=$(mktemp -d)
chmod 755 "$work"
pids=()
stop_all() {
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    pids=()
}
cleanup() {
    stop_all
    rm -rf "$work"
}
trap cleanup EXIT


start_both() {
    local round=$1
    mkdir -p "$work/$round/postgrey" "$work/$round/postern"
    chown "$postgrey_user" "$work/$round/postgrey"
    # Foreground (no --daemonize), so the script owns the process and can stop it.
    "$postgrey" --inet="127.0.0.1:$POSTGREY_PORT" --dbdir="$work/$round/postgrey" \
        --user="$postgrey_user" --group="$(id -gn "$postgrey_user")" \
        >"$work/$round/postgrey.log" 2>&1 &
    pids+=($!)
    java -jar "$jar" greylist --listen "inet:127.0.0.1:$POSTERN_PORT" --io-threads "$IO_THREADS" \
        --store "file:$work/$round/postern/greylist.db" >"$work/$round/postern.log" 2>&1 &
    pids+=($!)
    wait_for_port "$POSTGREY_PORT"
    wait_for_port "$POSTERN_PORT"
}



echo "$(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs, $(java -version 2>&1 | head -n 1)"
echo "Postern I/O threads $IO_THREADS, driver threads $DRIVER_THREADS, warm-up $WARM_UP s"
echo "load before: $(uptime)"
echo
for round in $(seq 1 "$rounds"); do
    start_both "$round"
    drive postgrey "$round" policy --target "inet:127.0.0.1:$POSTGREY_PORT" --threads "$DRIVER_THREADS"
    drive postern "$round" policy --target "inet:127.0.0.1:$POSTERN_PORT" --threads "$DRIVER_THREADS"
    stop_all
done
echo "load after: $(uptime)"
summarise postgrey
summarise postern
