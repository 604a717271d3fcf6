// GraphML import/export and the export-only formats (GEXF, DOT, node-link JSON).
#include <catch2/catch.hpp>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/graphviz.hpp>
#include <boost/property_tree/ptree.hpp>
#include <boost/property_tree/xml_parser.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <tuple>
#include <fstream>
#include <sstream>

#include "corridor/io/case_io.hpp"
#include "corridor/io/graphml.hpp"
#include "corridor/io/snapshot.hpp"
#include "io/io_fixtures.hpp"

using namespace corridor;
namespace pt = boost::property_tree;

namespace {

std::string graphml_of(const Case& c) {
  std::ostringstream out;
  write_graphml(c, out);
  return out.str();
}

std::size_t count(const std::string& s, std::string_view what) {
  std::size_t n = 0;
  for (auto pos = s.find(what); pos != std::string::npos; pos = s.find(what, pos + 1)) ++n;
  return n;
}

// A problem's rendering, for messages that must name file and line.
std::string first_problem(const std::string& xml, const std::string& name = "in.graphml") {
  try {
    (void)read_graphml_string(xml, name);
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no error)";
}

const char* kHeader =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n";

}  // namespace

TEST_CASE("GraphML round trip gives an equal case") {
  const Case c = test::rich_case();
  const std::string xml = graphml_of(c);
  const Case back = read_graphml_string(xml, "rich.graphml");
  CHECK(back == c);
  CHECK(back.label(*back.find("P002")) == "first line\nsecond line\r\nthird");
  CHECK(back.role(*back.find("P003")) == "forger\tdocuments");
  CHECK(back.label(*back.find("P004")) == "  leading and trailing  ");
  CHECK(back.relations().info(*back.relations().find("communicated")).transmission == 0.4);
  CHECK(back.seeds() == c.seeds());
  REQUIRE(back.warnings().size() == 1);  // the self-loop, found again
  // Written again, it is byte for byte the same document.
  CHECK(graphml_of(back) == xml);
}

TEST_CASE("GraphML output escapes everything, keeps line breaks out of values, and parses elsewhere") {
  const Case c = test::rich_case();
  const std::string xml = graphml_of(c);
  CHECK(xml.find("first line&#10;second line&#13;&#10;third") != std::string::npos);
  CHECK(xml.find("Abu &quot;the driver&quot;, Sr.") != std::string::npos);
  CHECK(xml.find("&lt;b&gt;&amp;amp;&lt;/b&gt; &apos;x&apos;") != std::string::npos);
  CHECK(xml.find("edgedefault=\"directed\"") != std::string::npos);
  CHECK(count(xml, "<node ") == c.num_nodes());
  CHECK(count(xml, "<edge ") == c.num_evidence());
  // An independent parser (Boost.PropertyTree) reads it with the right counts and values.
  std::istringstream in(xml);
  pt::ptree tree;
  pt::read_xml(in, tree);
  std::size_t nodes = 0, edges = 0, keys = 0;
  std::string p003_label;
  for (const auto& [name, child] : tree.get_child("graphml")) {
    if (name == "key") ++keys;
    if (name != "graph") continue;
    for (const auto& [n2, el] : child) {
      if (n2 == "node") {
        ++nodes;
        if (el.get<std::string>("<xmlattr>.id") == "P003")
          for (const auto& [n3, d] : el)
            if (n3 == "data" && d.get<std::string>("<xmlattr>.key") == "n1") p003_label = d.data();
      }
      if (n2 == "edge") ++edges;
    }
  }
  CHECK(nodes == c.num_nodes());
  CHECK(edges == c.num_evidence());
  CHECK(keys == 2 + 4 + c.node_attributes().size() + 7 + c.evidence_attributes().size());
  CHECK(p003_label == c.label(*c.find("P003")));
}

TEST_CASE("Case -> snapshot -> GraphML -> snapshot keeps everything") {
  const Case c = test::rich_case();
  const Case s1 = snapshot_from_bytes(snapshot_bytes(c));
  const Case g = read_graphml_string(graphml_of(s1));
  const Case s2 = snapshot_from_bytes(snapshot_bytes(g));
  CHECK(s2 == c);
  CHECK(snapshot_bytes(s2) == snapshot_bytes(c));
}

