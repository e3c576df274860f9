#!/usr/bin/env bash
# Régénère les tables de référence de `data/` à partir du paquet npm
# @etalab/decoupage-administratif (code MIT, données Licence Ouverte Etalab).
#
# Usage :
#   scripts/update-data.sh                 # télécharge le paquet avec `npm pack`
#   scripts/update-data.sh DOSSIER         # utilise un paquet déjà décompressé
#                                          # (DOSSIER contient package.json et data/)
#
# Nécessite : bash, node (et npm pour le téléchargement), tar, sha256sum.
# Écrit data/regions.tsv, data/departements.tsv, data/epci.tsv,
# data/communes.tsv et data/codes-postaux.tsv ; ne touche ni data/hubs.tsv
# ni data/README.md, tenus à la main. La sortie est déterministe : relancer le script ne change aucun
# octet tant que le paquet est le même.
set -euo pipefail

PACKAGE="@etalab/decoupage-administratif"
VERSION="6.0.0"
# Empreinte de etalab-decoupage-administratif-6.0.0.tgz (registre npm).
# npm vérifie déjà l'intégrité sha512 du registre ; cette empreinte garantit
# en plus que la version publiée n'a pas changé depuis la dernière dérivation.
SHA256="c189ffd5b33fe40c2f19e1a923ce557f190622f39228745d3195d746dfe00c4a"

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
data="$root/data"

if [[ $# -gt 1 ]]; then
    echo "usage : $0 [DOSSIER_DU_PAQUET]" >&2
    exit 2
fi

if [[ $# -eq 1 ]]; then
    src="$1"
else
    tmp="$(mktemp -d)"
    trap 'rm -rf "$tmp"' EXIT
    echo "téléchargement de $PACKAGE@$VERSION…"
    (cd "$tmp" && npm pack --silent "$PACKAGE@$VERSION" >/dev/null)
    tarball="$tmp/etalab-decoupage-administratif-$VERSION.tgz"
    actual="$(sha256sum "$tarball" | cut -d' ' -f1)"
    if [[ "$actual" != "$SHA256" ]]; then
        echo "empreinte inattendue pour $tarball : $actual (attendu $SHA256)" >&2
        exit 1
    fi
    tar -xzf "$tarball" -C "$tmp"
    src="$tmp/package"
fi

found="$(node -p "require(process.argv[1]).version" "$src/package.json")"
if [[ "$found" != "$VERSION" ]]; then
    echo "le paquet de $src est en version $found, attendu $VERSION" >&2
    exit 1
fi

node "$here/derive-data.js" "$src" "$data"
