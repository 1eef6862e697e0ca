#!/usr/bin/env bash
# Install Compose v2 (`docker compose`, the Docker CLI plugin) from Debian 13
# (trixie) on a Debian 12 machine, without mixing releases system-wide.
#
# Debian 12 has only Compose v1; trixie's docker-compose package is a static
# Go binary that runs here. The package is fetched with a throwaway apt state
# (its own sources list, lists and cache folders under a temp folder), so the
# system's apt sources, lists and cache are untouched; nothing is installed
# through dpkg: the plugin binary alone is copied to
# /usr/local/lib/docker/cli-plugins, a folder every Docker CLI (Debian's
# 20.10 and upstream's newer ones) searches for plugins.
#
# trixie's Release file is signed with the "13/trixie" archive keys, which
# bookworm's debian-archive-keyring (2023.3+deb12u1 and later) already ships
# in /usr/share/keyrings/debian-archive-keyring.gpg; the script checks that
# and names the fix when they are missing.
#
# Safe to run again: when `docker compose version` already answers, it does
# nothing. Variables: ORCHGEN_COMPOSE_MIRROR (default: the first Debian mirror
# configured in /etc/apt), ORCHGEN_COMPOSE_SUITE (default trixie).
set -euo pipefail

PLUGIN_DIR=/usr/local/lib/docker/cli-plugins
KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
SUITE=${ORCHGEN_COMPOSE_SUITE:-trixie}

fail() {
  echo "install-compose-v2: $*" >&2
  exit 1
}

if docker compose version >/dev/null 2>&1; then
  echo "install-compose-v2: already installed ($(docker compose version --short))"
  exit 0
fi

[ "$(id -u)" -eq 0 ] || fail "must run as root (it writes $PLUGIN_DIR)"
command -v docker >/dev/null 2>&1 || fail "docker CLI not found (apt-get install docker.io)"
[ -r "$KEYRING" ] || fail "$KEYRING missing (apt-get install debian-archive-keyring)"

# The trixie keys must be in the keyring, or apt rejects trixie's Release
# (without gpg to look, apt's own error says it).
if command -v gpg >/dev/null 2>&1 && ! gpg --batch --no-default-keyring --keyring "$KEYRING" --list-keys 2>/dev/null | grep -q '(13/trixie)'; then
  fail "$KEYRING has no 13/trixie keys (apt-get install --only-upgrade debian-archive-keyring: bookworm's 2023.3+deb12u1 or later has them)"
fi

# The Debian mirror the system already uses, from deb822 (.sources) or
# one-line (.list) files.
configured_mirror() {
  local files=(/etc/apt/sources.list.d/*.sources /etc/apt/sources.list /etc/apt/sources.list.d/*.list)
  local f
  for f in "${files[@]}"; do
    [ -r "$f" ] || continue
    awk '
      /^[[:space:]]*#/ { next }
      tolower($1) == "uris:" { for (i = 2; i <= NF; i++) print $i }
      $1 == "deb" { for (i = 2; i <= NF; i++) if ($i !~ /^\[/ && $i !~ /\]$/) { print $i; break } }
    ' "$f"
  done | grep -E '/debian/?$' | head -n 1
}

MIRROR=${ORCHGEN_COMPOSE_MIRROR:-$(configured_mirror || true)}
[ -n "$MIRROR" ] || fail "no Debian mirror found in /etc/apt (set ORCHGEN_COMPOSE_MIRROR, e.g. http://deb.debian.org/debian)"

WORK=$(mktemp -d /tmp/orchgen-compose-v2.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/lists/partial" "$WORK/cache/archives/partial" "$WORK/deb"
echo "deb [signed-by=$KEYRING] $MIRROR $SUITE main" >"$WORK/sources.list"

APT_OPTS=(
  -o "Dir::Etc::sourcelist=$WORK/sources.list"
  -o "Dir::Etc::sourceparts=-"
  -o "Dir::State::Lists=$WORK/lists"
  -o "Dir::State::status=/var/lib/dpkg/status"
  -o "Dir::Cache=$WORK/cache"
  -o "Dir::Cache::pkgcache="
  -o "Dir::Cache::srcpkgcache="
  -o "APT::Get::List-Cleanup=false"
)

echo "install-compose-v2: fetching docker-compose from $MIRROR $SUITE"
apt-get "${APT_OPTS[@]}" update -qq >"$WORK/apt.log" 2>&1 || {
  cat "$WORK/apt.log" >&2
  fail "apt-get update of $SUITE failed"
}
(cd "$WORK/deb" && apt-get "${APT_OPTS[@]}" download docker-compose >>"$WORK/apt.log" 2>&1) || {
  cat "$WORK/apt.log" >&2
  fail "apt-get download docker-compose failed"
}

deb=$(find "$WORK/deb" -name 'docker-compose_*.deb' | head -n 1)
[ -n "$deb" ] || fail "no docker-compose .deb was downloaded"
dpkg-deb -x "$deb" "$WORK/root"
binary="$WORK/root/usr/libexec/docker/cli-plugins/docker-compose"
[ -x "$binary" ] || fail "$(basename "$deb") has no usr/libexec/docker/cli-plugins/docker-compose"

install -d "$PLUGIN_DIR"
install -m 755 "$binary" "$PLUGIN_DIR/docker-compose"

docker compose version >/dev/null 2>&1 || fail "copied to $PLUGIN_DIR but \`docker compose version\` does not answer ($(command -v docker))"
echo "install-compose-v2: installed $(docker compose version --short) from $(basename "$deb")"
