// The roadmap skeleton previewed: markdown-it (raw HTML off: the file's
// text stays text), and each ```mermaid block drawn by Mermaid in strict
// mode (its labels sanitised, no script, no click handler). Mermaid is
// the "tiny" build (no mindmap, architecture or KaTeX: copil draws
// flowcharts and gantt charts), a script of its own in dist/ loaded the
// first time a roadmap is shown, so the editor starts without it.
import MarkdownIt from "markdown-it";

const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
const fence = md.renderer.rules.fence;
md.renderer.rules.fence = (tokens, idx, options, env, self) => {
  const token = tokens[idx];
  if (token.info.trim() === "mermaid") {
    return `<div class="mermaid-bloc" data-mermaid="${md.utils.escapeHtml(token.content)}"></div>\n`;
  }
  return fence(tokens, idx, options, env, self);
};

let loading = null;
function loadMermaid() {
  loading ??= new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = "mermaid.tiny.js";
    script.onload = () => {
      const mermaid = globalThis.mermaid;
      mermaid.initialize({
        startOnLoad: false,
        securityLevel: "strict",
        theme: "neutral",
        fontFamily: "system-ui, sans-serif",
        flowchart: { htmlLabels: false },
      });
      resolve(mermaid);
    };
    script.onerror = () => reject(new Error("mermaid.tiny.js ne se charge pas"));
    document.head.append(script);
  });
  return loading;
}

let generation = 0;

export async function renderRoadmap(target, markdown) {
  const mine = ++generation;
  target.innerHTML = md.render(markdown);
  const blocks = [...target.querySelectorAll(".mermaid-bloc")];
  let mermaid;
  try {
    mermaid = blocks.length ? await loadMermaid() : null;
  } catch {
    mermaid = null;
  }
  for (const [i, block] of blocks.entries()) {
    const source = block.dataset.mermaid;
    try {
      if (!mermaid) throw new Error("Mermaid est indisponible");
      const { svg } = await mermaid.render(`mermaid-${mine}-${i}`, source);
      if (mine !== generation) return;
      block.innerHTML = svg;
      block.setAttribute("role", "img");
      block.setAttribute("aria-label", i === 0 ? "Diagramme de la gouvernance" : "Diagramme");
    } catch (e) {
      if (mine !== generation) return;
      const pre = document.createElement("pre");
      pre.textContent = source;
      const note = document.createElement("p");
      note.className = "aide";
      note.textContent = `Ce diagramme n'a pas pu être dessiné (${e.message ?? e}) ; voici son texte Mermaid.`;
      block.replaceChildren(note, pre);
    }
  }
  target.dataset.rendu = String(mine);
}

/** Markdown without diagrams (a hover, a diff), raw HTML off. */
export function renderMarkdown(target, markdown) {
  target.innerHTML = md.render(markdown);
}
