#!/usr/bin/env bash
# Build the local Docker images the integration tests run on.
#
#   orchgen-test/busybox:1   a static busybox with the applets test stacks use
#                            (sh, wget, nc, httpd, ...); for Compose tests.
#   orchgen-test/systemd:2   Debian bookworm (minbase) with systemd as PID 1,
#                            dbus, python3, procps and busybox; for live
#                            systemd unit tests.
#   orchgen-test/bare:1      dash as /bin/sh and busybox httpd, with no curl,
#                            wget, nc, bash or python3, as in minimal images
#                            (busybox's own sh would run its wget and nc
#                            applets even without links); and
#   orchgen-test/bash-only:1 the same with bash (ollama and qdrant images have
#                            bash and no curl, wget or nc); for health checks
#                            in images without the usual tools.
#   orchgen-test/python-only:1  the systemd image without curl, nc, busybox
#                            and bash: python3 is the only way to probe.
#
# No image registry is needed: both images are made with `docker import`
# from a root folder built on this machine. An image that already exists is
# left alone (delete it with `docker rmi` to rebuild). The debootstrap root
# is cached under /var/cache/orchgen-test/ so a rebuild of the systemd image
# does not download the packages again.
#
# Environment:
#   ORCHGEN_DEBIAN_MIRROR   Debian mirror for debootstrap (default: the one
#                           apt on this machine uses)
#   ORCHGEN_DEBIAN_SUITE    suite (default: bookworm)
#   ORCHGEN_TEST_CACHE      cache folder (default: /var/cache/orchgen-test)
#   ORCHGEN_VERIFY_IMAGES=1 run the image checks even when nothing was built
set -euo pipefail

BUSYBOX_IMAGE=orchgen-test/busybox:1
SYSTEMD_IMAGE=orchgen-test/systemd:2
BARE_IMAGE=orchgen-test/bare:1
BASH_ONLY_IMAGE=orchgen-test/bash-only:1
PYTHON_ONLY_IMAGE=orchgen-test/python-only:1
BARE_APPLETS=(httpd sleep mkdir echo cat)
SUITE=${ORCHGEN_DEBIAN_SUITE:-bookworm}
CACHE=${ORCHGEN_TEST_CACHE:-/var/cache/orchgen-test}
SYSTEMD_PACKAGES=systemd,systemd-sysv,dbus,python3,procps,busybox-static,curl,netcat-openbsd
BUSYBOX_APPLETS=(
  sh wget nc httpd sleep cat env echo printf ls mkdir rm kill date true false test grep
  head tail touch ps id wc sed cp mv ln chmod pwd hostname seq
)
# Units masked in the image. systemd 252 boots to `running` here without any
# mask; these only keep background jobs (apt downloads, fs scans) and login
# prompts out of test runs, and first-boot setup from ever waiting for input.
SYSTEMD_MASKED_UNITS=(
  systemd-firstboot.service
  getty.target
  console-getty.service
  apt-daily.timer
  apt-daily-upgrade.timer
  dpkg-db-backup.timer
  e2scrub_all.timer
  fstrim.timer
)

log() { printf 'build-test-images: %s\n' "$*"; }
die() { printf 'build-test-images: error: %s\n' "$*" >&2; exit 1; }

image_exists() { docker image inspect "$1" >/dev/null 2>&1; }

# --------------------------------------------------------------------------
# busybox

build_busybox_image() {
  local busybox=/bin/busybox
  [ -x "$busybox" ] || die "$busybox not found (apt-get install busybox-static)"
  if ldd "$busybox" >/dev/null 2>&1; then
    die "$busybox is dynamically linked; install busybox-static"
  fi

  local work
  work=$(mktemp -d /tmp/orchgen-busybox.XXXXXX)
  local root=$work/rootfs
  mkdir -p "$root"/{bin,usr/bin,etc,tmp,root,var/run}
  chmod 1777 "$root/tmp"
  cp "$busybox" "$root/bin/busybox"
  local applet
  for applet in "${BUSYBOX_APPLETS[@]}"; do
    ln -sf busybox "$root/bin/$applet"
  done
  # Scripts often start with #!/usr/bin/env.
  ln -sf ../../bin/busybox "$root/usr/bin/env"
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' \
    >"$root/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"

  tar --numeric-owner -C "$root" -c . |
    docker import \
      --change 'CMD ["/bin/sh"]' \
      --change 'ENV PATH=/bin:/usr/bin' \
      --message 'orchgen test image: static busybox' \
      - "$BUSYBOX_IMAGE" >/dev/null
  rm -rf "$work"
}

