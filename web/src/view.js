// The network view: which nodes and ties are on screen (the overview's individuals and groups,
// what the analyst expanded, the filters), kept in sync with a cytoscape.js instance. Positions
// come from the library (a deterministic layout); this code never moves a node on its own.
import cytoscape from "cytoscape";
import { FLAG, CONTEXT_KINDS, neighbours, tieBetween } from "./data.js";
import { visible } from "./text.js";

const SHAPES = {
  smuggler: "diamond", facilitator: "rectangle", migrant: "ellipse", person: "hexagon",
  organization: "triangle", country: "octagon", location: "star", asset: "pentagon",
};
const GREY = "#9a9a9a";

export class View {
  constructor(d, container) {
    this.d = d;
    const N = d.nodes.count, G = d.overview.count;
    this.shown = new Uint8Array(N);      // page node revealed on its own
    this.expanded = new Uint8Array(G);   // group replaced by its members
    this.kinds = new Set(d.kinds.filter((k) => !CONTEXT_KINDS.has(k)));
    this.community = null;               // null = all, else a community number
    this.relation = null;                // null = all, else a relation index
    this.window = null;                  // null = all dates, else [fromDay, toDay]
    this.highlight = { nodes: new Set(), ties: new Set() };
    this.listeners = [];
    for (let g = 0; g < G; ++g) if (d.overview.node[g] >= 0) this.shown[d.overview.node[g]] = 1;
    // the drawing spans about 1000 px per 250 overview items, so groups keep room around them
    this.scale = 1000 * Math.max(1, Math.sqrt(G / 250));
    this.cy = cytoscape({
      container,
      elements: [],
      style: this.style(),
      layout: { name: "preset" },
      minZoom: 0.02,
      maxZoom: 20,
      boxSelectionEnabled: false,
      textureOnViewport: N > 5000,
      hideEdgesOnViewport: N > 5000,
      pixelRatio: 1,
    });
    this.sync();
    this.fit();
  }

  // Fits the drawing to the container from the node positions alone: cytoscape's own fit()
  // measures every element's style and label first, most of the time to open a large view.
  fit() {
    const cy = this.cy;
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (const def of this.drawnPositions()) {
      x0 = Math.min(x0, def.x); y0 = Math.min(y0, def.y); x1 = Math.max(x1, def.x); y1 = Math.max(y1, def.y);
    }
    const w = cy.width(), h = cy.height();
    if (!Number.isFinite(x0) || !w || !h) return;
    const pad = 40;
    const zoom = Math.min(cy.maxZoom(), Math.max(cy.minZoom(),
      Math.min((w - 2 * pad) / Math.max(1, x1 - x0), (h - 2 * pad) / Math.max(1, y1 - y0))));
    cy.viewport({ zoom, pan: { x: w / 2 - zoom * (x0 + x1) / 2, y: h / 2 - zoom * (y0 + y1) / 2 } });
  }

  * drawnPositions() {
    for (const id of this.drawn.keys()) {
      if (id[0] !== "n" && id[0] !== "g") continue;
      const k = Number(id.slice(1));
      const S = this.scale, d = this.d;
      yield id[0] === "n" ? { x: d.nodes.x[k] * S, y: d.nodes.y[k] * S } : { x: d.overview.x[k] * S, y: d.overview.y[k] * S };
    }
  }

  onChange(f) { this.listeners.push(f); }

  // The palette for the communities most present in the drawing (as the tables show them); the
  // others get a muted colour of their own (golden-angle hues), so that a large case does not
  // draw as a grey mass; countries and places stay grey.
  colour(c, community) {
    if (c >= 0 && c < this.d.palette.length) return this.d.palette[c];
    if (community === undefined || community < 0) return GREY;
    return `hsl(${Math.round((community * 137.508) % 360)}, 35%, 68%)`;
  }

  // Plain data mappers only (no style functions): cytoscape resolves them fast on large views.
  style() {
    return [
      { selector: "node", style: {
        shape: "data(shape)",
        "background-color": "data(bg)",
        width: "data(size)", height: "data(size)",
        label: "data(label)", "font-size": 11, "min-zoomed-font-size": 7,
        "text-valign": "bottom", "text-margin-y": 2, "text-outline-color": "#fff", "text-outline-width": 2,
        "border-width": 0.8, "border-color": "#333",
      } },
      { selector: "node.group", style: {
        "background-opacity": 0.45, "border-style": "dashed", "border-width": 1.5, "text-valign": "center",
        "font-size": 10, color: "#333",
      } },
      { selector: "node.seed", style: { "border-width": 4, "border-color": "#c00000", "border-style": "double" } },
      { selector: "node.cleared", style: { "border-width": 4, "border-color": "#1a8f1a", "border-style": "double" } },
      { selector: "node.key", style: { "outline-width": 2, "outline-color": "#222", "outline-offset": 2 } },
      { selector: "node.context", style: { "background-color": "#d8d8d8", "border-color": "#999" } },
      { selector: "edge", style: {
        width: "data(width)", "line-color": "#888", opacity: 0.55, "curve-style": "haystack",
      } },
      { selector: "edge.overview", style: { "line-color": "#bbb", opacity: 0.35 } },
      { selector: "edge.context", style: { "line-style": "dashed", "line-color": "#bbb" } },
      { selector: "node.hl", style: { "border-width": 4, "border-color": "#ff7f00", "border-style": "solid", "z-index": 10 } },
      { selector: "edge.hl", style: { "line-color": "#ff7f00", opacity: 1, width: "data(hlwidth)", "z-index": 10 } },
      { selector: "node:selected", style: { "overlay-color": "#ff7f00", "overlay-opacity": 0.25, "overlay-padding": 6 } },
    ];
  }

