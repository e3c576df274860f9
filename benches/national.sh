#!/usr/bin/env bash
# Banc d'essai national de copil : le temps de processus entiers, tels que
# l'ANCT les lance en intégration continue, sur les 101 départements.
#
#   benches/national.sh            # tout (≈ 3 min aujourd'hui, surtout les délais dépassés)
#   DELAI=120 benches/national.sh  # délai maximal d'une commande (60 s par défaut)
#   GARDER=1 benches/national.sh   # garde le dossier temporaire (corpus, JSON, mesures)
#
# Mesure, avec hyperfine : `copil check --format json` sur le corpus
# national (échelles 1 et 8), un fichier de la taille de l'Isère,
# `copil --version`, un fichier de 200 000 membres (siégeant dans des
# comités, puis nulle part), un fichier de 20 000
# références inconnues ; la mémoire de pointe (`/usr/bin/time -v`) ; et
# cinq règles nationales évaluées par regorus (moteur Rego généraliste,
# `benches/regorus/`) sur le modèle de faits exporté, comparées à copil, qui
# doit trouver les mêmes violations.
#
# Affiche sur la sortie standard UN tableau Markdown (quoi | mesuré | cible) ;
# la progression va sur la sortie d'erreur. Une commande qui dépasse le
# délai est notée « > 60 s » au lieu de bloquer le banc.
#
# Prérequis : hyperfine, /usr/bin/time (paquet `time`), python3, une chaîne
# Rust. Sous Debian ou Ubuntu :
#   apt-get update && apt-get install -y hyperfine time python3
set -euo pipefail
cd "$(dirname "$0")/.."

DELAI=${DELAI:-60}
SELECT=FNE-PIL-01,FNE-COM-01,FNE-COM-02,FNE-FDR-06,FNE-MEM-01

manque() {
  echo "national.sh : $1 est introuvable. Installez-le : apt-get update && apt-get install -y $2" >&2
  exit 3
}
command -v hyperfine >/dev/null 2>&1 || manque hyperfine hyperfine
[ -x /usr/bin/time ] || manque /usr/bin/time time
command -v python3 >/dev/null 2>&1 || manque python3 python3

log() { echo "national.sh : $*" >&2; }

log "compilation (release) de copil, du générateur et du banc regorus…"
cargo build --release --quiet --bin copil --example corpus
cargo build --release --quiet --manifest-path benches/regorus/Cargo.toml
BIN=$PWD/target/release/copil
GEN=$PWD/target/release/examples/corpus
REGO=$PWD/benches/regorus/target/release/copil-regorus-bench

TMP=$(mktemp -d -t copil-national.XXXXXX)
if [ "${GARDER:-0}" = 1 ]; then
  log "dossier temporaire gardé : $TMP"
else
  trap 'rm -rf "$TMP"' EXIT
fi
RES=$TMP/resultats.txt
: >"$RES"
put() { echo "$1=$2" >>"$RES"; }

log "génération du corpus (échelles 1 et 8) et des fichiers de stress…"
"$GEN" "$TMP/k1" 2>>"$TMP/generation.log"
"$GEN" "$TMP/k8" --scale 8 2>>"$TMP/generation.log"
"$GEN" "$TMP/stress" --stress 2>>"$TMP/generation.log"
cat "$TMP/generation.log" >&2
for k in k1 k8; do
  put "$k.fichiers" "$(find "$TMP/$k" -name '*.copil' | wc -l)"
  put "$k.octets" "$(cat "$TMP/$k"/*.copil | wc -c)"
  put "$k.lignes" "$(cat "$TMP/$k"/*.copil | wc -l)"
done
put isere.octets "$(wc -c <examples/isere.copil)"
put isere38.octets "$(wc -c <"$TMP/k1/38.copil")"
put isere38.lignes "$(wc -l <"$TMP/k1/38.copil")"
put reference.octets "$(cat data/*.tsv | wc -c)"
put machine.coeurs "$(nproc)"
put machine.charge "$(cut -d' ' -f1 /proc/loadavg)"

