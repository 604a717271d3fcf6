// The RFC 4180 reader: quoting, line numbers, line ends, BOM, limits, malformed input, escaping.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "corridor/error.hpp"
#include "corridor/io/csv.hpp"

using namespace corridor;

namespace {

struct Row {
  std::size_t line;
  std::vector<std::string> fields;
};

// Reads everything; errors are recorded as a row with line = error line and one field
// "ERROR col N: message".
std::vector<Row> read_all(std::string text, CsvLimits limits = {}) {
  CsvReader r(std::move(text), limits);
  CsvRecord rec;
  std::vector<Row> rows;
  for (int guard = 0; guard < 100000; ++guard) {
    auto st = r.next(rec);
    if (st == CsvStatus::end) return rows;
    if (st == CsvStatus::error)
      rows.push_back({r.error().line, {"ERROR col " + std::to_string(r.error().column) + ": " + r.error().message}});
    else
      rows.push_back({rec.line, std::vector<std::string>(rec.fields.begin(), rec.fields.end())});
  }
  FAIL("reader did not finish");
  return rows;
}

using V = std::vector<std::string>;

}  // namespace

TEST_CASE("csv: plain records with their line numbers") {
  auto rows = read_all("a,b,c\n1,2,3\n4,,6\n");
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].fields == V{"a", "b", "c"});
  CHECK(rows[1].line == 2);
  CHECK(rows[2].fields == V{"4", "", "6"});
  CHECK(rows[2].line == 3);
}

TEST_CASE("csv: last line without newline and trailing empty field") {
  auto rows = read_all("a,b\nx,");
  REQUIRE(rows.size() == 2);
  CHECK(rows[1].fields == V{"x", ""});
  CHECK(read_all("").empty());
  CHECK(read_all("\n\n  \n").empty());
}

TEST_CASE("csv: quoted fields with commas, doubled quotes and newlines keep line numbers right") {
  const std::string text =
      "id,label\n"
      "P1,\"Smith, J.\"\n"
      "P2,\"the \"\"boss\"\"\"\n"
      "P3,\"two\nlines\nand three\"\n"
      "P4,after\n"
      "P5,\"\"\n";
  auto rows = read_all(text);
  REQUIRE(rows.size() == 6);
  CHECK(rows[1].fields == V{"P1", "Smith, J."});
  CHECK(rows[2].fields == V{"P2", "the \"boss\""});
  CHECK(rows[3].fields == V{"P3", "two\nlines\nand three"});
  CHECK(rows[3].line == 4);
  CHECK(rows[4].fields == V{"P4", "after"});
  CHECK(rows[4].line == 7);  // the record on line 4 spans three physical lines
  CHECK(rows[5].fields == V{"P5", ""});
  CHECK(rows[5].line == 8);
}

TEST_CASE("csv: UTF-8 BOM, CRLF and lone CR line ends") {
  auto rows = read_all("\xEF\xBB\xBFid,kind\r\nP1,migrant\r\n\"a\r\nb\",x\r\nlast,y");
  REQUIRE(rows.size() == 4);
  CHECK(rows[0].fields == V{"id", "kind"});  // no BOM glued to "id"
  CHECK(rows[1].fields == V{"P1", "migrant"});
  CHECK(rows[2].fields == V{"a\r\nb", "x"});
  CHECK(rows[2].line == 3);
  CHECK(rows[3].line == 5);
  auto mac = read_all("a,b\r1,2\r");
  REQUIRE(mac.size() == 2);
  CHECK(mac[1].fields == V{"1", "2"});
  CHECK(mac[1].line == 2);
  CHECK(read_all("\xEF\xBB\xBF").empty());
}

TEST_CASE("csv: spaces around a quoted field are not part of it") {
  auto rows = read_all("a, \"b, c\" ,d\n");
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].fields == V{"a", "b, c", "d"});
  // Unquoted fields keep their spaces (callers decide what to trim).
  CHECK(read_all(" a , b\n")[0].fields == V{" a ", " b"});
}

TEST_CASE("csv: a stray quote is an error naming line and column, and reading resumes") {
  auto rows = read_all("a,b\nx,ab\"c\ny,z\n");
  REQUIRE(rows.size() == 3);
  CHECK(rows[1].line == 2);
  CHECK_THAT(rows[1].fields[0], Catch::StartsWith("ERROR col 5: stray quote in an unquoted field"));
  CHECK(rows[2].fields == V{"y", "z"});
  CHECK(rows[2].line == 3);
}

TEST_CASE("csv: text after a closing quote is an error naming line and column") {
  auto rows = read_all("a,b\n\"x\"y,z\nok,1\n");
  REQUIRE(rows.size() == 3);
  CHECK(rows[1].line == 2);
  CHECK_THAT(rows[1].fields[0], Catch::StartsWith("ERROR col 4: text after the closing quote"));
  CHECK(rows[2].fields == V{"ok", "1"});
}

