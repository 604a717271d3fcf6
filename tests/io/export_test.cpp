// The exports' contract with their consumers: no mixed graph, direction as data, results on the
// nodes, names that never clash, and a GraphML round trip that gives the same CSV bytes.
// (tests/exchange/check_exports.py loads the same exports in networkx and igraph.)
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

#include "corridor/io/case_io.hpp"
#include "corridor/io/export.hpp"
#include "corridor/io/graphml.hpp"
#include "io/io_fixtures.hpp"

using namespace corridor;
namespace fs = std::filesystem;

namespace {

std::string exported(const Case& c, Format f, const ExportOptions& o = {}) {
  std::ostringstream out;
  write_export(c, f, out, o);
  return out.str();
}

std::size_t count(const std::string& s, std::string_view what) {
  std::size_t n = 0;
  for (auto pos = s.find(what); pos != std::string::npos; pos = s.find(what, pos + 1)) ++n;
  return n;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// Results as an analysis would give them: a score on actors, a rank, a community, a text column.
std::vector<NodeColumn> fake_results(const Case& c) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  NodeColumn score{"score", {}, {}, false}, rank{"rank", {}, {}, true}, community{"community", {}, {}, true},
      top{"top_seed", {}, std::vector<std::string>(c.num_nodes()), false};
  for (NodeId v = 0; v < c.num_nodes(); ++v) {
    const bool context = c.kind(v) == NodeKind::country || c.kind(v) == NodeKind::location;
    score.numbers.push_back(context ? nan : 1.0 / (1.0 + v));
    rank.numbers.push_back(context ? nan : static_cast<double>(v + 1));
    community.numbers.push_back(context ? nan : static_cast<double>(v % 3));
    if (!context) top.text[v] = std::string(c.node_id(0));
  }
  return {score, rank, top, community};
}

}  // namespace

TEST_CASE("no export writes a mixed graph: direction travels as the edge attribute `directed`") {
  const Case c = test::rich_case();
  std::size_t undirected = 0;
  for (EvidenceId e = 0; e < c.num_evidence(); ++e) undirected += !c.directed(e);
  REQUIRE(undirected > 0);
  const std::string graphml = exported(c, Format::graphml);
  CHECK(count(graphml, "directed=\"false\"") == 0);  // networkx: "directed=false edge found in directed graph"
  CHECK(count(graphml, "<data key=\"e1\">false</data>") == undirected);
  CHECK(count(graphml, "<data key=\"e1\">true</data>") == c.num_evidence() - undirected);
  CHECK(graphml.find("attr.name=\"directed\" attr.type=\"boolean\"") != std::string::npos);
  const std::string gexf = exported(c, Format::gexf);
  CHECK(count(gexf, "type=\"undirected\"") == 0);  // networkx: "Undirected edge found in directed graph"
  CHECK(count(gexf, "<attvalue for=\"directed\" value=\"false\"/>") == undirected);
  const auto j = nlohmann::json::parse(exported(c, Format::json));
  std::size_t json_undirected = 0;
  for (const auto& l : j["links"]) json_undirected += l["directed"] == false;
  CHECK(json_undirected == undirected);
}

TEST_CASE("CSV -> GraphML -> CSV gives the same bytes, for the sample case and the rich case") {
  const fs::path root = fs::temp_directory_path() / "corridor_export_roundtrip";
  fs::remove_all(root);
  const Case rich = test::rich_case();
  write_case(rich, root / "rich");
  for (const fs::path& input : {fs::path(CORRIDOR_SOURCE_DIR) / "examples/data/sample-case", root / "rich"}) {
    INFO(input);
    const Case original = read_case(input);
    write_case(original, root / "a");
    // With results attached: they are derived data and must not come back as case columns.
    ExportOptions o;
    o.results = fake_results(original);
    const std::string xml = exported(original, Format::graphml, o);
    CHECK(xml.find("corridor.results") != std::string::npos);
    const Case back = read_graphml_string(xml, "export.graphml");
    CHECK(back == original);
    CHECK(back.node_attributes().size() == original.node_attributes().size());
    write_case(back, root / "b");
    std::size_t files = 0;
    for (const auto& entry : fs::directory_iterator(root / "a")) {
      ++files;
      INFO(entry.path().filename());
      CHECK(slurp(entry.path()) == slurp(root / "b" / entry.path().filename()));
    }
    CHECK(files >= 3);
    fs::remove_all(root / "a");
    fs::remove_all(root / "b");
  }
  fs::remove_all(root);
}

TEST_CASE("extra attributes with names a consumer reserves survive the GraphML round trip") {
  CaseBuilder b;
  b.add_node({.id = "A", .kind = NodeKind::smuggler, .attributes = {{"score", "an analyst's own score"}}});
  b.add_node({.id = "B", .kind = NodeKind::migrant});
  b.add_evidence({.source = "A", .target = "B", .relation = "smuggled",
                  .attributes = {{"directed", "by the boss"}, {"key", "k1"}, {"id", "E-7"}, {"label", "x"}}});
  const Case c = std::move(b).freeze();
  ExportOptions o;
  o.results = fake_results(c);
  const std::string xml = exported(c, Format::graphml, o);
  CHECK(xml.find("attr.name=\"attr:directed\"") != std::string::npos);
  CHECK(xml.find("attr.name=\"attr:key\"") != std::string::npos);
  // The analysis' score does not overwrite the case's own "score" column.
  CHECK(xml.find("attr.name=\"result_score\"") != std::string::npos);
  const Case back = read_graphml_string(xml);
  CHECK(back == c);
  REQUIRE(back.evidence_attributes().size() == 4);
  CHECK(back.evidence_attributes()[0].name == "directed");
  CHECK(back.evidence_attributes()[0].values[0] == "by the boss");
  const auto j = nlohmann::json::parse(exported(c, Format::json, o));
  CHECK(j["links"][0]["directed"] == true);
  CHECK(j["links"][0]["attr:directed"] == "by the boss");
  CHECK(j["links"][0]["key"] == 0);
  CHECK(j["nodes"][0]["score"] == "an analyst's own score");
  CHECK(j["nodes"][0]["result_score"] == 1.0);
  CHECK(j["graph"]["results"] == nlohmann::json({"result_score", "rank", "top_seed", "community"}));
}

