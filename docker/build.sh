#!/usr/bin/env bash
# Builds the Storezero Keycloak image, storezero/keycloak:<bundle version>-<keycloak.dist.version> (the root POM's
# revision and keycloak.dist.version, e.g. storezero/keycloak:1.0.0-26.7.5), from docker/Dockerfile.
#
#   docker/build.sh                  # packages the server module first, then builds the image
#   docker/build.sh --no-package     # the image from what a Maven build already packaged (container-tests uses it)
#   docker/build.sh --if-engine      # prints a one-line reason and succeeds when no Docker engine answers or the
#                                    # base image is not here
#   docker/build.sh --cluster        # storezero/keycloak:<bundle>-<keycloak>-postgres, the node of docker/compose.cluster.yml:
#                                    # built for PostgreSQL with runner/cluster/keycloak.conf (./storezero cluster's)
#
#   docker/build.sh --print-tag      # prints <bundle version>-<keycloak version> (STOREZERO_IMAGE_TAG of docker/compose*.yml)
#
# Extra `docker build` arguments come after `--`, e.g. `docker/build.sh -- --build-arg KC_DB=postgres`.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
version=$(sed -n 's:.*<keycloak.dist.version>\(.*\)</keycloak.dist.version>.*:\1:p' "$root/pom.xml" | head -n 1)
bundle=$(sed -n 's:.*<revision>\(.*\)</revision>.*:\1:p' "$root/pom.xml" | head -n 1)
package=true
if_engine=false
cluster=false
while [ $# -gt 0 ]; do
  case "$1" in
    --no-package) package=false ;;
    --if-engine) if_engine=true ;;
    --cluster) cluster=true ;;
    --print-tag) echo "$bundle-$version"; exit 0 ;;
    --) shift; break ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
tag=storezero/keycloak:$bundle-$version
extra=()
if [ "$cluster" = true ]; then
  tag=$tag-postgres
  extra=(--build-arg KC_DB=postgres)
fi
if ! docker info >/dev/null 2>&1; then
  if [ "$if_engine" = true ]; then
    echo "[docker/build.sh] no Docker engine answers: $tag not built"
    exit 0
  fi
  echo "no Docker engine answers (docker info failed)" >&2
  exit 1
fi
# No registry is used: the base image is built locally (docker/base/build-base.sh) under the name the Dockerfile uses.
if ! docker image inspect "quay.io/keycloak/keycloak:$version" >/dev/null 2>&1; then
  if [ "$if_engine" = true ]; then
    echo "[docker/build.sh] no base image quay.io/keycloak/keycloak:$version here (docker/base/build-base.sh builds it): $tag not built"
    exit 0
  fi
fi
if [ "$package" = true ]; then
  (cd "$root" && ./mvnw -q -B -DskipTests -pl server -am package)
fi
# Only what the Dockerfile copies goes to the engine, not the whole repository (node_modules, target/ of every module).
context=$(mktemp -d)
trap 'rm -rf "$context"' EXIT
mkdir -p "$context/server/target/keycloak-$version/providers" "$context/server/target/realms/real" "$context/conf"
[ "$cluster" = false ] || cp "$root/runner/cluster/keycloak.conf" "$context/conf/"
cp "$root/server/target/keycloak-$version/providers/"*.jar "$context/server/target/keycloak-$version/providers/"
# The production import set only (the build merges it from realm-export/: the storezero realm + variant facebook).
cp "$root/server/target/realms/real/"*.json "$context/server/target/realms/real/"
docker build -q --build-arg "KEYCLOAK_VERSION=$version" -t "$tag" -f "$root/docker/Dockerfile" "${extra[@]}" "$@" "$context" >/dev/null
echo "[docker/build.sh] built $tag"