TEST_CASE("GraphML files go through a real file") {
  const Case c = test::rich_case();
  const auto path = std::filesystem::temp_directory_path() / "corridor_graphml_test.graphml";
  {
    std::ofstream out(path, std::ios::binary);
    write_graphml(c, out);
  }
  const Case back = read_graphml(path);
  CHECK(back == c);
  CHECK(back.origin() == path.string());
  std::filesystem::remove(path);
  CHECK_THROWS_AS(read_graphml(path), IoError);
}

TEST_CASE("plain GraphML from another tool loads with defaults") {
  // Hand-written in the style of yEd / networkx: keys matched by attr.name whatever their id, a
  // graphics key without attr.name, a <default>, comments, CDATA, entities, a BOM, undirected.
  const std::string xml =
      "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
      "<!-- exported by some other tool -->\n"
      "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" xmlns:y=\"http://www.yworks.com/xml/graphml\">\n"
      "  <key id=\"d0\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n"
      "  <key id=\"d1\" for=\"node\" yfiles.type=\"nodegraphics\"/>\n"
      "  <key id=\"d2\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"><default>2.5</default></key>\n"
      "  <key id=\"d3\" for=\"node\" attr.name=\"team\" attr.type=\"string\"/>\n"
      "  <key id=\"d4\" for=\"node\" attr.name=\"kind\" attr.type=\"string\"/>\n"
      "  <graph id=\"G\" edgedefault=\"undirected\">\n"
      "    <node id=\"a\"><data key=\"d0\">Alpha &amp; Co &#x263A;</data>\n"
      "      <data key=\"d1\"><y:ShapeNode><y:NodeLabel>ignored</y:NodeLabel></y:ShapeNode></data>\n"
      "    </node>\n"
      "    <node id=\"b\"><data key=\"d0\"><![CDATA[<Beta>]]></data><data key=\"d3\">red</data></node>\n"
      "    <node id=\"c\"><data key=\"d4\">organization</data></node>\n"
      "    <edge source=\"a\" target=\"b\"/>\n"
      "    <edge id=\"x\" source=\"b\" target=\"c\"><data key=\"d2\">4</data></edge>\n"
      "  </graph>\n"
      "</graphml>\n";
  const Case c = read_graphml_string(xml, "other.graphml");
  REQUIRE(c.num_nodes() == 3);
  REQUIRE(c.num_evidence() == 2);
  CHECK(c.kind(0) == NodeKind::person);
  CHECK(c.kind(2) == NodeKind::organization);
  CHECK(c.label(0) == "Alpha & Co \xE2\x98\xBA");
  CHECK(c.label(1) == "<Beta>");
  CHECK(c.relation_name(0) == "associated");
  CHECK_FALSE(c.directed(0));
  CHECK(c.weight(0) == 2.5);  // the key's default
  CHECK(c.weight(1) == 4.0);
  REQUIRE(c.node_attributes().size() == 1);
  CHECK(c.node_attributes()[0].name == "team");
  CHECK(c.node_attributes()[0].values[1] == "red");
  CHECK(c.node_attributes()[0].values[0] == "");
  CHECK(c.seeds().empty());
  CHECK(c.relations() == RelationRegistry());
  // The defaults are not silent: the fallbacks are counted (yEd's graphics are not skipped data).
  REQUIRE(c.warnings().size() == 2);
  CHECK(c.warnings()[0].to_string().find("other.graphml:10: kind: 2 nodes have no kind and were read as \"person\": "
                                         "\"a\" (line 10), \"b\" (line 13)") != std::string::npos);
  CHECK(c.warnings()[1].to_string().find("other.graphml:15: relation: 2 edges have no relation and were read as "
                                         "\"associated\" (transmission 0.2): line 15 (a - b), line 16 (b - c)") !=
        std::string::npos);
}

