// Safe text for the page: data from the case is only ever set as text (textContent), never as
// markup, and bidirectional control characters (which could reorder what is shown around them,
// the "right-to-left override" trick) are shown as visible codes such as [U+202E].

const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

export function visible(s) {
  return String(s ?? "").replace(BIDI, (c) => "[U+" + c.codePointAt(0).toString(16).toUpperCase().padStart(4, "0") + "]");
}

// el("td", { class: "n", text: value }, child...): attributes are fixed names chosen by this code;
// `text` and string children become text nodes.
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") e.className = v;
    else if (k === "text") e.textContent = visible(v);
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    e.append(typeof c === "string" || typeof c === "number" ? document.createTextNode(visible(c)) : c);
  }
  return e;
}

export function fmt(x, digits = 4) {
  if (x === null || x === undefined || !Number.isFinite(x)) return "–";
  if (x === 0) return "0";
  return Number(x.toPrecision(digits)).toString();
}

export function percent(x) {
  return Number.isFinite(x) ? (100 * x).toFixed(1) + "%" : "–";
}

// Days since 1970-01-01 to "YYYY-MM-DD".
export function dayText(day) {
  return new Date(day * 86400000).toISOString().slice(0, 10);
}
