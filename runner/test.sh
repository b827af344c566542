# shellcheck shell=bash
# The whole test suite on this machine, sourced by ./storezero for `./storezero test`:
#
#   ./storezero test     prerequisites, a Docker engine, the local base images, then every suite:
#                        ./mvnw -B verify, the reproducible-build check and the provider tests on the other Keycloak
#                        versions; a table of the phases and their minutes at the end
#
# What a Debian machine with Java 17 and Node lacks is installed with apt-get when this runs as root; otherwise the
# exact command is printed and nothing runs. A Docker engine is started (storage driver vfs: any file system) when
# none answers and this runs as root, and stopped again at the end. No suite may skip here: the suites that skip
# without a prerequisite under a bare `./mvnw -B verify` fail instead (-Dstorezero.tests.require-all=true), and the
# container suite (Testcontainers skips without a word when it cannot reach the engine) must have run both classes.
#
# Settings (environment):
#   STOREZERO_TEST_MATRIX   the other Keycloak versions the provider tests run on   (default: keycloak.version and
#                           keycloak.previous-minor.version of the root POM; "none" runs none)

# Debian packages the suites need, as "command-or-test package" pairs.
TEST_PACKAGES=(
  "chromium chromium" "chromedriver chromium-driver" "curl curl" "setsid util-linux" "unzip unzip"
  "dockerd docker.io" "docker-compose docker-compose" "debootstrap debootstrap" "gpgv gpgv"
  "@/usr/share/keyrings/debian-archive-keyring.gpg debian-archive-keyring"
  "@pg_ctl postgresql" "haproxy haproxy"
)

test_phases=() test_phase_started=$SECONDS test_phase_cpu= test_started=$SECONDS test_dockerd_pid= test_matrix_pid=

# The machine's CPU time so far, busy and all, in clock ticks (/proc/stat): the table shows how busy each phase kept
# the machine, which says whether running more beside it could gain anything.
test_cpu_ticks() {
  awk '/^cpu /{print $2 + $3 + $4 + $7 + $8, $2 + $3 + $4 + $5 + $6 + $7 + $8}' /proc/stat 2>/dev/null || echo "0 0"
}

# Ends the current phase: its row is "name|seconds|busy percent".
test_phase_end() {
  [ ${#test_phases[@]} -gt 0 ] || return 0
  local busy total
  read -r busy total < <(test_cpu_ticks)
  test_phases[-1]+="|$((SECONDS - test_phase_started))|$(awk -v b="$busy" -v t="$total" -v s="$test_phase_cpu" \
    'BEGIN{split(s, a, " "); d = t - a[2]; if (d > 0) printf "%.0f", 100 * (b - a[1]) / d; else printf "-"}')"
}

test_phase() {
  test_phase_end
  test_phases+=("$1") test_phase_started=$SECONDS test_phase_cpu=$(test_cpu_ticks)
  say "== $1"
}

test_finish() {
  local status=$? entry version seconds name
  test_phase_end
  if [ -n "$test_matrix_pid" ] && kill -0 "$test_matrix_pid" 2>/dev/null; then
    say "stopping the version matrix (pid $test_matrix_pid)"
    kill "$test_matrix_pid" 2>/dev/null || true
    [ ! -f "$STATE/matrix/run.pid" ] || kill -- -"$(cat "$STATE/matrix/run.pid")" 2>/dev/null || true
  fi
  # The matrix ran beside the phases above: its rows are its own minutes, not part of the sum.
  if [ -f "$STATE/matrix/minutes" ]; then
    while read -r version seconds; do
      test_phases+=("  beside it: provider tests on Keycloak $version|$seconds|")
    done <"$STATE/matrix/minutes"
  fi
  if [ -n "$test_dockerd_pid" ]; then
    say "stopping the Docker engine this run started (pid $test_dockerd_pid)"
    kill "$test_dockerd_pid" 2>/dev/null || true
  fi
  printf '[storezero] %-52s %7s %9s\n' phase minutes "CPU busy"
  for entry in "${test_phases[@]}"; do
    IFS='|' read -r name seconds busy <<<"$entry"
    printf '[storezero] %-52s %7.1f %9s\n' "$name" "$(awk "BEGIN{print ${seconds:-0}/60}")" "${busy:+$busy %}"
  done
  printf '[storezero] %-52s %7.1f  (exit %s)\n' total "$(awk "BEGIN{print $((SECONDS - test_started))/60}")" "$status"
}

test_missing_packages() {
  local pair probe
  for pair in "${TEST_PACKAGES[@]}"; do
    probe=${pair%% *}
    case "$probe" in
      @pg_ctl) ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || printf '%s\n' "${pair#* }" ;;
      @*) [ -s "${probe#@}" ] || printf '%s\n' "${pair#* }" ;;
      *) command -v "$probe" >/dev/null 2>&1 || printf '%s\n' "${pair#* }" ;;
    esac
  done
}

