// Resource bounds: oversized records, absurd column counts, deeply nested or huge GraphML and a
// snapshot that claims 10^15 nodes are each one clear InputError, through the library and through
// the command (exit code 2). No timing assertions: a missing bound would show as a run out of
// memory or a test timeout, not as a slow pass.
#include <catch2/catch.hpp>

#include <cstring>
#include <string>

#include "corridor/corridor.hpp"
#include "hardening/hardening_util.hpp"
#include "io/snapshot_impl.hpp"

using namespace corridor;
using namespace hardening;

namespace {

constexpr std::size_t kDocumentedRecordLimit = 1 << 20;  // ReadOptions::max_record_bytes, CsvLimits

std::vector<Diagnostic> problems_of(const fs::path& dir, const ReadOptions& o = {}) {
  try {
    (void)read_case(dir, o);
  } catch (const InputError& e) {
    return e.problems();
  }
  return {};
}

bool any_problem(const std::vector<Diagnostic>& ps, const std::string& file, const std::string& text) {
  for (const auto& d : ps)
    if (d.file == file && d.to_string().find(text) != std::string::npos) return true;
  return false;
}

const char* kGraphmlHead =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
    "<key id=\"d0\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n";

}  // namespace

TEST_CASE("the documented limits are what the readers use") {
  CHECK(ReadOptions{}.max_record_bytes == kDocumentedRecordLimit);
  CHECK(CsvLimits{}.max_record_bytes == kDocumentedRecordLimit);
  CHECK(ReadOptions{}.max_columns == 4096);
  CHECK(CsvLimits{}.max_columns == 4096);
}

TEST_CASE("a record longer than 1 MiB in any case file is an InputError naming that file and line") {
  const std::string huge(kDocumentedRecordLimit + kDocumentedRecordLimit / 2, 'x');
  for (const char* file : {"relations.csv", "nodes.csv", "edges.csv", "seeds.csv"}) {
    INFO(file);
    TempDir t;
    const fs::path dir = small_case(t.path / "case");
    if (std::string(file) == "relations.csv") put(dir / file, "name,directed,transmission\n");
    // The long record is an unquoted field, then a quoted one that never closes: both are bounded.
    std::string text = slurp(dir / file);
    put(dir / file, text + "A," + huge + "\n");
    auto ps = problems_of(dir);
    REQUIRE_FALSE(ps.empty());
    CHECK(any_problem(ps, file, "longer than the limit of 1048576 bytes"));
    put(dir / file, text + "\"" + huge);
    ps = problems_of(dir);
    REQUIRE_FALSE(ps.empty());
    CHECK(ps[0].file == file);
    CHECK(ps.size() <= ReadOptions{}.max_problems + 1);
    // The command: exit 2, the problem names file and line.
    put(dir / file, text + "A," + huge + "\n");
    const Run r = run(t, "validate " + q(dir));
    CHECK(r.code == 2);
    CHECK_THAT(r.err, Catch::Contains(std::string(file) + ":") && Catch::Contains("longer than the limit"));
  }
}

TEST_CASE("read_seeds refuses an oversized record") {
  TempDir t;
  const fs::path dir = small_case(t.path / "case");
  const Case c = read_case(dir);
  put(t.path / "more-seeds.csv", "id,note\nS1," + std::string(3 * kDocumentedRecordLimit, 'n') + "\n");
  CHECK_THROWS_WITH(read_seeds(t.path / "more-seeds.csv", c),
                    Catch::Contains("more-seeds.csv:2") && Catch::Contains("longer than the limit"));
}

TEST_CASE("a header with millions of columns is an InputError, whichever limit trips first") {
  std::string header = "id,kind";
  for (int i = 0; i < 2'000'000; ++i) header += ",c" + std::to_string(i);
  header += "\n";
  TempDir t;
  const fs::path dir = small_case(t.path / "case");
  put(dir / "nodes.csv", header + "S1,smuggler\n");
  // Default limits: the 16 MB header is longer than a record may be.
  auto ps = problems_of(dir);
  CHECK(any_problem(ps, "nodes.csv", "nodes.csv:1: record of"));
  // With room for the bytes, the column limit trips.
  ReadOptions wide;
  wide.max_record_bytes = 64u << 20;
  ps = problems_of(dir, wide);
  CHECK(any_problem(ps, "nodes.csv", "record has more than 4096 fields (the limit)"));
  // Millions of empty columns (commas only) in edges.csv.
  small_case(dir);
  put(dir / "edges.csv", "source,target,relation" + std::string(3'000'000, ',') + "\n");
  ps = problems_of(dir, wide);
  CHECK(any_problem(ps, "edges.csv", "more than 4096 fields"));
  const Run r = run(t, "validate " + q(dir));
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Catch::Contains("edges.csv:1"));
}

