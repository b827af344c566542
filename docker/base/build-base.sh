#!/usr/bin/env bash
# Builds, without any image registry, the base image docker/Dockerfile is written for: a local stand-in for
# quay.io/keycloak/keycloak:<keycloak.version> with the official image's layout (see docker/base/Dockerfile), tagged
# with that very name so that docker/Dockerfile builds unchanged against it.
#
#   1. a Debian bookworm root file system with Java 17 (debootstrap, about a minute; cached as a tarball under
#      $STOREZERO_CACHE, default ~/.cache/storezero, so later runs skip it), imported as storezero/bookworm-jre17;
#   2. the Keycloak distribution zip from the local Maven repository, laid on top at /opt/keycloak.
#
# It installs nothing: it needs a running Docker engine, debootstrap, unzip, and the zip in ~/.m2 (any build of this
# repository puts it there). .ci/run installs the engine and debootstrap on a fresh Debian machine and calls it.
# Does nothing when the images already exist; STOREZERO_REBUILD_BASE=true rebuilds the Keycloak layer.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
version=$(sed -n 's:.*<keycloak.version>\(.*\)</keycloak.version>.*:\1:p' "$root/pom.xml" | head -n 1)
cache=${STOREZERO_CACHE:-$HOME/.cache/storezero}
jre_image=storezero/bookworm-jre17:1
base_image=quay.io/keycloak/keycloak:$version
rootfs_tar=$cache/bookworm-jre17-rootfs.tar
zip=${STOREZERO_KEYCLOAK_ZIP:-$HOME/.m2/repository/org/keycloak/keycloak-quarkus-dist/$version/keycloak-quarkus-dist-$version.zip}

log() { echo "[build-base] $*"; }

if docker image inspect "$base_image" >/dev/null 2>&1 && [ "${STOREZERO_REBUILD_BASE:-false}" != true ]; then
  log "$base_image present (the local stand-in); nothing to do"
  exit 0
fi

if ! docker image inspect "$jre_image" >/dev/null 2>&1; then
  if [ ! -s "$rootfs_tar" ]; then
    command -v debootstrap >/dev/null || { echo "debootstrap is missing (apt-get install debootstrap)" >&2; exit 1; }
    mkdir -p "$cache"
    work=$(mktemp -d "$cache/rootfs.XXXXXX")
    trap 'rm -rf "$work"' EXIT
    log "debootstrap bookworm with openjdk-17-jre-headless into $work (about a minute)"
    debootstrap --variant=minbase --include=openjdk-17-jre-headless bookworm "$work/rootfs" \
      "${STOREZERO_DEBIAN_MIRROR:-http://deb.debian.org/debian}" >"$work/debootstrap.log" 2>&1 \
      || { tail -n 30 "$work/debootstrap.log" >&2; exit 1; }
    # Downloaded packages and indexes are not needed at run time: keep the image and the cache small.
    rm -rf "$work/rootfs/var/cache/apt/archives/"*.deb "$work/rootfs/var/lib/apt/lists/"* "$work/rootfs/var/log/"*
    tar -C "$work/rootfs" --numeric-owner -cf "$rootfs_tar.part" .
    mv "$rootfs_tar.part" "$rootfs_tar"
    rm -rf "$work"
    trap - EXIT
  fi
  log "importing $rootfs_tar as $jre_image"
  docker import "$rootfs_tar" "$jre_image" >/dev/null
fi

[ -s "$zip" ] || { echo "no Keycloak distribution at $zip: run ./mvnw -B -DskipTests package first" >&2; exit 1; }
context=$(mktemp -d)
trap 'rm -rf "$context"' EXIT
unzip -q "$zip" -d "$context"
cp "$root/docker/base/Dockerfile" "$context/Dockerfile"
log "laying keycloak-quarkus-dist $version on top as $base_image"
docker build -q --build-arg "JRE_IMAGE=$jre_image" --build-arg "KEYCLOAK_VERSION=$version" -t "$base_image" "$context" >/dev/null
log "built $base_image (local stand-in for the official image)"
