// The web editor: copil compiled to WebAssembly (../pkg, built by
// build.sh) behind CodeMirror. Everything the file says reaches the page
// as text (textContent, an <img> for the SVG, markdown-it without HTML,
// Mermaid in strict mode): a hostile libellé cannot inject anything.

import init, * as copil from "../pkg/copil_web.js";
import wasm from "../pkg/copil_web_bg.wasm";
import { EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, drawSelection, hoverTooltip } from "@codemirror/view";
import { autocompletion, completionKeymap } from "@codemirror/autocomplete";
import { EditorState } from "@codemirror/state";
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { syntaxHighlighting, defaultHighlightStyle, bracketMatching } from "@codemirror/language";
import { setDiagnostics, lintGutter, lintKeymap } from "@codemirror/lint";
import { searchKeymap, highlightSelectionMatches } from "@codemirror/search";
import { copilLanguage } from "./language.js";
import { phrases } from "./phrases.js";
import { renderRoadmap, renderMarkdown } from "./roadmap.js";
import { download, plural, rasterise } from "./util.js";

const STORAGE_KEY = "copil.source";
const $ = (id) => document.getElementById(id);

/** Calls a binding function; its errors arrive as thrown strings. */
function call(f, ...args) {
  try {
    return { ok: f(...args) };
  } catch (e) {
    return { error: typeof e === "string" ? e : String(e) };
  }
}

let view;
let last = null; // the last analysis
let lastSvg = null; // the last org chart of a compiling text
let lastMarkdown = null;
let roadmapShown = null;

async function start() {
  await init({ module_or_path: wasm });
  $("version").textContent = copil.version();
  fillDepartements();
  const saved = readSaved();
  view = new EditorView({
    parent: $("editeur"),
    state: EditorState.create({
      doc: saved,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        history(),
        drawSelection(),
        bracketMatching(),
        highlightActiveLine(),
        highlightSelectionMatches(),
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
        copilLanguage(JSON.parse(copil.keywords())),
        lintGutter(),
        autocompletion({ override: [complete], icons: true }),
        hoverTooltip(hover),
        EditorState.phrases.of(phrases),
        EditorView.lineWrapping,
        EditorView.contentAttributes.of({
          "aria-label": "Fichier de gouvernance (.copil)",
          "aria-describedby": "editeur-aide",
        }),
        keymap.of([...defaultKeymap, ...historyKeymap, ...searchKeymap, ...lintKeymap, ...completionKeymap]),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) {
            pendingSince ??= performance.now();
            schedule();
          }
        }),
      ],
    }),
  });
  wireToolbar();
  wireTabs();
  wireSearch();
  wireDiff();
  analyse();
  // For the tests (and a curious user's console): the text, read only.
  globalThis.copilEditeur = { texte: () => view.state.doc.toString() };
  $("chargement").textContent = "";
  document.body.dataset.pretMs = performance.now().toFixed(0);
  document.body.dataset.pret = "oui";
}

/** Completion from copil's editor services (keywords, values, ids, EPCI
 *  and communes by name, rules). */
function complete(context) {
  const text = context.state.doc.toString();
  const r = call(copil.completion, text, context.pos);
  if (r.error) return null;
  const items = JSON.parse(r.ok);
  if (items.length === 0) return null;
  const word = context.matchBefore(/[\p{L}\p{N}_-]*/u);
  if (!context.explicit && word && word.from === word.to && !/\s$/.test(text.slice(0, context.pos))) return null;
  return {
    from: items[0].from,
    to: items[0].to,
    options: items.map((i) => ({
      label: i.filter ?? i.label,
      displayLabel: i.label,
      detail: i.detail ?? undefined,
      info: i.documentation ?? undefined,
      type: i.kind,
      apply: i.insert,
    })),
    validFor: /^[\p{L}\p{N}_-]*$/u,
  };
}

/** Hover from copil's editor services: an official name behind a code, a
 *  member's roles, a rule's rationale. Markdown shown as text. */
function hover(v, pos) {
  const r = call(copil.hover, v.state.doc.toString(), pos);
  if (r.error) return null;
  const h = JSON.parse(r.ok);
  if (!h) return null;
  return {
    pos: h.from,
    end: h.to,
    above: true,
    create() {
      const dom = document.createElement("div");
      dom.className = "survol";
      renderMarkdown(dom, h.markdown);
      return { dom };
    },
  };
}

function readSaved() {
  try {
    return localStorage.getItem(STORAGE_KEY) ?? "";
  } catch {
    return "";
  }
}

function save(text) {
  try {
    localStorage.setItem(STORAGE_KEY, text);
  } catch {
    // Storage full or forbidden: the text stays in the editor.
  }
}