# mesure CLÉ COMMANDE… : un premier passage sous `timeout` et `/usr/bin/time -v`
# (temps écoulé, mémoire de pointe, code de sortie) ; s'il est assez court,
# hyperfine répète la commande (10 fois au moins sous 0,5 s, 3 fois sous 15 s).
mesure() {
  local key=$1
  shift
  log "mesure de $key : $*"
  local start end rc
  start=$(date +%s%N)
  set +e
  timeout "$DELAI" /usr/bin/time -v -o "$TMP/time.$key" "$@" >/dev/null 2>"$TMP/stderr.$key"
  rc=$?
  set -e
  end=$(date +%s%N)
  if [ "$rc" = 124 ]; then
    put "$key.etat" delai
    return
  fi
  put "$key.etat" ok
  put "$key.code" "$rc"
  put "$key.rss_ko" "$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$TMP/time.$key")"
  local ms=$(((end - start) / 1000000))
  local runs
  if [ "$ms" -lt 500 ]; then
    runs=(--warmup 3 --min-runs 10)
  elif [ "$ms" -lt 15000 ]; then
    runs=(--warmup 0 --runs 3)
  else
    put "$key.moyenne" "$(echo "$ms" | awk '{print $1 / 1000}')"
    put "$key.ecart" 0
    put "$key.passages" 1
    return
  fi
  hyperfine -N -i --style none "${runs[@]}" --export-json "$TMP/hyperfine.$key.json" "$*" >/dev/null 2>&1
  python3 - "$TMP/hyperfine.$key.json" "$key" >>"$RES" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
k = sys.argv[2]
print(f"{k}.moyenne={r['mean']}")
print(f"{k}.ecart={r['stddev'] or 0}")
print(f"{k}.passages={len(r['times'])}")
EOF
}

mesure version "$BIN" --version
mesure isere "$BIN" check --format json examples/isere.copil
mesure isere38 "$BIN" check --format json "$TMP/k1/38.copil"
mesure k1 "$BIN" check --format json "$TMP/k1"
mesure k8 "$BIN" check --format json "$TMP/k8"
mesure membres "$BIN" check --format json "$TMP/stress/membres-200000.copil"
mesure inutilises "$BIN" check --format json "$TMP/stress/inutilises-200000.copil"
mesure inconnus "$BIN" check --format json "$TMP/stress/inconnus-20000.copil"

# --- copil face à regorus, sur cinq règles -----------------------------------
log "export du modèle de faits du corpus (copil export, une fois)…"
mkdir -p "$TMP/json"
for f in "$TMP"/k1/*.copil; do
  b=$(basename "$f" .copil)
  timeout "$DELAI" "$BIN" export "$f" --format json >"$TMP/json/$b.json" || log "export de $b.copil en échec (code $?)"
done
put json.octets "$(cat "$TMP"/json/*.json | wc -c)"

mesure regorus "$REGO" "$TMP/json"
"$REGO" "$TMP/json" >"$TMP/regorus.tsv" 2>"$TMP/regorus.err"
cat "$TMP/regorus.err" >&2
put regorus.interne "$(sed -n 's/.*évaluation en \([0-9.]*\) ms.*/\1/p' "$TMP/regorus.err")"
put regorus.interne_total "$(sed -n 's/.*total hors démarrage du processus : \([0-9.]*\) ms.*/\1/p' "$TMP/regorus.err")"

if "$BIN" check --help 2>/dev/null | grep -q -- '--select'; then
  put select oui
  mesure copil5 "$BIN" check --select "$SELECT" --format json "$TMP/k1"
  "$BIN" check --select "$SELECT" --format json "$TMP/k1" >"$TMP/copil5.json" || true
else
  # `--select` n'existe pas encore dans ce binaire : toutes les règles sont
  # évaluées, et la comparaison filtre les cinq après coup.
  log "copil check --select est absent : comparaison sur la sortie complète, filtrée"
  put select non
  mesure copil5 "$BIN" check --format json "$TMP/k1"
  "$BIN" check --format json "$TMP/k1" >"$TMP/copil5.json" || true
fi

