# shellcheck shell=bash
# Shared by the bench/run-*.sh scripts: the postern jar, waiting for a daemon, driving it with
# `postern bench` and summarising rounds. Expects $root, $work, $connections, $seconds, $WARM_UP.

# postern_jar -- path of cli/target/postern.jar, built first when it is missing.
postern_jar() {
    local jar="$root/cli/target/postern.jar"
    [ -f "$jar" ] || (cd "$root" && ./mvnw -B -q package -pl cli -am -DskipTests) >&2
    echo "$jar"
}

# wait_for_port PORT -- until something accepts on 127.0.0.1:PORT (15 s at most).
wait_for_port() {
    for _ in $(seq 1 150); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
        sleep 0.1
    done
    echo "nothing listens on 127.0.0.1:$1" >&2
    return 1
}

# drive NAME ROUND BENCH-ARGS... -- one `postern bench` run, its report kept in $work/NAME.ROUND.txt.
drive() {
    local name=$1 round=$2
    shift 2
    echo "== $name, round $round"
    # A run with errors exits 1; keep going and let the report show them.
    java -jar "$jar" bench "$@" --connections "$connections" --seconds "$seconds" \
        --warm-up-seconds "$WARM_UP" | tee "$work/$name.$round.txt" || true
    echo
}

median() {
    local values=("$@")
    echo "${values[$(((${#values[@]} - 1) / 2))]}"
}

# summarise NAME -- each round's req/s and p99 for NAME, sorted, with their medians.
summarise() {
    local name=$1 rates p99s
    rates=$(grep -h '^throughput' "$work/$name".*.txt | awk '{print $2}' | sort -n | tr '\n' ' ')
    p99s=$(grep -h '^latency' "$work/$name".*.txt | awk '{print $6}' | sort -n | tr '\n' ' ')
    # shellcheck disable=SC2086 # word splitting wanted: one value per argument
    echo "$name: req/s $rates-> median $(median $rates); p99 ms $p99s-> median $(median $p99s)"
}
