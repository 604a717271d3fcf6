// The data of the interactive view, as JSON inside report.html. Column-wise arrays (one array
// per field) keep a large case compact. Every id, label, place and source reference goes
// through the Namer, so a pseudonymised report stays pseudonymised here too; every string is
// escaped so that it stays data: '<', '>', '&' and U+2028/9 as \u escapes (nothing can close the
// script element or read as markup), bidirectional controls as \u escapes too, invalid UTF-8 as
// U+FFFD.
#include <fmt/core.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <map>
#include <set>

#include "report/report_impl.hpp"

namespace corridor::detail {

void append_json_string(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  for (std::size_t i = 0; i < s.size();) {
    const auto ch = static_cast<unsigned char>(s[i]);
    if (ch < 0x80) {
      switch (ch) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '<': out += "\\u003c"; break;
        case '>': out += "\\u003e"; break;
        case '&': out += "\\u0026"; break;
        default:
          if (ch < 0x20 || ch == 0x7f) {
            out += "\\u00";
            out += kHex[ch >> 4];
            out += kHex[ch & 15];
          } else {
            out += static_cast<char>(ch);
          }
      }
      ++i;
      continue;
    }
    // A well-formed UTF-8 sequence is copied (U+2028/9 escaped); anything else becomes U+FFFD.
    const std::size_t n = ch >= 0xF0 && ch <= 0xF4 ? 4 : ch >= 0xE0 ? 3 : ch >= 0xC2 && ch <= 0xDF ? 2 : 0;
    bool ok = n > 0 && i + n <= s.size() && ch < 0xF5;
    for (std::size_t j = 1; ok && j < n; ++j) ok = (static_cast<unsigned char>(s[i + j]) & 0xC0) == 0x80;
    if (ok && n == 3) {
      const auto b1 = static_cast<unsigned char>(s[i + 1]);
      ok = !(ch == 0xE0 && b1 < 0xA0) && !(ch == 0xED && b1 >= 0xA0);  // overlong, surrogates
    }
    if (ok && n == 4) {
      const auto b1 = static_cast<unsigned char>(s[i + 1]);
      ok = !(ch == 0xF0 && b1 < 0x90) && !(ch == 0xF4 && b1 >= 0x90);
    }
    if (!ok) {
      out += "\\ufffd";
      ++i;
      continue;
    }
    const bool separator = n == 3 && ch == 0xE2 && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
                           (static_cast<unsigned char>(s[i + 2]) == 0xA8 || static_cast<unsigned char>(s[i + 2]) == 0xA9);
    if (separator || bidi_control_at(s.substr(i)) == n) {
      // line separators (which end a JavaScript line) and bidirectional controls (which reorder
      // what a source view shows) as \u escapes; the page shows the latter as visible codes
      const std::string code = bidi_code(s.substr(i), n);  // "[U+202E]"
      out += "\\u";
      for (char h : code.substr(3, 4)) out += static_cast<char>(std::tolower(static_cast<unsigned char>(h)));
    } else {
      out.append(s.substr(i, n));
    }
    i += n;
  }
  out += '"';
}

namespace {

constexpr std::uint32_t kNone32 = static_cast<std::uint32_t>(-1);

// Numbers: 5 significant digits are plenty for drawing and ranking; NaN and inf as null.
void num(std::string& out, double v) {
  if (!std::isfinite(v)) {
    out += "null";
    return;
  }
  out += fmt::format("{:.5g}", v);
}

// Node flags: what the view marks.
enum Flag : unsigned { kSeed = 1, kCleared = 2, kKeyPlayer = 4, kCutVertex = 8, kLead = 16 };

class DataWriter {
 public:
  DataWriter(const Case& c, const AnalysisResult& r, const Namer& names, const Colours& colours)
      : c_(c), r_(r), d_(r.drawing), names_(names), colours_(colours), index_(c.num_nodes(), kNone32) {
    for (std::size_t i = 0; i < d_.page.size(); ++i) index_[d_.page[i].node] = static_cast<std::uint32_t>(i);
    rank_.assign(c.num_nodes(), 0);
    if (r.has_scores)
      for (std::size_t i = 0; i < r.scores.order.size(); ++i)
        if (r.scores.scores[r.scores.order[i]] > 0) rank_[r.scores.order[i]] = i + 1;
  }

