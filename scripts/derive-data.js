#!/usr/bin/env node
// Dérive les tables compactes de `data/` à partir du paquet npm
// `@etalab/decoupage-administratif` déjà décompressé.
//
// Usage : node scripts/derive-data.js <dossier du paquet> <dossier data/>
//
// N'utilise que la bibliothèque standard de Node. Sortie déterministe :
// lignes triées par code (ordre des octets), fin de ligne `\n`, UTF-8.
// `data/hubs.tsv` et `data/README.md` sont tenus à la main : ce script ne les
// écrit jamais.
'use strict'

const fs = require('fs')
const path = require('path')

function fail(message) {
  console.error(`derive-data: ${message}`)
  process.exit(1)
}

const [packageDir, outDir] = process.argv.slice(2)
if (!packageDir || !outDir) {
  fail('usage : node scripts/derive-data.js <dossier du paquet> <dossier data/>')
}

function load(name) {
  const file = path.join(packageDir, 'data', `${name}.json`)
  return JSON.parse(fs.readFileSync(file, 'utf8'))
}

// Comparaison par octets (et non selon la locale) : même ordre partout,
// identique à l'ordre de `str` en Rust.
function byCode(a, b) {
  return a < b ? -1 : a > b ? 1 : 0
}

function cell(value, what) {
  const text = String(value)
  if (/[\t\r\n]/.test(text)) {
    fail(`${what} contient une tabulation ou un saut de ligne : ${JSON.stringify(text)}`)
  }
  return text
}

function writeTable(name, header, rows) {
  const lines = [header.join('\t')]
  for (const row of rows) {
    lines.push(row.map((value, i) => cell(value, `${name}, colonne ${header[i]}`)).join('\t'))
  }
  const file = path.join(outDir, name)
  const tmp = `${file}.tmp`
  fs.writeFileSync(tmp, lines.join('\n') + '\n')
  fs.renameSync(tmp, file)
  console.log(`${name} : ${rows.length} lignes`)
}

const ZONES = new Set(['metro', 'drom', 'com'])
const EPCI_TYPES = new Set(['CC', 'CA', 'CU', 'METRO', 'MET69'])

const pkg = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'))
console.log(`source : ${pkg.name}@${pkg.version}`)

// --- Régions --------------------------------------------------------------
const regions = load('regions').slice().sort((a, b) => byCode(a.code, b.code))
const regionCodes = new Set()
for (const r of regions) {
  if (!ZONES.has(r.zone)) fail(`région ${r.code} : zone inconnue ${r.zone}`)
  if (regionCodes.has(r.code)) fail(`région ${r.code} en double`)
  regionCodes.add(r.code)
}

// --- Communes (communes actuelles seulement) ------------------------------
// Les communes déléguées, associées et les arrondissements municipaux de
// Paris, Lyon et Marseille sont écartés : ils ne sont pas des collectivités.
// La population est la population municipale INSEE que donne le paquet
// (Paris, Lyon, Marseille : somme de leurs arrondissements, calculée par le
// paquet). Une commune sans population (terres inhabitées des TAAF,
// Clipperton) a une cellule vide.
const communes = load('communes')
  .filter(c => c.type === 'commune-actuelle')
  .sort((a, b) => byCode(a.code, b.code))
const communeByCode = new Map()
for (const c of communes) {
  if (communeByCode.has(c.code)) fail(`commune ${c.code} en double`)
  if (c.population !== undefined && !Number.isInteger(c.population)) {
    fail(`commune ${c.code} : population invalide`)
  }
  communeByCode.set(c.code, c)
}

// --- Départements ---------------------------------------------------------
const departements = load('departements').slice().sort((a, b) => byCode(a.code, b.code))
const departementPopulation = new Map(departements.map(d => [d.code, 0]))
for (const d of departements) {
  if (!regionCodes.has(d.region)) fail(`département ${d.code} : région inconnue ${d.region}`)
  if (!ZONES.has(d.zone)) fail(`département ${d.code} : zone inconnue ${d.zone}`)
}
for (const c of communes) {
  if (!departementPopulation.has(c.departement)) {
    fail(`commune ${c.code} : département inconnu ${c.departement}`)
  }
  departementPopulation.set(c.departement, departementPopulation.get(c.departement) + (c.population || 0))
}

// --- EPCI -----------------------------------------------------------------
// Population d'un EPCI : somme des populations municipales de ses communes
// membres (même millésime que celles des communes et des départements), et
// non les champs `populationMunicipale`/`populationTotale` de la DGCL, d'un
// autre millésime.
const epciOfCommune = new Map()
const epci = load('epci').slice().sort((a, b) => byCode(a.code, b.code))
const epciRows = []
for (const e of epci) {
  if (!/^\d{9}$/.test(e.code)) fail(`EPCI ${e.code} : SIREN mal formé`)
  if (!EPCI_TYPES.has(e.type)) fail(`EPCI ${e.code} : type inconnu ${e.type}`)
  const members = e.membres.map(m => m.code).sort(byCode)
  const depts = new Set()
  let population = 0
  for (const code of members) {
    const c = communeByCode.get(code)
    if (!c) fail(`EPCI ${e.code} : commune membre inconnue ${code}`)
    if (epciOfCommune.has(code)) {
      fail(`commune ${code} membre de deux EPCI : ${epciOfCommune.get(code)} et ${e.code}`)
    }
    epciOfCommune.set(code, e.code)
    depts.add(c.departement)
    population += c.population || 0
  }
  epciRows.push([
    e.code,
    e.nom,
    e.type,
    population,
    [...depts].sort(byCode).join(','),
    members.join(','),
  ])
}

