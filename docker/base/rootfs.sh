# shellcheck shell=bash
# Sourced by the docker/base/build-*.sh scripts: a Debian bookworm root file system made by debootstrap, cached as a
# tarball under $STOREZERO_CACHE (default ~/.cache/storezero), and one `docker import` of a prepared tree. No docker
# build, no layers: every layer costs a full copy under the vfs storage driver CI uses.
cache=${STOREZERO_CACHE:-$HOME/.cache/storezero}

# The keys the Debian archive's Release files are signed with (package debian-archive-keyring). debootstrap checks
# every download against them and aborts on a missing or bad signature (--force-check-gpg): no unverified package
# ever reaches an image.
debian_keyring=${STOREZERO_DEBIAN_KEYRING:-/usr/share/keyrings/debian-archive-keyring.gpg}

# bookworm_rootfs TARBALL PACKAGES DIR: DIR holds a bookworm root file system with PACKAGES (comma separated),
# unpacked from TARBALL, which debootstrap makes first when it is not cached yet. A tarball without its .verified
# stamp (made before signatures were enforced) is made again.
bookworm_rootfs() {
  local tarball=$1 packages=$2 dir=$3 tmp
  if [ ! -s "$tarball" ] || [ ! -e "$tarball.verified" ]; then
    command -v debootstrap >/dev/null || { echo "debootstrap is missing (apt-get install debootstrap)" >&2; return 1; }
    [ -s "$debian_keyring" ] || {
      echo "the Debian archive keyring $debian_keyring is missing: debootstrap could not verify what it downloads" \
        "(apt-get install debian-archive-keyring, or point STOREZERO_DEBIAN_KEYRING at the keyring)" >&2
      return 1
    }
    command -v gpgv >/dev/null || { echo "gpgv is missing: debootstrap needs it to verify signatures (apt-get install gpgv)" >&2; return 1; }
    mkdir -p "$(dirname "$tarball")"
    rm -f "$tarball" "$tarball.verified"
    tmp=$(mktemp -d "$(dirname "$tarball")/debootstrap.XXXXXX")
    log "debootstrap bookworm with $packages, signatures checked against $debian_keyring (cached afterwards as $tarball)"
    debootstrap --variant=minbase --include="$packages" --keyring="$debian_keyring" --force-check-gpg bookworm "$tmp/rootfs" \
      "${STOREZERO_DEBIAN_MIRROR:-http://deb.debian.org/debian}" >"$tmp/debootstrap.log" 2>&1 \
      || { tail -n 30 "$tmp/debootstrap.log" >&2; rm -rf "$tmp"; return 1; }
    # Downloaded packages and indexes are not needed at run time: keep the image and the cache small.
    rm -rf "$tmp/rootfs/var/cache/apt/archives/"*.deb "$tmp/rootfs/var/lib/apt/lists/"* "$tmp/rootfs/var/log/"*
    tar -C "$tmp/rootfs" --numeric-owner -cf "$tarball.part" .
    mv "$tarball.part" "$tarball"
    : >"$tarball.verified"
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
