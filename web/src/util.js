/** `0 erreur`, `1 erreur`, `2 erreurs` (French: 0 and 1 are singular). */
export function plural(n, one, many) {
  return `${n.toLocaleString("fr-FR")} ${n <= 1 ? one : many}`;
}

/** Offers `text` as a file to save; nothing leaves the machine. */
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
