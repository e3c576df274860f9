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
# - pour l'éditeur web (web/, tests/web.rs) : la cible wasm32-unknown-unknown,
#   wasm-bindgen-cli à la version exacte du crate wasm-bindgen, python3 (le
#   serveur statique des tests) et les paquets npm de web/ (CodeMirror,
#   markdown-it, Mermaid, esbuild, playwright-core).
# Idempotent : relancer le script n'installe que ce qui manque.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

missing=()
command -v dot >/dev/null 2>&1 || missing+=(graphviz)
command -v chromium >/dev/null 2>&1 || missing+=(chromium fonts-dejavu-core)
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
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
# L'éditeur web : la cible wasm, puis wasm-bindgen à la version que
# web/copil-web/Cargo.toml épingle (les deux doivent être identiques).
if command -v rustup >/dev/null 2>&1 && ! rustup target list --installed | grep -q '^wasm32-unknown-unknown$'; then
  rustup target add wasm32-unknown-unknown
fi
bindgen="$(sed -n 's/^wasm-bindgen = "=\(.*\)"$/\1/p' "$root/web/copil-web/Cargo.toml")"
if [[ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$bindgen" ]]; then
  cargo install wasm-bindgen-cli --version "=$bindgen" --locked
fi
# Sans scripts d'installation : aucun n'est nécessaire à la construction.
(cd "$root/web" && { [[ -d node_modules ]] || npm ci --no-audit --no-fund --ignore-scripts; })

# npm n'exécute pas le script d'installation du validateur (qui rend son
# binaire exécutable) : on le fait ici.
binary="$root/tests/sarif/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
[[ -f "$binary" ]] && chmod u+x "$binary"

echo "outils de test : $(dot -V 2>&1 | head -1) ; $(wasm-bindgen --version) ; $(chromium --version 2>/dev/null | head -1) ; mermaid $(node -p "require('$root/tests/mermaid/node_modules/mermaid/package.json').version") ; $(cd "$root/tests/sarif" && DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 node_modules/.bin/sarif-multitool --version 2>&1 | head -1)"
