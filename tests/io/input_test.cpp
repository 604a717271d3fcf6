// Input that never silently changes meaning: encodings, delimiters, follow-on errors summed up,
// did-you-mean for kinds, relations, columns, ids and numbers, and --strict. Each bad input of
// issue 15 with the message it gets.
#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>
#include <string>

#include "corridor/io/case_io.hpp"
#include "corridor/io/export.hpp"
#include "corridor/io/graphml.hpp"
#include "support/files.hpp"

using namespace corridor;
using corridor::test::put;
using corridor::test::TempDir;
namespace fs = std::filesystem;

namespace {

const char* kNodes = "id,kind,label\nS1,smuggler,Leader\nM1,migrant,\nN41,person,\nO1,organization,Group\n";
const char* kEdges = "source,target,relation,confidence\nS1,M1,smuggled,\nS1,N41,communicated,\nN41,O1,financed,0.5\n";

fs::path make_case(const TempDir& t, const std::string& nodes, const std::string& edges, const std::string& seeds = "",
                   const std::string& name = "case") {
  const fs::path dir = t.path / name;
  fs::create_directories(dir);
  if (!nodes.empty()) put(dir / "nodes.csv", nodes);
  put(dir / "edges.csv", edges);
  if (!seeds.empty()) put(dir / "seeds.csv", seeds);
  return dir;
}

std::vector<std::string> problems(const fs::path& dir, const ReadOptions& o = {}) {
  std::vector<std::string> out;
  for (const auto& d : validate_case(dir, o)) out.push_back(d.to_string());
  return out;
}

std::string joined(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += x + "\n";
  return s;
}

}  // namespace

TEST_CASE("issue 15: a cp1252 nodes.csv is an error with the hint; --encoding cp1252 reads it and exports valid UTF-8") {
  TempDir t;
  const fs::path dir = make_case(t, "id,kind,label\nS1,smuggler,Jos\xE9 Mu\xF1oz\nM1,migrant,\n",
                                 "source,target,relation\nS1,M1,smuggled\n");
  const auto p = problems(dir);
  REQUIRE(p.size() == 2);
  CHECK_THAT(p[0], Catch::StartsWith("nodes.csv:2: column 16: byte 0xE9 is not valid UTF-8") &&
                       Catch::Contains("--encoding cp1252"));
  // The edges that refer to it are one line, not one each.
  CHECK(p[1] == "warning: nodes.csv: 2 source and target ids in edges.csv were not checked, since nodes.csv could "
                "not be read (see above)");
  ReadOptions o;
  o.encoding = Encoding::cp1252;
  const Case c = read_case(dir, o);
  CHECK(c.label(0) == "Jos\xC3\xA9 Mu\xC3\xB1oz");
  std::ostringstream xml;
  write_graphml(c, xml);
  CHECK(find_invalid_utf8(xml.str()) == std::string::npos);
  CHECK(read_graphml_string(xml.str()) == c);
}

TEST_CASE("issue 15: a semicolon-delimited nodes.csv names the delimiter, and --delimiter reads it") {
  TempDir t;
  const std::string nodes = "id;kind;label\nS1;smuggler;Leader\nM1;migrant;\nN41;person;\nO1;organization;Group\n";
  const fs::path dir = make_case(t, nodes, kEdges, "id,confidence\nO1,1\nS1,0.8\nN41,0.6\n");
  const auto p = problems(dir);
  // One error about the delimiter, then one line for everything that follows from it: no
  // "missing column id", no "not in nodes.csv" per edge or seed.
  REQUIRE(p.size() == 2);
  CHECK(p[0] ==
        "nodes.csv:1: the header \"id;kind;label\" is a single column: its fields are separated by ';', not by ',' (a "
        "spreadsheet set to a European locale saves CSV with ';'); read it with --delimiter ';'");
  CHECK(p[1] == "warning: nodes.csv: 6 source and target ids in edges.csv and 3 seed ids in seeds.csv were not "
                "checked, since nodes.csv could not be read (see above)");
  // With the delimiter given, every file of the folder is read with it.
  std::string edges = kEdges, seeds = "id;confidence\nO1;1\n";
  std::replace(edges.begin(), edges.end(), ',', ';');
  const fs::path semi = make_case(t, nodes, edges, seeds, "semi");
  ReadOptions o;
  o.delimiter = ';';
  const Case c = read_case(semi, o);
  CHECK(c.num_nodes() == 4);
  CHECK(c.num_evidence() == 3);
  CHECK(c.seeds().size() == 1);
  // Tab-separated: tab is the delimiter, not a blank to trim.
  const fs::path tabs = make_case(t, "id\tkind\tlabel\nS1\tsmuggler\t\nM1\tmigrant\t\"x\"\n",
                                  "source\ttarget\trelation\nS1\tM1\tsmuggled\n", "", "tabs");
  CHECK_THAT(joined(problems(tabs)), Catch::Contains("separated by tabs") && Catch::Contains("--delimiter tab"));
  o.delimiter = '\t';
  const Case tc = read_case(tabs, o);
  CHECK(tc.num_nodes() == 2);
  CHECK(tc.label(1) == "x");
}

