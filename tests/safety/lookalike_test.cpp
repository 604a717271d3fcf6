// Ids that look the same but differ in bytes (the "visually identical ids": NFC beside
// NFD, a zero-width space, a no-break space) are two people to a program and one to a reader of
// the report. Without --normalize-ids they are a warning naming both places (or, for a reference
// in edges.csv or seeds.csv, an error saying what differs); with it, every reader (CSV, GraphML)
// reads them as one NFC id.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "corridor/corridor.hpp"
#include "support/cli.hpp"

using namespace corridor;
using namespace corridor::test;

namespace {

const std::string kNfc = "Jos\xC3\xA9";        // José, é = U+00E9
const std::string kNfd = "Jose\xCC\x81";       // José, e + U+0301 COMBINING ACUTE ACCENT
const std::string kZwsp = "\xE2\x80\x8B";      // U+200B ZERO WIDTH SPACE
const std::string kNbsp = "\xC2\xA0";          // U+00A0 NO-BREAK SPACE

std::vector<Diagnostic> warnings_of(const std::vector<Diagnostic>& all) {
  std::vector<Diagnostic> out;
  for (const auto& d : all)
    if (d.severity == Diagnostic::Severity::warning) out.push_back(d);
  return out;
}

std::string q(const fs::path& p) { return "'" + p.string() + "'"; }

}  // namespace

TEST_CASE("normalize_id: NFC, invisible characters removed, odd spaces plain, trimmed") {
  CHECK(normalize_id("S00012") == "S00012");
  CHECK(normalize_id(" S1 ") == "S1");
  CHECK(normalize_id(kNfd) == kNfc);
  CHECK(normalize_id(kNfc) == kNfc);
  CHECK(normalize_id("P2" + kZwsp) == "P2");
  CHECK(normalize_id("\xEF\xBB\xBF" "P2") == "P2");                       // U+FEFF
  CHECK(normalize_id("A\xE2\x81\xA0" "B") == "AB");                       // U+2060 WORD JOINER
  CHECK(normalize_id("A\xE2\x80\x8C" "B\xE2\x80\x8D" "C") == "ABC");      // U+200C, U+200D
  CHECK(normalize_id("Ali" + kNbsp + "Reza") == "Ali Reza");
  CHECK(normalize_id("Ali\xE2\x80\xAF" "Reza\xE3\x80\x80") == "Ali Reza");  // U+202F, U+3000 at the end
  // Canonical equivalents beyond accents: U+212B ANGSTROM SIGN is U+00C5; Hangul jamo compose.
  CHECK(normalize_id("\xE2\x84\xAB") == "\xC3\x85");
  CHECK(normalize_id("\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB") == "\xED\x95\x9C");  // 한
  // Compatibility forms are NOT folded (NFC, not NFKC): a full-width A stays what it is.
  CHECK(normalize_id("\xEF\xBC\xA1") == "\xEF\xBC\xA1");
  CHECK(normalize_id(kZwsp).empty());
}

TEST_CASE("look-alike node ids in nodes.csv: a warning with both places; --strict refuses") {
  TempDir t;
  const fs::path dir = t.path / "case";
  fs::create_directories(dir);
  put(dir / "nodes.csv", "id,kind\n" + kNfc + ",smuggler\n" + kNfd + ",person\nP2" + kZwsp +
                             ",person\nP2,person\nAli" + kNbsp + "Reza,migrant\nAli Reza,migrant\nPlain,person\n");
  put(dir / "edges.csv", "source,target,relation\nP2,Plain,communicated\n");
  const auto w = warnings_of(validate_case(dir));
  REQUIRE(w.size() == 3);
  CHECK(w[0].line == 3);
  CHECK(w[0].field == "id");
  CHECK_THAT(w[0].message, Catch::Contains("(nodes.csv:2)") && Catch::Contains("NFD"));
  CHECK(w[1].line == 5);
  CHECK_THAT(w[1].message, Catch::StartsWith("\"P2\" looks the same as \"P2<U+200B>\" (nodes.csv:4)") &&
                               Catch::Contains("invisible character") && Catch::Contains("--normalize-ids"));
  CHECK(w[2].line == 7);
  CHECK_THAT(w[2].message, Catch::Contains("\"Ali<U+00A0>Reza\" (nodes.csv:6)") && Catch::Contains("unusual space"));
  // They stay separate nodes: nothing is merged behind the user's back.
  CHECK(read_case(dir).num_nodes() == 7);
  ReadOptions strict;
  strict.strict = true;
  CHECK_THROWS_AS(read_case(dir, strict), InputError);
  // Distinct ids that merely share letters are no warning.
  put(dir / "nodes.csv", "id,kind\n" + kNfc + ",person\nJose,person\nP2,person\nP3,person\nPlain,person\n");
  CHECK(warnings_of(validate_case(dir)).empty());
}