// Diagnostics follow the keyboard: a short pause gathers a burst of keys
// (a paste, fast typing) into one analysis. The budget from a keystroke
// to its diagnostics is 50 ms for an Isère-sized file.
const PAUSE_MS = 20;
let timer = null;
let pendingSince = null;
function schedule() {
  clearTimeout(timer);
  timer = setTimeout(analyse, PAUSE_MS);
}

/** Sets the editor's text (a file opened, a département started). */
function setText(text) {
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
  analyse();
}

function analyse() {
  clearTimeout(timer);
  const text = view.state.doc.toString();
  save(text);
  const t0 = performance.now();
  const result = call(copil.analyse, text);
  const end = performance.now();
  const ms = end - t0;
  document.body.dataset.analyseMs = ms.toFixed(1);
  if (pendingSince != null) {
    document.body.dataset.latenceMs = (end - pendingSince).toFixed(1);
    pendingSince = null;
  }
  $("duree").textContent = `Analyse : ${Math.round(ms)} ms.`;
  if (result.error) {
    $("resume").textContent = `Le compilateur n'a pas pu analyser le fichier : ${result.error}`;
    return;
  }
  last = JSON.parse(result.ok);
  showDiagnostics(text, last);
  if (last.svg) lastSvg = last.svg;
  if (last.markdown) lastMarkdown = last.markdown;
  showChart(text.trim() === "");
  if (!$("panneau-feuille").hidden) {
    // Mermaid takes longer than the compiler: the preview waits for a pause.
    clearTimeout(roadmapTimer);
    roadmapTimer = setTimeout(showRoadmap, 400);
  }
}
let roadmapTimer = null;

function showDiagnostics(text, analysis) {
  if (text.trim() === "") {
    // Nothing written yet: no error to show, an invitation.
    view.dispatch(setDiagnostics(view.state, []));
    $("resume").textContent = "Le fichier est vide : choisissez un département ou ouvrez un fichier.";
    $("resume").dataset.etat = "vide";
    $("liste-diagnostics").replaceChildren();
    return;
  }
  const length = view.state.doc.length;
  const clamp = (n) => Math.max(0, Math.min(n, length));
  const cm = analysis.diagnostics
    .filter((d) => !d.waived)
    .map((d) => ({
      from: clamp(d.from),
      to: clamp(Math.max(d.to, d.from)),
      severity: d.severity,
      source: d.code,
      message: d.help ? `${d.message}\naide : ${d.help}` : d.message,
      actions: fixActions(d),
    }));
  view.dispatch(setDiagnostics(view.state, cm));

  const s = analysis.summary;
  const parts = [plural(s.errors, "erreur", "erreurs"), plural(s.warnings, "avertissement", "avertissements")];
  if (s.infos) parts.push(plural(s.infos, "information", "informations"));
  if (s.waived) parts.push(plural(s.waived, "dérogation appliquée", "dérogations appliquées"));
  $("resume").textContent = `${analysis.compiled ? "Le fichier compile" : "Le fichier ne compile pas"} : ${parts.join(", ")}.`;
  $("resume").dataset.etat = s.errors ? "erreur" : s.warnings ? "avertissement" : "ok";

  const list = $("liste-diagnostics");
  list.replaceChildren(...analysis.diagnostics.map((d) => diagnosticItem(d)));
}

/** The quick fixes of a diagnostic, as CodeMirror lint actions. */
function fixActions(d) {
  return (d.fixes ?? []).map((fix) => ({
    name: fix.title,
    apply: (v) => applyFix(fix, v),
  }));
}

function applyFix(fix, v = view) {
  v.dispatch({
    changes: fix.edits.map((e) => ({ from: e.from, to: e.to, insert: e.insert })),
  });
  analyse();
  v.focus();
}

function diagnosticItem(d) {
  const li = document.createElement("li");
  li.className = `diagnostic diagnostic-${d.waived ? "deroge" : d.severity}`;
  const head = document.createElement("p");
  head.className = "diagnostic-tete";
  const badge = document.createElement("span");
  badge.className = "badge";
  badge.textContent = d.waived ? "dérogé" : d.severity_label;
  const code = document.createElement("code");
  code.textContent = d.code;
  const where = document.createElement("button");
  where.type = "button";
  where.className = "lien";
  where.textContent = `ligne ${d.line}, colonne ${d.column}`;
  where.setAttribute("aria-label", `Aller à la ligne ${d.line}, colonne ${d.column}`);
  where.addEventListener("click", () => {
    view.dispatch({ selection: { anchor: d.from, head: Math.max(d.from, d.to) }, scrollIntoView: true });
    view.focus();
  });
  head.append(badge, " ", code, " — ", where);
  const message = document.createElement("p");
  message.className = "diagnostic-message";
  message.textContent = d.message;
  li.append(head, message);
  if (d.help) {
    const help = document.createElement("p");
    help.className = "diagnostic-aide";
    help.textContent = `aide : ${d.help}`;
    li.append(help);
  }
  if (d.waived) {
    const waived = document.createElement("p");
    waived.className = "diagnostic-aide";
    waived.textContent = `dérogation : ${d.waived}`;
    li.append(waived);
  }
  for (const fix of d.fixes ?? []) {
    const b = document.createElement("button");
    b.type = "button";
    b.className = "bouton bouton-petit correctif";
    b.textContent = fix.title;
    b.addEventListener("click", () => applyFix(fix));
    li.append(b);
  }
  return li;
}

