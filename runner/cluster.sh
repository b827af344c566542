# shellcheck shell=bash
# The production topology on one machine, sourced by ./storezero for `./storezero cluster ...`:
#
#   ./storezero cluster start          PostgreSQL, N Keycloak nodes (kc.sh start --optimized), HAProxy, the app
#   ./storezero cluster stop           stop all of it (by the PIDs start recorded)
#   ./storezero cluster status         each node's own URL and health, PostgreSQL, HAProxy (per node), the app
#   ./storezero cluster stop-node N    stop Keycloak node N only (start brings it back): rolling restarts, tests
#   ./storezero cluster reset          stop, then delete the cluster's database (the next start imports the realms)
#
# PostgreSQL is Debian's (`apt-get install postgresql haproxy`), with its own data directory under the state folder
# and its own loopback port, so a system PostgreSQL is neither used nor disturbed; as root it runs as user postgres.
# Keycloak is built once for PostgreSQL (kc.sh build) from the server module's distribution with the bundle's jars;
# every node starts --optimized from that build (hard-linked copies, each with its own data/ folder), clustered
# through Keycloak's defaults for a database-backed cluster: Infinispan (cache=ispn), JGroups discovery through the
# database (jdbc-ping), transport bound to 127.0.0.1. All nodes issue tokens for one hostname: the load balancer's URL.
# HAProxy balances round robin with no stickiness and checks each node's management /health/ready. It connects to
# the nodes from 127.0.0.2, the one address whose X-Forwarded-* headers a node believes.
# The realms of realm-export/ are imported once, by node 1, with the same placeholders and the same STOREZERO_FACEBOOK
# switch as `./storezero start`. The admin password is generated at the first start into the state folder
# (cluster/admin-password, mode 600) unless KC_BOOTSTRAP_ADMIN_PASSWORD gives one; neither is ever printed.
# PostgreSQL accepts the runner's own user only: peer authentication on a socket in a folder of mode 700, passwords
# (scram-sha-256) over TCP on 127.0.0.1, where only Keycloak's user has one. See docs/production.md.
#
# Settings (environment; node i uses base port + i - 1):
#   STOREZERO_CLUSTER_PORT          the load balancer: the public URL http://localhost:PORT     (default: 8080)
#   STOREZERO_CLUSTER_NODES         number of Keycloak nodes                                  (default: 2)
#   STOREZERO_CLUSTER_NODE_PORT     first node's own HTTP port                                (default: 8081)
#   STOREZERO_CLUSTER_MGMT_PORT     first node's management port (health, metrics)            (default: 9001)
#   STOREZERO_CLUSTER_JGROUPS_PORT  first node's cluster transport port (JGroups)             (default: 7800)
#                                   (JGroups also listens on it + 50000: keep it below 15536)
#   STOREZERO_CLUSTER_DB_PORT       PostgreSQL on 127.0.0.1                                   (default: 5433)
#   STOREZERO_CLUSTER_STATS_PORT    HAProxy's statistics page                                 (default: 8404)
#   STOREZERO_CLUSTER_PG_BIN        PostgreSQL's programs       (default: the newest /usr/lib/postgresql/*/bin)
#   STOREZERO_APP_PORT, STOREZERO_STATE, STOREZERO_START_TIMEOUT, STOREZERO_FACEBOOK(_APP_ID/_APP_SECRET),
#   STOREZERO_BIND_ADDRESS (the balancer, its statistics page and the app; nodes, PostgreSQL stay on 127.0.0.1),
#   KC_BOOTSTRAP_ADMIN_USERNAME / KC_BOOTSTRAP_ADMIN_PASSWORD: as for ./storezero start (the password: see above).

