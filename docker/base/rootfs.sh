# shellcheck shell=bash
# Sourced by the docker/base/build-*.sh scripts: a Debian bookworm root file system made by debootstrap, cached as a
# tarball under $STOREZERO_CACHE (default ~/.cache/storezero), and one `docker import` of a prepared tree. No docker
# build, no layers: every layer costs a full copy under the vfs storage driver CI uses.
cache=${STOREZERO_CACHE:-$HOME/.cache/storezero}

# bookworm_rootfs TARBALL PACKAGES DIR: DIR holds a bookworm root file system with PACKAGES (comma separated),
# unpacked from TARBALL, which debootstrap makes first when it is not cached yet.
bookworm_rootfs() {
  local tarball=$1 packages=$2 dir=$3 tmp
  if [ ! -s "$tarball" ]; then
    command -v debootstrap >/dev/null || { echo "debootstrap is missing (apt-get install debootstrap)" >&2; return 1; }
    mkdir -p "$(dirname "$tarball")"
    tmp=$(mktemp -d "$(dirname "$tarball")/debootstrap.XXXXXX")
    log "debootstrap bookworm with $packages (cached afterwards as $tarball)"
    debootstrap --variant=minbase --include="$packages" bookworm "$tmp/rootfs" \
      "${STOREZERO_DEBIAN_MIRROR:-http://deb.debian.org/debian}" >"$tmp/debootstrap.log" 2>&1 \
      || { tail -n 30 "$tmp/debootstrap.log" >&2; rm -rf "$tmp"; return 1; }
    # Downloaded packages and indexes are not needed at run time: keep the image and the cache small.
    rm -rf "$tmp/rootfs/var/cache/apt/archives/"*.deb "$tmp/rootfs/var/lib/apt/lists/"* "$tmp/rootfs/var/log/"*
    tar -C "$tmp/rootfs" --numeric-owner -cf "$tarball.part" .
    mv "$tarball.part" "$tarball"
    rm -rf "$tmp"
  fi
  mkdir -p "$dir"
  tar -C "$dir" --numeric-owner -xf "$tarball"
}

# import_rootfs DIR IMAGE [--change ...]: DIR as the one layer of IMAGE.
import_rootfs() {
  local dir=$1 image=$2
  shift 2
  tar -C "$dir" --numeric-owner -c . | docker import "$@" - "$image" >/dev/null
  log "built $image"
}

# begin_image IMAGE [WHAT]: ends the calling script when IMAGE exists and no rebuild is asked for
# (STOREZERO_REBUILD_BASE=true); otherwise makes the work folder $work, removed when the script exits.
begin_image() {
  if docker image inspect "$1" >/dev/null 2>&1 && [ "${STOREZERO_REBUILD_BASE:-false}" != true ]; then
    log "$1 present${2:+ ($2)}; nothing to do"
    exit 0
  fi
  mkdir -p "$cache"
  work=$(mktemp -d "$cache/work.XXXXXX")
  # shellcheck disable=SC2064 # $work is fixed now
  trap "rm -rf '$work'" EXIT
}
