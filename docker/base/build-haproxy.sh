#!/usr/bin/env bash
# Builds storezero/haproxy:2.6-bookworm, the load balancer of docker/compose.cluster.yml, without any image registry:
# Debian bookworm's haproxy 2.6 (the package `./storezero cluster` runs on the host), one `docker import` of a
# debootstrap root file system (docker/base/rootfs.sh). In real life, pull haproxy:2.6 instead (docs/production.md).
#
# The image only holds HAProxy; its configuration is the runner's (runner/cluster/haproxy.cfg.tpl, rendered by
# runner/cluster/haproxy-cfg.sh), which the compose file mounts. Runs as user haproxy. Does nothing when the image
# exists; STOREZERO_REBUILD_BASE=true rebuilds it.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
log() { echo "[build-haproxy] $*"; }
# shellcheck source=docker/base/rootfs.sh
. "$here/rootfs.sh"
image=storezero/haproxy:2.6-bookworm

begin_image "$image"
bookworm_rootfs "$cache/bookworm-haproxy26-rootfs.tar" haproxy "$work/rootfs"
import_rootfs "$work/rootfs" "$image" \
  --change 'ENV LANG=C.UTF-8' \
  --change 'USER haproxy' \
  --change 'EXPOSE 8080 8404' \
  --change 'ENTRYPOINT ["haproxy", "-db"]' \
  --change 'CMD ["-f", "/etc/haproxy/haproxy.cfg"]'
