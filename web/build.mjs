// Bundles the page into dist/: one classic script (not a module: module
// scripts do not load from file://), the wasm inlined in it, one stylesheet.
import { build } from "esbuild";
import { copyFileSync, mkdirSync, rmSync } from "node:fs";

rmSync("dist", { recursive: true, force: true });
mkdirSync("dist");
await build({
  entryPoints: { app: "src/main.js" },
  bundle: true,
  format: "iife",
  minify: true,
  legalComments: "linked",
  target: ["chrome109", "firefox115", "safari16"],
  loader: { ".wasm": "binary" },
  outdir: "dist",
  // The wasm-bindgen glue reads import.meta.url only when given no wasm;
  // the page always gives it the inlined bytes.
  logOverride: { "empty-import-meta": "silent" },
  logLevel: "warning",
});
await build({
  entryPoints: { style: "src/style.css" },
  bundle: true,
  minify: true,
  outdir: "dist",
  logLevel: "warning",
});
copyFileSync("src/index.html", "dist/index.html");
// Mermaid's own browser build, loaded on demand by src/roadmap.js.
copyFileSync("node_modules/@mermaid-js/tiny/dist/mermaid.tiny.js", "dist/mermaid.tiny.js");
copyFileSync("node_modules/@mermaid-js/tiny/LICENSE", "dist/mermaid.LICENSE.txt");