  // ---- what is displayed --------------------------------------------------------------------

  nodeKind(i) { return this.d.kinds[this.d.nodes.kind[i]]; }

  nodeDisplayed(i) {
    const n = this.d.nodes;
    const kind = this.nodeKind(i);
    if (!this.kinds.has(kind)) return false;
    if (CONTEXT_KINDS.has(kind)) return true;  // countries and places: all of them when asked for
    if (this.community !== null && n.community[i] !== this.community) return false;
    return this.shown[i] === 1 || (n.draw[i] >= 0 && this.expanded[n.draw[i]] === 1);
  }

  groupDisplayed(g) {
    const o = this.d.overview;
    if (o.node[g] >= 0 || this.expanded[g]) return false;
    if (!this.kinds.has(this.d.kinds[o.kind[g]]) && !o.mixed[g]) return false;
    return this.community === null || o.community[g] === this.community;
  }

  tiePasses(t) {
    const ties = this.d.ties;
    if (this.relation !== null && !ties.relations[t].includes(this.relation)) return false;
    if (this.window) {
      const days = ties.days[t];
      if (days.length === 0) return true;  // undated evidence is kept, as the library's views do
      const [from, to] = this.window;
      if (!days.some((x) => x >= from && x <= to)) return false;
    }
    return true;
  }

  // A tie between groups merges many actor ties: it stays when one of its relations is chosen and
  // when its evidence dates (first to last) overlap the window; undated, it stays.
  groupTiePasses(k) {
    const o = this.d.overview;
    if (this.relation !== null && !o.tie_relations[k].includes(this.relation)) return false;
    if (this.window && o.tie_days[k].length === 2) {
      const [first, last] = o.tie_days[k];
      if (last < this.window[0] || first > this.window[1]) return false;
    }
    return true;
  }

  // The elements that should be on screen: {id -> element definition}.
  wanted() {
    const d = this.d, n = d.nodes, o = d.overview, t = d.ties;
    const want = new Map();
    const S = this.scale;
    const nodeOn = new Uint8Array(n.count);
    for (let i = 0; i < n.count; ++i) {
      if (!this.nodeDisplayed(i)) continue;
      nodeOn[i] = 1;
      const kind = this.nodeKind(i);
      const w = d.has_scores ? n.score[i] / d.maxScore : n.pagerank[i] / d.maxPagerank;
      const f = n.flags[i];
      const classes = [
        f & FLAG.seed ? "seed" : "", f & FLAG.cleared ? "cleared" : "", f & FLAG.keyPlayer ? "key" : "",
        CONTEXT_KINDS.has(kind) ? "context" : "",
      ].filter(Boolean).join(" ");
      const labelled = (f & (FLAG.seed | FLAG.cleared | FLAG.keyPlayer)) || (n.rank[i] > 0 && n.rank[i] <= 10) ||
        CONTEXT_KINDS.has(kind) || this.highlight.nodes.has(i);
      want.set("n" + i, {
        group: "nodes", classes,
        data: { id: "n" + i, index: i, kind, shape: SHAPES[kind] ?? "ellipse", bg: this.colour(n.colour[i], n.community[i]),
                size: CONTEXT_KINDS.has(kind) ? 10 : 8 + 26 * Math.sqrt(Math.max(0, w || 0)),
                label: labelled ? visible(n.label[i] || n.id[i]) : "" },
        position: { x: n.x[i] * S, y: n.y[i] * S },
      });
    }
    const groupOn = new Uint8Array(o.count);
    for (let g = 0; g < o.count; ++g) {
      if (!this.groupDisplayed(g)) continue;
      groupOn[g] = 1;
      want.set("g" + g, {
        group: "nodes", classes: "group",
        data: { id: "g" + g, group: g, kind: d.kinds[o.kind[g]], shape: SHAPES[d.kinds[o.kind[g]]] ?? "ellipse",
                bg: this.colour(o.colour[g], o.community[g]),
                size: 14 + 46 * Math.sqrt(o.members[g] / d.maxMembers),
                label: o.labelled[g] ? this.groupText(g) : "" },
        position: { x: o.x[g] * S, y: o.y[g] * S },
      });
    }
    for (let k = 0; k < t.count; ++k) {
      const a = t.a[k], b = t.b[k];
      if (!nodeOn[a] || !nodeOn[b] || !this.tiePasses(k)) continue;
      const context = CONTEXT_KINDS.has(this.nodeKind(a)) || CONTEXT_KINDS.has(this.nodeKind(b));
      const width = 0.6 + 6 * (t.strength[k] || 0);
      want.set("t" + k, {
        group: "edges", classes: context ? "context" : "",
        data: { id: "t" + k, tie: k, source: "n" + a, target: "n" + b, width, hlwidth: width + 3 },
      });
    }
    // ties of the overview that involve a group (between an individual and a group, or two groups)
    for (let k = 0; k < o.tie_a.length; ++k) {
      const ends = [o.tie_a[k], o.tie_b[k]].map((g) => (o.node[g] >= 0 ? (nodeOn[o.node[g]] ? "n" + o.node[g] : null)
        : groupOn[g] ? "g" + g : null));
      if (!ends[0] || !ends[1] || !this.groupTiePasses(k)) continue;
      want.set("o" + k, {
        group: "edges", classes: "overview",
        data: { id: "o" + k, source: ends[0], target: ends[1], width: 0.5 + 0.8 * Math.log1p(o.tie_count[k]), hlwidth: 1 },
      });
    }
    return want;
  }