// --- EPT ------------------------------------------------------------------
// Les 11 établissements publics territoriaux du Grand Paris (`ept.json`) :
// des collectivités membres réelles des gouvernances (un EPT copilote dans
// le Val-de-Marne). Ils vont dans `epci.tsv` avec le type `EPT` ; leurs
// communes sont aussi membres de la Métropole du Grand Paris, leur EPCI à
// fiscalité propre : une commune a au plus un EPCI et au plus un EPT.
const eptOfCommune = new Map()
for (const e of load('ept')) {
  if (!/^\d{9}$/.test(e.code)) fail(`EPT ${e.code} : SIREN mal formé`)
  if (e.type !== 'EPT') fail(`EPT ${e.code} : type inattendu ${e.type}`)
  const members = e.membres.map(m => m.code).sort(byCode)
  const depts = new Set()
  let population = 0
  for (const code of members) {
    const c = communeByCode.get(code)
    if (!c) fail(`EPT ${e.code} : commune membre inconnue ${code}`)
    if (eptOfCommune.has(code)) fail(`commune ${code} membre de deux EPT`)
    if (!epciOfCommune.has(code)) fail(`commune ${code} de l'EPT ${e.code} sans EPCI`)
    eptOfCommune.set(code, e.code)
    depts.add(c.departement)
    population += c.population || 0
  }
  epciRows.push([e.code, e.nom, e.type, population, [...depts].sort(byCode).join(','), members.join(',')])
}
epciRows.sort((a, b) => byCode(a[0], b[0]))
for (let i = 1; i < epciRows.length; i++) {
  if (epciRows[i - 1][0] === epciRows[i][0]) fail(`SIREN ${epciRows[i][0]} à la fois EPCI et EPT`)
}

// --- Collectivités à statut particulier -----------------------------------
// La collectivité qui exerce les compétences du département quand ce n'est
// pas un Département ordinaire, sous son nom officiel (DESIGN §3). Table
// tenue à la main : le COG nomme le territoire (« Guyane »), pas la
// collectivité.
const COLLECTIVITES = {
  '2A': 'Collectivité de Corse',
  '2B': 'Collectivité de Corse',
  '67': "Collectivité européenne d'Alsace",
  '68': "Collectivité européenne d'Alsace",
  '75': 'Ville de Paris',
  '972': 'Collectivité territoriale de Martinique',
  '973': 'Collectivité territoriale de Guyane',
  '976': 'Département de Mayotte',
}

fs.mkdirSync(outDir, {recursive: true})

writeTable('regions.tsv', ['code', 'nom', 'zone'], regions.map(r => [r.code, r.nom, r.zone]))
writeTable(
  'departements.tsv',
  ['code', 'nom', 'region', 'zone', 'population', 'liaison', 'collectivite'],
  departements.map(d => [
    d.code,
    d.nom,
    d.region,
    d.zone,
    departementPopulation.get(d.code),
    d.typeLiaison,
    COLLECTIVITES[d.code] || '',
  ]),
)
writeTable('epci.tsv', ['siren', 'nom', 'type', 'population', 'departements', 'communes'], epciRows)
// --- Codes postaux -------------------------------------------------------
// Code postal → codes INSEE des communes actuelles qu'il dessert, pour que
// `copil search 59100` trouve Roubaix. Les codes postaux des arrondissements
// municipaux sont déjà dans la liste de Paris, Lyon et Marseille. Cinq
// districts inhabités des TAAF n'ont pas de code postal.
const communesOfPostalCode = new Map()
for (const c of communes) {
  for (const code of c.codesPostaux || []) {
    if (!/^\d{5}$/.test(code)) fail(`commune ${c.code} : code postal mal formé ${JSON.stringify(code)}`)
    if (!communesOfPostalCode.has(code)) communesOfPostalCode.set(code, new Set())
    communesOfPostalCode.get(code).add(c.code)
  }
}
const postalRows = [...communesOfPostalCode.keys()]
  .sort(byCode)
  .map(code => [code, [...communesOfPostalCode.get(code)].sort(byCode).join(',')])

writeTable(
  'communes.tsv',
  ['insee', 'nom', 'departement', 'population'],
  communes.map(c => [c.code, c.nom, c.departement, c.population === undefined ? '' : c.population]),
)
writeTable('codes-postaux.tsv', ['code_postal', 'communes'], postalRows)
