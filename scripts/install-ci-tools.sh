#!/usr/bin/env bash
# Installe les outils externes dont les tests ont besoin :
# - le validateur SARIF de Microsoft (@microsoft/sarif-multitool, paquet npm
#   qui embarque un exécutable .NET autonome), dans tests/sarif/node_modules.
# Idempotent : relancer le script ne réinstalle que ce qui manque.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

if ! command -v npm >/dev/null 2>&1; then
  apt-get update
  apt-get install -y --no-install-recommends nodejs npm
fi

cd "$root/tests/sarif"
if [[ ! -x node_modules/.bin/sarif-multitool ]]; then
  npm ci --no-audit --no-fund
fi
# npm n'exécute pas le script d'installation du paquet (qui rend le binaire
# exécutable) : on le fait ici.
for binary in node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool; do
  [[ -f "$binary" ]] && chmod u+x "$binary"
done
echo "validateur SARIF : $(cd "$root/tests/sarif" && DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 node_modules/.bin/sarif-multitool --version 2>&1 | head -1)"