  groupText(g) {
    const d = this.d, o = d.overview;
    const kind = d.kinds[o.kind[g]];
    let t = o.mixed[g] ? `${o.members[g]} actors (mostly ${kind}s)` : `${o.members[g]} ${kind}${o.members[g] === 1 ? "" : "s"}`;
    if (o.country[g]) t += " from " + o.country[g];
    return visible(t + " in community " + o.community[g]);
  }

  // Brings cytoscape in line with wanted(): adds and removes elements, updates classes.
  sync() {
    const want = this.wanted();
    const cy = this.cy;
    // Only what changed is touched: restyling every element on each action is what makes a
    // large view slow.
    const signature = (def) => def.classes + "|" + (def.data.label ?? "") + "|" + def.data.size;
    this.drawn ??= new Map();
    cy.batch(() => {
      const gone = [];
      for (const id of this.drawn.keys()) if (!want.has(id)) gone.push(id);
      for (const id of gone) { cy.getElementById(id).remove(); this.drawn.delete(id); }
      const add = [];
      for (const [id, def] of want) {
        const sig = signature(def);
        const old = this.drawn.get(id);
        if (old === undefined) add.push(def);
        else if (old !== sig) { const e = cy.getElementById(id); e.data(def.data); e.classes(def.classes); }
        this.drawn.set(id, sig);
      }
      cy.add(add);
      const hl = new Set([...this.highlight.nodes].map((i) => "n" + i).concat([...this.highlight.ties].map((k) => "t" + k)));
      for (const id of this.lit ?? []) if (!hl.has(id)) cy.getElementById(id).removeClass("hl");
      for (const id of hl) cy.getElementById(id).addClass("hl");
      this.lit = hl;
    });
    const nodes = cy.nodes().length, edges = cy.edges().length;
    for (const f of this.listeners) f({ nodes, edges });
  }

  // ---- analyst actions ----------------------------------------------------------------------

  expandGroup(g) { this.expanded[g] = 1; this.sync(); }
  collapseGroup(g) {
    this.expanded[g] = 0;
    for (const i of this.d.groupMembers[g]) this.shown[i] = 0;
    this.sync();
  }
  expandNeighbourhood(i) {
    for (const j of neighbours(this.d, i)) this.shown[j] = 1;
    this.sync();
  }
  // Makes node i visible whatever the filters say (the analyst asked for it).
  reveal(i) {
    this.shown[i] = 1;
    this.kinds.add(this.nodeKind(i));
    if (this.community !== null && this.d.nodes.community[i] !== this.community) this.community = null;
  }
  // Highlights evidence paths (lists of page node indices) and the ties along them.
  highlightPaths(paths) {
    this.highlight = { nodes: new Set(), ties: new Set() };
    for (const p of paths) {
      p.forEach((i) => { if (i >= 0) { this.reveal(i); this.highlight.nodes.add(i); } });
      for (let k = 0; k + 1 < p.length; ++k) {
        const t = tieBetween(this.d, p[k], p[k + 1]);
        if (t !== undefined) this.highlight.ties.add(t);
      }
    }
    this.sync();
  }
  clearHighlight() { this.highlight = { nodes: new Set(), ties: new Set() }; this.sync(); }
  focus(i) {
    const e = this.cy.getElementById("n" + i);
    if (e.empty()) return;
    this.cy.elements().unselect();
    e.select();
    this.cy.animate({ center: { eles: e }, zoom: Math.max(this.cy.zoom(), 1.2) }, { duration: 250 });
  }
  reset() {
    const d = this.d;
    this.shown.fill(0);
    this.expanded.fill(0);
    for (let g = 0; g < d.overview.count; ++g) if (d.overview.node[g] >= 0) this.shown[d.overview.node[g]] = 1;
    this.kinds = new Set(d.kinds.filter((k) => !CONTEXT_KINDS.has(k)));
    this.community = null;
    this.relation = null;
    this.highlight = { nodes: new Set(), ties: new Set() };
    this.sync();
    this.fit();
  }
}