TEST_CASE("malformed GraphML is an InputError naming file, line and what is wrong") {
  const std::string head = kHeader;
  const std::string keys =
      "  <key id=\"r\" for=\"edge\" attr.name=\"relation\"/>\n"
      "  <key id=\"w\" for=\"edge\" attr.name=\"weight\"/>\n"
      "  <key id=\"k\" for=\"node\" attr.name=\"kind\"/>\n";
  // Unclosed tag: the line where it was opened.
  CHECK_THROWS_WITH(read_graphml_string(head + "<graph>\n<node id=\"a\">\n</graph></graphml>", "u.graphml"),
                    Catch::Contains("u.graphml:5") && Catch::Contains("</graph> does not match <node> opened on line 4"));
  CHECK_THROWS_WITH(read_graphml_string(head + "<graph>\n<node id=\"a\"/>\n", "u.graphml"),
                    Catch::Contains("u.graphml:3: <graph> is never closed"));
  // Edge to a node that does not exist: the edge's line.
  CHECK(first_problem(head + keys + "<graph>\n<node id=\"a\"/>\n<edge source=\"a\" target=\"P99\"/>\n</graph></graphml>") ==
        "in.graphml:8: target: edge target \"P99\" is not a node of the graph");
  // Bad numbers and values.
  CHECK(first_problem(head + keys + "<graph><node id=\"a\"/><node id=\"b\"/>\n<edge source=\"a\" target=\"b\">"
                                    "<data key=\"w\">abc</data></edge></graph></graphml>") ==
        "in.graphml:7: weight: \"abc\" is not a number > 0");
  CHECK_THROWS_WITH(read_graphml_string(head + keys + "<graph><node id=\"a\"/><node id=\"b\"/>\n<edge source=\"a\" "
                                                      "target=\"b\"><data key=\"w\">-1</data></edge></graph></graphml>"),
                    Catch::Contains("weight"));
  CHECK_THROWS_WITH(read_graphml_string(head + keys + "<graph>\n<node id=\"a\"><data key=\"k\">pirate</data></node>"
                                                      "</graph></graphml>"),
                    Catch::Contains(":7:") && Catch::Contains("pirate") && Catch::Contains("smuggler, facilitator"));
  CHECK_THROWS_WITH(read_graphml_string(head + keys + "<graph><node id=\"a\"/><node id=\"b\"/>\n<edge source=\"a\" "
                                                      "target=\"b\"><data key=\"r\">kissed</data></edge></graph></graphml>"),
                    Catch::Contains("kissed") && Catch::Contains("valid relations: smuggled"));
  // Duplicate node id, undeclared key, missing ids.
  CHECK_THROWS_WITH(read_graphml_string(head + "<graph>\n<node id=\"a\"/>\n<node id=\"a\"/></graph></graphml>"),
                    Catch::Contains(":5:") && Catch::Contains("duplicate node id"));
  CHECK_THROWS_WITH(read_graphml_string(head + "<graph><node id=\"a\"><data key=\"zz\">1</data></node></graph></graphml>"),
                    Catch::Contains("no <key> declares"));
  CHECK_THROWS_WITH(read_graphml_string(head + "<graph><node/></graph></graphml>"), Catch::Contains("no id"));
  CHECK_THROWS_WITH(read_graphml_string(head + "<graph><node id=\"a\"/><edge source=\"a\"/></graph></graphml>"),
                    Catch::Contains("source and target"));
  // Not GraphML / not XML / bad XML.
  CHECK_THROWS_WITH(read_graphml_string("<?xml version=\"1.0\"?><gexf/>"), Catch::Contains("not a GraphML file"));
  CHECK_THROWS_WITH(read_graphml_string(""), Catch::Contains("no XML root element"));
  CHECK_THROWS_WITH(read_graphml_string("id,kind\nP1,person\n"), Catch::Contains("not XML"));
  CHECK_THROWS_WITH(read_graphml_string(head + "<graph><node id=\"a&bogus;\"/></graph></graphml>"),
                    Catch::Contains("unknown entity &bogus;"));
  CHECK_THROWS_WITH(read_graphml_string(head + "<graph><node id=\"a\" id=\"b\"/></graph></graphml>"),
                    Catch::Contains("appears twice"));
  CHECK_THROWS_WITH(read_graphml_string(head + "<graph><node id=a/></graph></graphml>"), Catch::Contains("quoted"));
  CHECK_THROWS_WITH(read_graphml_string(head + "</graphml><graphml/>"), Catch::Contains("after the end of the root"));
  CHECK_THROWS_WITH(read_graphml_string("<!DOCTYPE x [<!ENTITY a \"aaaa\">]><graphml/>"),
                    Catch::Contains("internal subset"));
  CHECK_THROWS_WITH(read_graphml_string("<?xml version=\"1.0\" encoding=\"Shift_JIS\"?><graphml/>"),
                    Catch::Contains("save the file as UTF-8"));
  CHECK_THROWS_WITH(read_graphml_string(head + "</graphml>"), Catch::Contains("no <graph>"));
  CHECK_THROWS_WITH(read_graphml_string(head + "<graph><node id=\"a\"><graph/></node></graph></graphml>"),
                    Catch::Contains("nested graphs"));
  CHECK_THROWS_WITH(read_graphml_string(head + "<graph/><graph/></graphml>"), Catch::Contains("more than one <graph>"));
  CHECK_THROWS_WITH(read_graphml_string(head + "<graph><hyperedge/></graph></graphml>"), Catch::Contains("hyperedge"));
}

