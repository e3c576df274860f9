#!/usr/bin/env bash
# Builds the web editor into web/dist/ from a clean checkout:
#   1. copil-web (the library without its `cli` feature) for wasm32-unknown-unknown;
#   2. wasm-bindgen (the CLI at the exact version of the crate) for its JavaScript glue;
#   3. npm ci, then esbuild bundles the page, the wasm inlined, into dist/.
# Needs: the wasm32-unknown-unknown target, wasm-bindgen-cli, node and npm
# (scripts/install-test-tools.sh installs them). Opens from dist/index.html
# (file://) or from any static host; the page fetches nothing.
set -euo pipefail
cd "$(dirname "$0")"
root="$(cd .. && pwd)"
target_dir="${CARGO_TARGET_DIR:-$root/target}"

want="$(sed -n 's/^wasm-bindgen = "=\(.*\)"$/\1/p' copil-web/Cargo.toml)"
have="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')"
if [ "$want" != "$have" ]; then
    echo "build.sh : wasm-bindgen $want est nécessaire (trouvé : ${have:-aucun})" >&2
    echo "  aide : cargo install wasm-bindgen-cli --version =$want --locked" >&2
    exit 2
fi

(cd "$root" && cargo build --locked -p copil-web --profile wasm --target wasm32-unknown-unknown)
rm -rf pkg
wasm-bindgen --target web --no-typescript --out-dir pkg \
    "$target_dir/wasm32-unknown-unknown/wasm/copil_web.wasm"

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund --ignore-scripts
fi
node build.mjs
