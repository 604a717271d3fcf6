// GraphML from other tools: the documented attribute mapping (kind from `kind` or a `type` that
// names a kind, the same for relations), fallbacks counted in a warning and refused under
// --strict, keys matched to the standard columns whatever their case or spacing, every skipped
// element counted, and value limits over the whole of a value however it is split.
#include <catch2/catch.hpp>

#include <filesystem>
#include <sstream>
#include <string>

#include "corridor/io/case_io.hpp"
#include "corridor/io/graphml.hpp"
#include "io/io_fixtures.hpp"

using namespace corridor;
namespace fs = std::filesystem;

namespace {

const std::string kHead =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n";

std::string warning_text(const Case& c) {
  std::string s;
  for (const auto& w : c.warnings()) s += w.to_string() + "\n";
  return s;
}

std::string errors_of(const std::string& xml, const ReadOptions& o = {}) {
  try {
    (void)read_graphml_string(xml, "in.graphml", o);
  } catch (const InputError& e) {
    std::string s;
    for (const auto& d : e.problems()) s += d.to_string() + "\n";
    return s;
  }
  return "(no error)";
}

ReadOptions strict() {
  ReadOptions o;
  o.strict = true;
  return o;
}

}  // namespace

TEST_CASE("Gephi-style GraphML: a type that names a kind or relation is taken, and the safeguards hold") {
  // Issue 15: the migrant used to become a person and the client tie "associated" (0.02 -> 0.2).
  const std::string xml = kHead +
                          "  <key id=\"t\" for=\"node\" attr.name=\"type\" attr.type=\"string\"/>\n"
                          "  <key id=\"et\" for=\"edge\" attr.name=\"Type\" attr.type=\"string\"/>\n"
                          "  <key id=\"el\" for=\"edge\" attr.name=\"label\" attr.type=\"string\"/>\n"
                          "  <graph edgedefault=\"directed\">\n"
                          "    <node id=\"m\"><data key=\"t\">Migrant</data></node>\n"
                          "    <node id=\"s\"><data key=\"t\">smuggler</data></node>\n"
                          "    <node id=\"o\"><data key=\"t\"> organization </data></node>\n"
                          "    <edge source=\"s\" target=\"m\"><data key=\"et\">smuggled</data></edge>\n"
                          "    <edge source=\"s\" target=\"o\"><data key=\"el\">member_of</data></edge>\n"
                          "  </graph>\n</graphml>\n";
  const Case c = read_graphml_string(xml, "gephi.graphml", strict());
  CHECK(c.warnings().empty());
  CHECK(c.kind(*c.find("m")) == NodeKind::migrant);
  CHECK(c.kind(*c.find("s")) == NodeKind::smuggler);
  CHECK(c.kind(*c.find("o")) == NodeKind::organization);
  CHECK(c.relation_name(0) == "smuggled");
  CHECK(c.relations().info(c.relation(0)).transmission == 0.02);
  CHECK(c.relation_name(1) == "member_of");  // from the edge label, as no type or relation was given
  // Nothing the file held is dropped: `type` and `label` stay as attributes.
  REQUIRE(c.node_attributes().size() == 1);
  CHECK(c.node_attributes()[0].name == "type");
  CHECK(c.node_attributes()[0].values[0] == "Migrant");
}

