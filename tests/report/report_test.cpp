// The report module: digests and pseudonyms against published vectors, evidence paths against
// brute force, ego networks by hand, and analyze + write_report on synthetic cases (all six
// files, the manifest's digests, no original id under pseudonyms, no partial folder on failure).
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <tuple>

#include "corridor/generate/generate.hpp"
#include "corridor/io/case_io.hpp"
#include "corridor/model/builder.hpp"
#include "corridor/propagation/propagate.hpp"
#include "corridor/report/analyze.hpp"
#include "corridor/report/lead.hpp"
#include "corridor/report/pseudonym.hpp"
#include "corridor/version.hpp"
#include "support/report.hpp"

using namespace corridor;
using corridor::test::kReportFiles;
using corridor::test::tokens;
namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    static std::atomic<int> counter{0};
    path = fs::temp_directory_path() / ("corridor-report-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

std::string slurp(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

TEST_CASE("HMAC-SHA-256 matches the published test vector") {
  // RFC 4231 test case 2 (SHA-256 itself is tested with io/file)
  CHECK(hmac_sha256_hex("Jefe", "what do ya want for nothing?") ==
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST_CASE("pseudonyms are stable per key, differ across keys and ids, and carry the kind") {
  const std::string a = pseudonym("secret-key", "P00172", NodeKind::person);
  CHECK(a.size() == 34);
  CHECK(a.substr(0, 2) == "P-");
  CHECK(a.substr(2) == hmac_sha256_hex("secret-key", "P00172").substr(0, 32));
  CHECK(pseudonym("secret-key", "P00172", NodeKind::person) == a);
  CHECK(pseudonym("other-key", "P00172", NodeKind::person) != a);
  CHECK(pseudonym("secret-key", "P00173", NodeKind::person) != a);
  CHECK(pseudonym("secret-key", "X", NodeKind::migrant)[0] == 'M');
  CHECK_THROWS_AS(pseudonym("", "X", NodeKind::migrant), ParamError);
}

namespace {

//   C1(country) - M1 -smuggled- S1 -member_of- O1 -financed- F1 -communicated- P1
//                   \            |
//                    C1 - M2     A1(asset, uses)
// M2 also originates_from C1; seeds O1, P1.
Case hand_case() {
  CaseBuilder b;
  b.add_node("S1", NodeKind::smuggler, "boss");
  b.add_node("O1", NodeKind::organization, "group");
  b.add_node("F1", NodeKind::facilitator);
  b.add_node("P1", NodeKind::person);
  b.add_node("M1", NodeKind::migrant, "", "", "C1");
  b.add_node("M2", NodeKind::migrant, "", "", "C1");
  b.add_node("C1", NodeKind::country);
  b.add_node("A1", NodeKind::asset);
  b.add_evidence({.source = "S1", .target = "O1", .relation = "member_of", .grade = "B2", .time = "2021-01-02",
                  .source_ref = "R1"});
  b.add_evidence({.source = "O1", .target = "F1", .relation = "financed", .grade = "A1", .source_ref = "R2"});
  b.add_evidence({.source = "F1", .target = "P1", .relation = "communicated", .grade = "C3"});
  b.add_evidence({.source = "S1", .target = "M1", .relation = "smuggled", .grade = "B1"});
  b.add_evidence({.source = "M1", .target = "C1", .relation = "originates_from"});
  b.add_evidence({.source = "M2", .target = "C1", .relation = "originates_from"});
  b.add_evidence({.source = "S1", .target = "A1", .relation = "uses"});
  b.add_seed("O1");
  b.add_seed("P1", 0.8);
  return std::move(b).freeze();
}

std::set<std::string> ids(const Case& c) {
  std::set<std::string> out;
  for (NodeId v = 0; v < c.num_nodes(); ++v) out.insert(std::string(c.node_id(v)));
  return out;
}

}  // namespace

namespace {

// All simple paths from a to b on the propagation graph.
std::vector<std::vector<NodeId>> all_simple_paths(const Graph& g, vertex_t a, vertex_t b) {
  std::vector<std::vector<NodeId>> out;
  std::vector<char> on(g.num_vertices(), 0);
  std::vector<NodeId> stack;
  std::function<void(vertex_t)> dfs = [&](vertex_t u) {
    stack.push_back(u);
    if (u == b) {
      out.push_back(stack);
    } else {
      on[u] = 1;
      for (vertex_t w : g.out_neighbors(u))
        if (!on[w]) dfs(w);
      on[u] = 0;
    }
    stack.pop_back();
  };
  dfs(a);
  return out;
}

}  // namespace

TEST_CASE("evidence paths are the simple paths that contribute most, and all of them make the score (brute force)") {
  const char* relations[] = {"communicated", "financed", "recruited", "associated", "coordinated", "housed"};
  const char* grades[] = {"A1", "B2", "C3", "D4", "B1"};
  for (int trial = 0; trial < 25; ++trial) {
    std::mt19937 rng(1000 + trial);
    CaseBuilder b;
    const int n = 7;
    for (int i = 0; i < n; ++i) b.add_node("N" + std::to_string(i), i % 3 == 0 ? NodeKind::smuggler : NodeKind::person);
    for (int e = 0; e < 14; ++e) {
      const int u = static_cast<int>(rng() % n), v = static_cast<int>(rng() % n);
      if (u == v) continue;
      b.add_evidence({.source = "N" + std::to_string(u), .target = "N" + std::to_string(v),
                      .relation = relations[rng() % 6], .grade = grades[rng() % 5]});
    }
    const Case c = std::move(b).freeze();
    const NodeId from = 0, to = n - 1;
    // The walk from `from` alone, weight 1: what evidence_paths' numbers are contributions to.
    const Seed seed{from, 1.0, {}};
    const ExplainIndex idx = build_explain_index(c, std::span<const Seed>(&seed, 1), {.group_seeds = GroupSeeds::off});
    std::vector<double> all;
    double sum = 0.0;
    for (const auto& nodes : all_simple_paths(idx.graph(), from, to)) {
      all.push_back(path_contribution(idx, nodes, {.tolerance = 1e-12}).contribution);
      sum += all.back();
    }
    std::sort(all.rbegin(), all.rend());
    const auto paths = evidence_paths(c, from, to, {.k = 4});
    INFO("trial " << trial);
    CHECK(sum == Approx(idx.suspicion[to]).epsilon(1e-8).margin(1e-15));
    REQUIRE(paths.size() == std::min<std::size_t>(4, all.size()));
    for (std::size_t i = 0; i < paths.size(); ++i) {
      const EvidencePath& p = paths[i];
      CHECK(p.contribution == Approx(all[i]).epsilon(1e-5));
      if (i > 0) CHECK(p.contribution <= paths[i - 1].contribution);
      CHECK(p.share == Approx(p.contribution / idx.suspicion[to]).epsilon(1e-9));
      REQUIRE(p.nodes.front() == from);
      REQUIRE(p.nodes.back() == to);
      REQUIRE(p.evidence.size() == p.nodes.size() - 1);
      for (std::size_t j = 0; j < p.evidence.size(); ++j) {
        const EvidenceId e = p.evidence[j];
        const bool joins = (c.source(e) == p.nodes[j] && c.target(e) == p.nodes[j + 1]) ||
                           (c.target(e) == p.nodes[j] && c.source(e) == p.nodes[j + 1]);
        CHECK(joins);
      }
    }
  }
}

TEST_CASE("evidence paths: a country ends nothing, same node is one path, bad k is refused") {
  const Case c = hand_case();
  CHECK(evidence_paths(c, c.require("M1"), c.require("C1")).empty());
  const auto self = evidence_paths(c, c.require("S1"), c.require("S1"));
  REQUIRE(self.size() == 1);
  CHECK(self[0].nodes.size() == 1);
  const auto p = evidence_paths(c, c.require("S1"), c.require("P1"), {.k = 3});
  REQUIRE(p.size() == 1);
  CHECK(p[0].nodes.size() == 4);
  CHECK_THROWS_AS(evidence_paths(c, 0, 1, {.k = 0}), ParamError);
}

TEST_CASE("analyze + write_report on a generated case: six files, digests, bounded drawing") {
  TempDir t;
  const GeneratedCase gen = generate_case({.preset = "small", .seed = 4});
  write_generated_case(gen, t.path / "case");
  const Case c = read_case(t.path / "case");
  AnalyzeParams p;
  p.max_drawn = 80;
  std::vector<std::string> phases;
  AnalysisResult r = analyze(c, p, [&](std::string_view ph, double f, std::string_view) {
    if (f == 0.0) phases.emplace_back(ph);
  });
  r.inputs = digest_files(case_input_files(c));
  CHECK(phases == std::vector<std::string>{"graph", "centrality", "communities", "brokerage", "keyplayers",
                                           "scores", "summaries", "layout"});
  CHECK(r.has_scores);
  CHECK(r.seeds.size() == c.seeds().size());
  CHECK(r.betweenness_method.rfind("exact", 0) == 0);
  CHECK(r.drawing.nodes.size() <= 80);
  CHECK(r.drawing.nodes.size() >= 10);
  // every actor is drawn alone, in a group, or counted as left out
  std::size_t represented = 0;
  for (const DrawNode& d : r.drawing.nodes) {
    represented += d.members;
    CHECK(d.x >= 0.0);
    CHECK(d.x <= 1.0);
    CHECK(d.y >= 0.0);
    CHECK(d.y <= 1.0);
  }
  CHECK(represented == r.drawing.nodes_shown);
  CHECK(represented + r.drawing.nodes_left_out == r.graph_vertices);
  // community sizes add up to the actor graph
  std::size_t total = 0;
  for (const auto& s : r.communities) total += s.size;
  CHECK(total == r.graph_vertices);
  CHECK(r.communities.size() == r.community_count);

  const auto written = write_report(c, r, t.path / "report");
  CHECK(written.size() == 6);
  for (const auto& f : kReportFiles) CHECK(fs::is_regular_file(t.path / "report" / f));
  const auto m = nlohmann::json::parse(slurp(t.path / "report" / "manifest.json"));
  std::map<std::string, std::string> digest;
  for (const auto& in : m["inputs"]) digest[fs::path(in["path"].get<std::string>()).filename().string()] = in["sha256"];
  // independent digest: the sha256sum tool
  const fs::path sum = t.path / "sum.txt";
  REQUIRE(std::system(("sha256sum '" + (t.path / "case" / "nodes.csv").string() + "' > '" + sum.string() + "'").c_str()) == 0);
  CHECK(digest["nodes.csv"] == slurp(sum).substr(0, 64));
  CHECK(digest.count("edges.csv") == 1);
  CHECK(digest.count("seeds.csv") == 1);
  CHECK(m["counts"]["nodes"] == c.num_nodes());
  CHECK(m["counts"]["drawing_nodes"] == r.drawing.nodes.size());
  CHECK(m["corridor_version"] == std::string(CORRIDOR_VERSION_STRING));
  CHECK(m["date"].get<std::string>().size() == 20);
  CHECK(m["timings_seconds"].contains("centrality"));
  // scores.csv: one row per node, ranks in order
  const std::string scores = slurp(t.path / "report" / "scores.csv");
  CHECK(static_cast<std::size_t>(std::count(scores.begin(), scores.end(), '\n')) == c.num_nodes() + 1);
  // outputs listed with their digests
  for (const auto& out : m["outputs"])
    CHECK(sha256_file(t.path / "report" / out["file"].get<std::string>()) == out["sha256"]);

  // a second run replaces the report whole and leaves no temporary behind
  write_report(c, r, t.path / "report");
  std::size_t entries = 0;
  for (const auto& e : fs::directory_iterator(t.path)) entries += e.path().filename().string()[0] == '.';
  CHECK(entries == 0);
}

TEST_CASE("pseudonymized outputs hold no original id or label") {
  TempDir t;
  const GeneratedCase gen = generate_case({.preset = "tiny", .seed = 2});
  write_generated_case(gen, t.path / "case");
  const Case c = read_case(t.path / "case");
  AnalyzeParams p;
  p.pseudonym_key = "a long enough key";
  const AnalysisResult r = analyze(c, p);
  write_report(c, r, t.path / "report");
  // ids as whole tokens, labels as whole strings
  for (const auto& f : kReportFiles) {
    const std::string text = slurp(t.path / "report" / f);
    const auto toks = tokens(text);
    for (NodeId v = 0; v < c.num_nodes(); ++v) {
      INFO(f << ": " << c.node_id(v));
      CHECK(toks.count(std::string(c.node_id(v))) == 0);
      if (!c.label(v).empty()) CHECK(text.find(std::string(c.label(v))) == std::string::npos);
    }
    CHECK(text.find("a long enough key") == std::string::npos);
  }
  // and the pseudonyms are there
  const std::string html = slurp(t.path / "report" / "report.html");
  CHECK(html.find(pseudonym(p.pseudonym_key, c.node_id(c.seeds()[0].node), c.kind(c.seeds()[0].node))) !=
        std::string::npos);
}

TEST_CASE("a failing write leaves no report and no partial folder") {
  TempDir t;
  const Case c = hand_case();
  const AnalysisResult r = analyze(c);
  std::ofstream(t.path / "file.txt") << "x";
  CHECK_THROWS_AS(write_report(c, r, t.path / "file.txt" / "report"), Error);
  CHECK_THROWS_AS(write_report(c, r, t.path / "file.txt"), ParamError);  // a file, not a folder
  fs::create_directories(t.path / "mine");
  std::ofstream(t.path / "mine" / "notes.txt") << "x";
  CHECK_THROWS_AS(write_report(c, r, t.path / "mine"), ParamError);  // not a report: never replaced
  CHECK(fs::exists(t.path / "mine" / "notes.txt"));
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(t.path)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  CHECK(names == std::vector<std::string>{"file.txt", "mine"});
}

TEST_CASE("analyze without seeds, on tiny graphs, and with bad params") {
  CaseBuilder b;
  b.add_node("A", NodeKind::person);
  b.add_node("B", NodeKind::person);
  b.add_evidence({.source = "A", .target = "B", .relation = "communicated"});
  const Case c = std::move(b).freeze();
  const AnalysisResult r = analyze(c);
  CHECK_FALSE(r.has_scores);
  CHECK(r.graph_vertices == 2);
  CHECK(r.drawing.nodes.size() == 2);
  const std::string html = report_html(c, r);
  CHECK(html.find("No seeds were given") != std::string::npos);
  CHECK(html.find("leads, not findings") != std::string::npos);
  CHECK(analyze(CaseBuilder().freeze()).graph_vertices == 0);
  CHECK_THROWS_AS(analyze(c, {.epsilon = 1.5}), ParamError);
  CHECK_THROWS_AS(analyze(c, {.max_drawn = 5}), ParamError);
  CHECK_THROWS_AS(analyze(c, {.resolution = -1}), ParamError);
}

TEST_CASE("strings from the case are data, never markup, in the static page and in the view's data") {
  // </script>, an element with an event handler, a javascript: URL, a right-to-left override
  // (U+202E) and a line separator (U+2028) in ids, labels and a source reference
  const std::string rlo = "\xE2\x80\xAE", ls = "\xE2\x80\xA8";
  CaseBuilder b;
  b.add_node("</script><script>alert(1)</script>", NodeKind::smuggler, "Tom & \"Jerry\" <b>");
  b.add_node("O1", NodeKind::organization, "<img src=x onerror=alert(1)>");
  b.add_node("P1", NodeKind::person, "javascript:alert(1)");
  b.add_node("M1", NodeKind::migrant, "gpj." + rlo + "exe" + ls + "x");
  b.add_evidence({.source = "</script><script>alert(1)</script>", .target = "O1", .relation = "member_of",
                  .source_ref = "</script><!--"});
  b.add_evidence({.source = "P1", .target = "O1", .relation = "financed", .grade = "B2", .time = "2021-02-03"});
  b.add_evidence({.source = "M1", .target = "P1", .relation = "communicated"});
  b.add_seed("O1");
  const Case c = std::move(b).freeze();
  for (ReportPage page : {ReportPage::interactive, ReportPage::static_drawing}) {
    INFO("page " << static_cast<int>(page));
    AnalyzeParams p;
    p.page = page;
    const std::string html = report_html(c, analyze(c, p));
    // the only script elements are the page's own: the data (not executed) and the bundle
    const bool interactive = page == ReportPage::interactive && report_is_interactive();
    std::size_t scripts = 0;
    for (auto at = html.find("<script"); at != std::string::npos; at = html.find("<script", at + 1)) ++scripts;
    CHECK(scripts == (interactive ? 2u : 0u));
    std::size_t closes = 0;
    for (auto at = html.find("</script"); at != std::string::npos; at = html.find("</script", at + 1)) ++closes;
    CHECK(closes == scripts);
    CHECK(html.find("<b>") == std::string::npos);
    CHECK(html.find("<img") == std::string::npos);
    CHECK(html.find("<!--") == std::string::npos);
    CHECK(html.find(rlo) == std::string::npos);  // shown as [U+202E] (static) or \u escape (data)
    CHECK(html.find(ls) == std::string::npos);
    CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);  // the tables
    CHECK(html.find("Tom &amp; &quot;Jerry&quot; &lt;b&gt;") != std::string::npos);
    CHECK(html.find("gpj.[U+202E]exe") != std::string::npos);
    if (interactive) {
      // in the JSON data: <, >, & and U+2028 as \u escapes
      CHECK(html.find("\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e") != std::string::npos);
      CHECK(html.find("\\u003cimg src=x onerror=alert(1)\\u003e") != std::string::npos);
      CHECK(html.find("\\u2028") != std::string::npos);
      CHECK(html.find("Content-Security-Policy\" content=\"default-src 'none'; script-src 'sha256-") !=
            std::string::npos);
    } else {
      CHECK(html.find("script-src 'none'") != std::string::npos);
    }
  }
}

TEST_CASE("same seed, same report (but for the date and the timings)") {
  const GeneratedCase gen = generate_case({.preset = "tiny", .seed = 9});
  const AnalysisResult a = analyze(gen.c), b = analyze(gen.c);
  REQUIRE(a.drawing.nodes.size() == b.drawing.nodes.size());
  for (std::size_t i = 0; i < a.drawing.nodes.size(); ++i) {
    CHECK(a.drawing.nodes[i].node == b.drawing.nodes[i].node);
    CHECK(a.drawing.nodes[i].x == b.drawing.nodes[i].x);
    CHECK(a.drawing.nodes[i].y == b.drawing.nodes[i].y);
  }
  CHECK(a.community == b.community);
  CHECK(a.key_players == b.key_players);
  CHECK(a.scores.scores == b.scores.scores);
  AnalysisResult c = b;
  c.date = a.date;
  c.timings = a.timings;
  CHECK(report_html(gen.c, a) == report_html(gen.c, c));
  // another seed moves the drawing
  const AnalysisResult d = analyze(gen.c, {.seed = 2});
  bool moved = false;
  for (std::size_t i = 0; i < std::min(a.drawing.nodes.size(), d.drawing.nodes.size()); ++i)
    moved = moved || a.drawing.nodes[i].x != d.drawing.nodes[i].x;
  CHECK(moved);
}

namespace {

// The JSON of the view in a report page.
nlohmann::json view_data(const std::string& html) {
  const std::string open = "<script type=\"application/json\" id=\"corridor-data\">";
  const auto a = html.find(open);
  REQUIRE(a != std::string::npos);
  const auto b = html.find("</script>", a);
  return nlohmann::json::parse(html.substr(a + open.size(), b - a - open.size()));
}

}  // namespace

TEST_CASE("the view's nodes: within budget, leads and their paths in, ties exactly the evidence pairs") {
  const GeneratedCase gen = generate_case({.preset = "small", .seed = 4});
  const Case& c = gen.c;
  AnalyzeParams p;
  p.page_nodes = 400;
  p.page_leads = 30;
  p.max_drawn = 60;
  const AnalysisResult r = analyze(c, p);
  const Drawing& d = r.drawing;
  REQUIRE(c.num_nodes() > 400);
  CHECK(d.page.size() == 400);  // a case larger than the budget fills it
  std::vector<std::int64_t> index(c.num_nodes(), -1);
  for (std::size_t i = 0; i < d.page.size(); ++i) {
    REQUIRE(index[d.page[i].node] == -1);  // no node twice
    index[d.page[i].node] = static_cast<std::int64_t>(i);
  }
  // the nodes drawn alone come first, where the overview put them
  std::size_t alone = 0;
  for (std::size_t k = 0; k < d.nodes.size(); ++k) {
    if (d.nodes[k].node == kNoNode) continue;
    const PageNode& n = d.page[alone++];
    CHECK(n.node == d.nodes[k].node);
    CHECK(n.draw == static_cast<std::int64_t>(k));
    CHECK(n.x == d.nodes[k].x);
    CHECK(n.y == d.nodes[k].y);
  }
  // every explained lead and every node on its paths is in the view
  REQUIRE(r.lead_paths.size() == 30);
  for (std::size_t i = 0; i < r.lead_paths.size(); ++i) {
    CHECK(index[r.scores.order[i]] >= 0);
    for (const EvidencePath& path : r.lead_paths[i])
      for (NodeId v : path.nodes) CHECK(index[v] >= 0);
  }
  // group members sit in their group: same community (and kind unless the group is mixed);
  // countries and places belong to no drawn node
  std::vector<std::uint32_t> members(d.nodes.size(), 0);
  for (const PageNode& n : d.page) {
    const bool context = c.kind(n.node) == NodeKind::country || c.kind(n.node) == NodeKind::location;
    if (context) {
      CHECK(n.draw == -1);
      continue;
    }
    REQUIRE(n.draw >= 0);
    const DrawNode& g = d.nodes[static_cast<std::size_t>(n.draw)];
    if (g.node != kNoNode) continue;
    ++members[static_cast<std::size_t>(n.draw)];
    CHECK(r.community[n.node] == g.community);
    if (!g.mixed) CHECK(c.kind(n.node) == g.kind);
  }
  for (std::size_t k = 0; k < d.nodes.size(); ++k) CHECK(d.group_embedded[k] == members[k]);
  // ties: exactly the pairs of view nodes with evidence between them, with propagation's strength
  std::set<std::pair<std::uint32_t, std::uint32_t>> expected;
  for (EvidenceId e = 0; e < c.num_evidence(); ++e) {
    const auto a = index[c.source(e)], b = index[c.target(e)];
    if (a >= 0 && b >= 0 && a != b)
      expected.emplace(static_cast<std::uint32_t>(std::min(a, b)), static_cast<std::uint32_t>(std::max(a, b)));
  }
  std::set<std::pair<std::uint32_t, std::uint32_t>> got;
  const Graph g = propagation_graph(c, p.propagation);
  for (const PageTie& t : d.page_ties) {
    CHECK(t.a < t.b);
    got.emplace(t.a, t.b);
    const auto arc = g.find_arc(d.page[t.a].node, d.page[t.b].node);
    CHECK(t.strength == (arc >= 0 ? g.arc_weights()[static_cast<std::size_t>(arc)] : 0.0));
  }
  CHECK(got == expected);
  CHECK(std::is_sorted(d.page_ties.begin(), d.page_ties.end(),
                       [](const PageTie& x, const PageTie& y) { return std::tie(x.a, x.b) < std::tie(y.a, y.b); }));

  // the same analysis, the same view
  const AnalysisResult again = analyze(c, p);
  REQUIRE(again.drawing.page.size() == d.page.size());
  for (std::size_t i = 0; i < d.page.size(); ++i) {
    CHECK(again.drawing.page[i].node == d.page[i].node);
    CHECK(again.drawing.page[i].x == d.page[i].x);
    CHECK(again.drawing.page[i].y == d.page[i].y);
  }

  if (report_is_interactive()) {
    // the page's data says the same, and its paths are the library's path texts
    const nlohmann::json data = view_data(report_html(c, r));
    CHECK(data["nodes"]["count"] == d.page.size());
    CHECK(data["ties"]["count"] == d.page_ties.size());
    CHECK(data["overview"]["count"] == d.nodes.size());
    REQUIRE(data["leads"].size() == r.lead_paths.size());
    const auto& lead = data["leads"][0];
    CHECK(data["nodes"]["id"][lead["node"].get<std::size_t>()] == std::string(c.node_id(r.scores.order[0])));
    REQUIRE(lead["paths"].size() == r.lead_paths[0].size());
    CHECK(lead["paths"][0]["text"] == path_text(c, r.lead_paths[0][0]));
    double shares = 0;
    for (const auto& s : lead["shares"]) shares += s["fraction"].get<double>();
    CHECK(shares == Approx(1.0).epsilon(1e-3));
    // ties between groups carry the relations and first and last dates of the evidence they
    // merge (what the relation filter and the date window read): brute force over the evidence
    const auto& o = data["overview"];
    REQUIRE(o["tie_a"].size() == o["tie_relations"].size());
    REQUIRE(o["tie_a"].size() == o["tie_days"].size());
    REQUIRE(d.draw_of.size() == c.num_nodes());
    for (std::size_t k = 0; k < o["tie_a"].size(); ++k) {
      const std::uint32_t a = o["tie_a"][k], b = o["tie_b"][k];
      std::set<int> rels;
      std::int64_t first = std::numeric_limits<std::int64_t>::max(), last = std::numeric_limits<std::int64_t>::min();
      for (EvidenceId e = 0; e < c.num_evidence(); ++e) {
        const auto x = d.draw_of[c.source(e)], y = d.draw_of[c.target(e)];
        if (!((x == a && y == b) || (x == b && y == a))) continue;
        rels.insert(static_cast<int>(c.relation(e)));
        if (c.time(e).empty()) continue;
        first = std::min(first, static_cast<std::int64_t>(std::floor(c.time(e).days())));
        last = std::max(last, static_cast<std::int64_t>(std::floor(c.time(e).days())));
      }
      CHECK(o["tie_relations"][k].get<std::set<int>>() == rels);
      if (first <= last) {
        CHECK(o["tie_days"][k][0] == first);
        CHECK(o["tie_days"][k][1] == last);
      } else {
        CHECK(o["tie_days"][k].empty());
      }
    }
  }
}

TEST_CASE("a pseudonymised view holds pseudonyms only") {
  const GeneratedCase gen = generate_case({.preset = "tiny", .seed = 3});
  AnalyzeParams p;
  p.pseudonym_key = "another long enough key";
  const AnalysisResult r = analyze(gen.c, p);
  if (!report_is_interactive()) return;
  const nlohmann::json data = view_data(report_html(gen.c, r));
  REQUIRE(data["nodes"]["count"].get<std::size_t>() > 0);
  for (std::size_t i = 0; i < r.drawing.page.size(); ++i) {
    const NodeId v = r.drawing.page[i].node;
    CHECK(data["nodes"]["id"][i] == pseudonym(p.pseudonym_key, gen.c.node_id(v), gen.c.kind(v)));
    CHECK(data["nodes"]["label"][i] == "");  // the label is the pseudonym, not repeated
  }
  for (const auto& lead : data["leads"])
    for (const auto& path : lead["paths"])
      for (const auto& tie : path["ties"])
        for (const auto& e : tie["evidence"]) {
          const std::string ref = e["ref"];
          CHECK((ref.empty() || ref.rfind("R-", 0) == 0));
          CHECK(e["source"].get<std::string>()[1] == '-');
        }
}

TEST_CASE("a tie recorded as many rows lists 50 pieces of evidence in the view and counts the rest") {
  CaseBuilder b;
  b.add_node("O1", NodeKind::organization);
  b.add_node("P1", NodeKind::person);
  for (int i = 0; i < 60; ++i)
    b.add_evidence({.source = "P1", .target = "O1", .relation = "communicated", .source_ref = "call-" + std::to_string(i)});
  b.add_seed("O1");
  const Case c = std::move(b).freeze();
  const AnalysisResult r = analyze(c);
  if (!report_is_interactive()) return;
  const nlohmann::json data = view_data(report_html(c, r));
  bool found = false;
  for (const auto& lead : data["leads"])
    for (const auto& path : lead["paths"])
      for (const auto& tie : path["ties"]) {
        found = true;
        CHECK(tie["evidence"].size() == 50);
        CHECK(tie["more"] == 10);
      }
  CHECK(found);
}
