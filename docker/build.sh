#!/usr/bin/env bash
# Builds the Storezero Keycloak image with the Keycloak version pinned in pom.xml.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
version=$(sed -n 's:.*<keycloak.version>\(.*\)</keycloak.version>.*:\1:p' "$root/pom.xml" | head -n 1)
(cd "$root" && ./mvnw -q -B -DskipTests -pl server -am package)
docker build --build-arg "KEYCLOAK_VERSION=$version" -t "storezero/keycloak:$version" -f "$root/docker/Dockerfile" "$root"
echo "built storezero/keycloak:$version"
