#!/usr/bin/env bash
# Runs the provider tests (this module, Keycloak Test Framework) on another Keycloak server release:
#
#   provider-tests/run-on.sh 26.7.3      # any keycloak-quarkus-dist version Maven can fetch
#
# The framework (26.7.0) starts the server itself ("distribution" mode) with the start options of its own release.
# A release that refuses one of them (26.5.x does not know --shutdown-delay) is started here instead, from the server
# module's unpacked distribution with the bundle's jars, and the framework attaches to it ("remote" mode) with the
# bootstrap admin client it expects. Either way the bundle under test is this checkout's build, on ports 8080/9000.
set -euo pipefail
version=${1:?usage: provider-tests/run-on.sh KEYCLOAK_VERSION}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
maven=(./mvnw -B -Dkeycloak.dist.version="$version")

# The server module unpacks that release and puts the bundle's jars in its providers/.
"${maven[@]}" -q -DskipTests package -pl server -am
home="$root/server/target/keycloak-$version"

if "$home/bin/kc.sh" start-dev --help 2>/dev/null | grep -q -- '--shutdown-delay'; then
  echo "[run-on] Keycloak $version: the framework starts it (distribution mode)"
  exec "${maven[@]}" verify -pl provider-tests -am -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
fi

echo "[run-on] Keycloak $version does not take the framework's start options; starting it here (remote mode)"
log="$root/provider-tests/target/keycloak-$version.log"
mkdir -p "$(dirname "$log")"
KC_BOOTSTRAP_ADMIN_CLIENT_ID=temp-admin KC_BOOTSTRAP_ADMIN_CLIENT_SECRET=mysecret \
KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin \
  setsid "$home/bin/kc.sh" start-dev --db=dev-mem --cache=local >"$log" 2>&1 </dev/null &
server=$!
trap 'kill -- -"$server" 2>/dev/null || kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true' EXIT
# The framework waits for the server to answer (remote mode), so the tests can start at once.
"${maven[@]}" verify -pl provider-tests -am -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dkc.test.server=remote
