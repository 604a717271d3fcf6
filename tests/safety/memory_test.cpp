// Memory bounded by the data while reading a case: columns sized from what is parsed, not from
// the newline count (one node and millions of blank lines took 2.9 GB); the record limit checked
// while reading, before a sparse 3 GB file is in memory; warnings counted, the first hundred
// listed and the rest summarised (2 million self-loops gave 2 million lines and a 286 MB
// snapshot). Peak memory is read from the kernel's account of the child process that reads the
// case (getrusage), never from a clock.
#include <catch2/catch.hpp>

#include <sys/resource.h>
#include <unistd.h>

#include <cstring>
#include <string>

#include "corridor/corridor.hpp"
#include "support/cli.hpp"

using namespace corridor;
using namespace corridor::test;

namespace {

std::string q(const fs::path& p) { return "'" + p.string() + "'"; }

// Peak resident memory of the largest child waited for so far, in MiB. Each test case runs in a
// process of its own (ctest), so it is the peak of this test's `corridor` runs.
double children_peak_mib() {
  rusage ru{};
  REQUIRE(::getrusage(RUSAGE_CHILDREN, &ru) == 0);
  return static_cast<double>(ru.ru_maxrss) / 1024.0;  // Linux: KiB
}

}  // namespace

TEST_CASE("one node and ten million blank lines are read in memory near the file's size",
          "[safety][memory]") {
  TempDir t("corridor-blank");
  const fs::path dir = t.path / "case";
  fs::create_directories(dir);
  put(dir / "nodes.csv", "id,kind\nA,smuggler\n" + std::string(10'000'000, '\n') + "B,migrant\n");
  put(dir / "edges.csv", "source,target,relation\nA,B,smuggled\n");
  const Run r = run(t, "info " + q(dir));
  REQUIRE(r.code == 0);
  CHECK_THAT(r.out, Catch::Contains("nodes: 2"));
  // A 10 MB file; reserving by newline count took about 1 GB for it.
  CHECK(children_peak_mib() < 200.0);
  // The blank lines still count as lines: B is on line 10000003.
  put(dir / "edges.csv", "source,target,relation\nA,B,smuggled\nA,C,smuggled\n");
  const Run bad = run(t, "validate " + q(dir));
  CHECK(bad.code == 2);
  CHECK_THAT(bad.err, Catch::Contains("edges.csv:3"));
}

TEST_CASE("labels of a million quoted newlines each do not inflate the columns", "[safety][memory]") {
  TempDir t("corridor-qlab");
  const fs::path dir = t.path / "case";
  fs::create_directories(dir);
  std::string nodes = "id,kind,label\n";
  for (int i = 0; i < 8; ++i) nodes += "N" + std::to_string(i) + ",smuggler,\"" + std::string(1'000'000, '\n') + "\"\n";
  put(dir / "nodes.csv", nodes);
  put(dir / "edges.csv", "source,target,relation\nN0,N1,communicated\n");
  const Run r = run(t, "info " + q(dir));
  REQUIRE(r.code == 0);
  CHECK_THAT(r.out, Catch::Contains("nodes: 8"));
  CHECK(children_peak_mib() < 200.0);  // was about 600 MB for this 8 MB file
}

TEST_CASE("a sparse 3 GB nodes.csv stops at its first over-long line, with file and line",
          "[safety][memory]") {
  TempDir t("corridor-sparse");
  const fs::path dir = t.path / "case";
  fs::create_directories(dir);
  put(dir / "nodes.csv", "id,kind\nA,smuggler\n");
  put(dir / "edges.csv", "source,target,relation\n");
  // Sparse: no disk is used; read whole it would take 3 GB of memory.
  if (::truncate((dir / "nodes.csv").c_str(), off_t{3} << 30) != 0) {
    WARN("this file system cannot make a sparse 3 GB file; skipped");
    return;
  }
  const Run r = run(t, "validate " + q(dir));
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Catch::Contains("nodes.csv:3") && Catch::Contains("longer than the limit of 1048576 bytes"));
  CHECK(children_peak_mib() < 200.0);
  // The library: the same single problem, from read_case and validate_case alike.
  const auto problems = validate_case(dir);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].file == "nodes.csv");
  CHECK(problems[0].line == 3);
  CHECK_THROWS_AS(read_case(dir), InputError);
}

