// Splitting one CSV file between processes: scan_csv_part / split_csv_parts find the record
// boundaries each part owns (quoted line breaks, CRLF, lone CR), and read_case reads one share of
// edges.csv with the file's own line numbers.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "corridor/error.hpp"
#include "corridor/io/case_io.hpp"
#include "corridor/io/csv.hpp"
#include "support/files.hpp"

using namespace corridor;

namespace {

struct Row {
  std::size_t line;
  std::vector<std::string> fields;
  bool operator==(const Row&) const = default;
};

std::vector<Row> parse_all(std::string text, std::size_t first_line) {
  CsvReader r(std::move(text), {}, first_line);
  CsvRecord rec;
  std::vector<Row> rows;
  for (;;) {
    const auto st = r.next(rec);
    if (st == CsvStatus::end) return rows;
    REQUIRE(st == CsvStatus::record);
    rows.push_back({rec.line, std::vector<std::string>(rec.fields.begin(), rec.fields.end())});
  }
}

// A well-formed CSV text with awkward records: quoted commas, doubled quotes, LF / CRLF / lone CR
// inside quotes and as record ends, blank lines.
std::string random_csv(std::mt19937& rng, int records) {
  const char* ends[] = {"\n", "\r\n", "\r"};
  const char* pieces[] = {"a", "bc", ",", "\"\"", "\n", "\r\n", "\r", " ", "x y"};
  std::string text;
  for (int i = 0; i < records; ++i) {
    const int fields = 1 + static_cast<int>(rng() % 4);
    for (int f = 0; f < fields; ++f) {
      if (f) text += ',';
      if (rng() % 3 == 0) {
        text += '"';
        const int k = static_cast<int>(rng() % 5);
        for (int j = 0; j < k; ++j) text += pieces[rng() % std::size(pieces)];
        text += '"';
      } else {
        text += "v" + std::to_string(rng() % 1000);
      }
    }
    text += ends[rng() % 3];
    if (rng() % 10 == 0) text += ends[rng() % 3];  // a blank line
  }
  return text;
}

std::vector<Row> parse_in_parts(const std::string& text, std::vector<std::uint64_t> offsets) {
  std::vector<CsvPartScan> scans;
  for (std::size_t r = 0; r < offsets.size(); ++r) {
    const std::uint64_t lo = offsets[r], hi = r + 1 < offsets.size() ? offsets[r + 1] : text.size();
    const int next = hi < text.size() ? static_cast<unsigned char>(text[hi]) : -1;
    scans.push_back(scan_csv_part(std::string_view(text).substr(lo, hi - lo), next));
  }
  const auto split = split_csv_parts(offsets, scans, text.size(), 1);
  std::vector<Row> rows;
  for (std::size_t r = 0; r < split.size(); ++r) {
    const std::uint64_t lo = split[r].begin, hi = r + 1 < split.size() ? split[r + 1].begin : text.size();
    REQUIRE(lo <= hi);
    for (Row& row : parse_all(text.substr(lo, hi - lo), split[r].line)) rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace

TEST_CASE("parts of a CSV text split at record boundaries, quoted line breaks included") {
  SECTION("a hand-made text") {
    //         record 1 (line 1)       record 2 (lines 2-3)     record 3 (line 4)
    const std::string text = "a,b\n" "\"x\ny\",z\r\n" "c,\"d\"\"\"\r";
    const auto whole = parse_all(text, 1);
    REQUIRE(whole.size() == 3);
    CHECK(whole[2].line == 4);
    for (std::uint64_t cut = 0; cut <= text.size(); ++cut) {
      INFO("cut at " << cut);
      CHECK(parse_in_parts(text, {0, cut}) == whole);
    }
  }
  SECTION("seeded random texts, 1 to 6 parts at random offsets") {
    std::mt19937 rng(7);
    for (int trial = 0; trial < 300; ++trial) {
      const std::string text = random_csv(rng, 1 + static_cast<int>(rng() % 30));
      const auto whole = parse_all(text, 1);
      const std::size_t parts = 1 + rng() % 6;
      std::vector<std::uint64_t> offsets{0};
      for (std::size_t r = 1; r < parts; ++r) offsets.push_back(rng() % (text.size() + 1));
      std::sort(offsets.begin(), offsets.end());
      INFO("trial " << trial);
      CHECK(parse_in_parts(text, offsets) == whole);
    }
  }
}

TEST_CASE("read_case reads one share of edges.csv with the file's line numbers") {
  test::TempDir dir;
  test::put(dir.path / "nodes.csv", "id,kind\nA,smuggler\nB,migrant\nC,facilitator\n");
  // Line 3 holds a quoted line break in source_ref, so the record on line 5 is the fourth line.
  const std::string header = "source,target,relation,weight,source_ref\n";
  const std::string rows = "A,B,smuggled,1,r1\n" "A,C,communicated,2,\"two\nlines\"\n" "B,C,paid,3,r3\n" "C,A,communicated,4,r4\n";
  test::put(dir.path / "edges.csv", header + rows);
  const Case whole = read_case(dir.path);
  REQUIRE(whole.num_evidence() == 4);

  const std::string text = test::slurp(dir.path / "edges.csv");
  const auto head = scan_csv_part(text, -1);
  const std::uint64_t header_end = head.first_boundary[0];
  REQUIRE(header_end == header.size());
  for (std::uint64_t cut = header_end; cut <= text.size(); ++cut) {
    const std::vector<std::uint64_t> offsets{header_end, cut};
    std::vector<CsvPartScan> scans;
    scans.push_back(scan_csv_part(std::string_view(text).substr(header_end, cut - header_end),
                                  cut < text.size() ? static_cast<unsigned char>(text[cut]) : -1));
    scans.push_back(scan_csv_part(std::string_view(text).substr(cut), -1));
    const auto split = split_csv_parts(offsets, scans, text.size(), 2);
    std::vector<std::tuple<std::string, std::string, double, std::string>> got;
    for (std::size_t r = 0; r < 2; ++r) {
      ReadOptions o;
      o.edge_share = EdgeShare{header_end, split[r].begin, r == 0 ? split[1].begin : text.size(), split[r].line};
      const Case part = read_case(dir.path, o);
      CHECK(part.num_nodes() == 3);
      for (EvidenceId e = 0; e < part.num_evidence(); ++e)
        got.emplace_back(part.node_id(part.source(e)), part.node_id(part.target(e)), part.weight(e),
                         std::string(part.source_ref(e)));
    }
    INFO("cut at " << cut);
    REQUIRE(got.size() == 4);
    for (EvidenceId e = 0; e < 4; ++e) {
      CHECK(std::get<0>(got[e]) == whole.node_id(whole.source(e)));
      CHECK(std::get<2>(got[e]) == whole.weight(e));
      CHECK(std::get<3>(got[e]) == whole.source_ref(e));
    }
  }

  SECTION("an error in the second share names the file's line") {
    test::put(dir.path / "edges.csv", header + "A,B,smuggled,1,r1\n" "A,C,communicated,2,\"two\nlines\"\n" "B,Z,paid,3,r3\n");
    const std::string bad = test::slurp(dir.path / "edges.csv");
    const std::uint64_t second = bad.find("B,Z");
    ReadOptions o;
    o.edge_share = EdgeShare{header_end, second, bad.size(), 5};
    try {
      (void)read_case(dir.path, o);
      FAIL("no error");
    } catch (const InputError& e) {
      REQUIRE(!e.problems().empty());
      CHECK(e.problems()[0].to_string() == "edges.csv:5: target: \"Z\" is not in nodes.csv");
    }
  }
}