  std::string json() {
    out_.reserve(256 * d_.page.size() + 4096);
    out_ += "{\"format\":1";
    meta();
    overview();
    nodes();
    ties();
    leads();
    out_ += "}";
    return std::move(out_);
  }

 private:
  template <typename F>
  void array(std::string_view name, std::size_t n, F&& item) {
    out_ += ",";
    append_json_string(out_, name);
    out_ += ":[";
    for (std::size_t i = 0; i < n; ++i) {
      if (i) out_ += ',';
      item(i);
    }
    out_ += "]";
  }
  void key(std::string_view name) {
    out_ += ",";
    append_json_string(out_, name);
    out_ += ":";
  }
  void str(std::string_view s) { append_json_string(out_, s); }

  void meta() {
    key("has_scores");
    out_ += r_.has_scores ? "true" : "false";
    key("pseudonymized");
    out_ += names_.pseudonymized() ? "true" : "false";
    key("size_by");
    str(r_.has_scores ? "affiliation score" : "PageRank");
    key("case_nodes");
    out_ += std::to_string(c_.num_nodes());
    array("kinds", kNodeKindCount, [&](std::size_t k) { str(to_string(static_cast<NodeKind>(k))); });
    array("relations", c_.relations().size(),
          [&](std::size_t k) { str(c_.relations().info(static_cast<RelationId>(k)).name); });
    array("palette", Colours::palette().size(), [&](std::size_t i) { str(Colours::palette()[i]); });
  }

  // The overview: nodes drawn alone point to their page node; groups describe themselves.
  void overview() {
    out_ += ",\"overview\":{\"count\":" + std::to_string(d_.nodes.size());
    const auto& n = d_.nodes;
    array("node", n.size(), [&](std::size_t i) {
      out_ += n[i].node == kNoNode ? std::string("-1") : std::to_string(index_[n[i].node]);
    });
    array("kind", n.size(), [&](std::size_t i) { out_ += std::to_string(static_cast<int>(n[i].kind)); });
    array("community", n.size(), [&](std::size_t i) { out_ += std::to_string(n[i].community); });
    array("colour", n.size(), [&](std::size_t i) { out_ += std::to_string(colours_.index(n[i].community)); });
    array("members", n.size(), [&](std::size_t i) { out_ += std::to_string(n[i].members); });
    array("embedded", n.size(), [&](std::size_t i) { out_ += std::to_string(d_.group_embedded[i]); });
    array("weight", n.size(), [&](std::size_t i) { num(out_, n[i].weight); });
    array("x", n.size(), [&](std::size_t i) { num(out_, n[i].x); });
    array("y", n.size(), [&](std::size_t i) { num(out_, n[i].y); });
    array("mixed", n.size(), [&](std::size_t i) { out_ += n[i].mixed ? '1' : '0'; });
    array("labelled", n.size(), [&](std::size_t i) { out_ += n[i].labelled ? '1' : '0'; });
    array("country", n.size(), [&](std::size_t i) { str(names_.place(n[i].country)); });
    // ties between two drawn items of which at least one is a group (ties between two nodes
    // drawn alone are page ties)
    std::vector<const DrawEdge*> group_ties;
    for (const DrawEdge& e : d_.edges)
      if (n[e.a].node == kNoNode || n[e.b].node == kNoNode) group_ties.push_back(&e);
    array("tie_a", group_ties.size(), [&](std::size_t i) { out_ += std::to_string(group_ties[i]->a); });
    array("tie_b", group_ties.size(), [&](std::size_t i) { out_ += std::to_string(group_ties[i]->b); });
    array("tie_count", group_ties.size(), [&](std::size_t i) { out_ += std::to_string(group_ties[i]->ties); });
    group_tie_evidence(group_ties);
    out_ += "}";
  }

