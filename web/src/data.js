// The view's data, read from the page's <script type="application/json" id="corridor-data">
// (written by the library, see src/report/report_data.cpp), with the indexes the view needs.

export function readData(doc = document) {
  const node = doc.getElementById("corridor-data");
  if (!node) throw new Error("report.html holds no view data");
  const d = JSON.parse(node.textContent);
  const N = d.nodes.count, T = d.ties.count;

  // adjacency over page ties (CSR)
  const deg = new Uint32Array(N + 1);
  for (let t = 0; t < T; ++t) { deg[d.ties.a[t] + 1]++; deg[d.ties.b[t] + 1]++; }
  for (let i = 0; i < N; ++i) deg[i + 1] += deg[i];
  const adjTie = new Uint32Array(2 * T), fill = deg.slice(0, N);
  for (let t = 0; t < T; ++t) { adjTie[fill[d.ties.a[t]]++] = t; adjTie[fill[d.ties.b[t]]++] = t; }
  d.adjStart = deg;
  d.adjTie = adjTie;
  d.tieOf = new Map();
  for (let t = 0; t < T; ++t) d.tieOf.set(d.ties.a[t] * 1048576 + d.ties.b[t], t);

  // members of each overview group in the page, best first (page order is best first)
  d.groupMembers = Array.from({ length: d.overview.count }, () => []);
  for (let i = 0; i < N; ++i) {
    const g = d.nodes.draw[i];
    if (g >= 0 && d.overview.node[g] !== i) d.groupMembers[g].push(i);
  }
  d.leadOf = new Map();
  for (const lead of d.leads ?? []) if (lead.node >= 0) d.leadOf.set(lead.node, lead);
  d.maxScore = maxOf(d.nodes.score, 1e-300);
  d.maxPagerank = maxOf(d.nodes.pagerank, 1e-300);
  d.maxMembers = maxOf(d.overview.members, 1);
  return d;
}

export function tieBetween(d, i, j) {
  const a = Math.min(i, j), b = Math.max(i, j);
  return d.tieOf.get(a * 1048576 + b);
}

export function neighbours(d, i) {
  const out = [];
  for (let k = d.adjStart[i]; k < d.adjStart[i + 1]; ++k) {
    const t = d.adjTie[k];
    out.push(d.ties.a[t] === i ? d.ties.b[t] : d.ties.a[t]);
  }
  return out;
}

export const FLAG = { seed: 1, cleared: 2, keyPlayer: 4, cutVertex: 8, lead: 16 };
export const CONTEXT_KINDS = new Set(["country", "location"]);

// Largest finite value of an array (no spread: a large case has more items than call arguments).
function maxOf(values, floor) {
  let m = floor;
  for (const v of values) if (Number.isFinite(v) && v > m) m = v;
  return m;
}