TEST_CASE("GraphML nested 100000 deep inside a node is an InputError at the nesting limit") {
  std::string xml = std::string(kGraphmlHead) + "<graph edgedefault=\"directed\">\n<node id=\"a\">\n";
  for (int i = 0; i < 100'000; ++i) xml += "<data key=\"d0\">";
  CHECK_THROWS_WITH(read_graphml_string(xml, "deep.graphml"),
                    Catch::Contains("deep.graphml:") && Catch::Contains("nested more than 64 levels"));
  // Closed properly it is still too deep.
  for (int i = 0; i < 100'000; ++i) xml += "</data>";
  xml += "</node></graph></graphml>\n";
  CHECK_THROWS_WITH(read_graphml_string(xml, "deep.graphml"), Catch::Contains("nested more than"));
  // Through a file and the command.
  TempDir t;
  put(t.path / "deep.graphml", xml);
  const Run r = run(t, "info " + q(t.path / "deep.graphml"));
  CHECK(r.code == 2);
  CHECK(lines(r.err) == 1);
  CHECK_THAT(r.err, Catch::Contains("nested more than"));
}

TEST_CASE("huge GraphML attributes, texts and attribute counts are InputErrors") {
  const std::string big(8u << 20, 'a');  // 8 MiB, over the 1 MiB value limit
  const std::string open = std::string(kGraphmlHead) + "<graph edgedefault=\"directed\">\n";
  CHECK_THROWS_WITH(read_graphml_string(open + "<node id=\"" + big + "\"/></graph></graphml>", "attr.graphml"),
                    Catch::Contains("attr.graphml:5") && Catch::Contains("longer than 1048576 bytes"));
  CHECK_THROWS_WITH(
      read_graphml_string(open + "<node id=\"a\"><data key=\"d0\">" + big + "</data></node></graph></graphml>"),
      Catch::Contains("longer than 1048576 bytes"));
  CHECK_THROWS_WITH(read_graphml_string(open + "<node id=\"a\"><data key=\"d0\"><![CDATA[" + big +
                                        "]]></data></node></graph></graphml>"),
                    Catch::Contains("longer than 1048576 bytes"));
  // Entities expand to at most 4 bytes each: &amp; repeated past the limit is refused too.
  std::string amps;
  for (int i = 0; i < 300'000; ++i) amps += "&#x1F600;";
  CHECK_THROWS_WITH(read_graphml_string(open + "<node id=\"a\"><data key=\"d0\">" + amps +
                                        "</data></node></graph></graphml>"),
                    Catch::Contains("longer than 1048576 bytes"));
  // A million attributes on one element.
  std::string many = open + "<node id=\"a\"";
  for (int i = 0; i < 1'000'000; ++i) many += " a" + std::to_string(i) + "=\"\"";
  many += "/></graph></graphml>";
  CHECK_THROWS_AS(read_graphml_string(many, "many.graphml"), InputError);
  // An unclosed comment running to the end of a large file.
  CHECK_THROWS_WITH(read_graphml_string(open + "<!--" + big), Catch::Contains("unclosed comment"));
}

TEST_CASE("a snapshot claiming 10^15 nodes or a 10^15-byte payload fails with one line from the command") {
  TempDir t;
  const Case c = read_case(small_case(t.path / "case"));
  const std::string bytes = snapshot_bytes(c);
  // The header's payload length.
  std::string lying = bytes;
  const std::uint64_t huge = 1'000'000'000'000'000ull;
  std::memcpy(lying.data() + 13, &huge, 8);
  CHECK_THROWS_AS(snapshot_from_bytes(lying, "len.corridor"), InputError);
  // The node count inside a payload with a valid checksum (a deliberate forgery).
  std::string payload(detail::snapshot_payload(bytes));
  std::uint64_t counts[2] = {c.num_nodes(), c.num_evidence()};
  const auto at = payload.find(std::string_view(reinterpret_cast<const char*>(counts), 16));
  REQUIRE(at != std::string::npos);
  std::memcpy(payload.data() + at, &huge, 8);
  put(t.path / "huge.corridor", detail::seal_snapshot(payload));
  put(t.path / "len.corridor", lying);
  for (const char* name : {"huge.corridor", "len.corridor"}) {
    INFO(name);
    const Run r = run(t, "info " + q(t.path / name));
    CHECK(r.code == 2);
    CHECK(lines(r.err) == 1);
    CHECK_THAT(r.err, Catch::StartsWith("corridor: ") && Catch::Contains(name));
    CHECK(r.out.empty());
  }
  CHECK_THAT(run(t, "info " + q(t.path / "huge.corridor")).err, Catch::Contains("claims 1000000000000000 nodes"));
}