  // What the filters need to know of a tie between groups: the relations and the first and last
  // evidence date among the actor ties it merges (a date window keeps it when the two overlap).
  void group_tie_evidence(const std::vector<const DrawEdge*>& group_ties) {
    constexpr std::uint32_t kNone = static_cast<std::uint32_t>(-1);
    std::vector<std::vector<RelationId>> rels(group_ties.size());
    std::vector<std::int64_t> first(group_ties.size(), std::numeric_limits<std::int64_t>::max());
    std::vector<std::int64_t> last(group_ties.size(), std::numeric_limits<std::int64_t>::min());
    const auto& draw_of = d_.draw_of;
    for (EvidenceId e = 0; e < c_.num_evidence() && !draw_of.empty(); ++e) {
      const std::uint32_t a = draw_of[c_.source(e)], b = draw_of[c_.target(e)];
      if (a == kNone || b == kNone || a == b) continue;
      const auto key = std::minmax(a, b);
      const auto it = std::lower_bound(group_ties.begin(), group_ties.end(), key, [](const DrawEdge* t, const auto& k) {
        return std::make_pair(t->a, t->b) < std::make_pair(k.first, k.second);
      });
      if (it == group_ties.end() || (*it)->a != key.first || (*it)->b != key.second) continue;
      const auto k = static_cast<std::size_t>(it - group_ties.begin());
      if (std::find(rels[k].begin(), rels[k].end(), c_.relation(e)) == rels[k].end()) rels[k].push_back(c_.relation(e));
      if (c_.time(e).empty()) continue;
      const auto day = static_cast<std::int64_t>(std::floor(c_.time(e).days()));
      first[k] = std::min(first[k], day);
      last[k] = std::max(last[k], day);
    }
    array("tie_relations", group_ties.size(), [&](std::size_t i) {
      std::sort(rels[i].begin(), rels[i].end());
      out_ += '[';
      for (std::size_t j = 0; j < rels[i].size(); ++j) out_ += (j ? "," : "") + std::to_string(rels[i][j]);
      out_ += ']';
    });
    // [first, last] evidence day, or [] when none of the merged evidence is dated
    array("tie_days", group_ties.size(), [&](std::size_t i) {
      out_ += first[i] <= last[i] ? "[" + std::to_string(first[i]) + "," + std::to_string(last[i]) + "]" : "[]";
    });
  }

  void nodes() {
    std::vector<unsigned> flags(d_.page.size(), 0);
    auto flag = [&](NodeId v, unsigned f) {
      if (index_[v] != kNone32) flags[index_[v]] |= f;
    };
    for (const Seed& s : r_.seeds) flag(s.node, kSeed);
    for (const Seed& s : r_.cleared) flag(s.node, kCleared);
    for (NodeId v : r_.key_players) flag(v, kKeyPlayer);
    for (NodeId v : r_.articulation_points) flag(v, kCutVertex);
    for (std::size_t i = 0; i < r_.lead_paths.size(); ++i) flag(r_.scores.order[i], kLead);
    const auto& p = d_.page;
    out_ += ",\"nodes\":{\"count\":" + std::to_string(d_.page.size());
    array("id", p.size(), [&](std::size_t i) { str(names_.id(p[i].node)); });
    array("label", p.size(), [&](std::size_t i) {
      const std::string label = names_.label(p[i].node);
      str(label == names_.id(p[i].node) ? std::string() : label);
    });
    array("kind", p.size(), [&](std::size_t i) { out_ += std::to_string(static_cast<int>(c_.kind(p[i].node))); });
    array("community", p.size(), [&](std::size_t i) { out_ += std::to_string(r_.community[p[i].node]); });
    array("colour", p.size(), [&](std::size_t i) {
      out_ += std::to_string(r_.community[p[i].node] < 0 ? -1 : colours_.index(r_.community[p[i].node]));
    });
    array("score", p.size(), [&](std::size_t i) { num(out_, r_.has_scores ? r_.scores.scores[p[i].node] : NAN); });
    array("rank", p.size(), [&](std::size_t i) { out_ += std::to_string(rank_[p[i].node]); });
    array("pagerank", p.size(), [&](std::size_t i) { num(out_, r_.pagerank[p[i].node]); });
    array("betweenness", p.size(), [&](std::size_t i) { num(out_, r_.betweenness[p[i].node]); });
    array("draw", p.size(), [&](std::size_t i) { out_ += std::to_string(p[i].draw); });
    array("x", p.size(), [&](std::size_t i) { num(out_, p[i].x); });
    array("y", p.size(), [&](std::size_t i) { num(out_, p[i].y); });
    array("flags", p.size(), [&](std::size_t i) { out_ += std::to_string(flags[i]); });
    out_ += "}";
  }

