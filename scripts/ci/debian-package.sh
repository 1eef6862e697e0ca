# Sourced by the install scripts: fetch one package of another Debian release
# (default trixie) and unpack it, without touching the system's apt state.
#
# The package is downloaded with a throwaway apt state (its own sources list,
# lists and cache folders under a temp folder), so the system's apt sources,
# lists and cache stay as they are, and nothing is installed through dpkg: the
# caller copies the files it needs out of the unpacked tree.
#
# trixie's Release file is signed with the "13/trixie" archive keys, which
# bookworm's debian-archive-keyring (2023.3+deb12u1 and later) already ships in
# /usr/share/keyrings/debian-archive-keyring.gpg; fetch_debian_package checks
# that and names the fix when they are missing.
#
# Variables: ORCHGEN_DEBIAN_PACKAGE_MIRROR (default: the first Debian mirror
# configured in /etc/apt), ORCHGEN_DEBIAN_PACKAGE_SUITE (default trixie).

DEBIAN_PACKAGE_KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
DEBIAN_PACKAGE_SUITE=${ORCHGEN_DEBIAN_PACKAGE_SUITE:-trixie}

# The Debian mirror the system already uses, from deb822 (.sources) or
# one-line (.list) files.
configured_debian_mirror() {
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

# fetch_debian_package PACKAGE WORK: downloads PACKAGE of the suite into WORK
# (an empty folder the caller removes) and unpacks it into WORK/root. Prints
# the .deb's file name. Calls `fail` (defined by the caller) on any error.
fetch_debian_package() {
  local package=$1 work=$2
  [ -r "$DEBIAN_PACKAGE_KEYRING" ] || fail "$DEBIAN_PACKAGE_KEYRING missing (apt-get install debian-archive-keyring)"
  # The suite's keys must be in the keyring, or apt rejects its Release
  # (without gpg to look, apt's own error says it).
  if [ "$DEBIAN_PACKAGE_SUITE" = trixie ] && command -v gpg >/dev/null 2>&1 &&
    ! gpg --batch --no-default-keyring --keyring "$DEBIAN_PACKAGE_KEYRING" --list-keys 2>/dev/null | grep -q '(13/trixie)'; then
    fail "$DEBIAN_PACKAGE_KEYRING has no 13/trixie keys (apt-get install --only-upgrade debian-archive-keyring: bookworm's 2023.3+deb12u1 or later has them)"
  fi
  local mirror=${ORCHGEN_DEBIAN_PACKAGE_MIRROR:-$(configured_debian_mirror || true)}
  [ -n "$mirror" ] || fail "no Debian mirror found in /etc/apt (set ORCHGEN_DEBIAN_PACKAGE_MIRROR, e.g. http://deb.debian.org/debian)"

  mkdir -p "$work/lists/partial" "$work/cache/archives/partial" "$work/deb"
  echo "deb [signed-by=$DEBIAN_PACKAGE_KEYRING] $mirror $DEBIAN_PACKAGE_SUITE main" >"$work/sources.list"
  local apt_opts=(
    -o "Dir::Etc::sourcelist=$work/sources.list"
    -o "Dir::Etc::sourceparts=-"
    -o "Dir::State::Lists=$work/lists"
    -o "Dir::State::status=/var/lib/dpkg/status"
    -o "Dir::Cache=$work/cache"
    -o "Dir::Cache::pkgcache="
    -o "Dir::Cache::srcpkgcache="
    -o "APT::Get::List-Cleanup=false"
  )
  echo "fetching $package from $mirror $DEBIAN_PACKAGE_SUITE" >&2
  apt-get "${apt_opts[@]}" update -qq >"$work/apt.log" 2>&1 || {
    cat "$work/apt.log" >&2
    fail "apt-get update of $DEBIAN_PACKAGE_SUITE failed"
  }
  (cd "$work/deb" && apt-get "${apt_opts[@]}" download "$package" >>"$work/apt.log" 2>&1) || {
    cat "$work/apt.log" >&2
    fail "apt-get download $package failed"
  }
  local deb
  deb=$(find "$work/deb" -name "${package}_*.deb" | head -n 1)
  [ -n "$deb" ] || fail "no $package .deb was downloaded"
  dpkg-deb -x "$deb" "$work/root"
  basename "$deb"
}
