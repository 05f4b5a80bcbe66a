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
# seconds before each measurement (default 3; the JVM compiles its hot path meanwhile).
set -euo pipefail

seconds=${1:-10}
connections=${2:-4}
rounds=${3:-3}
: "${POSTGREY_PORT:=20023}"
: "${POSTERN_PORT:=20024}"
: "${WARM_UP:=3}"

root=$(cd "$(dirname "$0")/.." && pwd)
jar="$root/cli/target/postern.jar"
if [ ! -f "$jar" ]; then
    (cd "$root" && ./mvnw -B -q package -pl cli -am -DskipTests)
fi
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

wait_for_port() {
    for _ in $(seq 1 150); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
        sleep 0.1
    done
    echo "nothing listens on 127.0.0.1:$1" >&2
    return 1
}

start_both() {
    local round=$1
    mkdir -p "$work/$round/postgrey" "$work/$round/postern"
    chown "$postgrey_user" "$work/$round/postgrey"
    # Foreground (no --daemonize), so the script owns the process and can stop it.
    "$postgrey" --inet="127.0.0.1:$POSTGREY_PORT" --dbdir="$work/$round/postgrey" \
        --user="$postgrey_user" --group="$(id -gn "$postgrey_user")" \
        >"$work/$round/postgrey.log" 2>&1 &
    pids+=($!)
    java -jar "$jar" greylist --listen "inet:127.0.0.1:$POSTERN_PORT" \
        --store "file:$work/$round/postern/greylist.db" >"$work/$round/postern.log" 2>&1 &
    pids+=($!)
    wait_for_port "$POSTGREY_PORT"
    wait_for_port "$POSTERN_PORT"
}

drive() {
    local name=$1 port=$2 round=$3
    echo "== $name, round $round"
    # A run with errors exits 1; keep going and let the report show them.
    java -jar "$jar" bench policy --target "inet:127.0.0.1:$port" \
        --connections "$connections" --seconds "$seconds" --warm-up-seconds "$WARM_UP" | tee "$work/$name.$round.txt" || true
    echo
}

median() {
    local values=("$@")
    echo "${values[$(((${#values[@]} - 1) / 2))]}"
}
# Each run's req/s and p99, sorted, with their medians.
summarise() {
    local name=$1 rates p99s
    rates=$(grep -h '^throughput' "$work/$name".*.txt | awk '{print $2}' | sort -n | tr '\n' ' ')
    p99s=$(grep -h '^latency' "$work/$name".*.txt | awk '{print $6}' | sort -n | tr '\n' ' ')
    # shellcheck disable=SC2086 # word splitting wanted: one value per argument
    echo "$name: req/s $rates-> median $(median $rates); p99 ms $p99s-> median $(median $p99s)"
}

echo "$(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs, $(java -version 2>&1 | head -n 1)"
echo "load before: $(uptime)"
echo
for round in $(seq 1 "$rounds"); do
    start_both "$round"
    drive postgrey "$POSTGREY_PORT" "$round"
    drive postern "$POSTERN_PORT" "$round"
    stop_all
done
echo "load after: $(uptime)"
summarise postgrey
summarise postern