test_install_packages() {
  local missing
  mapfile -t missing < <(test_missing_packages)
  [ ${#missing[@]} -gt 0 ] || { say "every Debian package the suites need is here"; return 0; }
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    die "missing Debian packages: ${missing[*]}; install them, then run ./storezero test again:
  sudo apt-get update && sudo apt-get install -y ${missing[*]}"
  fi
  say "installing ${missing[*]} (apt-get)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

test_docker_engine() {
  docker info >/dev/null 2>&1 && { say "a Docker engine answers"; return 0; }
  if [ "$(id -u)" -ne 0 ]; then
    die "no Docker engine answers; start one (e.g. sudo systemctl start docker, or sudo dockerd --storage-driver=vfs &)
  and make sure this user may use it (sudo usermod -aG docker $USER), then run ./storezero test again"
  fi
  say "starting a Docker engine (dockerd --storage-driver=vfs, log $STATE/dockerd.log)"
  mkdir -p "$STATE"
  setsid dockerd --storage-driver=vfs >"$STATE/dockerd.log" 2>&1 </dev/null &
  test_dockerd_pid=$!
  local _
  for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && return 0; sleep 1; done
  tail -n 20 "$STATE/dockerd.log" >&2
  die "the Docker engine did not come up (see $STATE/dockerd.log)"
}

# No image registry needs to be reachable: the base images docker/ names are built locally, from the Keycloak
# distribution zip (fetched into ~/.m2 first on a machine that never built the project) and Debian's packages.
test_base_images() {
  local version postgres_build
  version=$(pom_property keycloak.dist.version)
  (cd "$ROOT" && ./mvnw -B -q dependency:get -Dartifact="org.keycloak:keycloak-quarkus-dist:$version:zip" -Dtransitive=false)
  "$ROOT/docker/base/build-base.sh"
  # PostgreSQL and HAProxy for the compose cluster (root file systems cached like the base's; without the cache the
  # two debootstraps run side by side: mostly waiting for downloads and dpkg).
  "$ROOT/docker/base/build-postgres.sh" &
  postgres_build=$!
  "$ROOT/docker/base/build-haproxy.sh"
  wait "$postgres_build"
}

# Testcontainers skips without a word when it cannot reach the engine: the container suite must have run, each class.
test_container_suite_ran() {
  local summary="$ROOT/container-tests/target/failsafe-reports/failsafe-summary.xml" completed skipped class report tests
  completed=$(sed -n 's:.*<completed>\([0-9]*\)</completed>.*:\1:p' "$summary" 2>/dev/null || true)
  skipped=$(sed -n 's:.*<skipped>\([0-9]*\)</skipped>.*:\1:p' "$summary" 2>/dev/null || true)
  if [ -z "$completed" ] || [ "$completed" -eq 0 ] || [ "${skipped:-0}" -ne 0 ]; then
    die "the container suite counted ${completed:-no} tests, ${skipped:-?} of them skipped; see $summary"
  fi
  for class in ImageWebMessageIT ComposeClusterIT; do
    report="$ROOT/container-tests/target/failsafe-reports/TEST-io.storezero.container.$class.xml"
    tests=$(sed -n 's:.*<testsuite [^>]*tests="\([0-9]*\)".*:\1:p' "$report" 2>/dev/null | head -n 1)
    if [ -z "$tests" ] || [ "$tests" -eq 0 ]; then
      die "the container suite did not run $class; see $report"
    fi
  done
  say "container suite: $completed tests run, none skipped"
}

test_main() {
  [ $# -eq 0 ] || die "./storezero test takes no arguments (settings: see ./storezero help)"
  trap test_finish EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  test_phase "prerequisites (Debian packages)"
  test_install_packages
  test_phase "Docker engine and local base images"
  # The app's npm packages meanwhile: on a machine that never compiled better-sqlite3 that takes two minutes of one
  # core, while the base images mostly wait for downloads; the build's own npm ci then finds the kept binary.
  mkdir -p "$STATE"
  "$ROOT/app/npm-ci.sh" --loglevel=error >"$STATE/app-npm-ci.log" 2>&1 &
  local app_packages=$!
  test_docker_engine
  test_base_images
  wait "$app_packages" || { cat "$STATE/app-npm-ci.log" >&2; die "npm ci of the app failed (see $STATE/app-npm-ci.log)"; }

  # The full suite runs on keycloak.dist.version; the provider tests also run on the version the providers compile
  # against and on the previous minor, beside the suite (test_matrix).
  local matrix
  matrix=${STOREZERO_TEST_MATRIX:-$(pom_property keycloak.version) $(pom_property keycloak.previous-minor.version)}
  [ "$matrix" != none ] || matrix=

  test_phase "./mvnw -B verify (every suite)"
  # Stale reports must not pass for this run.
  rm -f "$ROOT"/container-tests/target/failsafe-reports/failsafe-summary.xml "$ROOT"/container-tests/target/failsafe-reports/TEST-*.xml \
    "$ROOT"/provider-tests/target/failsafe-reports/failsafe-summary.xml
  rm -rf "$STATE/matrix"
  (cd "$ROOT" && exec ./mvnw -B verify -Dstorezero.tests.require-all=true) &
  local verify=$!
  if [ -n "$matrix" ]; then
    test_matrix "$verify" "$matrix" &
    test_matrix_pid=$!
  fi
  wait "$verify"
  test_container_suite_ran

  test_phase "reproducible release builds"
  "$ROOT/release/reproducible.sh"

  if [ -n "$matrix" ]; then
    test_phase "the version matrix, where it outlasted the suite"
    wait "$test_matrix_pid" || die "the provider tests failed on another Keycloak version; see $(ls "$STATE"/matrix/*.log | tail -n 1)"
    test_matrix_pid=
    say "version matrix: $(paste -sd, "$STATE/matrix/results")"
  fi
}

# The provider tests on the other Keycloak versions ($2), one after the other, beside the main suite (pid $1): most of
# that suite's time is spent waiting for browsers and servers, and the two share nothing but the machine. They start
# once the main run's own provider tests are done (the framework's Keycloak always listens on 8080/9000), from a copy
# of the sources (their own target/ folders: the main run keeps building in this tree). Logs: $STATE/matrix/*.log.
test_matrix() {
  local verify=$1 versions=$2 copy="$STATE/matrix/src" version started log run status
  until [ -f "$ROOT/provider-tests/target/failsafe-reports/failsafe-summary.xml" ]; do
    kill -0 "$verify" 2>/dev/null || exit 1
    sleep 5
  done
  mkdir -p "$copy"
  tar -C "$ROOT" --exclude=./.git --exclude=target --exclude=node_modules --exclude=./.storezero -cf - . | tar -C "$copy" -xf -
  for version in $versions; do
    say "provider tests on Keycloak $version: started beside the suite (log $STATE/matrix/$version.log)"
    started=$SECONDS log="$STATE/matrix/$version.log"
    # A session of its own, ended as a whole afterwards: a Keycloak the framework stopped waiting for keeps running,
    # and would hold 8080 for the next version. Its pid in a file for test_finish (this runs in a subshell).
    setsid "$copy/provider-tests/run-on.sh" "$version" >"$log" 2>&1 </dev/null &
    run=$!
    echo "$run" >"$STATE/matrix/run.pid"
    status=0
    wait "$run" || status=$?
    kill -- -"$run" 2>/dev/null || true
    rm -f "$STATE/matrix/run.pid"
    if [ "$status" -ne 0 ]; then
      tail -n 40 "$log" >&2
      say "provider tests on Keycloak $version FAILED (log $log)"
      exit 1
    fi
    echo "$version $((SECONDS - started))" >>"$STATE/matrix/minutes"
    echo "Keycloak $version: $(grep -E '^\[INFO\] Tests run: [0-9]+, Failures: 0' "$log" | tail -n 1 | sed 's/^\[INFO\] //')" >>"$STATE/matrix/results"
  done
}