  // Per tie: strength, the relations and distinct evidence days behind it, pieces and volume.
  void ties() {
    const auto& t = d_.page_ties;
    std::vector<std::vector<RelationId>> rels(t.size());
    std::vector<std::vector<std::int64_t>> days(t.size());
    std::vector<std::size_t> pieces(t.size(), 0);
    std::vector<double> volume(t.size(), 0.0);
    // ties are sorted by (a, b): find a tie by binary search
    auto find = [&](std::uint32_t a, std::uint32_t b) -> std::size_t {
      const auto it = std::lower_bound(t.begin(), t.end(), std::make_pair(a, b), [](const PageTie& x, const auto& k) {
        return std::make_pair(x.a, x.b) < k;
      });
      return it != t.end() && it->a == a && it->b == b ? static_cast<std::size_t>(it - t.begin()) : t.size();
    };
    for (std::uint32_t i = 0; i < d_.page.size(); ++i)
      for (EvidenceId e : c_.out_evidence(d_.page[i].node)) {
        const std::uint32_t j = index_[c_.target(e)];
        if (j == kNone32 || j == i) continue;
        const std::size_t k = find(std::min(i, j), std::max(i, j));
        if (k == t.size()) continue;
        if (std::find(rels[k].begin(), rels[k].end(), c_.relation(e)) == rels[k].end()) rels[k].push_back(c_.relation(e));
        if (!c_.time(e).empty()) days[k].push_back(static_cast<std::int64_t>(std::floor(c_.time(e).days())));
        ++pieces[k];
        volume[k] += c_.weight(e);
      }
    for (auto& d : days) {
      std::sort(d.begin(), d.end());
      d.erase(std::unique(d.begin(), d.end()), d.end());
    }
    out_ += ",\"ties\":{\"count\":" + std::to_string(d_.page_ties.size());
    array("a", t.size(), [&](std::size_t i) { out_ += std::to_string(t[i].a); });
    array("b", t.size(), [&](std::size_t i) { out_ += std::to_string(t[i].b); });
    array("strength", t.size(), [&](std::size_t i) { num(out_, t[i].strength); });
    array("pieces", t.size(), [&](std::size_t i) { out_ += std::to_string(pieces[i]); });
    array("volume", t.size(), [&](std::size_t i) { num(out_, volume[i]); });
    array("relations", t.size(), [&](std::size_t i) {
      std::sort(rels[i].begin(), rels[i].end());
      out_ += '[';
      for (std::size_t j = 0; j < rels[i].size(); ++j) out_ += (j ? "," : "") + std::to_string(rels[i][j]);
      out_ += ']';
    });
    array("days", t.size(), [&](std::size_t i) {
      out_ += '[';
      for (std::size_t j = 0; j < days[i].size(); ++j) out_ += (j ? "," : "") + std::to_string(days[i][j]);
      out_ += ']';
    });
    out_ += "}";
  }

