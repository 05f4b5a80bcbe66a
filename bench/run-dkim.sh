#!/usr/bin/env bash
# Reproduces the DKIM numbers in docs/benchmarks.md.
#
#   bench/run-dkim.sh jmh            JMH: DKIM sign/verify (2 KiB, 100 KiB) next to raw JDK RSA-2048
#   bench/run-dkim.sh e2e [RUNS (3)] Postfix smtp-source -s 4 -m 1000 -l 2048 through a private
#                                    Postfix whose smtpd_milters signs: Postern's dkim-sign vs
#                                    opendkim (same 2048-bit key), each over a unix socket and TCP,
#                                    RUNS rounds, all in one run.
#   Environment: WARM_UP_SECONDS (30) of mail before each measured run; SIGNERS (all four:
#   opendkim-unix opendkim-tcp postern-unix postern-tcp) to measure fewer.
#
# Needs root (Postfix), postfix (smtp-source ships in the postfix package: /usr/sbin/smtp-source),
# opendkim and opendkim-tools (opendkim-genkey), a JDK 17; builds the jars when missing.
# Ports: SMTP_PORT 20025, SINK_PORT 20026, OPENDKIM_PORT 20891, POSTERN_PORT 20892.
set -euo pipefail

mode=${1:-e2e}
runs=${2:-3}
: "${SMTP_PORT:=20025}"
: "${OPENDKIM_PORT:=20891}"
: "${POSTERN_PORT:=20892}"
: "${SINK_PORT:=20026}"
root=$(cd "$(dirname "$0")/.." && pwd)

if [ "$mode" = jmh ]; then
    jar=$(ls "$root"/bench/target/postern-bench-*-all.jar 2>/dev/null | head -n 1 || true)
    if [ -z "$jar" ]; then
        (cd "$root" && ./mvnw -B -q package -pl bench -am -DskipTests)
        jar=$(ls "$root"/bench/target/postern-bench-*-all.jar | head -n 1)
    fi
    echo "$(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -n 1)"
    exec java -cp "$jar" org.openjdk.jmh.Main 'org.postern.bench.micro.DkimBenchmark'
fi

[ "$(id -u)" = 0 ] || { echo "run as root: Postfix needs it" >&2; exit 1; }
cli="$root/cli/target/postern.jar"
[ -f "$cli" ] || (cd "$root" && ./mvnw -B -q package -pl cli -am -DskipTests)
for tool in postfix smtp-source opendkim opendkim-genkey; do
    command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] \
        || { echo "$tool is not installed" >&2; exit 1; }
done
export PATH="$PATH:/usr/sbin"

work=$(mktemp -d /tmp/postern-dkim-bench.XXXXXX)
chmod 755 "$work"
milter_pid=""
stop_milter() {
    if [ -n "$milter_pid" ]; then
        kill -TERM "$milter_pid" 2>/dev/null || true
        wait "$milter_pid" 2>/dev/null || true
        milter_pid=""
    fi
}
cleanup() {
    stop_milter
    [ -n "${sink_pid:-}" ] && kill -TERM "$sink_pid" 2>/dev/null
    postfix -c "$work/etc" stop >/dev/null 2>&1 || true
    [ -n "${KEEP:-}" ] || rm -rf "$work"
}
trap cleanup EXIT

wait_for() {
    for _ in $(seq 1 200); do
        if [ "${1%%:*}" = unix ]; then
            [ -S "${1#unix:}" ] && return 0
        elif (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then
            return 0
        fi
        sleep 0.1
    done
    echo "nothing listens on $1" >&2
    return 1
}

# One key for both signers: PKCS#1 PEM, as opendkim-genkey writes it.
mkdir -p "$work/keys" "$work/sockets"
opendkim-genkey -b 2048 -d sender.test -s bench -D "$work/keys"
chmod 600 "$work/keys/bench.private"
chgrp postfix "$work/sockets"
chmod 750 "$work/sockets"

# A private Postfix: loopback only, no DNS, everything relayed to remote.test is discarded, so
# the measured time is smtpd plus the milter.
mkdir -p "$work/etc" "$work/queue"
cat >"$work/etc/main.cf" <<EOF
compatibility_level = 3.6
queue_directory = $work/queue
data_directory = $work/data
myhostname = mail.example.test
mydomain = example.test
mydestination =
alias_maps =
alias_database =
inet_interfaces = loopback-only
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
maillog_file = $work/postfix.log
maillog_file_prefixes = /var, /dev/stdout, $work
smtp_dns_support_level = disabled
smtpd_peername_lookup = no
relay_domains = remote.test, check.test
default_transport = discard
transport_maps = texthash:$work/etc/transport
smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination
smtpd_client_connection_count_limit = 0
smtpd_client_message_rate_limit = 0
default_process_limit = 100
milter_default_action = tempfail
milter_protocol = 6
smtpd_milters =
EOF
cat >"$work/etc/master.cf" <<EOF
127.0.0.1:$SMTP_PORT inet n - n - - smtpd
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
smtp      unix  -       -       n       -       -       smtp
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
EOF
printf 'check.test\tsmtp:[127.0.0.1]:%s\n' "$SINK_PORT" >"$work/etc/transport"
# One message per configuration goes to smtp-sink instead, to show it was signed.
mkdir -p "$work/sink"
smtp-sink -u root -d "$work/sink/" "127.0.0.1:$SINK_PORT" 20 &
sink_pid=$!
touch "$work/postfix.log"
postfix -c "$work/etc" start
wait_for "$SMTP_PORT"

process_ticks() { # PID: user + system clock ticks of a process and its threads
    awk '{print $14 + $15}' "/proc/$1/stat"
}

busy_ticks() { # clock ticks all CPUs spent not idle since boot
    awk '/^cpu / {print $2 + $3 + $4 + $7 + $8}' /proc/stat
}

start_postern() { # ADDRESS
    # A socket left by the previous run would look ready before the milter listens.
    case "$1" in unix:*) rm -f "${1#unix:}" ;; esac
    cat >"$work/postern.yaml" <<EOF
milter:
  listen: $1
  handlers:
    - type: dkim-sign
      keys:
        sender.test:
          - {selector: bench, key-file: $work/keys/bench.private}
EOF
    java -jar "$cli" milter --config "$work/postern.yaml" >"$work/postern.log" 2>&1 &
    milter_pid=$!
    case "$1" in
        unix:*) wait_for "$1"; chgrp postfix "${1#unix:}" ;;
        *) wait_for "${1##*:}" ;;
    esac
}

