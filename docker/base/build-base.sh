#!/usr/bin/env bash
# Builds, without any image registry, the base image docker/Dockerfile is written for: a local stand-in for
# quay.io/keycloak/keycloak:<keycloak.dist.version>, tagged with that very name so that docker/Dockerfile builds unchanged
# against it. It copies the official image's layout: the distribution at /opt/keycloak owned by uid 1000 and group 0
# and group-writable (for arbitrary uids, as on OpenShift), a data/ folder, user 1000 ("keycloak"), kc.sh as the
# entrypoint, ports 8080/8443/9000, KC_RUN_IN_CONTAINER=true. The official image runs UBI 9 with Java 21; this one
# Debian bookworm with its Java 17, which Keycloak 26 still supports.
#
#   1. a Debian bookworm root file system with openjdk-17-jre-headless (debootstrap, one to several minutes; cached
#      as a tarball under $STOREZERO_CACHE, default ~/.cache/storezero, so later runs skip it);
#   2. the Keycloak distribution zip from the local Maven repository laid on top at /opt/keycloak;
#   3. one `docker import` of the result, with the official image's settings: one layer, no docker build, because
#      every layer costs a full copy under the vfs storage driver CI uses (steps 1 and 3: docker/base/rootfs.sh, shared
#      with build-postgres.sh and build-haproxy.sh).
#
# It installs nothing: it needs root, a running Docker engine, debootstrap with gpgv and the Debian archive keyring
# (debian-archive-keyring: every download is verified), unzip, and the zip in ~/.m2 (a build of
# this repository puts it there). .ci/run installs the engine and debootstrap on a fresh Debian machine and calls it.
# Does nothing when the image exists; STOREZERO_REBUILD_BASE=true rebuilds it (from the cached root file system).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
version=$(sed -n 's:.*<keycloak.dist.version>\(.*\)</keycloak.dist.version>.*:\1:p' "$root/pom.xml" | head -n 1)
log() { echo "[build-base] $*"; }
# shellcheck source=docker/base/rootfs.sh
. "$here/rootfs.sh"
base_image=quay.io/keycloak/keycloak:$version
zip=${STOREZERO_KEYCLOAK_ZIP:-$HOME/.m2/repository/org/keycloak/keycloak-quarkus-dist/$version/keycloak-quarkus-dist-$version.zip}

begin_image "$base_image" "the local stand-in"
[ -s "$zip" ] || { echo "no Keycloak distribution at $zip: run ./mvnw -B -DskipTests package first" >&2; exit 1; }

bookworm_rootfs "$cache/bookworm-jre17-rootfs.tar" openjdk-17-jre-headless "$work/rootfs"
log "laying keycloak-quarkus-dist $version on the bookworm root file system"
unzip -q "$zip" -d "$work"
mv "$work/keycloak-$version" "$work/rootfs/opt/keycloak"
mkdir -p "$work/rootfs/opt/keycloak/data"
chown -R 1000:0 "$work/rootfs/opt/keycloak"
chmod -R g+rwX "$work/rootfs/opt/keycloak"
echo "keycloak:x:1000:0:keycloak user:/opt/keycloak:/usr/sbin/nologin" >>"$work/rootfs/etc/passwd"

log "importing it as $base_image (the local stand-in for the official image)"
import_rootfs "$work/rootfs" "$base_image" \
  --change 'ENV LANG=C.UTF-8' \
  --change 'ENV KC_RUN_IN_CONTAINER=true' \
  --change 'USER 1000' \
  --change 'EXPOSE 8080 8443 9000' \
  --change 'ENTRYPOINT ["/opt/keycloak/bin/kc.sh"]'
