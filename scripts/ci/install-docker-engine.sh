#!/usr/bin/env bash
# Install Docker Engine 26 (dockerd) from Debian 13 (trixie) beside Debian 12's
# docker.io, without mixing releases system-wide.
#
# Debian 12's engine is 20.10, which refuses `healthcheck.start_interval`
# (Engine 25 and later): without it Docker runs a service's first health check
# one whole `interval` after the start, and Compose's `service_healthy`
# dependents wait that long. trixie's docker.io is linked against glibc 2.34 or
# later (Debian 12 has 2.36) and runs with Debian 12's containerd and runc.
# The package is fetched and unpacked by debian-package.sh; dockerd and
# docker-proxy are copied to /usr/local/sbin, which comes before /usr/sbin in
# root's PATH, so start-docker.sh starts this engine. Debian 12's docker.io
# package stays installed for containerd, runc and docker-init (tini, the same
# link to tini-static in both releases).
#
# Safe to run again: when /usr/local/sbin/dockerd is already version 25 or
# later, it does nothing. An engine that is running is not restarted: run this
# before start-docker.sh.
set -euo pipefail

fail() {
  echo "install-docker-engine: $*" >&2
  exit 1
}

# shellcheck source=debian-package.sh
. "$(dirname "${BASH_SOURCE[0]}")/debian-package.sh"

DOCKERD=/usr/local/sbin/dockerd

engine_major() {
  "$1" --version 2>/dev/null | sed -nE 's/^Docker version ([0-9]+)\..*/\1/p'
}

if [ -x "$DOCKERD" ] && [ "$(engine_major "$DOCKERD")" -ge 25 ] 2>/dev/null; then
  echo "install-docker-engine: already installed ($("$DOCKERD" --version))"
  exit 0
fi

[ "$(id -u)" -eq 0 ] || fail "must run as root (it writes /usr/local/sbin)"
command -v containerd >/dev/null 2>&1 || fail "containerd not found (apt-get install docker.io brings it)"

WORK=$(mktemp -d /tmp/orchgen-docker-engine.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
deb=$(fetch_debian_package docker.io "$WORK")
for file in usr/sbin/dockerd usr/sbin/docker-proxy; do
  [ -x "$WORK/root/$file" ] || fail "$deb has no $file"
done
command -v docker-init >/dev/null 2>&1 || fail "docker-init not found (apt-get install docker.io tini)"

install -d /usr/local/sbin
install -m 755 "$WORK/root/usr/sbin/dockerd" "$WORK/root/usr/sbin/docker-proxy" /usr/local/sbin/

major=$(engine_major "$DOCKERD")
[ "${major:-0}" -ge 25 ] || fail "copied to $DOCKERD but it reports \"$("$DOCKERD" --version 2>&1 | head -n 1)\""
[ "$(command -v dockerd)" = "$DOCKERD" ] || fail "$DOCKERD is installed but \`dockerd\` on PATH is $(command -v dockerd): put /usr/local/sbin first"
echo "install-docker-engine: installed $("$DOCKERD" --version) from $deb"