TEST_CASE("GraphML reports every problem, up to the cap") {
  std::string xml = kHeader;
  xml += "<graph>\n<node id=\"a\"/>\n";
  for (int i = 0; i < 10; ++i) xml += "<edge source=\"a\" target=\"nope" + std::to_string(i) + "\"/>\n";
  xml += "</graph></graphml>";
  try {
    (void)read_graphml_string(xml, "many.graphml");
    FAIL("no error");
  } catch (const InputError& e) {
    // Ten errors, then the node without a kind (no edge was read, so no relation fell back).
    REQUIRE(e.problems().size() == 11);
    CHECK(e.problems()[10].severity == Diagnostic::Severity::warning);
    CHECK(e.problems()[0].line == 5);  // header, <graphml>, <graph>, <node>, then the edges
    CHECK(e.problems()[9].line == 14);
    CHECK(std::string(e.what()).find("and 9 more problems") != std::string::npos);
  }
  ReadOptions capped;
  capped.max_problems = 3;
  try {
    (void)read_graphml_string(xml, "many.graphml", capped);
    FAIL("no error");
  } catch (const InputError& e) {
    CHECK(e.problems().size() == 3);
  }
}

TEST_CASE("deeply nested or huge GraphML is a clear error, not a crash") {
  std::string deep = kHeader;
  for (int i = 0; i < 200000; ++i) deep += "<x>";
  CHECK_THROWS_WITH(read_graphml_string(deep, "deep.graphml"),
                    Catch::Contains("deep.graphml:3") && Catch::Contains("nested more than"));
  ReadOptions small;
  small.max_record_bytes = 1000;
  std::string huge = std::string(kHeader) + "<graph><node id=\"" + std::string(5000, 'a') + "\"/></graph></graphml>";
  CHECK_THROWS_WITH(read_graphml_string(huge, "huge.graphml", small), Catch::Contains("longer than 1000 bytes"));
  std::string many_keys = kHeader;
  for (int i = 0; i < 5000; ++i) many_keys += "<key id=\"k" + std::to_string(i) + "\" for=\"node\"/>";
  CHECK_THROWS_WITH(read_graphml_string(many_keys), Catch::Contains("<key> declarations"));
}

TEST_CASE("every truncation of a GraphML file is an InputError or a smaller valid case") {
  const std::string xml = graphml_of(test::rich_case());
  for (std::size_t len = 0; len < xml.size(); len += 7) {
    INFO("length " << len);
    CHECK_THROWS_AS(read_graphml_string(std::string_view(xml).substr(0, len)), InputError);
  }
}

