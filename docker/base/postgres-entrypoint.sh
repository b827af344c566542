#!/bin/sh
# The entrypoint of storezero/postgres:15-bookworm (docker/base/build-postgres.sh). On the first start (an empty
# $PGDATA) it makes the cluster and the database POSTGRES_DB owned by POSTGRES_USER with POSTGRES_PASSWORD, as the
# official postgres image does; then, and on every later start, it runs the server in the foreground.
set -eu
: "${POSTGRES_USER:?the database owner}" "${POSTGRES_PASSWORD:?its password}" "${POSTGRES_DB:=$POSTGRES_USER}"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  # Socket connections inside the container (this script) are trusted; every TCP connection needs the password.
  initdb -D "$PGDATA" -U postgres -E UTF8 --auth-local=trust --auth-host=scram-sha-256 >/dev/null
  echo "host all all all scram-sha-256" >>"$PGDATA/pg_hba.conf"
  pg_ctl -D "$PGDATA" -w -o "-c listen_addresses='' -c unix_socket_directories=/tmp" start >/dev/null
  # The password goes through stdin, never a command line.
  psql -q -h /tmp -U postgres -v ON_ERROR_STOP=1 -v user="$POSTGRES_USER" -v password="$POSTGRES_PASSWORD" \
    -v db="$POSTGRES_DB" >/dev/null <<'SQL'
CREATE ROLE :"user" LOGIN PASSWORD :'password';
CREATE DATABASE :"db" OWNER :"user" ENCODING 'UTF8';
SQL
  pg_ctl -D "$PGDATA" -w -m fast stop >/dev/null
fi
exec postgres -D "$PGDATA" -c listen_addresses='*' -c unix_socket_directories=/tmp
