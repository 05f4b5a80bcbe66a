#!/usr/bin/env bash
# Reproduces the DNSBL screen numbers in docs/benchmarks.md.
#
#   bench/run-screen.sh [SECONDS (5)] [CONNECTIONS (8)] [PIPELINE (16)]
#
# Starts rbldnsd on loopback serving three zones, then:
#  1. cold: `postern screen --cache-entries 0` (no DNS answer cache, no pass cache) driven by
#     `postern bench screen` with a new client address per request: 3 DNS queries each;
#  2. warm: `postern screen` with its caches, `bench screen --clients 100` (100 addresses in turn);
#  3. proxy: a fake smtpd (python3: 220 greeting, 220 to XCLIENT) and `postern screen proxy`
#     before it; `bench smtp-greeting` (one client, connect -> final "220 ", hang up) directly to
#     the fake smtpd, then through the proxy for 127.0.0.1, whose pass is cached after the first
#     connection (greet-wait 1s, spent in the warm-up).
# Needs rbldnsd, python3, ss (iproute2), a JDK 17; builds the jar when missing.
# Ports (override through the environment; each must be free, and the script fails if what answers
# on one is not the process it started): DNS_PORT 20153 (UDP), SCREEN_PORT 20124,
# SMTPD_PORT 20125, PROXY_PORT 20126. The other bench scripts use 200xx and 208xx.
set -euo pipefail

seconds=${1:-5}
connections=${2:-8}
pipeline=${3:-16}
: "${DNS_PORT:=20153}"
: "${SCREEN_PORT:=20124}"
: "${SMTPD_PORT:=20125}"
: "${PROXY_PORT:=20126}"
: "${WARM_UP:=2}"
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"
jar=$(postern_jar)
command -v rbldnsd >/dev/null || [ -x /usr/sbin/rbldnsd ] || { echo "rbldnsd is not installed" >&2; exit 1; }
export PATH="$PATH:/usr/sbin"
require_free_port udp "$DNS_PORT"
for port in "$SCREEN_PORT" "$SMTPD_PORT" "$PROXY_PORT"; do require_free_port tcp "$port"; done

work=$(mktemp -d /tmp/postern-screen-bench.XXXXXX)
chmod 755 "$work" # rbldnsd started as root reads its zones as the rbldns user
pids=()
stop_all() {
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    pids=()
}
cleanup() {
    stop_all
    [ -n "${rbldnsd_pid:-}" ] && kill -TERM "$rbldnsd_pid" 2>/dev/null
    [ -n "${KEEP:-}" ] || rm -rf "$work"
}
trap cleanup EXIT
# started PID tcp|udp PORT LOG -- waits until the daemon just started listens; shows its log if not.
started() {
    wait_for_daemon "$1" "$2" "$3" || { tail -n 20 "$4" >&2; exit 1; }
}


# Three lists; a few 10.0.x.y addresses listed so some answers are REJECT.
printf '10.0.0.5\n10.0.1.0/28\n' >"$work/black.zone"
printf '10.0.2.0/24\n' >"$work/spam.zone"
printf ':127.0.0.2:listed\n10.0.3.7\n' >"$work/policy.zone"
chmod 644 "$work"/*.zone
rbldnsd -n -t 300 -b "127.0.0.1/$DNS_PORT" -w "$work" \
    black.test:ip4set:black.zone spam.test:ip4set:spam.zone policy.test:ip4set:policy.zone \
    >"$work/rbldnsd.log" 2>&1 &
rbldnsd_pid=$!
started "$rbldnsd_pid" udp "$DNS_PORT" "$work/rbldnsd.log"
sites="black.test*2,spam.test=127.0.0.[2..11],policy.test"
screen_options=(--dnsbl-sites "$sites" --dns-servers "127.0.0.1:$DNS_PORT" --dnsbl-timeout 2s)

drive_screen() {
    local name=$1 clients=$2
    echo "== $name"
    java -jar "$jar" bench screen --target "inet:127.0.0.1:$SCREEN_PORT" --clients "$clients" \
        --connections "$connections" --pipeline "$pipeline" --seconds "$seconds" \
        --warm-up-seconds "$WARM_UP" | tee "$work/$name.txt" || true
    echo
}

echo "$(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs, $(java -version 2>&1 | head -n 1)"
echo "load before: $(uptime)"
echo

java -jar "$jar" screen --listen "inet:127.0.0.1:$SCREEN_PORT" "${screen_options[@]}" \
    --cache-entries 0 >"$work/screen-cold.log" 2>&1 &
pids+=($!)
started "$!" tcp "$SCREEN_PORT" "$work/screen-cold.log"
drive_screen cold 0
stop_all

java -jar "$jar" screen --listen "inet:127.0.0.1:$SCREEN_PORT" "${screen_options[@]}" \
    >"$work/screen-warm.log" 2>&1 &
pids+=($!)
started "$!" tcp "$SCREEN_PORT" "$work/screen-warm.log"
drive_screen warm 100
stop_all

python3 - "$SMTPD_PORT" >"$work/smtpd.log" 2>&1 <<'PY' &
import asyncio, sys
async def session(reader, writer):
    writer.write(b"220 fake.test ESMTP\r\n")
    try:
        while True:
            line = await reader.readline()
            if not line:
                break
            verb = line.split(b" ", 1)[0].strip().upper()
            if verb == b"XCLIENT":
                writer.write(b"220 fake.test ESMTP\r\n")
            elif verb == b"QUIT":
                writer.write(b"221 2.0.0 Bye\r\n")
                break
            else:
                writer.write(b"250 ok\r\n")
            await writer.drain()
    except ConnectionError:
        pass
    writer.close()
async def main():
    server = await asyncio.start_server(session, "127.0.0.1", int(sys.argv[1]), backlog=1024)
    async with server:
        await server.serve_forever()
asyncio.run(main())
PY
pids+=($!)
started "$!" tcp "$SMTPD_PORT" "$work/smtpd.log"
java -jar "$jar" screen proxy --listen "inet:127.0.0.1:$PROXY_PORT" \
    --smtpd "inet:127.0.0.1:$SMTPD_PORT" "${screen_options[@]}" --greet-wait 1s \
    >"$work/proxy.log" 2>&1 &
pids+=($!)
started "$!" tcp "$PROXY_PORT" "$work/proxy.log"
for target in "direct:$SMTPD_PORT" "proxy:$PROXY_PORT"; do
    echo "== greeting $target"
    java -jar "$jar" bench smtp-greeting --target "inet:127.0.0.1:${target#*:}" --connections 1 \
        --seconds "$seconds" --warm-up-seconds "$WARM_UP" | tee "$work/greeting-${target%%:*}.txt" || true
    echo
done
stop_all
echo "load after: $(uptime)"