TEST_CASE("nodes and edges that fall back to person and associated are counted in one warning each") {
  const std::string xml = kHead +
                          "  <key id=\"t\" for=\"node\" attr.name=\"type\"/>\n"
                          "  <key id=\"et\" for=\"edge\" attr.name=\"type\"/>\n"
                          "  <graph>\n"
                          "    <node id=\"a\"><data key=\"t\">boat</data></node>\n"
                          "    <node id=\"b\"/>\n"
                          "    <node id=\"c\"><data key=\"t\">boat</data></node>\n"
                          "    <node id=\"d\"><data key=\"t\">facilitator</data></node>\n"
                          "    <edge source=\"a\" target=\"b\"><data key=\"et\">knows</data></edge>\n"
                          "    <edge source=\"b\" target=\"c\"/>\n"
                          "    <edge source=\"c\" target=\"d\"><data key=\"et\">financed</data></edge>\n"
                          "  </graph>\n</graphml>\n";
  const Case c = read_graphml_string(xml, "in.graphml");
  CHECK(c.kind(*c.find("d")) == NodeKind::facilitator);
  CHECK(c.kind(*c.find("a")) == NodeKind::person);
  CHECK(c.relation_name(2) == "financed");
  CHECK(warning_text(c) ==
        "warning: in.graphml:6: kind: 3 nodes have no kind and were read as \"person\": \"a\" (line 6), \"b\" "
        "(line 7), \"c\" (line 8); type values that name none: \"boat\" x2; give each node a \"kind\" (or a \"type\" "
        "naming one of: smuggler, facilitator, migrant, person, organization, country, location, asset)\n"
        "warning: in.graphml:10: relation: 2 edges have no relation and were read as \"associated\" (transmission "
        "0.2): line 10 (a - b), line 11 (b - c); type or label values that name none: \"knows\" x1; give each edge a "
        "\"relation\" (or a \"type\" naming one of: " +
            c.relations().valid_names() + ")\n");
  // validate lists them; --strict refuses the file with each of them as an error.
  const std::string refused = errors_of(xml, strict());
  CHECK(refused.find("in.graphml:6: kind: 3 nodes have no kind") != std::string::npos);
  CHECK(refused.find("in.graphml:10: relation: 2 edges have no relation") != std::string::npos);
  CHECK(refused.find("(strict: warnings are errors)") != std::string::npos);
  CHECK(refused.find("warning:") == std::string::npos);
}

TEST_CASE("an explicit kind or relation wins over type, and a wrong one is an error with a suggestion") {
  const std::string xml = kHead +
                          "  <key id=\"k\" for=\"node\" attr.name=\"kind\"/>\n"
                          "  <key id=\"t\" for=\"node\" attr.name=\"type\"/>\n"
                          "  <key id=\"r\" for=\"edge\" attr.name=\"relation\"/>\n"
                          "  <graph>\n"
                          "    <node id=\"a\"><data key=\"k\">Smuggler</data><data key=\"t\">migrant</data></node>\n"
                          "    <node id=\"b\"><data key=\"k\">migrant</data></node>\n"
                          "    <edge source=\"a\" target=\"b\"><data key=\"r\">smuggled</data></edge>\n"
                          "  </graph>\n</graphml>\n";
  const Case c = read_graphml_string(xml, "in.graphml", strict());
  CHECK(c.kind(0) == NodeKind::smuggler);  // kind is matched in any case, as in nodes.csv
  std::string bad = xml;
  bad.replace(bad.find(">smuggled<"), 10, ">financd<");
  CHECK(errors_of(bad) ==
        "in.graphml:9: relation: unknown relation \"financd\"; valid relations: " + RelationRegistry().valid_names() +
            "; did you mean \"financed\"?\n");
}

TEST_CASE("keys differing from a standard column by case or spacing are the standard column, with a warning") {
  // Issue 18 item 7: `Weight` used to survive as an extra attribute and become the weight only
  // after a CSV round trip (weight 1 became 1000).
  const std::string xml = kHead +
                          "  <key id=\"k\" for=\"node\" attr.name=\"Kind\"/>\n"
                          "  <key id=\"l\" for=\"node\" attr.name=\" Label \"/>\n"
                          "  <key id=\"r\" for=\"edge\" attr.name=\"relation\"/>\n"
                          "  <key id=\"w\" for=\"edge\" attr.name=\"Weight\"/>\n"
                          "  <key id=\"c\" for=\"edge\" attr.name=\"CONFIDENCE\"/>\n"
                          "  <key id=\"s\" for=\"edge\" attr.name=\"Source Ref\"/>\n"
                          "  <graph>\n"
                          "    <node id=\"a\"><data key=\"k\">smuggler</data><data key=\"l\">A</data></node>\n"
                          "    <node id=\"b\"><data key=\"k\">migrant</data></node>\n"
                          "    <edge source=\"a\" target=\"b\"><data key=\"r\">smuggled</data><data key=\"w\">1000</data>"
                          "<data key=\"c\">0.01</data><data key=\"s\">report 7</data></edge>\n"
                          "  </graph>\n</graphml>\n";
  const Case c = read_graphml_string(xml, "in.graphml");
  CHECK(c.label(0) == "A");
  CHECK(c.weight(0) == 1000.0);
  CHECK(c.raw_confidence(0) == Approx(0.01));
  CHECK(c.source_ref(0) == "report 7");
  CHECK(c.node_attributes().empty());
  CHECK(c.evidence_attributes().empty());
  const std::string w = warning_text(c);
  CHECK(w.find("warning: in.graphml:3: Kind: the node key \"Kind\" is read as the standard column \"kind\"; name "
               "the key \"kind\" to silence this warning\n") != std::string::npos);
  CHECK(w.find("in.graphml:6: Weight: the edge key \"Weight\" is read as the standard column \"weight\"") !=
        std::string::npos);
  CHECK(w.find("\"Source Ref\" is read as the standard column \"source_ref\"") != std::string::npos);
  CHECK(c.warnings().size() == 5);
  // The same case through CSV keeps the same meaning.
  const fs::path dir = fs::temp_directory_path() / "corridor_graphml_keys";
  fs::remove_all(dir);
  write_case(c, dir);
  CHECK(read_case(dir) == c);
  fs::remove_all(dir);
  CHECK(errors_of(xml, strict()).find("(strict: warnings are errors)") != std::string::npos);

  // Two keys for one column, and a node key that is the id in another spelling, are errors.
  CHECK(errors_of(kHead + "<key id=\"a\" for=\"edge\" attr.name=\"weight\"/><key id=\"b\" for=\"edge\" "
                          "attr.name=\"WEIGHT\"/>\n<graph/></graphml>") ==
        "in.graphml:3: WEIGHT: two edge keys have the attribute name \"weight\"\n");
  CHECK(errors_of(kHead + "<key id=\"a\" for=\"node\" attr.name=\"ID\"/>\n<graph/></graphml>") ==
        "in.graphml:3: ID: a node key named \"ID\" clashes with the node id; rename the key\n");
}

