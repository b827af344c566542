#!/usr/bin/env bash
# The app's npm packages from its lockfile (npm ci), for Maven's app module and for ./storezero start.
#
# better-sqlite3 downloads a prebuilt binary from GitHub; where GitHub cannot be reached it compiles SQLite from
# source: about two minutes on two cores, in every fresh clone. Its installer (prebuild-install) also takes a prebuilt
# archive from a local folder when one is there under the name it would download. After a compile this script files
# the result in that folder under that name, so the next npm ci on this machine, in any clone, unpacks it instead of
# compiling. The archive is this machine's own build of the locked version; its name carries the version, the Node
# ABI, the platform and the architecture, so a different Node or a new version compiles (and is filed) again.
#
#   STOREZERO_PREBUILDS   the folder (default: ~/.cache/storezero/prebuilds)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

prebuilds=${STOREZERO_PREBUILDS:-${XDG_CACHE_HOME:-$HOME/.cache}/storezero/prebuilds}
mkdir -p "$prebuilds"
export npm_config_better_sqlite3_local_prebuilds=$prebuilds
# npm 11 warns about a setting in the environment it does not know itself; prebuild-install is the one that reads it.
npm ci --no-audit --no-fund "$@" 2> >(grep -v 'Unknown env config "better-sqlite3-local-prebuilds"' >&2)

# The archive's name as prebuild-install computes it for this Node (the same code, so the names cannot drift apart).
archive=$(cd node_modules/better-sqlite3 && node -e '
  const pkg = require("./package.json");
  const options = require("prebuild-install/rc")(pkg);
  options.pkg = pkg;
  process.stdout.write(require("path").basename(require("prebuild-install/util").getDownloadUrl(options)));
')
if [ ! -f "$prebuilds/$archive" ]; then
  tar -czf "$prebuilds/$archive.$$" -C node_modules/better-sqlite3 build/Release/better_sqlite3.node
  mv "$prebuilds/$archive.$$" "$prebuilds/$archive"
  echo "[app] better-sqlite3's build kept for the next npm ci: $prebuilds/$archive"
fi