TEST_CASE("issue 15: nodes.csv missing gives the error and one line for what follows from it") {
  TempDir t;
  std::string edges = "source,target,relation\n";
  for (int i = 0; i < 150; ++i) edges += "S" + std::to_string(i) + ",M" + std::to_string(i) + ",smuggled\n";
  const fs::path dir = make_case(t, "", edges, "id\nS1\nS2\n");
  const auto p = problems(dir);
  REQUIRE(p.size() == 2);
  CHECK_THAT(p[0], Catch::StartsWith("nodes.csv: file not found in "));
  CHECK(p[1] == "warning: nodes.csv: 300 source and target ids in edges.csv and 2 seed ids in seeds.csv were not "
                "checked, since nodes.csv could not be read (see above)");
  // An unreadable relations.csv: relations that are not built in are not reported one by one.
  const fs::path rel = make_case(t, kNodes, "source,target,relation\nS1,M1,rented_car_to\nS1,M1,smuggled\n", "", "rel");
  put(rel / "relations.csv", "name;directed;transmission\nrented_car_to;true;0.3\n");
  const auto q = problems(rel);
  REQUIRE(q.size() == 2);
  CHECK_THAT(q[0], Catch::StartsWith("relations.csv:1: the header \"name;directed;transmission\" is a single column"));
  CHECK_THAT(q[1], Catch::Contains("1 piece of evidence in edges.csv with a relation that is not built in was not "
                                   "checked, since relations.csv could not be read"));
}