python3 - "$TMP/copil5.json" "$TMP/regorus.tsv" "$SELECT" >>"$RES" 2>"$TMP/comparaison.txt" <<'EOF'
import collections, json, sys
from pathlib import Path
copil_json, regorus_tsv, select = sys.argv[1], sys.argv[2], set(sys.argv[3].split(","))
copil = collections.Counter()
for f in json.load(open(copil_json))["files"]:
    for d in f["diagnostics"]:
        if d["code"] in select:
            copil[(Path(f["path"]).stem, d["code"])] += 1
regorus = collections.Counter()
for line in open(regorus_tsv, encoding="utf-8"):
    regle, fichier, _element = line.rstrip("\n").split("\t")
    regorus[(Path(fichier).stem, regle)] += 1
diff = sorted(k for k in set(copil) | set(regorus) if copil[k] != regorus[k])
for fichier, regle in diff:
    print(f"  {fichier} {regle} : copil {copil[(fichier, regle)]}, regorus {regorus[(fichier, regle)]}", file=sys.stderr)
print(f"accord={'oui' if not diff else 'non'}")
print(f"accord.copil={sum(copil.values())}")
print(f"accord.regorus={sum(regorus.values())}")
print(f"accord.fichiers={len({f for f, _ in copil} | {f for f, _ in regorus})}")
print(f"accord.ecarts={len(diff)}")
par_regle = collections.Counter()
for (_, regle), n in copil.items():
    par_regle[regle] += n
print("accord.detail=" + ", ".join(f"{r} {par_regle[r]}" for r in sorted(select)))
EOF
if [ -s "$TMP/comparaison.txt" ]; then
  log "copil et regorus NE trouvent PAS les mêmes violations (fichier, règle : nombres) :"
  cat "$TMP/comparaison.txt" >&2
fi

# --- le tableau ---------------------------------------------------------------
python3 - "$RES" "$DELAI" <<'EOF'
import sys
res = {}
for line in open(sys.argv[1], encoding="utf-8"):
    k, _, v = line.rstrip("\n").partition("=")
    res[k] = v
delai = float(sys.argv[2])

def nombre(x, dec=1):
    s = f"{x:,.{dec}f}".replace(",", " ").replace(".", ",")
    return s

def duree(s):
    if s >= 1:
        return f"{nombre(s, 2)} s"
    ms = s * 1000
    return f"{nombre(ms, 2 if ms < 10 else 1)} ms"

def taille(octets):
    o = float(octets)
    if o >= 1024 * 1024:
        return f"{nombre(o / 1024 / 1024, 1)} Mio"
    return f"{nombre(o / 1024, 1)} kio"

def temps(key):
    """(texte, secondes ou None)"""
    if res.get(f"{key}.etat") == "delai":
        return f"> {delai:.0f} s (délai dépassé)", None
    m = float(res[f"{key}.moyenne"])
    n = int(res[f"{key}.passages"])
    sd = float(res[f"{key}.ecart"])
    txt = duree(m) + (f" ± {duree(sd)}" if n > 1 else "") + f" ({n} passage{'s' if n > 1 else ''})"
    return txt, m

def verdict(ok):
    return "✅" if ok else "❌"

def ligne(quoi, mesure, cible):
    print(f"| {quoi} | {mesure} | {cible} |")

print("| quoi | mesuré | cible |")
print("|---|---|---|")

t, s = temps("k1")
k1 = f"{res['k1.fichiers']} fichiers, {nombre(float(res['k1.lignes']), 0)} lignes, {taille(res['k1.octets'])}"
ligne(f"`copil check --format json`, corpus national (K=1 : {k1})", f"{t} {verdict(s is not None and s <= 0.1)}", "≤ 100 ms")
t8, s8 = temps("k8")
k8 = f"{nombre(float(res['k8.lignes']), 0)} lignes, {taille(res['k8.octets'])}"
ligne(f"idem, K=8 ({k8})", t8, "—")
entree = float(res["k8.octets"]) / float(res["k1.octets"])
if s is not None and s8 is not None:
    croissance = s8 / s
    ligne("croissance K=1 → K=8", f"entrée × {nombre(entree, 2)}, temps × {nombre(croissance, 2)} (rapport {nombre(croissance / entree, 2)}) {verdict(croissance <= 1.2 * entree)}", "temps ≤ 1,2 × entrée")
