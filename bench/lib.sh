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

# listener_pids tcp|udp PORT -- the processes with a socket listening on PORT (any address), one a
# line; empty when none. Uses ss(8) from iproute2; root sees every process's sockets.
listener_pids() {
    local flags=-Hltnp
    [ "$1" = udp ] && flags=-Hlunp
    # Nothing listening is no error (the scripts run with errexit and pipefail).
    { ss "$flags" "sport = :$2" 2>/dev/null || true; } | { grep -o 'pid=[0-9]*' || true; } |
        cut -d= -f2 | sort -u
}

# require_free_port tcp|udp PORT -- fails, naming the port and who holds it, when PORT is taken:
# a benchmark would otherwise drive whatever else listens there.
require_free_port() {
    local holders
    holders=$(listener_pids "$1" "$2" | paste -sd ' ')
    if [ -n "$holders" ] || { [ "$1" = tcp ] && (exec 3<>"/dev/tcp/127.0.0.1/$2") 2>/dev/null; }; then
        echo "$1 port $2 is already taken (pid ${holders:-unknown}): stop that or set another port" >&2
        return 1
    fi
}

# wait_for_daemon PID tcp|udp PORT -- until process PID (or a child of it) listens on PORT (15 s at
# most); fails when PID exits first or when another process answers on PORT.
wait_for_daemon() {
    local pid=$1 proto=$2 port=$3 holders ours others
    for _ in $(seq 1 150); do
        if ! kill -0 "$pid" 2>/dev/null; then
            echo "process $pid exited before listening on $proto port $port" >&2
            return 1
        fi
        holders=$(listener_pids "$proto" "$port")
        if [ -n "$holders" ]; then
            ours=$(echo "$pid"; pgrep -P "$pid" || true)
            others=$(grep -vxF -f <(echo "$ours") <<<"$holders" || true)
            if [ -z "$others" ]; then
                return 0
            fi
            echo "$proto port $port is held by pid $(paste -sd ' ' <<<"$others"), not $pid" >&2
            return 1
        fi
        sleep 0.1
    done
    echo "process $pid does not listen on $proto port $port" >&2
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