TEST_CASE("extra attributes whose names look like a standard column survive export and import unchanged") {
  CaseBuilder b;
  b.add_node({.id = "a", .kind = NodeKind::smuggler, .attributes = {{"Kind ", "x"}, {"country-code", "XA"}}});
  b.add_node({.id = "b", .kind = NodeKind::migrant});
  b.add_evidence({.source = "a", .target = "b", .relation = "smuggled", .attributes = {{"Source Ref", "7"}}});
  const Case c = std::move(b).freeze();
  std::ostringstream out;
  write_graphml(c, out);
  CHECK(out.str().find("attr.name=\"attr:Source Ref\"") != std::string::npos);
  const Case back = read_graphml_string(out.str(), "back.graphml", strict());
  CHECK(back == c);
  CHECK(back.warnings().empty());
}

TEST_CASE("every element the reader skips is counted, with the nodes and edges it held") {
  const std::string xml = kHead +
                          "  <key id=\"n\" for=\"graph\" attr.name=\"name\"/>\n"
                          "  <graph>\n"
                          "    <data key=\"n\">network</data>\n"
                          "    <node id=\"a\"/><node id=\"b\"/>\n"
                          "    <edge source=\"a\" target=\"b\">\n"
                          "      <graph><node id=\"x\"/><node id=\"y\"/><edge source=\"x\" target=\"y\"/></graph>\n"
                          "    </edge>\n"
                          "    <cluster>\n"
                          "      <node id=\"c\"/>\n"
                          "      <node id=\"d\"/>\n"
                          "    </cluster>\n"
                          "    <cluster><node id=\"e\"/></cluster>\n"
                          "  </graph>\n</graphml>\n";
  const Case c = read_graphml_string(xml, "in.graphml");
  CHECK(c.num_nodes() == 2);
  const std::string w = warning_text(c);
  CHECK(w.find("warning: in.graphml:8: skipped 1 <graph> inside <edge> (first at line 8), holding 2 nodes and 1 "
               "edge that were not imported; corridor reads <node> and <edge> directly inside the one <graph>, and "
               "their <data>\n") != std::string::npos);
  CHECK(w.find("warning: in.graphml:10: skipped 2 <cluster> inside <graph> (first at line 10), holding 3 nodes and 0 "
               "edges that were not imported") != std::string::npos);
  CHECK(w.find("skipped 1 <data> of the graph (graph attribute \"name\")") != std::string::npos);
  CHECK(errors_of(xml, strict()).find("skipped 2 <cluster> inside <graph>") != std::string::npos);

  // yEd's graphics (keys without a name) are passed over on purpose and not counted.
  const std::string yed = kHead +
                          "  <key id=\"g\" for=\"node\" yfiles.type=\"nodegraphics\"/>\n"
                          "  <key id=\"r\" for=\"graphml\" yfiles.type=\"resources\"/>\n"
                          "  <key id=\"k\" for=\"node\" attr.name=\"kind\"/>\n"
                          "  <graph><node id=\"a\"><data key=\"k\">person</data><data key=\"g\"><y:ShapeNode>"
                          "<y:NodeLabel>A</y:NodeLabel></y:ShapeNode></data></node></graph>\n"
                          "  <data key=\"r\"><y:Resources/></data>\n</graphml>\n";
  CHECK(read_graphml_string(yed, "yed.graphml", strict()).num_nodes() == 1);
  // The sample case written by corridor reads back without a warning.
  const Case rich = test::rich_case();
  std::ostringstream out;
  write_graphml(rich, out);
  CHECK(read_graphml_string(out.str(), "rich.graphml").warnings().size() == rich.warnings().size());
}

