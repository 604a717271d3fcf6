// The interactive view of corridor's report.html: reads the embedded data, draws the network
// with cytoscape.js, and wires the toolbar, the side panel, the timeline and the tables.
// Every string of the case is set as text; nothing is fetched.
import { readData, CONTEXT_KINDS } from "./data.js";
import { View } from "./view.js";
import { Panel } from "./panel.js";
import { Timeline } from "./timeline.js";
import { enhanceTables } from "./tables.js";
import { el } from "./text.js";

function search(d, query) {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const exact = [], partial = [];
  for (let i = 0; i < d.nodes.count; ++i) {
    const id = d.nodes.id[i].toLowerCase(), label = d.nodes.label[i].toLowerCase();
    if (id === q || label === q) exact.push(i);
    else if (partial.length < 50 && (id.includes(q) || label.includes(q))) partial.push(i);
  }
  const byRank = (a, b) => (d.nodes.rank[a] || Infinity) - (d.nodes.rank[b] || Infinity) || a - b;
  return [...exact.sort(byRank), ...partial.sort(byRank)].slice(0, 12);
}

function toolbar(d, view, panel, root, focus) {
  const input = el("input", { type: "search", id: "search", placeholder: "id or label", "aria-label": "search by id or label" });
  const results = el("span", { id: "search-results" });
  const find = () => {
    const found = search(d, input.value);
    results.replaceChildren();
    if (found.length === 0) {
      const partial = d.nodes.count < d.case_nodes
        ? ` (the view holds ${d.nodes.count} of the case's ${d.case_nodes} nodes; the CSV files have every node)` : "";
      results.append(el("span", { text: "no node in this view matches" + partial }));
      return;
    }
    focus(found[0]);
    if (found.length > 1)
      for (const i of found.slice(1))
        results.append(el("button", { type: "button", class: "iso", text: d.nodes.label[i] || d.nodes.id[i], onclick: () => focus(i) }));
  };
  input.addEventListener("keydown", (e) => { if (e.key === "Enter") find(); });

  const kinds = el("fieldset", { id: "kind-filter" }, el("legend", { text: "kinds" }));
  const present = new Set([...d.nodes.kind, ...d.overview.kind].map((k) => d.kinds[k]));
  for (const k of d.kinds) {
    if (!present.has(k)) continue;
    const box = el("input", { type: "checkbox", value: k, checked: !CONTEXT_KINDS.has(k) });
    box.addEventListener("change", () => { box.checked ? view.kinds.add(k) : view.kinds.delete(k); view.sync(); });
    kinds.append(el("label", {}, box, " " + k + (CONTEXT_KINDS.has(k) ? " (context)" : "")));
  }

  const communities = new Map();
  d.overview.community.forEach((c, g) => communities.set(c, (communities.get(c) ?? 0) + d.overview.members[g]));
  const community = el("select", { id: "community-filter", "aria-label": "community" },
    el("option", { value: "", text: "all communities" }));
  [...communities].filter(([c]) => c >= 0).sort((a, b) => b[1] - a[1])
    .forEach(([c, size]) => community.append(el("option", { value: String(c), text: `community ${c} (${size})` })));
  community.addEventListener("change", () => { view.community = community.value === "" ? null : Number(community.value); view.sync(); });

  const relation = el("select", { id: "relation-filter", "aria-label": "relation" }, el("option", { value: "", text: "all relations" }));
  const used = new Set([...d.ties.relations.flat(), ...d.overview.tie_relations.flat()]);
  d.relations.forEach((r, k) => { if (used.has(k)) relation.append(el("option", { value: String(k), text: r })); });
  relation.addEventListener("change", () => { view.relation = relation.value === "" ? null : Number(relation.value); view.sync(); });

  const reset = el("button", { type: "button", id: "reset", text: "Reset view", onclick: () => {
    view.reset(); panel.clear();
    community.value = ""; relation.value = "";
    for (const box of kinds.querySelectorAll("input")) box.checked = view.kinds.has(box.value);
  } });
  root.append(
    el("label", {}, "Find ", input), el("button", { type: "button", text: "Find", onclick: find }), results,
    kinds, el("label", {}, "Community ", community), el("label", {}, "Relation ", relation), reset);
}

function main() {
  performance.mark("corridor:start");
  const d = readData();
  performance.mark("corridor:data");
  const view = new View(d, document.getElementById("view"));
  performance.mark("corridor:view");
  const panel = new Panel(d, view, document.getElementById("panel"));
  const status = document.getElementById("status");
  let window = "";
  const report = ({ nodes, edges }) => {
    status.dataset.nodes = nodes;
    status.dataset.ties = edges;
    status.textContent = `${nodes} nodes and ${edges} ties on screen (${d.nodes.count} nodes and ${d.ties.count} ` +
      `ties in this view, of ${d.case_nodes} nodes in the case)` + (window ? `; evidence dated ${window}` : "");
  };
  view.onChange(report);
  report({ nodes: view.cy.nodes().length, edges: view.cy.edges().length });

  const focus = (i) => {
    view.reveal(i);
    panel.showNode(i);  // highlights its paths, which brings the view in line (one sync)
    view.focus(i);
  };
  view.cy.on("tap", "node", (e) => {
    const data = e.target.data();
    if (data.group !== undefined) panel.showGroup(data.group);
    else panel.showNode(data.index);
  });
  view.cy.on("dbltap", "node.group", (e) => view.expandGroup(e.target.data("group")));
  toolbar(d, view, panel, document.getElementById("toolbar"), focus);
  new Timeline(d, document.getElementById("timeline"), (w, text) => { view.window = w; window = text; view.sync(); });
  enhanceTables(document.querySelector("main"), (i) => {
    focus(i);
    document.getElementById("explore").scrollIntoView({ behavior: "instant", block: "start" });
  });
  performance.mark("corridor:wired");
  // ready for the analyst (and for the browser test and the page benchmark): after the first
  // frame with the drawing
  view.cy.resize();  // the toolbar and the panel have taken their room by now
  view.fit();
  requestAnimationFrame(() => {
    performance.mark("corridor:ready");
    document.body.dataset.ready = "1";
  });
}

try {
  main();
} catch (err) {
  const box = document.getElementById("panel");
  if (box) box.textContent = "The view could not start: " + err.message;
  throw err;
}