TEST_CASE("issue 15: did-you-mean for relations, kinds, columns, ids and decimal commas") {
  TempDir t;
  const fs::path dir =
      make_case(t, "id,kind,label\nS1,smuggler,Leader\nM1,migrnat,\nN41,person,\nO1,Organisation,Group\n",
                "source,target,relation,confidence\nS1,M1,smuggled,\nS1,n41,communicated,\nN41,O1,financd,\"0,5\"\n",
                "id,confidence\nO1,\"0,9\"\nn4l,1\n");
  const std::string p = joined(problems(dir));
  CHECK_THAT(p, Catch::Contains("nodes.csv:3: kind: unknown kind \"migrnat\"; valid kinds: smuggler, facilitator, "
                                "migrant, person, organization, country, location, asset; did you mean \"migrant\"?"));
  CHECK_THAT(p, Catch::Contains("unknown kind \"Organisation\"") && Catch::Contains("did you mean \"organization\"?"));
  CHECK_THAT(p, Catch::Contains("edges.csv:3: target: \"n41\" is not in nodes.csv; did you mean \"N41\"?"));
  CHECK_THAT(p, Catch::Contains("edges.csv:4: relation: unknown relation \"financd\"") &&
                    Catch::Contains("did you mean \"financed\"?"));
  CHECK_THAT(p, Catch::Contains("edges.csv:4: confidence: \"0,5\" is not a number; did you mean 0.5? (the decimal "
                                "separator is a dot)"));
  CHECK_THAT(p, Catch::Contains("seeds.csv:2: confidence: \"0,9\" is not a number; did you mean 0.9?"));
  CHECK_THAT(p, Catch::Contains("seeds.csv:3: id: \"n4l\" is not in nodes.csv; did you mean \"N41\"?"));
  // A mistyped required column, and an optional one that would silently become an attribute.
  const fs::path cols = make_case(t, "id,knd,label\nS1,smuggler,x\n", "sourse,target,relation,wieght,confidance\n", "",
                                  "cols");
  const std::string q = joined(problems(cols));
  CHECK_THAT(q, Catch::Contains("nodes.csv:1: kind: missing required column \"kind\"; the header has \"knd\": did you "
                                "mean \"kind\"?"));
  CHECK_THAT(q, Catch::Contains("edges.csv:1: source: missing required column \"source\"; the header has \"sourse\""));
  const fs::path typo = make_case(t, kNodes, "source,target,relation,wieght,type\nS1,M1,smuggled,3,x\n", "", "typo");
  const auto w = problems(typo);
  REQUIRE(w.size() == 1);  // "type" is not taken for "time": short names are left alone
  CHECK(w[0] == "warning: edges.csv:1: wieght: column is kept as an extra attribute, not read as \"weight\"; did "
                "you mean \"weight\"?");
  // No guess when nothing is close, or two are equally close.
  const fs::path none = make_case(t, kNodes, "source,target,relation\nS1,M1,helped\n", "", "none");
  CHECK_THAT(joined(problems(none)), !Catch::Contains("did you mean"));
}

TEST_CASE("strict: warnings are errors") {
  TempDir t;
  const fs::path dir = make_case(t, kNodes, "source,target,relation,wieght\nS1,S1,associated,1\n");
  CHECK_NOTHROW(read_case(dir));
  ReadOptions o;
  o.strict = true;
  try {
    (void)read_case(dir, o);
    FAIL("no error under strict");
  } catch (const InputError& e) {
    REQUIRE(e.problems().size() == 2);
    for (const auto& d : e.problems()) {
      CHECK(d.severity == Diagnostic::Severity::error);
      CHECK_THAT(d.message, Catch::EndsWith("(strict: warnings are errors)"));
    }
  }
}

TEST_CASE("GraphML: invalid UTF-8 is refused with the hint; declared ISO-8859-1 and UTF-16 are read") {
  const std::string body =
      "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"><key id=\"k\" for=\"node\" attr.name=\"label\"/>"
      "<graph edgedefault=\"directed\"><node id=\"a\"><data key=\"k\">Jos\xE9</data></node></graph></graphml>\n";
  try {
    (void)read_graphml_string("<?xml version=\"1.0\"?>\n" + body, "g.graphml");
    FAIL("no error");
  } catch (const InputError& e) {
    CHECK_THAT(e.problems()[0].to_string(), Catch::StartsWith("g.graphml:2: column ") &&
                                                Catch::Contains("byte 0xE9 is not valid UTF-8") &&
                                                Catch::Contains("--encoding cp1252"));
  }
  const Case latin = read_graphml_string("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n" + body, "g.graphml");
  CHECK(latin.label(0) == "Jos\xC3\xA9");
  ReadOptions o;
  o.encoding = Encoding::cp1252;
  CHECK(read_graphml_string("<?xml version=\"1.0\"?>\n" + body, "g.graphml", o).label(0) == "Jos\xC3\xA9");
  // UTF-16 LE with a BOM, as some Windows tools save XML.
  const std::string utf8 = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<graphml><graph><node id=\"\xC3\xA9\"/></graph></graphml>";
  std::string utf16 = "\xFF\xFE";
  for (std::size_t i = 0; i < utf8.size(); ++i) {
    if (static_cast<unsigned char>(utf8[i]) == 0xC3) {  // é = U+00E9
      utf16 += '\xE9';
      utf16 += '\0';
      ++i;
      continue;
    }
    utf16 += utf8[i];
    utf16 += '\0';
  }
  CHECK(read_graphml_string(utf16, "w.graphml").node_id(0) == "\xC3\xA9");
}