function showChart(empty) {
  const holder = $("organigramme");
  const state = $("organigramme-etat");
  if (!lastSvg) {
    holder.replaceChildren();
    state.textContent = empty
      ? "L'organigramme apparaîtra ici dès que le fichier compilera."
      : "Le fichier ne compile pas encore : l'organigramme apparaîtra quand les erreurs seront corrigées.";
    return;
  }
  state.textContent = last && last.svg ? "" : "Le fichier ne compile plus : voici le dernier organigramme obtenu.";
  if (holder.dataset.svg === lastSvg) return;
  // An image, not inline SVG: whatever the file says cannot run in the page.
  const img = document.createElement("img");
  img.alt = "Organigramme de la gouvernance : pilotage, comités, instances existantes et feuilles de route";
  img.src = URL.createObjectURL(new Blob([lastSvg], { type: "image/svg+xml" }));
  img.addEventListener("load", () => URL.revokeObjectURL(img.src), { once: true });
  holder.replaceChildren(img);
  holder.dataset.svg = lastSvg;
}

async function showRoadmap() {
  const state = $("feuille-etat");
  if (!lastMarkdown) {
    $("feuille").replaceChildren();
    state.textContent = "La feuille de route apparaîtra ici dès que le fichier compilera.";
    return;
  }
  state.textContent = last && last.markdown ? "" : "Le fichier ne compile plus : voici la dernière feuille de route obtenue.";
  if (roadmapShown === lastMarkdown) return;
  roadmapShown = lastMarkdown;
  await renderRoadmap($("feuille"), lastMarkdown);
}

function fillDepartements() {
  const select = $("departement");
  for (const d of JSON.parse(copil.departements())) {
    const option = document.createElement("option");
    option.value = d.code;
    option.textContent = `${d.code} — ${d.nom}`;
    select.append(option);
  }
}

function wireToolbar() {
  $("form-init").addEventListener("submit", (e) => {
    e.preventDefault();
    const code = $("departement").value;
    if (!code) return;
    const text = view.state.doc.toString();
    if (text.trim() !== "" && !confirm("Remplacer le texte de l'éditeur par un nouveau fichier ? (Téléchargez-le d'abord pour le garder.)")) return;
    const result = call(copil.init, code);
    if (result.error) {
      $("resume").textContent = result.error;
      return;
    }
    setText(result.ok);
    view.focus();
  });
  $("ouvrir").addEventListener("change", async (e) => {
    const file = e.target.files[0];
    if (!file) return;
    setText(await file.text());
    e.target.value = "";
    view.focus();
  });
  $("mettre-en-forme").addEventListener("click", () => {
    const r = call(copil.fmt, view.state.doc.toString());
    if (r.error) return announce(r.error);
    if (r.ok !== view.state.doc.toString()) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: r.ok } });
      analyse();
    }
    announce("Le fichier est mis en forme.");
  });
  $("telecharger-copil").addEventListener("click", () => {
    download(fileName("copil"), view.state.doc.toString(), "text/plain;charset=utf-8");
  });
  $("telecharger-svg").addEventListener("click", () => {
    const r = call(copil.organigramme, view.state.doc.toString());
    if (r.error) return announce(`Organigramme indisponible : ${r.error}`);
    download(fileName("svg", "organigramme"), r.ok, "image/svg+xml");
  });
  $("telecharger-md").addEventListener("click", () => {
    const r = call(copil.feuille_de_route, view.state.doc.toString());
    if (r.error) return announce(`Feuille de route indisponible : ${r.error}`);
    download(fileName("md", "feuille-de-route"), r.ok, "text/markdown;charset=utf-8");
  });
  $("telecharger-odt").addEventListener("click", async () => {
    const source = view.state.doc.toString();
    const svg = call(copil.organigramme_fixe, source);
    if (svg.error) return announce(`Feuille de route indisponible : ${svg.error}`);
    let image;
    try {
      image = await rasterise(svg.ok);
    } catch (e) {
      return announce(`L'organigramme n'a pas pu être dessiné pour le document : ${e.message ?? e}`);
    }
    const r = call(copil.feuille_de_route_odt, source, image);
    if (r.error) return announce(`Feuille de route indisponible : ${r.error}`);
    download(fileName("odt", "feuille-de-route"), r.ok, "application/vnd.oasis.opendocument.text");
  });
}