start_opendkim() { # SOCKET (opendkim notation)
    case "$1" in local:*) rm -f "${1#local:}" ;; esac
    cat >"$work/opendkim.conf" <<EOF
Mode s
Domain sender.test
Selector bench
KeyFile $work/keys/bench.private
Canonicalization relaxed/relaxed
InternalHosts 127.0.0.0/8
Socket $1
UMask 007
UserID root
RequireSafeKeys false
Syslog no
EOF
    opendkim -f -x "$work/opendkim.conf" >"$work/opendkim.log" 2>&1 &
    milter_pid=$!
    case "$1" in
        local:*) wait_for "unix:${1#local:}"; chgrp postfix "${1#local:}" ;;
        *) wait_for "$OPENDKIM_PORT" ;;
    esac
}

measure() { # LABEL POSTFIX-MILTER
    postconf -c "$work/etc" -e "smtpd_milters = $2"
    postfix -c "$work/etc" reload >/dev/null 2>&1
    sleep 1
    # Warm-up (JIT, connections, key load), the same time for every signer, then the measured
    # run. The JVM's compilers keep a core busy for the first thousands of messages.
    local warm_until=$(($(date +%s) + ${WARM_UP_SECONDS:-30}))
    while [ "$(date +%s)" -lt "$warm_until" ]; do
        smtp-source -s 4 -m 100 -l 2048 -f alice@sender.test -t bob@remote.test "127.0.0.1:$SMTP_PORT"
    done
    local before after refused_before refused_after cpu_before cpu_after busy_before busy_after
    refused_before=$(grep -c 'milter-reject\|milter-discard' "$work/postfix.log" || true)
    cpu_before=$(process_ticks "$milter_pid")
    busy_before=$(busy_ticks)
    before=$(date +%s.%N)
    smtp-source -s 4 -m 1000 -l 2048 -f alice@sender.test -t bob@remote.test "127.0.0.1:$SMTP_PORT"
    after=$(date +%s.%N)
    cpu_after=$(process_ticks "$milter_pid")
    busy_after=$(busy_ticks)
    refused_after=$(grep -c 'milter-reject\|milter-discard' "$work/postfix.log" || true)
    local seconds rate
    seconds=$(echo "$after - $before" | bc -l)
    rate=$(echo "1000 / $seconds" | bc -l)
    # One more message to the sink: its copy must carry a signature by this milter.
    rm -f "$work/sink/"* 2>/dev/null || true
    smtp-source -m 1 -l 2048 -f alice@sender.test -t check@check.test "127.0.0.1:$SMTP_PORT"
    postfix -c "$work/etc" flush >/dev/null 2>&1 || true
    local signed=no
    for _ in $(seq 1 100); do
        if grep -qs '^DKIM-Signature:.*d=sender.test' "$work/sink/"* \
            || grep -qs -A3 '^DKIM-Signature:' "$work/sink/"* 2>/dev/null | grep -q 'd=sender.test'; then
            signed=yes
            break
        fi
        sleep 0.1
    done
    # CPU per message: the milter's own, and the whole machine's (Postfix, smtp-source, milter).
    local hz milter_ms machine_ms
    hz=$(getconf CLK_TCK)
    milter_ms=$(echo "($cpu_after - $cpu_before) * 1000 / $hz / 1000" | bc -l)
    machine_ms=$(echo "($busy_after - $busy_before) * 1000 / $hz / 1000" | bc -l)
    printf '%-16s %7.2f s %7.1f msg/s  cpu/msg milter %.2f ms, machine %.2f ms  load %-5s refused %-3d signed %s\n' \
        "$1" "$seconds" "$rate" "$milter_ms" "$machine_ms" \
        "$(cut -d' ' -f1 /proc/loadavg)" "$((refused_after - refused_before))" "$signed"
}

echo "$(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs, $(java -version 2>&1 | head -n 1), $(opendkim -V | head -n 1), Postfix $(postconf -d -h mail_version)"
signers=${SIGNERS:-opendkim-unix opendkim-tcp postern-unix postern-tcp}
for run in $(seq 1 "$runs"); do
    echo "== run $run"
    for signer in $signers; do
        case "$signer" in
            opendkim-unix)
                start_opendkim "local:$work/sockets/opendkim.sock"
                measure "opendkim unix" "unix:$work/sockets/opendkim.sock" ;;
            opendkim-tcp)
                start_opendkim "inet:$OPENDKIM_PORT@127.0.0.1"
                measure "opendkim tcp" "inet:127.0.0.1:$OPENDKIM_PORT" ;;
            postern-unix)
                start_postern "unix:$work/sockets/postern.sock"
                measure "postern unix" "unix:$work/sockets/postern.sock" ;;
            postern-tcp)
                start_postern "inet:127.0.0.1:$POSTERN_PORT"
                measure "postern tcp" "inet:127.0.0.1:$POSTERN_PORT" ;;
            *) echo "unknown signer $signer" >&2; exit 2 ;;
        esac
        stop_milter
    done
done