TEST_CASE("csv: an unterminated quote names the line where it opened") {
  auto rows = read_all("a,b\n1,2\n3,\"open\nmore\nand more\n");
  REQUIRE(rows.size() == 3);
  CHECK(rows[2].line == 3);
  CHECK_THAT(rows[2].fields[0], Catch::StartsWith("ERROR col 3: unterminated quoted field"));
}

TEST_CASE("csv: record size and column limits") {
  CsvLimits lim{.max_record_bytes = 10, .max_columns = 3};
  auto rows = read_all("a,b\n0123456789abc\nx,y,z,w\nok,1\n", lim);
  REQUIRE(rows.size() == 4);
  CHECK(rows[1].line == 2);
  CHECK_THAT(rows[1].fields[0], Catch::Contains("longer than the limit of 10 bytes"));
  CHECK(rows[2].line == 3);
  CHECK_THAT(rows[2].fields[0], Catch::Contains("more than 3 fields"));
  CHECK(rows[3].fields == V{"ok", "1"});
  // A multi-line record that is too long is reported at its first line and skipped whole.
  auto big = read_all("a\n\"012\n345\n6789\"\nz\n", lim);
  REQUIRE(big.size() == 3);
  CHECK(big[1].line == 2);
  CHECK(big[2].fields == V{"z"});
  CHECK(big[2].line == 5);
}

TEST_CASE("csv: parse_csv throws InputError with file, line and column") {
  try {
    parse_csv("a,b\n1,2\"\n", "edges.csv");
    FAIL("no throw");
  } catch (const InputError& e) {
    REQUIRE(e.problems().size() == 1);
    CHECK(e.problems()[0].to_string() ==
          "edges.csv:2: column 4: stray quote in an unquoted field; quote the whole field and write each quote "
          "inside as two quotes (\"a \"\"b\"\"\")");
  }
}

TEST_CASE("csv: escaping round-trips every field on seeded random data") {
  std::mt19937 rng(42);
  const std::string alphabet = "ab ,\"\n\r\t;x\xC3\xA9";
  for (int trial = 0; trial < 300; ++trial) {
    std::vector<std::vector<std::string>> rows(1 + rng() % 5);
    const std::size_t cols = 1 + rng() % 4;
    std::string text;
    for (auto& row : rows) {
      row.resize(cols);
      for (auto& f : row) {
        const std::size_t len = rng() % 8;
        for (std::size_t i = 0; i < len; ++i) f += alphabet[rng() % alphabet.size()];
      }
      // A record whose only field is blank is indistinguishable from a blank line: make it visible.
      if (cols == 1 && row[0].find_first_not_of(" \t") == std::string::npos) row[0] = "z" + row[0];
      std::vector<std::string_view> views(row.begin(), row.end());
      append_csv_record(text, views);
    }
    INFO(text);
    REQUIRE(parse_csv(text) == rows);
  }
  CHECK(csv_escape("plain") == "plain");
  CHECK(csv_escape("a,b") == "\"a,b\"");
  CHECK(csv_escape("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(csv_escape(" pad") == "\" pad\"");
}

TEST_CASE("csv: arbitrary bytes never hang or crash the reader") {
  std::mt19937 rng(7);
  const std::string alphabet = std::string("a,\"\n\r \t\xEF\xBB\xBF", 10) + std::string(1, '\0');
  for (int trial = 0; trial < 3000; ++trial) {
    std::string text;
    const std::size_t len = rng() % 40;
    for (std::size_t i = 0; i < len; ++i) text += alphabet[rng() % alphabet.size()];
    CsvReader r(text, {.max_record_bytes = 16, .max_columns = 5});
    CsvRecord rec;
    std::size_t calls = 0;
    while (r.next(rec) != CsvStatus::end) {
      ++calls;
      REQUIRE(calls <= text.size() + 1);  // every call consumes at least one byte
      REQUIRE(rec.fields.size() <= 5);
      for (auto f : rec.fields) {
        REQUIRE(f.data() >= r.text().data());
        REQUIRE(f.data() + f.size() <= r.text().data() + r.text().size());
      }
    }
  }
}

TEST_CASE("csv: a moved reader keeps reading the right text") {
  CsvReader a(std::string("x,y\n1,2\n"));
  CsvRecord rec;
  REQUIRE(a.next(rec) == CsvStatus::record);
  CsvReader b(std::move(a));
  REQUIRE(b.next(rec) == CsvStatus::record);
  CHECK(rec.fields[0] == "1");
  CHECK(rec.fields[1] == "2");
  CHECK(rec.line == 2);
}