TEST_CASE("reading stops at the first line over the stop factor times the record limit, not before",
          "[safety][memory]") {
  // Property over limits (some above the read block of 64 KiB) and every line end: a line of
  // exactly kCsvReadStopFactor x limit bytes is read (the reader then reports the record as too
  // long, with its size); one byte more stops the reading at that line.
  for (const char* eol : {"\n", "\r\n", "\r"}) {
    for (std::size_t limit : {std::size_t{64}, std::size_t{1000}, std::size_t{40000}}) {
      INFO("limit " << limit << ", line end " << (eol[0] == '\r' ? (eol[1] ? "CRLF" : "CR") : "LF"));
      TempDir t("corridor-limit");
      const fs::path file = t.path / "nodes.csv";
      const std::string head = std::string("id,kind") + eol + "A,smuggler" + eol;
      const std::string fits = "B,migrant," + std::string(kCsvReadStopFactor * limit - 10, 'x');
      put(file, head + fits + eol + "C,migrant" + eol);
      CsvLimits lim;
      lim.max_record_bytes = limit;
      CHECK(read_csv_file(file, "nodes.csv", lim).size() == fs::file_size(file));
      put(file, head + fits + "y" + eol + "C,migrant" + eol);
      try {
        (void)read_csv_file(file, "nodes.csv", lim);
        FAIL("a line over the limit was read");
      } catch (const InputError& e) {
        REQUIRE(e.problems().size() == 1);
        CHECK(e.problems()[0].line == 3);
      }
    }
  }
}

TEST_CASE("warnings: the first hundred listed with file and line, the rest counted and summarised",
          "[safety][memory]") {
  TempDir t("corridor-loops");
  const fs::path dir = t.path / "case";
  fs::create_directories(dir);
  constexpr int kLoops = 5000;
  std::string nodes = "id,kind\n", edges = "source,target,relation\n";
  for (int i = 0; i < kLoops; ++i) {
    nodes += "S" + std::to_string(i) + ",smuggler\n";
    edges += "S" + std::to_string(i) + ",S" + std::to_string(i) + ",communicated\n";
  }
  put(dir / "nodes.csv", nodes);
  put(dir / "edges.csv", edges);
  const Case c = read_case(dir);
  REQUIRE(c.warnings().size() == CaseBuilder::kListedWarnings + 1);
  CHECK(c.warning_count() == kLoops);
  CHECK(c.unlisted_warnings() == kLoops - CaseBuilder::kListedWarnings);
  for (std::size_t i = 0; i < CaseBuilder::kListedWarnings; ++i) {
    CHECK(c.warnings()[i].file == "edges.csv");
    CHECK(c.warnings()[i].line == i + 2);
  }
  CHECK_THAT(c.warnings().back().message, Catch::StartsWith("4900 more warnings not listed (only the first 100 are)") &&
                                              Catch::Contains("4900 on field \"target\""));
  // The snapshot keeps the count and stays small (2 million warnings made 286 MB of it): at most
  // 101 lines of 200 bytes more than the same case without self-loops.
  const std::string bytes = snapshot_bytes(c);
  const Case back = snapshot_from_bytes(bytes);
  CHECK(back.warning_count() == kLoops);
  CHECK(back.warnings().size() == c.warnings().size());
  std::string chain = "source,target,relation\n";
  for (int i = 0; i < kLoops; ++i)
    chain += "S" + std::to_string(i) + ",S" + std::to_string((i + 1) % kLoops) + ",communicated\n";
  put(dir / "edges.csv", chain);
  const Case control = read_case(dir);
  REQUIRE(control.warning_count() == 0);
  CHECK(bytes.size() < snapshot_bytes(control).size() + (CaseBuilder::kListedWarnings + 1) * 200);
  put(dir / "edges.csv", edges);
  // The command prints the count and at most 101 lines.
  const Run r = run(t, "validate " + q(dir));
  CHECK(r.code == 0);
  CHECK_THAT(r.out, Catch::Contains("5000 warnings"));
  CHECK(lines(r.err).size() == CaseBuilder::kListedWarnings + 1);
}
