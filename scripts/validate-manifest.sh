#!/usr/bin/env bash
# Validate the manifest that will be deployed (dist/manifest.xml, written by `npm run build`) against the
# Office add-in schemas kept in scripts/validate/schemas (offline XSD check with libxml2 in WebAssembly,
# installed by `npm ci`). Fails loudly when it cannot validate.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
manifest="${1:-$root/dist/manifest.xml}"
if [ ! -f "$manifest" ]; then
  echo "validate-manifest : $manifest introuvable. Lancez d'abord « npm run build » (avec PILOTE_AP_URL pour un établissement)." >&2
  exit 1
fi
manifest=$(realpath "$manifest")
if [ -n "${PILOTE_AP_MANIFEST_VALIDATOR:-}" ]; then
  # Another validator (an executable taking the manifest), e.g. Microsoft's office-addin-manifest.
  validator=("$PILOTE_AP_MANIFEST_VALIDATOR")
  if [ ! -x "$PILOTE_AP_MANIFEST_VALIDATOR" ]; then
    echo "validate-manifest : validateur $PILOTE_AP_MANIFEST_VALIDATOR introuvable ou non exécutable : le manifeste N'A PAS été vérifié." >&2
    exit 1
  fi
else
  validator=(node --import tsx "$root/scripts/validate/manifest.ts")
  if [ ! -d "$root/node_modules/xmllint-wasm" ]; then
    echo "validate-manifest : xmllint-wasm absent (lancez « npm ci ») : le manifeste N'A PAS été vérifié." >&2
    exit 1
  fi
fi
if grep -q "localhost" "$manifest"; then
  echo "validate-manifest : $manifest est un manifeste de développement (https://localhost:3000)."
fi
(cd "$root" && "${validator[@]}" "$manifest")