TEST_CASE("a reference that only looks like a node id is an error that says what differs") {
  TempDir t;
  const fs::path dir = t.path / "case";
  fs::create_directories(dir);
  put(dir / "nodes.csv", "id,kind\n" + kNfc + ",smuggler\nP2" + kZwsp + ",person\n");
  put(dir / "edges.csv", "source,target,relation\n" + kNfd + ",P2,communicated\n");
  put(dir / "seeds.csv", "id\n" + kNfd + "\n");
  const auto all = validate_case(dir);
  REQUIRE(all.size() == 3);
  CHECK(all[0].line == 2);
  CHECK(all[0].field == "source");
  CHECK_THAT(all[0].message, Catch::Contains("looks the same as the node") && Catch::Contains("NFD"));
  CHECK(all[1].field == "target");
  CHECK_THAT(all[1].message, Catch::Contains("\"P2<U+200B>\"") && Catch::Contains("invisible character"));
  CHECK_THAT(all[2].message, Catch::Contains("seeds") || Catch::Contains("looks the same as the node"));
  // A seeds file read against a case says the same.
  ReadOptions o;
  o.normalize_ids = true;
  const Case c = read_case(dir, o);
  put(t.path / "more.csv", "id\nP2" + kNbsp + "\n");
  CHECK_THROWS_WITH(read_seeds(t.path / "more.csv", read_case(dir, o), {}), Catch::Contains("unusual space"));
  CHECK(read_seeds(t.path / "more.csv", c, o).size() == 1);
}

TEST_CASE("normalising ids: one NFC id per person, in CSV and GraphML, from the command and the library") {
  TempDir t;
  const fs::path dir = t.path / "case";
  fs::create_directories(dir);
  put(dir / "nodes.csv", "id,kind\n" + kNfc + ",smuggler\nP2" + kZwsp + ",person\nAli" + kNbsp + "Reza,migrant\n");
  put(dir / "edges.csv", "source,target,relation\n" + kNfd + ",P2,communicated\nAli Reza," + kNfc + ",smuggled\n");
  put(dir / "seeds.csv", "id\n" + kNfd + "\n");
  ReadOptions o;
  o.normalize_ids = true;
  const Case c = read_case(dir, o);
  REQUIRE(c.num_nodes() == 3);
  CHECK(c.num_evidence() == 2);
  CHECK(c.node_id(0) == kNfc);
  CHECK(c.node_id(1) == "P2");
  CHECK(c.node_id(2) == "Ali Reza");
  REQUIRE(c.seeds().size() == 1);
  CHECK(c.seeds()[0].node == 0);
  CHECK(validate_case(dir, o).empty());
  // Two nodes that become one id: the duplicate error names both lines and the written form.
  put(dir / "nodes.csv", "id,kind\n" + kNfc + ",smuggler\n" + kNfd + ",person\nP2,person\nAli Reza,migrant\n");
  const auto dup = validate_case(dir, o);
  REQUIRE_FALSE(dup.empty());
  CHECK(dup[0].line == 3);
  CHECK_THAT(dup[0].message, Catch::Contains("duplicate id") && Catch::Contains("first on line 2") &&
                                 Catch::Contains("--normalize-ids"));
  // GraphML: the same warning without the option, one node with it.
  const std::string graphml =
      "<?xml version=\"1.0\"?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
      "<graph edgedefault=\"undirected\">\n<node id=\"" + kNfc + "\"/>\n<node id=\"" + kNfd + "\"/>\n"
      "<node id=\"P2\"/>\n<edge source=\"" + kNfd + "\" target=\"P2\"/>\n</graph></graphml>\n";
  const Case plain = read_graphml_string(graphml, "g.graphml");
  CHECK(plain.num_nodes() == 3);
  bool warned = false;
  for (const auto& w : plain.warnings())
    warned |= w.line == 5 && w.field == "id" && w.message.find("(g.graphml:4)") != std::string::npos;
  CHECK(warned);
  CHECK_THROWS_WITH(read_graphml_string(graphml, "g.graphml", o), Catch::Contains("duplicate") || Catch::Contains("twice"));
  const std::string one = "<?xml version=\"1.0\"?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
                          "<graph edgedefault=\"undirected\">\n<node id=\"" + kNfc + "\"/>\n<node id=\"P2\"/>\n"
                          "<edge source=\"" + kNfd + "\" target=\"P2" + kZwsp + "\"/>\n</graph></graphml>\n";
  CHECK_THROWS(read_graphml_string(one, "g.graphml"));
  const Case joined = read_graphml_string(one, "g.graphml", o);
  CHECK(joined.num_nodes() == 2);
  CHECK(joined.num_evidence() == 1);
  // The command: --normalize-ids is one of the read options every command shares.
  put(dir / "nodes.csv", "id,kind\n" + kNfc + ",smuggler\nP2" + kZwsp + ",person\nAli" + kNbsp + "Reza,migrant\n");
  Run r = run(t, "validate " + q(dir));
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Catch::Contains("looks the same as the node"));
  r = run(t, "--normalize-ids validate " + q(dir));
  CHECK(r.code == 0);
  r = run(t, "--normalize-ids -q convert " + q(dir) + " " + q(t.path / "out"));
  REQUIRE(r.code == 0);
  CHECK(slurp(t.path / "out" / "nodes.csv").find(kZwsp) == std::string::npos);
  CHECK(read_case(t.path / "out").num_nodes() == 3);
}