CLUSTER=$STATE/cluster
CLUSTER_PORT=${STOREZERO_CLUSTER_PORT:-8080}
CLUSTER_NODES=${STOREZERO_CLUSTER_NODES:-2}
CLUSTER_NODE_PORT=${STOREZERO_CLUSTER_NODE_PORT:-8081}
CLUSTER_MGMT_PORT=${STOREZERO_CLUSTER_MGMT_PORT:-9001}
CLUSTER_JGROUPS_PORT=${STOREZERO_CLUSTER_JGROUPS_PORT:-7800}
CLUSTER_DB_PORT=${STOREZERO_CLUSTER_DB_PORT:-5433}
CLUSTER_STATS_PORT=${STOREZERO_CLUSTER_STATS_PORT:-8404}
LB_URL="http://localhost:$CLUSTER_PORT"
PG_ROOT=$CLUSTER/postgres
PG_DATA=$PG_ROOT/data
KC_BUILD=$CLUSTER/keycloak
HAPROXY_CFG=$CLUSTER/haproxy.cfg
HAPROXY_PID_FILE=$CLUSTER/haproxy.pid
HAPROXY_LOG=$CLUSTER/haproxy.log
CLUSTER_APP_PID_FILE=$CLUSTER/app.pid
CLUSTER_APP_LOG=$CLUSTER/app.log
CLUSTER_ADMIN_PASSWORD_FILE=$CLUSTER/admin-password
# The balancer's source address towards the nodes, the only one they take forwarding headers from: any other local
# process connects from 127.0.0.1 and cannot make a node log a forged client address.
LB_SOURCE=127.0.0.2
# The node settings shared with docker/compose.cluster.yml: the build options (db, health, metrics) and the topology's
# run-time settings (hostname from STOREZERO_KEYCLOAK_URL, proxy headers, cache). A change rebuilds.
KC_CONF=$ROOT/runner/cluster/keycloak.conf

[[ "$CLUSTER_NODES" =~ ^[1-9][0-9]*$ ]] || die "STOREZERO_CLUSTER_NODES must be a positive number, not '$CLUSTER_NODES'"

node_port() { echo $((CLUSTER_NODE_PORT + $1 - 1)); }
node_mgmt_port() { echo $((CLUSTER_MGMT_PORT + $1 - 1)); }
node_jgroups_port() { echo $((CLUSTER_JGROUPS_PORT + $1 - 1)); }
node_dir() { echo "$CLUSTER/node$1"; }
node_pid_file() { echo "$CLUSTER/node$1.pid"; }
node_log() { echo "$CLUSTER/node$1.log"; }
node_ready() { http_ok "http://localhost:$(node_mgmt_port "$1")/health/ready"; }

pg_bin() {
  local dir=${STOREZERO_CLUSTER_PG_BIN:-}
  if [ -z "$dir" ]; then
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  fi
  [ -n "$dir" ] && [ -x "$dir/pg_ctl" ] || die "PostgreSQL is not installed: apt-get install postgresql haproxy (or set STOREZERO_CLUSTER_PG_BIN)"
  echo "$dir"
}

# PostgreSQL refuses to run as root: as root, its programs run as the postgres user, which owns its folder.
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