TEST_CASE("DOT export parses back with Boost's Graphviz reader, one edge per tie") {
  const Case c = test::rich_case();
  auto context = [&](NodeId v) { return c.kind(v) == NodeKind::country || c.kind(v) == NodeKind::location; };
  for (const bool include_context : {false, true}) {
    INFO("include_context " << include_context);
    std::ostringstream out;
    write_dot(c, out, {.include_context = include_context});
    const std::string dot = out.str();
    CHECK(dot.find("\"Abu \\\"the driver\\\", Sr.\"") != std::string::npos);
    CHECK(dot.find("first line\\nsecond line\\nthird") != std::string::npos);
    CHECK(dot.find('\r') == std::string::npos);
    using G = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS,
                                    boost::property<boost::vertex_name_t, std::string>,
                                    boost::property<boost::edge_name_t, std::string,
                                                    boost::property<boost::edge_weight_t, int>>>;
    G g;
    boost::dynamic_properties dp(boost::ignore_other_properties);
    dp.property("node_id", get(boost::vertex_name, g));
    dp.property("relation", get(boost::edge_name, g));
    dp.property("evidence", get(boost::edge_weight, g));
    REQUIRE(boost::read_graphviz(dot, g, dp));
    // Expected: every node but countries and locations (unless asked), one edge per relation and
    // pair (either order of an undirected relation), counting its evidence.
    std::map<std::tuple<std::string, std::string, std::string>, int> ties;
    std::vector<std::string> ids;
    for (NodeId v = 0; v < c.num_nodes(); ++v)
      if (include_context || !context(v)) ids.emplace_back(c.node_id(v));
    std::size_t undirected = 0;
    for (EvidenceId e = 0; e < c.num_evidence(); ++e) {
      if (!include_context && (context(c.source(e)) || context(c.target(e)))) continue;
      std::string a(c.node_id(c.source(e))), b(c.node_id(c.target(e)));
      if (!c.directed(e) && b < a) std::swap(a, b);
      if (ties[{std::string(c.relation_name(e)), a, b}]++ == 0) undirected += !c.directed(e);
    }
    CHECK(boost::num_vertices(g) == ids.size());
    CHECK(boost::num_edges(g) == ties.size());
    CHECK(count(dot, "\"dir\"=\"none\"") == undirected);
    std::map<std::tuple<std::string, std::string, std::string>, int> read;
    for (auto [it, end] = boost::edges(g); it != end; ++it) {
      std::string a = get(boost::vertex_name, g, boost::source(*it, g)),
                  b = get(boost::vertex_name, g, boost::target(*it, g));
      const std::string rel = get(boost::edge_name, g, *it);
      if (!c.relations().info(*c.relations().find(rel)).directed && b < a) std::swap(a, b);
      read[{rel, a, b}] += get(boost::edge_weight, g, *it);
    }
    CHECK(read == ties);
    std::vector<std::string> names;
    for (std::size_t v = 0; v < boost::num_vertices(g); ++v) names.push_back(get(boost::vertex_name, g, v));
    std::sort(names.begin(), names.end());
    std::sort(ids.begin(), ids.end());
    CHECK(names == ids);
    // Styled by kind and by relation.
    CHECK(dot.find("\"shape\"=\"doubleoctagon\"") != std::string::npos);
    CHECK(dot.find("\"style\"=\"dotted\"") != std::string::npos);
    CHECK((dot.find("\"kind\"=\"country\"") != std::string::npos) == include_context);
  }
}

TEST_CASE("GEXF export parses as XML with the right counts, directions as data and dates as spells") {
  const Case c = test::rich_case();
  for (const GexfVersion version : {GexfVersion::v1_3, GexfVersion::v1_2}) {
    std::ostringstream out;
    write_gexf(c, out, {.gexf_version = version});
    const std::string text = out.str();
    // networkx finds the graph by the namespace of its version; 2.x knows no 1.3.
    CHECK(text.find(version == GexfVersion::v1_3 ? "xmlns=\"http://gexf.net/1.3\""
                                                 : "xmlns=\"http://www.gexf.net/1.2draft\"") != std::string::npos);
    std::istringstream in(text);
    pt::ptree tree;
    pt::read_xml(in, tree);
    const auto& graph = tree.get_child("gexf.graph");
    CHECK(graph.get<std::string>("<xmlattr>.defaultedgetype") == "directed");
    CHECK(graph.get<std::string>("<xmlattr>.timeformat") == "date");
    std::size_t nodes = 0, edges = 0, typed = 0, undirected = 0, spells = 0, viz = 0;
    for (const auto& [n, el] : graph.get_child("nodes"))
      if (n == "node") {
        ++nodes;
        viz += el.count("viz:color") + el.count("viz:size");
      }
    for (const auto& [n, el] : graph.get_child("edges"))
      if (n == "edge") {
        ++edges;
        typed += el.get_optional<std::string>("<xmlattr>.type").has_value();
        for (const auto& [an, av] : el.get_child("attvalues"))
          if (an == "attvalue" && av.get<std::string>("<xmlattr>.for") == "directed")
            undirected += av.get<std::string>("<xmlattr>.value") == "false";
        if (auto sp = el.get_child_optional("spells")) {
          ++spells;
          const auto& spell = sp->get_child("spell");
          CHECK(spell.get<std::string>("<xmlattr>.start") == spell.get<std::string>("<xmlattr>.end"));
        }
      }
    std::size_t expected = 0, dated = 0;
    for (EvidenceId e = 0; e < c.num_evidence(); ++e) {
      expected += !c.directed(e);
      dated += !c.time(e).empty();
    }
    CHECK(nodes == c.num_nodes());
    CHECK(edges == c.num_evidence());
    CHECK(typed == 0);  // no per-edge type: an undirected edge in a directed graph fails networkx
    CHECK(undirected == expected);
    CHECK(spells == dated);
    CHECK(viz == 2 * c.num_nodes());
    CHECK(graph.get_child("nodes").front().second.get<std::string>("<xmlattr>.label") == "Abu \"the driver\", Sr.");
  }
}