verify_busybox_image() {
  local out
  out=$(docker run --rm --network host "$BUSYBOX_IMAGE" sh -c 'echo ok')
  [ "$out" = ok ] || die "$BUSYBOX_IMAGE: expected 'ok', got '$out'"
  log "$BUSYBOX_IMAGE: sh -c 'echo ok' -> $out"
}

# --------------------------------------------------------------------------
# systemd

# Print the Debian mirror apt on this machine uses for $SUITE: the first
# enabled `deb` entry (one-line *.list or deb822 *.sources) that lists it.
detect_debian_mirror() {
  local files=()
  [ -f /etc/apt/sources.list ] && files+=(/etc/apt/sources.list)
  local f
  for f in /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] && files+=("$f")
  done
  [ "${#files[@]}" -gt 0 ] || return 0
  local uri
  for f in "${files[@]}"; do
    uri=$(case "$f" in
      *.sources)
        awk -v suite="$SUITE" '
          function flush() {
            if (types ~ /(^| )deb( |$)/ && (" " suites " ") ~ (" " suite " ") &&
                tolower(enabled) != "no" && uris != "") { split(uris, u, " "); print u[1]; found = 1; exit }
            types = ""; suites = ""; uris = ""; enabled = ""
          }
          /^[ \t]*#/ { next }
          /^[ \t]*$/ { flush(); next }
          {
            key = tolower($1); sub(/:$/, "", key)
            val = $0; sub(/^[^:]*:[ \t]*/, "", val)
            if (key == "types") types = val
            else if (key == "suites") suites = val
            else if (key == "uris") uris = val
            else if (key == "enabled") enabled = val
          }
          END { if (!found) flush() }
        ' "$f"
        ;;
      *)
        awk -v suite="$SUITE" '
          /^[ \t]*#/ { next }
          $1 == "deb" {
            i = 2
            if ($i ~ /^\[/) { while (i <= NF && $i !~ /\]$/) i++; i++ }
            if ($(i + 1) == suite) { print $i; exit }
          }
        ' "$f"
        ;;
    esac)
    if [ -n "$uri" ]; then
      printf '%s\n' "$uri"
      return 0
    fi
  done
}

# debootstrap does not read apt's configuration: hand it apt's HTTP proxy.
export_apt_proxy() {
  local proxy=""
  eval "$(apt-config shell proxy Acquire::http::Proxy 2>/dev/null || true)"
  if [ -n "$proxy" ] && [ -z "${http_proxy:-}" ]; then
    export http_proxy=$proxy
    log "using apt's HTTP proxy for debootstrap"
  fi
}

# Fail rather than archive a host filesystem by mistake.
assert_nothing_mounted_under() {
  local root
  root=$(realpath "$1")
  if awk -v r="$root/" '($2 "/") ~ ("^" r) { found = 1 } END { exit !found }' /proc/mounts; then
    die "something is still mounted under $root; unmount it first"
  fi
}

bootstrap_systemd_root() {
  local root=$1
  local stamp="$SUITE $SYSTEMD_PACKAGES"
  if [ -f "$root/.orchgen-bootstrap" ] && [ "$(cat "$root/.orchgen-bootstrap")" = "$stamp" ]; then
    log "reusing cached debootstrap root $root"
    return 0
  fi
  command -v debootstrap >/dev/null 2>&1 || die "debootstrap not found (apt-get install debootstrap)"

  local mirror=${ORCHGEN_DEBIAN_MIRROR:-}
  if [ -z "$mirror" ]; then
    mirror=$(detect_debian_mirror)
  fi
  if [ -z "$mirror" ]; then
    mirror=http://deb.debian.org/debian
    log "no apt source for $SUITE found; falling back to $mirror"
  fi
  export_apt_proxy

  local tmp=$root.partial
  if [ -d "$tmp" ]; then
    assert_nothing_mounted_under "$tmp"
    rm -rf "$tmp"
  fi
  if [ -d "$root" ]; then
    assert_nothing_mounted_under "$root"
    rm -rf "$root"
  fi
  mkdir -p "$(dirname "$root")"
  log "debootstrap $SUITE from $mirror (packages: $SYSTEMD_PACKAGES)"
  local start=$SECONDS
  if ! debootstrap --variant=minbase --include="$SYSTEMD_PACKAGES" \
      "$SUITE" "$tmp" "$mirror" >"$CACHE/debootstrap.log" 2>&1; then
    tail -n 40 "$CACHE/debootstrap.log" >&2 || true
    [ -f "$tmp/debootstrap/debootstrap.log" ] && tail -n 40 "$tmp/debootstrap/debootstrap.log" >&2
    die "debootstrap failed (full log: $CACHE/debootstrap.log)"
  fi
  assert_nothing_mounted_under "$tmp"
  printf '%s' "$stamp" >"$tmp/.orchgen-bootstrap"
  mv "$tmp" "$root"
  log "debootstrap done in $((SECONDS - start))s"
}