TEST_CASE("results travel with the graph: typed values, none where there is no value") {
  const Case c = test::rich_case();
  ExportOptions o;
  o.results = fake_results(c);
  const NodeId country = *c.find("C001");
  const auto j = nlohmann::json::parse(exported(c, Format::json, o));
  CHECK(j["nodes"][0]["score"] == 1.0);
  CHECK(j["nodes"][1]["rank"] == 2);
  CHECK(j["nodes"][1]["top_seed"] == "P001");
  CHECK(j["nodes"][country]["kind"] == "country");
  CHECK_FALSE(j["nodes"][country].contains("score"));
  CHECK_FALSE(j["nodes"][country].contains("top_seed"));
  const std::string graphml = exported(c, Format::graphml, o);
  CHECK(graphml.find("attr.name=\"rank\" attr.type=\"long\"") != std::string::npos);
  CHECK(graphml.find("attr.name=\"score\" attr.type=\"double\"") != std::string::npos);
  CHECK(graphml.find("attr.name=\"top_seed\" attr.type=\"string\"") != std::string::npos);
  const std::string gexf = exported(c, Format::gexf, o);
  CHECK(gexf.find("title=\"community\" type=\"long\"") != std::string::npos);
  const std::string dot = exported(c, Format::dot, o);
  CHECK(dot.find("\"score\"=\"0.5\"") != std::string::npos);

  // Wrong-sized results are refused, naming the column.
  ExportOptions bad;
  bad.results.push_back(NodeColumn{"score", {1.0}, {}, false});
  CHECK_THROWS_WITH(exported(c, Format::graphml, bad), Catch::Contains("result column \"score\" has 1 values"));
}

TEST_CASE("GEXF nodes are coloured by community and sized by score") {
  const Case c = test::rich_case();
  ExportOptions o;
  o.results = fake_results(c);
  std::ostringstream out;
  write_gexf(c, out, o);
  const std::string gexf = out.str();
  // Node 0 (score 1, the largest) has the largest size; community 0 and 3 share a colour.
  auto node_block = [&](std::string_view id) {
    const auto at = gexf.find("<node id=\"" + std::string(id) + "\"");
    return gexf.substr(at, gexf.find("</node>", at) - at);
  };
  CHECK(node_block("P001").find("<viz:size value=\"40\"/>") != std::string::npos);
  CHECK(node_block("C001").find("<viz:size value=\"4\"/>") != std::string::npos);  // no score
  CHECK(node_block("C001").find("r=\"187\" g=\"187\" b=\"187\"") != std::string::npos);  // no community
  CHECK(node_block("P001").find("r=\"31\" g=\"119\" b=\"180\"") != std::string::npos);   // community 0
  CHECK(node_block("P004").find("r=\"31\" g=\"119\" b=\"180\"") != std::string::npos);   // community 3 % 3 = 0
  // By kind when asked.
  o.color_by = "kind";
  std::ostringstream by_kind;
  write_gexf(c, by_kind, o);
  CHECK(by_kind.str().find("r=\"214\" g=\"39\" b=\"40\"") != std::string::npos);  // the organization
  o.color_by = "nonsense";
  std::ostringstream none;
  CHECK_THROWS_WITH(write_gexf(c, none, o), Catch::Contains("no result column \"nonsense\"; available: score"));
}

TEST_CASE("node-link JSON edge keys: both by default, or one") {
  const Case c = test::rich_case();
  const auto both = nlohmann::json::parse(exported(c, Format::json));
  CHECK(both["links"] == both["edges"]);
  const auto links = nlohmann::json::parse(exported(c, Format::json, {.json_edges = NodeLinkEdges::links}));
  CHECK(links.contains("links"));
  CHECK_FALSE(links.contains("edges"));
  const auto edges = nlohmann::json::parse(exported(c, Format::json, {.json_edges = NodeLinkEdges::edges}));
  CHECK(edges["edges"].size() == c.num_evidence());
  CHECK_FALSE(edges.contains("links"));
}

TEST_CASE("export formats are named by a word, with a did-you-mean") {
  CHECK(parse_export_format("GraphML") == Format::graphml);
  CHECK(parse_export_format(" gexf ") == Format::gexf);
  CHECK(parse_export_format("gv") == Format::dot);
  CHECK_THROWS_WITH(parse_export_format("gexff"), Catch::Contains("did you mean \"gexf\"?"));
  CHECK_THROWS_WITH(parse_export_format("csv"), Catch::Contains("valid formats: graphml, gexf, json, dot"));
  const Case c = test::rich_case();
  std::ostringstream out;
  CHECK_THROWS_AS(write_export(c, Format::snapshot, out), ParamError);
}