TEST_CASE("node-link JSON parses back with the right counts and values") {
  const Case c = test::rich_case();
  std::ostringstream out;
  write_node_link_json(c, out);
  const auto j = nlohmann::json::parse(out.str());
  CHECK(j["directed"] == true);
  CHECK(j["multigraph"] == true);
  REQUIRE(j["nodes"].size() == c.num_nodes());
  REQUIRE(j["links"].size() == c.num_evidence());
  // networkx 2.x reads "links", 3.6 "edges": both are there, the same list.
  CHECK(j["edges"] == j["links"]);
  CHECK(j["nodes"][1]["label"] == "first line\nsecond line\r\nthird");
  CHECK(j["nodes"][0]["alias"] == "AD, \"Doc\"");
  CHECK(j["graph"]["seeds"].size() == 2);
  CHECK(j["graph"]["relations"].size() == c.relations().size());
  // Parallel evidence P001 -> P002 is numbered by key like networkx's MultiDiGraph.
  std::vector<int> keys;
  for (const auto& l : j["links"])
    if (l["source"] == "P001" && l["target"] == "P002") keys.push_back(l["key"].get<int>());
  REQUIRE(keys.size() >= 2);
  for (std::size_t i = 0; i < keys.size(); ++i) CHECK(keys[i] == static_cast<int>(i));
  // Weights print as the float they are ("1.7", not "1.70000005").
  bool found = false;
  for (const auto& l : j["links"])
    if (l["weight"].get<double>() == 1.7) found = true;
  CHECK(found);
}

TEST_CASE("an empty case exports and reads back") {
  const Case c = CaseBuilder().freeze();
  CHECK(read_graphml_string(graphml_of(c)) == c);
  std::ostringstream j, d, g;
  write_node_link_json(c, j);
  write_dot(c, d);
  write_gexf(c, g);
  CHECK(nlohmann::json::parse(j.str())["nodes"].empty());
}

TEST_CASE("CSV -> snapshot -> GraphML -> snapshot -> CSV loses nothing") {
  namespace fs = std::filesystem;
  const fs::path root = fs::temp_directory_path() / "corridor_chain_test";
  fs::remove_all(root);
  const Case original = test::rich_case();
  write_case(original, root / "a");
  const Case from_csv = read_case(root / "a");
  CHECK(from_csv == original);
  const Case s1 = snapshot_from_bytes(snapshot_bytes(from_csv));
  const Case g = read_graphml_string(graphml_of(s1), "chain.graphml");
  const Case s2 = snapshot_from_bytes(snapshot_bytes(g));
  write_case(s2, root / "b");
  const Case back = read_case(root / "b");
  CHECK(back == from_csv);
  CHECK(back.label(*back.find("P001")) == "Abu \"the driver\", Sr.");
  CHECK(back.label(*back.find("P002")) == "first line\nsecond line\r\nthird");
  // The CSV files themselves are identical.
  auto slurp = [](const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  };
  std::size_t files = 0;
  for (const auto& entry : fs::directory_iterator(root / "a")) {
    ++files;
    INFO(entry.path().filename());
    CHECK(slurp(entry.path()) == slurp(root / "b" / entry.path().filename()));
  }
  CHECK(files >= 3);  // nodes, edges, seeds (and relations: the case defines some)
  fs::remove_all(root);
}

TEST_CASE("node-link JSON stays valid with control characters and invalid UTF-8") {
  CaseBuilder b;
  b.add_node("P001", NodeKind::person, "bell\x01 tab\t bad\xFF end \xE2\x82\xAC");
  b.add_node("P002", NodeKind::person, "\xED\xA0\x80 surrogate, \xC0\xAF overlong");
  b.add_evidence({.source = "P001", .target = "P002", .relation = "paid", .confidence = 0.25});
  std::ostringstream out;
  write_node_link_json(std::move(b).freeze(), out);
  const auto j = nlohmann::json::parse(out.str());
  CHECK(j["nodes"][0]["label"] == "bell\x01 tab\t bad\xEF\xBF\xBD end \xE2\x82\xAC");
  const auto second = j["nodes"][1]["label"].get<std::string>();
  CHECK(second.find("\xEF\xBF\xBD surrogate") != std::string::npos);
  CHECK(second.find('\xED') == std::string::npos);
  CHECK(second.find('\xC0') == std::string::npos);
  CHECK(j["links"][0]["confidence"] == 0.25);
  CHECK(j["links"][0]["key"] == 0);
  CHECK(j["links"][0]["directed"] == true);
}
