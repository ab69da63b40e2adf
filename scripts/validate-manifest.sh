#!/usr/bin/env bash
# Validate manifest.xml against the Office add-in schemas kept in ../shared (offline XSD check).
# Where ../shared is absent (a plain clone), say so and succeed: there is nothing to check against.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
validator="$root/../shared/tools/validate-manifest"
if [ ! -x "$validator" ]; then
  echo "validate-manifest: ../shared/tools/validate-manifest absent, validation du manifeste ignorée."
  exit 0
fi
cd "$root"
"$validator" manifest.xml
