// The side panel: why a node is in the view. Score, rank, per-seed shares and its evidence paths
// with every piece of evidence behind each tie (relation, grade, date, source reference), as the
// library computed them; the same paths `corridor explain --id ID` lists.
import { FLAG, CONTEXT_KINDS, neighbours } from "./data.js";
import { el, fmt, percent } from "./text.js";

export class Panel {
  constructor(d, view, root) {
    this.d = d;
    this.view = view;
    this.root = root;
  }

  clear(message) {
    this.root.replaceChildren(el("p", { class: "note", text: message ?? "Click a node to see why it is here." }));
  }

  flags(i) {
    const f = this.d.nodes.flags[i];
    return el("p", {},
      f & FLAG.seed ? el("span", { class: "flag seed", text: "seed" }) : null,
      f & FLAG.cleared ? el("span", { class: "flag cleared", text: "cleared" }) : null,
      f & FLAG.lead ? el("span", { class: "flag lead", text: "explained lead" }) : null,
      f & FLAG.keyPlayer ? el("span", { class: "flag", text: "key player" }) : null,
      f & FLAG.cutVertex ? el("span", { class: "flag", text: "cut vertex" }) : null);
  }

  showNode(i) {
    const d = this.d, n = d.nodes, v = this.view;
    const kind = d.kinds[n.kind[i]];
    const rows = [
      ["Id", n.id[i]], ["Label", n.label[i] || "–"], ["Kind", kind],
      ["Community", n.community[i] >= 0 ? String(n.community[i]) : "–"],
    ];
    if (d.has_scores) {
      rows.push(["Score", fmt(n.score[i], 6)]);
      rows.push(["Rank", n.rank[i] > 0 ? `${n.rank[i]} of ${d.case_nodes}` : "not reached"]);
    }
    rows.push(["PageRank", fmt(n.pagerank[i])], ["Betweenness", fmt(n.betweenness[i])]);
    const dl = el("dl", {});
    for (const [k, val] of rows) dl.append(el("dt", { text: k }), el("dd", { class: "iso", text: val }));
    const nb = neighbours(d, i).length;
    const g = n.draw[i];
    const inGroup = g >= 0 && d.overview.node[g] !== i;
    const actions = el("p", {},
      el("button", { type: "button", id: "expand-neighbourhood", text: `Expand neighbourhood (${nb})`,
        onclick: () => v.expandNeighbourhood(i) }),
      inGroup && !v.expanded[g] ? el("button", { type: "button", id: "expand-its-group",
        text: `Expand its group (${d.groupMembers[g].length})`, title: v.groupText(g),
        onclick: (e) => { v.expandGroup(g); e.target.remove(); } }) : null,
      el("button", { type: "button", text: "Clear highlight", onclick: () => v.clearHighlight() }));
    const parts = [el("h3", { class: "iso", text: n.label[i] ? `${n.label[i]} (${n.id[i]})` : n.id[i] }),
      this.flags(i), dl, actions];
    const lead = d.leadOf.get(i);
    if (lead) {
      if (lead.shares) parts.push(this.shares(lead));
      parts.push(this.paths(lead));
      v.highlightPaths(lead.paths.map((p) => p.nodes));
    } else {
      v.clearHighlight();
      if (d.has_scores && !CONTEXT_KINDS.has(kind))
        parts.push(el("p", { class: "note", text:
          `The evidence paths of the top ${d.leads.length} leads are in this page; for this node run ` +
          `corridor explain CASE --id ${n.id[i]}` }));
    }
    this.root.replaceChildren(...parts);
    this.root.scrollTop = 0;
  }

  shares(lead) {
    const list = el("ol", { id: "shares" });
    for (const s of lead.shares) {
      if (s.cleared) {
        // A cleared person's share is negative: how much it lowered the seeds' part.
        if (s.contribution < 0)
          list.append(el("li", { class: "iso cleared", text:
            `cleared ${s.seed} lowered it by ${fmt(-s.contribution)} (${percent(-s.fraction)} of the seeds' part)` }));
        continue;
      }
      if (!(s.contribution > 0)) continue;
      const what = s.implicit ? " (the group the seeds are tied to)" : "";
      list.append(el("li", { class: "iso", text: `${s.seed}${what}: ${percent(s.fraction)} (${fmt(s.contribution)})` }));
    }
    return el("div", {}, el("h4", { text: "Share of the score by seed" }), list);
  }

  paths(lead) {
    const list = el("ol", { id: "paths" });
    lead.paths.forEach((p, k) => {
      const item = el("li", { class: "evidence-path" },
        el("div", { class: "path iso", text: p.text }),
        el("div", { class: "note", text: `contribution ${fmt(p.contribution, 6)}: ${percent(p.share)} of the score (the walks that reduce to this path)` }));
      p.ties.forEach((t, j) => {
        const a = p.nodes[j], b = p.nodes[j + 1];
        const name = (x) => (x >= 0 ? this.d.nodes.id[x] : "?");
        item.append(el("div", { class: "tie iso", text: `${name(a)} – ${name(b)}: tie strength ${fmt(t.strength)}` }));
        for (const e of t.evidence) {
          item.append(el("div", { class: "ev iso", text:
            `${e.relation} ${e.source} → ${e.target}, grade ${e.grade || "–"}, date ${e.date || "–"}, ` +
            `source ${e.ref || "–"}${e.volume !== 1 ? ", volume " + fmt(e.volume) : ""}` }));
        }
        if (t.more > 0)
          item.append(el("div", { class: "ev", text: `… and ${t.more} more pieces of evidence between these two (the case files hold them all)` }));
      });
      item.addEventListener("click", () => this.view.highlightPaths([p.nodes]));
      list.append(item);
      void k;
    });
    if (lead.paths.length === 0) return el("p", { text: "No evidence path reaches this node from a seed." });
    return el("div", {}, el("h4", { text: "Evidence paths (largest contribution first)" }), list);
  }

  showGroup(g) {
    const d = this.d, o = d.overview, v = this.view;
    const members = d.groupMembers[g];
    const list = el("ol", {});
    members.slice(0, 15).forEach((i) => list.append(el("li", {},
      el("button", { type: "button", class: "iso", text: d.nodes.label[i] || d.nodes.id[i],
        onclick: () => { v.reveal(i); this.showNode(i); v.focus(i); } }))));
    this.root.replaceChildren(
      el("h3", { text: v.groupText(g) }),
      el("p", { text: `${members.length} of its ${o.members[g]} members are in this view` +
        (members.length < o.members[g] ? " (the best by score; the CSV files have all)." : ".") }),
      el("p", {}, el("button", { type: "button", id: "expand-group", text: "Expand group",
        onclick: () => { v.expandGroup(g); this.clear("Group expanded: click a member."); } })),
      el("h4", { text: "Best members" }), list);
  }
}
