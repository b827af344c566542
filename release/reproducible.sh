#!/usr/bin/env bash
# Reproducible builds: the release build (./mvnw -Prelease package, tests skipped) run twice, in two copies of the
# sources with different paths, file times, time zones and umasks, must give byte-identical jars, realm sets and zip.
# Maven online: the CycloneDX plugin refuses -o (.ci/run runs this after the test suite). Exit status 0 when every file matches; 1 with the files that differ; 2 when a build fails.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work="$root/release/target/reproducible"
rm -rf "$work"
mkdir -p "$work"
version=$(sed -n 's:.*<revision>\(.*\)</revision>.*:\1:p' "$root/pom.xml" | head -n 1)
# What the release reactor reads: tracked and new (not ignored) files only, never a target/ folder.
paths=(pom.xml mvnw .mvn providers themes server release runner/realm-variants.mjs realm-export LICENSE CHANGELOG.md)
outputs=(providers/target/storezero-keycloak-providers-$version.jar themes/target/storezero-keycloak-themes-$version.jar
         server/target/realms/real/storezero-realm.json release/target/storezero-keycloak-bundle-$version.zip)

build() { # copy, mtime, TZ, umask
  local copy="$work/$1"
  mkdir -p "$copy"
  (cd "$root" && git ls-files -z -co --exclude-standard -- "${paths[@]}") | (cd "$root" && xargs -0 cp --parents -t "$copy")
  find "$copy" -exec touch -h -d "$2" {} +
  if ! (cd "$copy" && umask "$4" && TZ="$3" ./mvnw -B -q -Prelease -DskipTests package >"$work/$1.log" 2>&1); then
    tail -n 30 "$work/$1.log" >&2
    echo "[reproducible] FAIL: the release build in $copy failed (log: $work/$1.log)" >&2
    exit 2
  fi
}
build a "2020-02-02 02:02" UTC 0022
build b "2024-11-11 11:11" Pacific/Auckland 0002

status=0
for file in "${outputs[@]}"; do
  a=$(sha256sum "$work/a/$file" | cut -d' ' -f1)
  b=$(sha256sum "$work/b/$file" | cut -d' ' -f1)
  if [ "$a" = "$b" ]; then
    echo "[reproducible] same bytes: $file $a"
  else
    echo "[reproducible] FAIL: $file differs between two builds ($a, $b)" >&2
    status=1
  fi
done
if [ "$status" -eq 0 ]; then
  rm -rf "$work"
fi
exit "$status"
