#!/usr/bin/env bash
# Builds storezero/postgres:15-bookworm, the PostgreSQL of docker/compose.cluster.yml, without any image registry:
# Debian bookworm's postgresql-15 (the package `./storezero cluster` runs on the host), one `docker import` of a
# debootstrap root file system (docker/base/rootfs.sh). In real life, pull postgres:15 instead (see docs/production.md).
#
# The container runs as user postgres, keeps its data in /var/lib/postgresql/data (a volume), and on its first start
# creates the database and its owner from POSTGRES_DB, POSTGRES_USER and POSTGRES_PASSWORD
# (docker/base/postgres-entrypoint.sh). Does nothing when the image exists; STOREZERO_REBUILD_BASE=true rebuilds it.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
log() { echo "[build-postgres] $*"; }
# shellcheck source=docker/base/rootfs.sh
. "$here/rootfs.sh"
image=storezero/postgres:15-bookworm

begin_image "$image"
bookworm_rootfs "$cache/bookworm-postgresql15-rootfs.tar" postgresql-15 "$work/rootfs"
# The package's own cluster (made by its postinst) is not used: the entrypoint makes one in the volume.
rm -rf "$work/rootfs/etc/postgresql/15/main" "$work/rootfs/var/lib/postgresql/15"
postgres_uid=$(awk -F: '$1 == "postgres" { print $3 ":" $4 }' "$work/rootfs/etc/passwd")
mkdir -p "$work/rootfs/var/lib/postgresql/data"
chown "$postgres_uid" "$work/rootfs/var/lib/postgresql/data"
chmod 700 "$work/rootfs/var/lib/postgresql/data"
install -m 755 "$here/postgres-entrypoint.sh" "$work/rootfs/usr/local/bin/postgres-entrypoint.sh"
import_rootfs "$work/rootfs" "$image" \
  --change 'ENV LANG=C.UTF-8' \
  --change 'ENV PATH=/usr/lib/postgresql/15/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'ENV PGDATA=/var/lib/postgresql/data' \
  --change 'USER postgres' \
  --change 'EXPOSE 5432' \
  --change 'VOLUME /var/lib/postgresql/data' \
  --change 'ENTRYPOINT ["/usr/local/bin/postgres-entrypoint.sh"]'