# Adjust the root for running systemd as PID 1 in a container. Idempotent.
configure_systemd_root() {
  local root=$1
  local unit
  # Debian's minbase root has no masks of its own: drop earlier ones so the
  # list above is the whole truth.
  find "$root/etc/systemd/system" -maxdepth 1 -lname /dev/null -delete
  for unit in "${SYSTEMD_MASKED_UNITS[@]}"; do
    ln -sfn /dev/null "$root/etc/systemd/system/$unit"
  done
  # An empty machine-id: systemd makes a transient one at each start and
  # does not run first-boot setup.
  : >"$root/etc/machine-id"
  rm -f "$root/var/lib/dbus/machine-id"
  ln -s /etc/machine-id "$root/var/lib/dbus/machine-id"
  # Journal in memory only, so a container leaves nothing behind.
  mkdir -p "$root/etc/systemd/journald.conf.d"
  printf '[Journal]\nStorage=volatile\n' >"$root/etc/systemd/journald.conf.d/orchgen-test.conf"
  # Downloaded packages are not needed in the image.
  rm -f "$root"/var/cache/apt/archives/*.deb "$root"/var/cache/apt/*.bin
}

build_systemd_image() {
  local root=$CACHE/$SUITE-systemd-root
  mkdir -p "$CACHE"
  bootstrap_systemd_root "$root"
  configure_systemd_root "$root"
  assert_nothing_mounted_under "$root"
  log "importing $root as $SYSTEMD_IMAGE"
  tar --numeric-owner --exclude=./.orchgen-bootstrap --exclude=./debootstrap \
      -C "$root" -c . |
    docker import \
      --change 'CMD ["/lib/systemd/systemd"]' \
      --change 'ENV container=docker' \
      --message "orchgen test image: Debian $SUITE with systemd" \
      - "$SYSTEMD_IMAGE" >/dev/null
}

# Boot the image as the tests do and wait for systemd to settle.
verify_systemd_image() {
  local name=orchgen-verify-systemd-$$
  docker rm -f "$name" >/dev/null 2>&1 || true
  docker run -d --name "$name" \
    --cap-add SYS_ADMIN --security-opt seccomp=unconfined --network host \
    --cgroupns private --tmpfs /run --tmpfs /run/lock \
    -e container=docker "$SYSTEMD_IMAGE" /lib/systemd/systemd >/dev/null
  local start=$SECONDS state="" rc=0
  # systemctl cannot connect until PID 1 has set up its bus socket: retry
  # until it answers, then let --wait block until the boot has settled.
  while [ $((SECONDS - start)) -lt 120 ]; do
    state=$(timeout 120 docker exec "$name" systemctl is-system-running --wait 2>&1) || true
    case "$state" in
      running | degraded | maintenance | stopping | offline) break ;;
    esac
    [ "$(docker inspect -f '{{.State.Running}}' "$name" 2>/dev/null)" = true ] || break
    sleep 0.5
  done
  local version
  version=$(docker exec "$name" systemctl --version 2>/dev/null | head -n 1 || true)
  case "$state" in
    running)
      log "$SYSTEMD_IMAGE: system running after $((SECONDS - start))s ($version)"
      ;;
    degraded)
      log "$SYSTEMD_IMAGE: system degraded after $((SECONDS - start))s; failed units:"
      docker exec "$name" systemctl --failed --no-legend --no-pager 2>&1 | sed 's/^/  /'
      ;;
    *)
      log "$SYSTEMD_IMAGE: systemd did not settle (state: ${state:-none}); container log:"
      docker logs --tail 40 "$name" 2>&1 | sed 's/^/  /' >&2
      docker exec "$name" systemctl list-jobs --no-pager 2>&1 | sed 's/^/  /' >&2 || true
      rc=1
      ;;
  esac
  docker rm -f "$name" >/dev/null 2>&1 || true
  [ "$rc" -eq 0 ] || die "$SYSTEMD_IMAGE does not boot"
}

# --------------------------------------------------------------------------
# images without the usual probe tools

# Copy a dynamically linked program and the shared libraries it loads.
copy_with_libraries() {
  local program=$1 root=$2 target=$3 lib
  cp "$program" "$root$target"
  for lib in $(ldd "$program" | grep -o '/[^ ]*'); do
    mkdir -p "$root$(dirname "$lib")"
    cp -L "$lib" "$root$lib"
  done
}

# A root with dash as /bin/sh and a few busybox applets; with "bash", also
# /bin/bash.
build_minimal_image() {
  local image=$1 with_bash=${2:-}
  local work
  work=$(mktemp -d /tmp/orchgen-minimal.XXXXXX)
  local root=$work/rootfs
  mkdir -p "$root"/{bin,etc,tmp,root}
  chmod 1777 "$root/tmp"
  cp /bin/busybox "$root/bin/busybox"
  local applet
  for applet in "${BARE_APPLETS[@]}"; do
    ln -sf busybox "$root/bin/$applet"
  done
  copy_with_libraries /bin/dash "$root" /bin/sh
  [ "$with_bash" = bash ] && copy_with_libraries /bin/bash "$root" /bin/bash
  printf 'root:x:0:0:root:/root:/bin/sh\n' >"$root/etc/passwd"
  tar --numeric-owner -C "$root" -c . |
    docker import --change 'CMD ["/bin/sh"]' --change 'ENV PATH=/bin' \
      --message "orchgen test image: dash${with_bash:+ and bash}, no probe tools" \
      - "$image" >/dev/null
  rm -rf "$work"
}

build_python_only_image() {
  local name=orchgen-build-python-only-$$
  docker rm -f "$name" >/dev/null 2>&1 || true
  docker run --name "$name" "$SYSTEMD_IMAGE" /bin/sh -c \
    'rm -f /usr/bin/curl /usr/bin/wget /bin/nc /usr/bin/nc /bin/nc.openbsd /usr/bin/nc.openbsd /bin/busybox /usr/bin/busybox /bin/bash /usr/bin/bash' >/dev/null
  docker commit --change 'CMD ["/bin/sh"]' "$name" "$PYTHON_ONLY_IMAGE" >/dev/null
  docker rm -f "$name" >/dev/null
}

# What each image must (not) have; a probe tool left behind would hide a bug.
verify_probe_tool_images() {
  local image tools
  for image in "$BARE_IMAGE" "$BASH_ONLY_IMAGE" "$PYTHON_ONLY_IMAGE"; do
    tools=$(docker run --rm --network none "$image" sh -c \
      'for t in curl wget nc bash python3; do command -v $t >/dev/null 2>&1 && printf "%s " $t; done; true')
    log "$image: probe tools: ${tools:-none}"
    case "$image:$tools" in
      "$BARE_IMAGE:" | "$BASH_ONLY_IMAGE:bash " | "$PYTHON_ONLY_IMAGE:python3 ") ;;
      *) die "$image has the wrong probe tools: '${tools}'" ;;
    esac
  done
}

build_probe_tool_images() {
  local built=0
  if ! image_exists "$BARE_IMAGE"; then build_minimal_image "$BARE_IMAGE"; built=1; fi
  if ! image_exists "$BASH_ONLY_IMAGE"; then build_minimal_image "$BASH_ONLY_IMAGE" bash; built=1; fi
  if ! image_exists "$PYTHON_ONLY_IMAGE"; then build_python_only_image; built=1; fi
  if [ "$built" = 1 ] || [ "${ORCHGEN_VERIFY_IMAGES:-0}" = 1 ]; then verify_probe_tool_images; else log "images without probe tools already present"; fi
}

# --------------------------------------------------------------------------

main() {
  docker info >/dev/null 2>&1 || die "the Docker engine does not answer (run scripts/ci/start-docker.sh)"
  local verify_all=${ORCHGEN_VERIFY_IMAGES:-0} start

  if image_exists "$BUSYBOX_IMAGE"; then
    log "$BUSYBOX_IMAGE already present"
    [ "$verify_all" = 1 ] && verify_busybox_image
  else
    start=$SECONDS
    log "building $BUSYBOX_IMAGE"
    build_busybox_image
    log "$BUSYBOX_IMAGE built in $((SECONDS - start))s"
    verify_busybox_image
  fi

  if image_exists "$SYSTEMD_IMAGE"; then
    log "$SYSTEMD_IMAGE already present"
    [ "$verify_all" = 1 ] && verify_systemd_image
  else
    start=$SECONDS
    log "building $SYSTEMD_IMAGE"
    build_systemd_image
    log "$SYSTEMD_IMAGE built in $((SECONDS - start))s"
    verify_systemd_image
  fi

  build_probe_tool_images
  return 0
}

main "$@"