pg_running() { [ -f "$PG_DATA/postmaster.pid" ] && as_pg "$(pg_bin)/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; }

pg_pid() { head -n 1 "$PG_DATA/postmaster.pid" 2>/dev/null; }

# A secret made once into FILE, readable by the runner's user only, never on a command line or in the output.
secret_file() {
  local file=$1
  if [ ! -s "$file" ]; then
    mkdir -p "$(dirname "$file")"
    (umask 077 && head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$file")
  fi
  cat "$file"
}

# The password Keycloak uses for its database user (Keycloak reads it from KC_DB_PASSWORD).
db_password() { secret_file "$CLUSTER/db-password"; }

# The cluster's admin account, exported for the nodes (their first start creates it) and the realm check:
# KC_BOOTSTRAP_ADMIN_PASSWORD when given, else the generated one of the state folder. A database made before the runner
# generated it keeps the admin it was made with (admin / admin unless the environment said otherwise).
ADMIN_PASSWORD_NOTE=""
cluster_admin() {
  export KC_BOOTSTRAP_ADMIN_USERNAME=${KC_BOOTSTRAP_ADMIN_USERNAME:-admin}
  if [ -n "$ADMIN_PASSWORD_GIVEN" ]; then
    ADMIN_PASSWORD_NOTE="the password of KC_BOOTSTRAP_ADMIN_PASSWORD"
  elif [ -s "$CLUSTER_ADMIN_PASSWORD_FILE" ] || [ ! -f "$PG_DATA/PG_VERSION" ]; then
    KC_BOOTSTRAP_ADMIN_PASSWORD=$(secret_file "$CLUSTER_ADMIN_PASSWORD_FILE")
    export KC_BOOTSTRAP_ADMIN_PASSWORD
    ADMIN_PASSWORD_NOTE="password in $CLUSTER_ADMIN_PASSWORD_FILE"
  else
    export KC_BOOTSTRAP_ADMIN_PASSWORD=admin
    ADMIN_PASSWORD_NOTE="password 'admin': this database predates generated passwords; ./storezero cluster reset makes one"
  fi
}

# The operating-system user PostgreSQL runs as (as_pg), the one user its socket lets in, as the superuser postgres.
pg_os_user() {
  if [ "$(id -u)" -eq 0 ]; then echo postgres; else id -un; fi
}

# Who may connect, written at every start (also over what an older runner's initdb wrote): on the socket, the user
# PostgreSQL runs as, as postgres (peer, through the map "runner"); over TCP on loopback, a password (scram-sha-256),
# which only Keycloak's user has. Nobody is trusted without proof.
write_pg_access() {
  as_pg tee "$PG_DATA/pg_hba.conf" >/dev/null <<HBA
# Written by ./storezero cluster start (runner/cluster.sh) at every start.
# TYPE  DATABASE  USER      ADDRESS        METHOD
local   all       postgres                 peer map=runner
host    all       all       127.0.0.1/32   scram-sha-256
host    all       all       ::1/128        scram-sha-256
HBA
  as_pg tee "$PG_DATA/pg_ident.conf" >/dev/null <<IDENT
# Written by ./storezero cluster start (runner/cluster.sh) at every start.
# MAPNAME  SYSTEM-USERNAME  PG-USERNAME
runner     $(pg_os_user)    postgres
IDENT
}

start_postgres() {
  local bin password
  bin=$(pg_bin)
  if pg_running; then
    say "PostgreSQL is already running (pid $(pg_pid))"
    return
  fi
  port_busy "$CLUSTER_DB_PORT" && die "port $CLUSTER_DB_PORT is in use by another process; stop it or set STOREZERO_CLUSTER_DB_PORT"
  mkdir -p "$PG_ROOT"
  [ "$(id -u)" -ne 0 ] || chown postgres: "$PG_ROOT"
  # The socket's folder: its owner's only, so no other local user reaches the socket at all.
  chmod 700 "$PG_ROOT"
  password=$(db_password)
  if [ ! -f "$PG_DATA/PG_VERSION" ]; then
    say "creating the PostgreSQL database in $PG_DATA"
    as_pg "$bin/initdb" -D "$PG_DATA" -U postgres -E UTF8 --auth-local=peer --auth-host=scram-sha-256 \
      >"$CLUSTER/initdb.log" 2>&1 || { cat "$CLUSTER/initdb.log" >&2; die "initdb failed"; }
  fi
  write_pg_access
  say "starting PostgreSQL on 127.0.0.1:$CLUSTER_DB_PORT (log: $PG_ROOT/postgres.log)"
  # Loopback only; the socket lives in the runner's folder, not in /run/postgresql, which belongs to the system's,
  # and only its owner may connect to it.
  as_pg "$bin/pg_ctl" -D "$PG_DATA" -l "$PG_ROOT/postgres.log" -w -t 60 \
    -o "-p $CLUSTER_DB_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=$PG_ROOT -c unix_socket_permissions=0700" start >/dev/null \
    || { tail -n 20 "$PG_ROOT/postgres.log" >&2; die "PostgreSQL did not start (see $PG_ROOT/postgres.log)"; }
  if ! as_pg "$bin/psql" -h "$PG_ROOT" -p "$CLUSTER_DB_PORT" -U postgres -tAc "SELECT 1 FROM pg_roles WHERE rolname='keycloak'" | grep -q 1; then
    say "creating the keycloak database and user"
    # The password goes through stdin, not argv.
    as_pg "$bin/psql" -q -h "$PG_ROOT" -p "$CLUSTER_DB_PORT" -U postgres -v ON_ERROR_STOP=1 >/dev/null <<SQL
CREATE ROLE keycloak LOGIN PASSWORD '$password';
CREATE DATABASE keycloak OWNER keycloak ENCODING 'UTF8';
SQL
  fi
}

stop_postgres() {
  local pid
  pg_running || return 0
  pid=$(pg_pid)
  say "stopping PostgreSQL (pid $pid)"
  as_pg "$(pg_bin)/pg_ctl" -D "$PG_DATA" -m fast -w -t 60 stop >/dev/null || kill -TERM "$pid" 2>/dev/null || true
}

# One kc.sh build for PostgreSQL, from the server module's distribution; again when the bundle's jars or the
# build options changed.
build_keycloak_for_cluster() {
  local home marker wanted
  home=$(keycloak_home)
  marker=$KC_BUILD/.storezero-build
  wanted="$(basename "$home") $(cksum <"$KC_CONF")"
  if [ -f "$marker" ] && [ "$(cat "$marker")" = "$wanted" ] \
    && [ -z "$(find "$home/providers" -newer "$marker" -type f -print -quit)" ]; then
    return
  fi
  say "building Keycloak for PostgreSQL (kc.sh build with runner/cluster/keycloak.conf; log: $CLUSTER/build.log)"
  rm -rf "$KC_BUILD" "$CLUSTER"/node[0-9]*/
  mkdir -p "$CLUSTER"
  cp -a "$home" "$KC_BUILD"
  rm -rf "$KC_BUILD/data"
  cp "$KC_CONF" "$KC_BUILD/conf/keycloak.conf"
  "$KC_BUILD/bin/kc.sh" build >"$CLUSTER/build.log" 2>&1 \
    || { tail -n 30 "$CLUSTER/build.log" >&2; die "kc.sh build failed (see $CLUSTER/build.log)"; }
  echo "$wanted" >"$marker"
}

# Node i's home: the build, hard-linked (the same bytes, no second copy), with a data/ folder of its own (Keycloak's
# temporary files and, for node 1, the realms to import).
prepare_node() {
  local dir
  dir=$(node_dir "$1")
  if [ ! -f "$dir/.storezero-build" ] || [ "$KC_BUILD/.storezero-build" -nt "$dir/.storezero-build" ]; then
    rm -rf "$dir"
    cp -al "$KC_BUILD" "$dir" 2>/dev/null || cp -a "$KC_BUILD" "$dir"
  fi
}

check_cluster_facebook_mode() {
  local recorded
  realm_files >/dev/null
  if [ "$FACEBOOK" = real ]; then
    [ -n "${STOREZERO_FACEBOOK_APP_ID:-}" ] && [ -n "${STOREZERO_FACEBOOK_APP_SECRET:-}" ] \
      || die "STOREZERO_FACEBOOK=real needs STOREZERO_FACEBOOK_APP_ID and STOREZERO_FACEBOOK_APP_SECRET (the Facebook app's id and secret)"
  fi
  # Keycloak imports a realm only if it does not exist yet: the database keeps the variant it was first given.
  recorded=$(cat "$CLUSTER/facebook-mode" 2>/dev/null || true)
  if [ -n "$recorded" ] && [ "$recorded" != "$FACEBOOK" ] && [ -f "$PG_DATA/PG_VERSION" ]; then
    die "the cluster's database holds the '$recorded' Facebook variant; run ./storezero cluster reset before switching to '$FACEBOOK'"
  fi
}

start_node() {
  local i=$1 dir pid_file port mgmt jgroups import=()
  dir=$(node_dir "$i")
  pid_file=$(node_pid_file "$i")
  port=$(node_port "$i")
  mgmt=$(node_mgmt_port "$i")
  jgroups=$(node_jgroups_port "$i")
  if pid_alive "$pid_file"; then
    say "Keycloak node $i is already running (pid $(cat "$pid_file"))"
    return
  fi
  for p in "$port" "$mgmt" "$jgroups"; do
    port_busy "$p" && die "port $p (node $i) is in use by another process; stop it or set STOREZERO_CLUSTER_NODE_PORT / STOREZERO_CLUSTER_MGMT_PORT / STOREZERO_CLUSTER_JGROUPS_PORT"
  done
  prepare_node "$i"
  if [ "$i" -eq 1 ]; then
    # Node 1 imports the realms; Keycloak skips a realm the database already has, so a restart keeps its data.
    local files
    rm -rf "$dir/data/import"
    mkdir -p "$dir/data/import"
    mapfile -t files < <(realm_files)
    cp "${files[@]}" "$dir/data/import/"
    echo "$FACEBOOK" >"$CLUSTER/facebook-mode"
    import=(--import-realm)
  fi
  # The log is appended to: a node's earlier runs (before a restart) stay readable.
  say "starting Keycloak node $i on http://localhost:$port (management $mgmt, cluster transport $jgroups; log: $(node_log "$i"))"
  # setsid: the node gets its own process group, so stopping it ends kc.sh and its JVM together.
  # The topology's settings come from conf/keycloak.conf (runner/cluster/keycloak.conf; its hostname reads
  # STOREZERO_KEYCLOAK_URL, which cluster_main exports); here only what is this machine's: loopback addresses, ports.
  # Forwarding headers count only from the balancer's source address (LB_SOURCE).
  KC_DB_PASSWORD=$(db_password) setsid "$dir/bin/kc.sh" start --optimized \
    --http-host=127.0.0.1 \
    --http-port="$port" \
    --http-management-host=127.0.0.1 \
    --http-management-port="$mgmt" \
    --proxy-trusted-addresses="$LB_SOURCE" \
    --db-url-host=127.0.0.1 \
    --db-url-port="$CLUSTER_DB_PORT" \
    --cache-embedded-network-bind-address=127.0.0.1 \
    --cache-embedded-network-bind-port="$jgroups" \
    "${import[@]}" \
    >>"$(node_log "$i")" 2>&1 </dev/null &
  echo $! >"$pid_file"
}

wait_for_node() {
  local i=$1 deadline=$2
  until node_ready "$i"; do
    pid_alive "$(node_pid_file "$i")" || { tail -n 40 "$(node_log "$i")" >&2; die "Keycloak node $i exited during start (see $(node_log "$i"))"; }
    [ $SECONDS -lt "$deadline" ] || die "Keycloak node $i did not become ready within ${START_TIMEOUT}s (see $(node_log "$i"))"
    sleep 1
  done
}

write_haproxy_config() {
  local i servers=()
  for i in $(seq 1 "$CLUSTER_NODES"); do
    servers+=("node$i=127.0.0.1:$(node_port "$i"):$(node_mgmt_port "$i")")
  done
  mkdir -p "$CLUSTER"
  # The renderer docker/compose.cluster.yml's balancer runs too: one configuration for both.
  STOREZERO_LB_SOURCE=$LB_SOURCE "$ROOT/runner/cluster/haproxy-cfg.sh" "$BIND" "$CLUSTER_PORT" "$CLUSTER_STATS_PORT" \
    "${servers[@]}" >"$HAPROXY_CFG"
}

start_haproxy() {
  command -v haproxy >/dev/null 2>&1 || die "HAProxy is not installed: apt-get install postgresql haproxy"
  if pid_alive "$HAPROXY_PID_FILE"; then
    say "HAProxy is already running (pid $(cat "$HAPROXY_PID_FILE"))"
    return
  fi
  for p in "$CLUSTER_PORT" "$CLUSTER_STATS_PORT"; do
    port_busy "$p" && die "port $p is in use by another process; stop it or set STOREZERO_CLUSTER_PORT / STOREZERO_CLUSTER_STATS_PORT"
  done
  write_haproxy_config
  haproxy -c -q -f "$HAPROXY_CFG" || die "HAProxy refuses $HAPROXY_CFG"
  say "starting HAProxy on $LB_URL (statistics: http://localhost:$CLUSTER_STATS_PORT/; log: $HAPROXY_LOG)"
  setsid haproxy -db -f "$HAPROXY_CFG" >"$HAPROXY_LOG" 2>&1 </dev/null &
  echo $! >"$HAPROXY_PID_FILE"
}

start_cluster_app() {
  if pid_alive "$CLUSTER_APP_PID_FILE"; then
    say "the app is already running (pid $(cat "$CLUSTER_APP_PID_FILE"))"
    return
  fi
  port_busy "$APP_PORT" && die "port $APP_PORT is in use by another process; stop it or set STOREZERO_APP_PORT"
  say "starting Storezero.io on $APP_URL, signing in at $LB_URL (log: $CLUSTER_APP_LOG)"
  HOST="$BIND" PORT="$APP_PORT" KEYCLOAK_URL="$LB_URL" ORDERS_DB="$CLUSTER/orders.sqlite" \
    setsid node "$ROOT/app/server.js" >"$CLUSTER_APP_LOG" 2>&1 </dev/null &
  echo $! >"$CLUSTER_APP_PID_FILE"
}

# HAProxy's view of each node (statistics CSV: proxy, server, ..., column 18 the status), "UP" / "DOWN" / ...
haproxy_server_states() {
  curl -fsS --max-time 5 "http://localhost:$CLUSTER_STATS_PORT/;csv" 2>/dev/null \
    | awk -F, '$1 == "keycloak_nodes" && $2 ~ /^node/ { print $2, $18 }'
}

wait_until_cluster_ready() {
  local deadline=$((SECONDS + START_TIMEOUT)) i realm
  for i in $(seq 1 "$CLUSTER_NODES"); do
    wait_for_node "$i" "$deadline"
  done
  # Every node UP in HAProxy (its health check passed twice), so the first requests already spread over all of them.
  until [ "$(haproxy_server_states | grep -c ' UP$')" -eq "$CLUSTER_NODES" ]; do
    pid_alive "$HAPROXY_PID_FILE" || { tail -n 20 "$HAPROXY_LOG" >&2; die "HAProxy exited during start (see $HAPROXY_LOG)"; }
    [ $SECONDS -lt $deadline ] || die "HAProxy did not see every node up within ${START_TIMEOUT}s: $(haproxy_server_states | tr '\n' ' ')"
    sleep 1
  done
  for realm in $(realm_names); do
    until http_ok "$LB_URL/realms/$realm/.well-known/openid-configuration"; do
      [ $SECONDS -lt $deadline ] || die "realm $realm did not answer through $LB_URL within ${START_TIMEOUT}s"
      sleep 1
    done
  done
  until http_ok "$APP_URL/api/health"; do
    pid_alive "$CLUSTER_APP_PID_FILE" || { tail -n 40 "$CLUSTER_APP_LOG" >&2; die "the app exited during start (see $CLUSTER_APP_LOG)"; }
    [ $SECONDS -lt $deadline ] || die "the app did not answer within ${START_TIMEOUT}s (see $CLUSTER_APP_LOG)"
    sleep 0.5
  done
}

cluster_start() {
  local i rc=0 deadline
  check_cluster_facebook_mode
  build_if_needed
  build_app_if_needed
  mkdir -p "$CLUSTER"
  cluster_admin
  build_keycloak_for_cluster
  start_postgres
  deadline=$((SECONDS + START_TIMEOUT))
  # Node 1 alone first: it creates the schema and imports the realms; the others then join a ready database.
  start_node 1
  wait_for_node 1 "$deadline"
  for i in $(seq 2 "$CLUSTER_NODES"); do
    start_node "$i"
  done
  start_haproxy
  start_cluster_app
  wait_until_cluster_ready
  # shellcheck disable=SC2046
  KEYCLOAK_URL="$LB_URL" STOREZERO_CHECK_FIX="see docs/security.md: a realm file in realm-export/ is open" \
    node "$ROOT/runner/check-realms.mjs" $(realm_names) || rc=$?
  if [ $rc -eq 1 ]; then
    cluster_stop
    die "refusing to serve realms that issue tokens without a password (see above)"
  elif [ $rc -ne 0 ]; then
    say "WARNING: the realms could not be checked for the password-grant bypass (see above)"
  fi
  say "ready."
  echo "  Storezero.io        $APP_URL"
  echo "  Keycloak (balanced) $LB_URL   (admin console $LB_URL/admin, user '$KC_BOOTSTRAP_ADMIN_USERNAME', $ADMIN_PASSWORD_NOTE)"
  for i in $(seq 1 "$CLUSTER_NODES"); do
    echo "  node $i              http://localhost:$(node_port "$i")   (health http://localhost:$(node_mgmt_port "$i")/health/ready)"
  done
  echo "  HAProxy statistics  http://localhost:$CLUSTER_STATS_PORT/"
  echo "  PostgreSQL          127.0.0.1:$CLUSTER_DB_PORT, database keycloak"
  echo "  Logs                $CLUSTER"
  print_realm_notice
}

cluster_stop_node() {
  local i=$1
  [[ "$i" =~ ^[1-9][0-9]*$ ]] || die "usage: ./storezero cluster stop-node N"
  stop_pid_file "$(node_pid_file "$i")" "Keycloak node $i"
}

cluster_stop() {
  local i
  stop_pid_file "$CLUSTER_APP_PID_FILE" "the app"
  stop_pid_file "$HAPROXY_PID_FILE" HAProxy
  # Every node with a PID file, also those beyond a smaller STOREZERO_CLUSTER_NODES than start had.
  for pid_file in "$CLUSTER"/node*.pid; do
    [ -e "$pid_file" ] || continue
    i=${pid_file##*/node}
    stop_pid_file "$pid_file" "Keycloak node ${i%.pid}"
  done
  stop_postgres
}

cluster_status() {
  local rc=0 i states state
  if pg_running; then
    say "PostgreSQL running (pid $(pg_pid), 127.0.0.1:$CLUSTER_DB_PORT)"
  else
    say "PostgreSQL stopped"
    rc=3
  fi
  states=$(pid_alive "$HAPROXY_PID_FILE" && haproxy_server_states || true)
  for i in $(seq 1 "$CLUSTER_NODES"); do
    state=$(awk -v n="node$i" '$1 == n { print $2 }' <<<"$states")
    if pid_alive "$(node_pid_file "$i")"; then
      if node_ready "$i"; then
        say "node $i running and ready (pid $(cat "$(node_pid_file "$i")"), http://localhost:$(node_port "$i"), HAProxy: ${state:-?})"
      else
        say "node $i running, not ready (pid $(cat "$(node_pid_file "$i")"), http://localhost:$(node_port "$i"), HAProxy: ${state:-?})"
        rc=3
      fi
    else
      say "node $i stopped (http://localhost:$(node_port "$i"), HAProxy: ${state:-?})"
      rc=3
    fi
  done
  if pid_alive "$HAPROXY_PID_FILE"; then
    say "HAProxy running (pid $(cat "$HAPROXY_PID_FILE"), $LB_URL, statistics http://localhost:$CLUSTER_STATS_PORT/)"
  else
    say "HAProxy stopped"
    rc=3
  fi
  if pid_alive "$CLUSTER_APP_PID_FILE"; then
    say "Storezero.io running (pid $(cat "$CLUSTER_APP_PID_FILE"), $APP_URL)"
  else
    say "Storezero.io stopped"
    rc=3
  fi
  return $rc
}

cluster_reset() {
  cluster_stop
  # The database and what belongs to it; the Keycloak build stays (start rebuilds it when it is stale).
  rm -rf "$PG_ROOT" "$CLUSTER/db-password" "$CLUSTER_ADMIN_PASSWORD_FILE" "$CLUSTER/facebook-mode" "$CLUSTER/orders.sqlite" "$CLUSTER"/node*.log
  say "the cluster's database deleted; the next cluster start imports realm-export/ again"
}

cluster_main() {
  # The public URL is the balancer's: the realm files' placeholders and the app follow it.
  export STOREZERO_KEYCLOAK_URL=$LB_URL
  case "${1:-}" in
    start) cluster_start ;;
    stop) cluster_stop ;;
    status) cluster_status ;;
    stop-node) cluster_stop_node "${2:-}" ;;
    reset) cluster_reset ;;
    *) sed -n '2,8p' "$ROOT/runner/cluster.sh" | sed 's/^# \{0,1\}//'; exit 2 ;;
  esac
}