else:
    ligne("croissance K=1 → K=8", f"entrée × {nombre(entree, 2)}, temps non mesurable (délai dépassé) ❌", "temps ≤ 1,2 × entrée")
t, s = temps("isere")
ligne(f"`copil check`, `examples/isere.copil` ({taille(res['isere.octets'])})", f"{t} {verdict(s is not None and s <= 0.003)}", "≤ 3 ms")
t, s = temps("isere38")
# La cible de 3 ms est celle d'un fichier de la taille de l'Isère, tel
# qu'une préfecture l'écrit (examples/isere.copil, ligne ci-dessus) ; le
# fichier généré, dix fois plus gros (chaque commune membre), est mesuré
# pour information.
ligne(f"`copil check`, Isère générée (toutes les communes : {nombre(float(res['isere38.lignes']), 0)} lignes, {taille(res['isere38.octets'])})", t, "— (dix fois l'Isère réelle)")
t, s = temps("version")
ligne("`copil --version` (démarrage du processus)", t, "—")
t, s = temps("membres")
ligne("200 000 membres : temps", f"{t} {verdict(s is not None and s <= 1)}", "≤ 1 s")
if res.get("membres.etat") == "ok":
    rss = float(res["membres.rss_ko"]) * 1024
    ligne("200 000 membres : mémoire de pointe", f"{taille(rss)} {verdict(rss <= 1024 ** 3)}", "≤ 1 Gio")
else:
    ligne("200 000 membres : mémoire de pointe", f"non mesurée (délai de {delai:.0f} s dépassé) ❌", "≤ 1 Gio")
t, s = temps("inutilises")
ligne("200 000 membres qui ne siègent nulle part (200 000 avertissements)", f"{t} {verdict(s is not None and s <= 1)}", "≤ 1 s")
t, s = temps("inconnus")
ligne("20 000 références inconnues (« vouliez-vous dire » 20 000 fois)", f"{t} {verdict(s is not None and s <= 1)}", "≤ 1 s")
if res.get("k1.etat") == "ok":
    rss = float(res["k1.rss_ko"]) * 1024
    cible = 10 * float(res["k1.octets"]) + float(res["reference.octets"])
    ligne("mémoire de pointe, corpus national K=1", f"{taille(rss)} {verdict(rss <= cible)}", f"≤ 10 × entrée + données de référence = {taille(cible)}")
else:
    ligne("mémoire de pointe, corpus national K=1", "non mesurée (délai dépassé) ❌", "≤ 10 × entrée + données de référence")
tr, sr = temps("regorus")
interne = res.get("regorus.interne")
ligne(f"regorus, 5 règles en Rego sur le modèle de faits exporté ({taille(res['json.octets'])} de JSON)",
      tr + (f" ; mesuré dans le processus (un passage) : évaluation {nombre(float(interne), 1)} ms, total hors démarrage {nombre(float(res['regorus.interne_total']), 1)} ms" if interne else ""), "—")
tc, sc = temps("copil5")
quoi = "`copil check --select` des 5 règles, corpus `.copil`" if res["select"] == "oui" else "`copil check` (toutes les règles : `--select` absent de ce binaire)"
ligne(quoi, tc, "—")
if sr is not None and sc is not None:
    ligne("rapport regorus / copil", f"{nombre(sr / sc, 2)} {verdict(sr / sc >= 3)}", "copil ≥ 3 × plus rapide")
else:
    ligne("rapport regorus / copil", "non mesurable (délai dépassé) ❌", "copil ≥ 3 × plus rapide")
if res["accord"] == "oui":
    acc = f"identiques ✅ : {res['accord.copil']} violations ({res['accord.detail']}) dans {res['accord.fichiers']} fichiers"
else:
    acc = f"DIFFÉRENTES ❌ : {res['accord.ecarts']} couples (fichier, règle) diffèrent ; copil {res['accord.copil']}, regorus {res['accord.regorus']} (détail sur la sortie d'erreur)"
ligne("copil et regorus trouvent les mêmes violations (règle, nombre, par fichier)", acc, "identiques")
ligne("machine (les mesures sont bruitées si elle est chargée)", f"{res['machine.coeurs']} cœurs, charge moyenne {res['machine.charge'].replace('.', ',')} au départ", "—")
EOF
