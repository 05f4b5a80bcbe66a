#!/usr/bin/env bash
# Installs the real programs Postern's integration tests and example deployment talk to
# (Postfix, Dovecot with LMTP and Sieve, swaks, OpenDKIM, postsrsd, postgrey, rbldnsd, Redis,
# dkimpy, Mail::DKIM, dig, dnsmasq) from Debian's own packages.
#
# Idempotent and non-interactive: when every package is installed it does nothing, not even
# `apt-get update`. Postfix is preseeded with "No configuration" so no system main.cf is written;
# the tests run private Postfix instances with their own configuration directories.
# It never starts a daemon: in a container without systemd the packages' own start attempts are
# refused by policy-rc.d, which is expected, and the tests start what they need themselves.
set -euo pipefail

PACKAGES=(
  postfix
  swaks
  dovecot-core
  dovecot-imapd
  dovecot-lmtpd
  dovecot-sieve
  opendkim
  opendkim-tools
  miltertest
  postsrsd
  postgrey
  rbldnsd
  redis-server
  python3-dkim
  libmail-dkim-perl
  bind9-dnsutils
  dnsmasq-base
)

missing=()
for package in "${PACKAGES[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  if [ "$status" != "install ok installed" ]; then
    missing+=("$package")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-peers: all ${#PACKAGES[@]} packages already installed"
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1; then
  as_root=(sudo)
else
  echo "install-peers: need root or sudo to install: ${missing[*]}" >&2
  exit 1
fi

echo "install-peers: installing: ${missing[*]}"
echo "postfix postfix/main_mailer_type select No configuration" |
  "${as_root[@]}" debconf-set-selections
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
  "${missing[@]}"
echo "install-peers: done"
