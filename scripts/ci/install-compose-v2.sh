#!/usr/bin/env bash
# Install Compose v2 (`docker compose`, the Docker CLI plugin) from Debian 13
# (trixie) on a Debian 12 machine, without mixing releases system-wide.
#
# Debian 12 has only Compose v1; trixie's docker-compose package is a static
# Go binary that runs here. The package is fetched and unpacked by
# debian-package.sh; the plugin binary alone is copied to
# /usr/local/lib/docker/cli-plugins, a folder every Docker CLI (Debian's
# 20.10 and upstream's newer ones) searches for plugins.
#
# Safe to run again: when `docker compose version` already answers, it does
# nothing.
set -euo pipefail

PLUGIN_DIR=/usr/local/lib/docker/cli-plugins

fail() {
  echo "install-compose-v2: $*" >&2
  exit 1
}

# shellcheck source=debian-package.sh
. "$(dirname "${BASH_SOURCE[0]}")/debian-package.sh"

if docker compose version >/dev/null 2>&1; then
  echo "install-compose-v2: already installed ($(docker compose version --short))"
  exit 0
fi

[ "$(id -u)" -eq 0 ] || fail "must run as root (it writes $PLUGIN_DIR)"
command -v docker >/dev/null 2>&1 || fail "docker CLI not found (apt-get install docker.io)"

WORK=$(mktemp -d /tmp/orchgen-compose-v2.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
deb=$(fetch_debian_package docker-compose "$WORK")
binary="$WORK/root/usr/libexec/docker/cli-plugins/docker-compose"
[ -x "$binary" ] || fail "$deb has no usr/libexec/docker/cli-plugins/docker-compose"

install -d "$PLUGIN_DIR"
install -m 755 "$binary" "$PLUGIN_DIR/docker-compose"

docker compose version >/dev/null 2>&1 || fail "copied to $PLUGIN_DIR but \`docker compose version\` does not answer ($(command -v docker))"
echo "install-compose-v2: installed $(docker compose version --short) from $deb"