  // The evidence between the two ends of a tie of a path: every piece, up to kMaxPieces (a pair
  // recorded as thousands of rows would otherwise swell the page); "more" counts the rest.
  static constexpr std::size_t kMaxPieces = 50;
  void tie_evidence(NodeId u, NodeId v) {
    out_ += "\"evidence\":[";
    std::size_t n = 0;
    for (auto [from, to] : {std::pair{u, v}, std::pair{v, u}})
      for (EvidenceId e : c_.out_evidence(from)) {
        if (c_.target(e) != to) continue;
        if (n++ >= kMaxPieces) continue;
        if (n > 1) out_ += ',';
        out_ += "{\"relation\":";
        str(c_.relation_name(e));
        out_ += ",\"source\":";
        str(names_.id(c_.source(e)));
        out_ += ",\"target\":";
        str(names_.id(c_.target(e)));
        out_ += ",\"grade\":";
        str(c_.grade(e).to_string());
        out_ += ",\"date\":";
        str(c_.time(e).empty() ? std::string() : c_.time(e).to_string());
        out_ += ",\"ref\":";
        str(names_.source_ref(c_.source_ref(e)));
        out_ += ",\"volume\":";
        num(out_, c_.weight(e));
        out_ += "}";
      }
    out_ += "],\"more\":" + std::to_string(n - std::min(n, kMaxPieces));
  }

  void path(const EvidencePath& p) {
    out_ += "{\"text\":";
    str(names_.path(p));
    out_ += ",\"contribution\":";
    num(out_, p.contribution);
    out_ += ",\"share\":";
    num(out_, p.share);
    array("nodes", p.nodes.size(), [&](std::size_t i) { out_ += std::to_string(static_cast<std::int64_t>(
                                                          index_[p.nodes[i]] == kNone32 ? -1 : index_[p.nodes[i]])); });
    array("ties", p.evidence.size(), [&](std::size_t i) {
      out_ += "{\"strength\":";
      num(out_, p.tie_strength[i]);
      out_ += ",";
      tie_evidence(p.nodes[i], p.nodes[i + 1]);
      out_ += "}";
    });
    out_ += "}";
  }

  void leads() {
    array("leads", r_.lead_paths.size(), [&](std::size_t i) {
      const NodeId v = r_.scores.order[i];
      out_ += "{\"node\":" + std::to_string(static_cast<std::int64_t>(index_[v] == kNone32 ? -1 : index_[v]));
      out_ += ",\"rank\":" + std::to_string(i + 1);
      array("paths", r_.lead_paths[i].size(), [&](std::size_t j) { path(r_.lead_paths[i][j]); });
      if (i < r_.lead_shares.size()) {
        const auto& shares = r_.lead_shares[i];
        array("shares", shares.size(), [&](std::size_t j) {
          out_ += "{\"seed\":";
          str(names_.id(shares[j].seed));
          out_ += ",\"node\":" + std::to_string(static_cast<std::int64_t>(
                                     index_[shares[j].seed] == kNone32 ? -1 : index_[shares[j].seed]));
          out_ += ",\"contribution\":";
          num(out_, shares[j].contribution);
          out_ += ",\"fraction\":";
          num(out_, shares[j].fraction);
          out_ += std::string(",\"cleared\":") + (shares[j].cleared ? "true" : "false");
          out_ += std::string(",\"implicit\":") + (shares[j].implicit ? "true" : "false");
          out_ += "}";
        });
      }
      out_ += "}";
    });
  }

  const Case& c_;
  const AnalysisResult& r_;
  const Drawing& d_;
  const Namer& names_;
  const Colours& colours_;
  std::vector<std::uint32_t> index_;
  std::vector<std::size_t> rank_;
  std::string out_;
};

}  // namespace

std::string page_data_json(const Case& c, const AnalysisResult& r, const Namer& names, const Colours& colours) {
  return DataWriter(c, r, names, colours).json();
}

}  // namespace corridor::detail