function announce(text) {
  $("resume").textContent = text;
}

/** `gouvernance-38.copil`, `organigramme-38.svg`… */
function fileName(ext, what = "gouvernance") {
  const t = last && last.territoire ? `-${last.territoire.replaceAll(",", "-")}` : "";
  return `${what}${t}.${ext}`.replace(/[^A-Za-z0-9._-]/g, "_");
}

function wireTabs() {
  const tabs = [...document.querySelectorAll('[role="tab"]')];
  const select = (tab, focus) => {
    for (const t of tabs) {
      const on = t === tab;
      t.setAttribute("aria-selected", String(on));
      t.tabIndex = on ? 0 : -1;
      $(t.getAttribute("aria-controls")).hidden = !on;
    }
    if (focus) tab.focus();
    if (tab.id === "onglet-feuille") showRoadmap();
  };
  tabs.forEach((tab, i) => {
    tab.addEventListener("click", () => select(tab, false));
    tab.addEventListener("keydown", (e) => {
      const move = { ArrowRight: 1, ArrowLeft: -1 }[e.key];
      if (move) select(tabs[(i + move + tabs.length) % tabs.length], true);
      else if (e.key === "Home") select(tabs[0], true);
      else if (e.key === "End") select(tabs[tabs.length - 1], true);
      else return;
      e.preventDefault();
    });
  });
}

function wireSearch() {
  $("form-recherche").addEventListener("submit", (e) => {
    e.preventDefault();
    const r = call(copil.search, $("recherche-texte").value, $("recherche-departement").value, $("recherche-nature").value, 20);
    const list = $("resultats");
    if (r.error) {
      list.replaceChildren();
      $("recherche-etat").textContent = r.error;
      return;
    }
    const found = JSON.parse(r.ok);
    $("recherche-etat").textContent =
      found.resultats.length === 0
        ? "Aucun résultat : essayez moins de mots, un autre filtre, ou un code."
        : `${plural(found.total, "résultat", "résultats")}${found.total > found.resultats.length ? `, les ${found.resultats.length} meilleurs affichés` : ""}.`;
    list.replaceChildren(...found.resultats.map(resultItem));
  });
}

function wireDiff() {
  const other = $("comparer-texte");
  const run = () => {
    const r = call(copil.diff, other.value, view.state.doc.toString(), "markdown");
    const state = $("comparer-etat");
    if (r.error) {
      $("comparaison").replaceChildren();
      state.textContent = r.error;
      return;
    }
    state.textContent = "Comparaison faite : voici ce que le fichier de l'éditeur change par rapport à la version de référence.";
    renderMarkdown($("comparaison"), r.ok);
  };
  $("form-comparer").addEventListener("submit", (e) => {
    e.preventDefault();
    run();
  });
  $("comparer-ouvrir").addEventListener("change", async (e) => {
    const file = e.target.files[0];
    if (!file) return;
    other.value = await file.text();
    e.target.value = "";
    run();
  });
}

function resultItem(r) {
  const li = document.createElement("li");
  li.className = "resultat";
  const title = document.createElement("p");
  title.className = "resultat-nom";
  title.textContent = r.nom;
  const facts = document.createElement("p");
  facts.className = "aide";
  const bits = [r.type ?? r.nature, r.code ? `code ${r.code}` : null];
  if (r.population != null) bits.push(`${r.population.toLocaleString("fr-FR")} habitants`);
  if (r.departements.length) bits.push(`département ${r.departements.join(", ")}`);
  if (r.note) bits.push(r.note);
  facts.textContent = bits.filter(Boolean).join(" · ");
  const line = document.createElement("code");
  line.className = "resultat-ligne";
  line.textContent = r.ligne;
  const insert = document.createElement("button");
  insert.type = "button";
  insert.className = "bouton bouton-petit";
  insert.textContent = "Insérer dans le fichier";
  insert.setAttribute("aria-label", `Insérer la ligne membre de ${r.nom} dans le fichier`);
  insert.addEventListener("click", () => {
    const { state } = view;
    const at = state.doc.lineAt(state.selection.main.head);
    const pos = at.length === 0 ? at.from : at.to;
    const insertText = (at.length === 0 ? "" : "\n") + r.ligne + "\n";
    view.dispatch({ changes: { from: pos, insert: insertText }, selection: { anchor: pos + insertText.length } });
    analyse();
    view.focus();
  });
  li.append(title, facts, line, insert);
  return li;
}

start().catch((e) => {
  $("chargement").textContent = `Le compilateur n'a pas pu démarrer dans ce navigateur : ${e}`;
});