TEST_CASE("value limits hold for the whole value, however it is split") {
  ReadOptions small;
  small.max_record_bytes = 1000;
  const std::string keys = "  <key id=\"l\" for=\"node\" attr.name=\"label\"/>\n";
  auto node_with = [&](const std::string& value) {
    return kHead + keys + "  <graph><node id=\"a\"><data key=\"l\">" + value + "</data></node></graph>\n</graphml>\n";
  };
  std::string by_elements, by_comments, by_cdata;
  for (int i = 0; i < 30; ++i) {
    by_elements += std::string(50, 'a') + "<b/>";
    by_comments += std::string(50, 'a') + "<!-- -->";
    by_cdata += "<![CDATA[" + std::string(50, 'a') + "]]>";
  }
  // 1500 bytes in pieces of 50: each piece is within the limit, the value is not. (Comments and
  // CDATA sections join the text around them into one piece, which the XML reader bounds.)
  CHECK_THROWS_WITH(read_graphml_string(node_with(by_elements), "split.graphml", small),
                    Catch::Contains("split.graphml:4") &&
                        Catch::Contains("a <data> value longer than 1000 bytes (counting every piece of text it is "
                                        "split into)"));
  for (const auto& v : {by_comments, by_cdata})
    CHECK_THROWS_WITH(read_graphml_string(node_with(v), "split.graphml", small),
                      Catch::Contains("split.graphml:4") && Catch::Contains("longer than 1000 bytes"));
  // A default is a value too.
  std::string by_default = kHead + "  <key id=\"l\" for=\"node\" attr.name=\"label\"><default>";
  for (int i = 0; i < 30; ++i) by_default += std::string(50, 'a') + "<b/>";
  by_default += "</default></key>\n<graph><node id=\"a\"/></graph></graphml>\n";
  CHECK_THROWS_WITH(read_graphml_string(by_default, "split.graphml", small),
                    Catch::Contains("a <default> value longer than 1000 bytes"));
  // Within the limit, the text between the elements is the value, and the elements are counted.
  std::string shorter;
  for (int i = 0; i < 3; ++i) shorter += "ab<i>x</i>";
  const Case c = read_graphml_string(node_with(shorter), "split.graphml", small);
  CHECK(c.label(0) == "ababab");
  CHECK(warning_text(c).find("skipped 3 <i> inside <data> (part of a value, not read)") != std::string::npos);
}

TEST_CASE("a <default> copied into every element is bounded in proportion to the file") {
  // A 1 MiB default label on 100 nodes would be 100 MiB from a 1 MiB file.
  std::string xml = kHead + "  <key id=\"l\" for=\"node\" attr.name=\"note\"><default>" + std::string(1 << 20, 'x') +
                    "</default></key>\n  <graph>\n";
  for (int i = 0; i < 100; ++i) xml += "<node id=\"n" + std::to_string(i) + "\"/>";
  xml += "\n  </graph>\n</graphml>\n";
  CHECK_THROWS_WITH(read_graphml_string(xml, "big.graphml"),
                    Catch::Contains("big.graphml:3: note: the <default> of key \"note\" (1048576 bytes) would be copied "
                                    "into up to 100 elements") &&
                        Catch::Contains("write the value on the elements that have it"));
  // A short default on many nodes is fine.
  std::string ok = kHead + "  <key id=\"l\" for=\"node\" attr.name=\"note\"><default>unknown</default></key>\n  <graph>\n";
  for (int i = 0; i < 100; ++i) ok += "<node id=\"n" + std::to_string(i) + "\"/>";
  ok += "\n  </graph>\n</graphml>\n";
  CHECK(read_graphml_string(ok, "ok.graphml").node_attributes()[0].values[99] == "unknown");
}
