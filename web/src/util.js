/** `0 erreur`, `1 erreur`, `2 erreurs` (French: 0 and 1 are singular). */
export function plural(n, one, many) {
  return `${n.toLocaleString("fr-FR")} ${n <= 1 ? one : many}`;
}

/**
 * Draws an SVG document (copil's org chart at its own size) into PNG
 * bytes with the browser's canvas, twice its size as copil's own
 * rasteriser does, within what a canvas can hold.
 */
export async function rasterise(svg) {
  const url = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml" }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const { naturalWidth: w, naturalHeight: h } = image;
    if (!w || !h) throw new Error("l'organigramme n'a pas de taille");
    const scale = Math.min(2, 8000 / w, Math.sqrt(100e6 / (w * h)));
    const canvas = document.createElement("canvas");
    canvas.width = Math.max(1, Math.round(w * scale));
    canvas.height = Math.max(1, Math.round(h * scale));
    const context = canvas.getContext("2d");
    context.scale(scale, scale);
    context.drawImage(image, 0, 0, w, h);
    const blob = await new Promise((ok, fail) =>
      canvas.toBlob((b) => (b ? ok(b) : fail(new Error("le navigateur n'a pas produit d'image"))), "image/png"),
    );
    return new Uint8Array(await blob.arrayBuffer());
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Offers `text` (a string or bytes) as a file to save; nothing leaves the machine. */
export function download(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
