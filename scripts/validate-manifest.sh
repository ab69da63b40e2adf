#!/usr/bin/env bash
# Validate the manifest that will be deployed (dist/manifest.xml, written by `npm run build`) against the
# Office add-in schemas kept in ../shared (offline XSD check). Fails loudly when it cannot validate.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
validator="${PILOTE_AP_MANIFEST_VALIDATOR:-$root/../shared/tools/validate-manifest}"
manifest="${1:-$root/dist/manifest.xml}"
if [ ! -f "$manifest" ]; then
  echo "validate-manifest : $manifest introuvable. Lancez d'abord « npm run build » (avec PILOTE_AP_URL pour un établissement)." >&2
  exit 1
fi
if [ ! -x "$validator" ]; then
  echo "validate-manifest : validateur $validator introuvable ou non exécutable : le manifeste N'A PAS été vérifié." >&2
  exit 1
fi
if grep -q "localhost" "$manifest"; then
  echo "validate-manifest : $manifest est un manifeste de développement (https://localhost:3000)."
fi
"$validator" "$manifest"
