#!/usr/bin/env bash
# Installe les outils externes dont les tests ont besoin (.ci/run l'appelle) :
# - Graphviz (`dot`), qui doit accepter les organigrammes DOT ;
# - Chromium et une police, où la bibliothèque Mermaid affiche les
#   organigrammes et calendriers Mermaid ;
# - Mermaid (npm), dans tests/mermaid/node_modules ;
# - LibreOffice Writer (sans interface) et poppler-utils (pdftotext,
#   pdftoppm), qui ouvrent la feuille de route ODT et la convertissent en PDF ;
# - l'extension VS Code (editors/vscode) : vscode-tmgrammar-test et
#   @vscode/vsce, pour tester sa grammaire et construire le .vsix ;
# - le validateur SARIF de Microsoft (@microsoft/sarif-multitool, paquet npm
#   qui embarque un exécutable .NET autonome), dans tests/sarif/node_modules.
# Idempotent : relancer le script n'installe que ce qui manque.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

missing=()
command -v dot >/dev/null 2>&1 || missing+=(graphviz)
command -v chromium >/dev/null 2>&1 || missing+=(chromium fonts-dejavu-core)
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
if [[ ${#missing[@]} -gt 0 ]]; then
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
fi

for dir in tests/mermaid tests/sarif editors/vscode; do
  (
    cd "$root/$dir"
    if [[ ! -d node_modules ]]; then
      npm ci --no-audit --no-fund
    fi
  )
done
# npm n'exécute pas le script d'installation du validateur (qui rend son
# binaire exécutable) : on le fait ici.
binary="$root/tests/sarif/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
[[ -f "$binary" ]] && chmod u+x "$binary"

echo "outils de test : $(dot -V 2>&1 | head -1) ; $(chromium --version 2>/dev/null | head -1) ; mermaid $(node -p "require('$root/tests/mermaid/node_modules/mermaid/package.json').version") ; $(cd "$root/tests/sarif" && DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 node_modules/.bin/sarif-multitool --version 2>&1 | head -1)"
