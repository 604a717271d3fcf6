// corridor-mpi on 1, 2 and 3 ranks (mpirun on loopback, more ranks than cores) writes what the
// single-machine computation gives: components exactly, PageRank and affiliation scores within
// 1e-9; bad input is
// reported once, with the file's line, and exit code 2.
#include <catch2/catch.hpp>
#include <sys/wait.h>

#include <boost/graph/connected_components.hpp>

#include <cmath>
#include <cstdlib>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "corridor/corridor.hpp"
#include "corridor/graph/boost_graph.hpp"
#include "support/cli.hpp"
#include "support/files.hpp"

using namespace corridor;
using test::TempDir;

namespace {

const std::string kSample = std::string(CORRIDOR_SOURCE_DIR) + "/examples/data/sample-case";
const std::string kCaviar = std::string(CORRIDOR_SHARED_DIR) + "/data/caviar";

// Open MPI's switches through its environment (other MPIs ignore them): run as root, and more
// ranks than cores.
void mpi_environment() {
  ::setenv("OMPI_ALLOW_RUN_AS_ROOT", "1", 1);
  ::setenv("OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1", 1);
  ::setenv("OMPI_MCA_rmaps_base_oversubscribe", "1", 1);
}

test::Run run_mpi(const TempDir& t, int ranks, const std::string& args) {
  mpi_environment();
  const test::fs::path out = t.path / "mpi-stdout.txt", err = t.path / "mpi-stderr.txt";
  // Under AddressSanitizer, LeakSanitizer would report Open MPI's own allocations at exit.
  const std::string cmd = std::string("ASAN_OPTIONS=\"${ASAN_OPTIONS}:detect_leaks=0\" '") + CORRIDOR_MPIEXEC + "' -n " + std::to_string(ranks) + " '" +
                          CORRIDOR_MPI_BIN + "' " + args + " >'" + out.string() + "' 2>'" + err.string() + "'";
  const int status = std::system(cmd.c_str());
  REQUIRE(WIFEXITED(status));
  return {WEXITSTATUS(status), test::slurp(out), test::slurp(err)};
}

// A CSV table as rows of fields (the writers quote labels with commas).
std::vector<std::vector<std::string>> table(const test::fs::path& file) { return parse_csv(test::slurp(file)); }

// Same ids, kinds and labels row by row; the last column compared by `same`.
template <class Same>
void check_tables(const test::fs::path& got, const test::fs::path& want, Same same) {
  const auto a = table(got), b = table(want);
  REQUIRE(a.size() == b.size());
  CHECK(a[0] == b[0]);
  for (std::size_t i = 1; i < a.size(); ++i) {
    INFO("row " << i << ": " << a[i][0]);
    REQUIRE(a[i].size() == b[i].size());
    for (std::size_t j = 0; j + 1 < a[i].size(); ++j) CHECK(a[i][j] == b[i][j]);
    CHECK(same(a[i].back(), b[i].back()));
  }
}

bool within_1e9(const std::string& a, const std::string& b) {
  if (a.empty() || b.empty()) return a == b;
  return std::abs(std::stod(a) - std::stod(b)) <= 1e-9;
}

// The single-machine components of a case's view, by Boost's connected_components on the view's
// Graph (components numbered in the order of their first vertex), as corridor-mpi's table.
std::string reference_components(const std::string& folder, const ViewSpec& spec) {
  const Case c = read_case(folder);
  ViewParams vp = resolve_view(c, spec);
  vp.direction = Direction::undirected;
  const View view = make_view(c, vp);
  std::vector<std::uint32_t> comp(view.graph.num_vertices());
  boost::connected_components(bgl::undirected(view.graph), comp.data(),
                              boost::color_map(std::vector<boost::default_color_type>(comp.size()).data()));
  std::string text = "id,kind,label,component\n";
  for (NodeId v = 0; v < c.num_nodes(); ++v) {
    const vertex_t x = view.vertex_of[v];
    std::vector<std::string_view> row{c.node_id(v), to_string(c.kind(v)), c.label(v)};
    const std::string cell = x == kNoVertex ? std::string() : std::to_string(comp[x]);
    row.push_back(cell);
    append_csv_record(text, row);
  }
  return text;
}

// A synthetic case with many components: small groups of people, some alone, a few countries;
// CRLF line ends and source references holding quoted line breaks and commas, so the byte
// ranges of edges.csv must split at real record boundaries.
void write_islands(const test::fs::path& folder, std::uint32_t seed) {
  std::mt19937 rng(seed);
  test::fs::create_directories(folder);
  std::string nodes = "id,kind,label\r\n";
  const int people = 90;
  for (int i = 0; i < people; ++i) nodes += "P" + std::to_string(i) + ",person,\"Person " + std::to_string(i) + "\"\r\n";
  nodes += "C1,country,Country one\r\nC2,country,Country two\r\n";
  test::put(folder / "nodes.csv", nodes);
  std::string edges = "source,target,relation,weight,grade,source_ref\r\n";
  const char* relations[] = {"communicated", "member_of", "smuggled", "paid", "associated"};
  const char* grades[] = {"A1", "B2", "C3", "D4", ""};
  for (int k = 0; k < 160; ++k) {
    // Groups of 6 consecutive people: ties stay inside a group, so there are many components.
    const int g = static_cast<int>(rng() % 15), a = g * 6 + static_cast<int>(rng() % 6), b = g * 6 + static_cast<int>(rng() % 6);
    if (a == b || a >= people - 5 || b >= people - 5) continue;  // the last people stay alone
    edges += "P" + std::to_string(a) + ",P" + std::to_string(b) + "," + relations[rng() % 5] + "," +
             std::to_string(1 + rng() % 9) + "," + grades[rng() % 5] + ",\"report " + std::to_string(k) +
             (k % 3 == 0 ? "\r\nsecond line, with a comma\"" : "\"") + "\r\n";
  }
  edges += "P0,C1,originates_from,1,B2,doc\r\n";
  test::put(folder / "edges.csv", edges);
}

}  // namespace


TEST_CASE("corridor-mpi pagerank equals corridor centrality --measures pagerank") {
  TempDir t;
  // Every case on 1, 2 and 3 ranks would take long on a busy machine: the split cases (the
  // islands, with CRLF and quoted line breaks) on all three, the others on one or two.
  struct Job {
    std::string folder, options;
    std::vector<int> ranks;
  };
  write_islands(t.path / "islands", 3);
  const std::vector<Job> jobs{{kSample, "", {1, 2, 3}},
                              {kSample, "--weighted --directed", {2}},
                              {kSample, "--damping 0.7 --personalization O-1=1 --personalization S00010=2", {2}},
                              {kCaviar, "--weighted", {3}},
                              {(t.path / "islands").string(), "--weighted --include-context", {1, 2, 3}}};
  for (const Job& job : jobs) {
    const auto want = t.path / "single.csv";
    REQUIRE(test::run(t, "centrality '" + job.folder + "' --measures pagerank " + job.options + " --out '" +
                             want.string() + "'").code == 0);
    for (int ranks : job.ranks) {
      INFO(job.folder << " " << job.options << " on " << ranks << " ranks");
      const auto got = t.path / ("mpi" + std::to_string(ranks) + ".csv");
      const auto r = run_mpi(t, ranks, "-q pagerank '" + job.folder + "' " + job.options + " --out '" + got.string() + "'");
      INFO(r.err);
      REQUIRE(r.code == 0);
      check_tables(got, want, within_1e9);
    }
  }
}

TEST_CASE("corridor-mpi components equals Boost's connected_components on the view") {
  TempDir t;
  write_islands(t.path / "islands", 5);
  struct Job {
    std::string folder, options;
    ViewSpec spec;
    std::vector<int> ranks;
  };
  const std::vector<Job> jobs{{(t.path / "islands").string(), "", {}, {1, 2, 3}},
                              {(t.path / "islands").string(), "--relations member_of,communicated",
                               ViewSpec{.relations = "member_of,communicated"}, {2}},
                              {(t.path / "islands").string(), "--pbgl", {}, {2}},
                              {kSample, "", {}, {3}},
                              {kCaviar, "", {}, {2}}};
  for (const Job& job : jobs) {
    const std::string want = reference_components(job.folder, job.spec);
    for (int ranks : job.ranks) {
      INFO(job.folder << " " << job.options << " on " << ranks << " ranks");
      const auto got = t.path / "components.csv";
      const auto r = run_mpi(t, ranks, "components '" + job.folder + "' " + job.options + " --out '" + got.string() + "'");
      INFO(r.err);
      REQUIRE(r.code == 0);
      test::put(t.path / "want.csv", want);
      check_tables(got, t.path / "want.csv", [](const std::string& a, const std::string& b) { return a == b; });
      CHECK(r.err.find("ranks " + std::to_string(ranks)) != std::string::npos);
    }
  }
  // The islands case has many components (the view keeps people only).
  const auto rows = parse_csv(reference_components((t.path / "islands").string(), {}));
  std::size_t most = 0;
  for (std::size_t i = 1; i < rows.size(); ++i)
    if (!rows[i][3].empty()) most = std::max<std::size_t>(most, std::stoul(rows[i][3]));
  CHECK(most >= 12);
}

namespace {

// corridor-mpi propagate's table (id, kind, label, score, rank) against `corridor propagate`'s
// (the same columns first): every node's score within 1e-9, the same nodes reached, and the
// ranking the same up to near-equal scores (row i's scores within 1e-9).
void check_propagation(const test::fs::path& got, const test::fs::path& want) {
  const auto a = table(got), b = table(want);
  REQUIRE(a.size() == b.size());
  REQUIRE(a[0] == std::vector<std::string>{"id", "kind", "label", "score", "rank"});
  REQUIRE(b[0].size() >= 5);
  CHECK(std::vector<std::string>(b[0].begin(), b[0].begin() + 5) == a[0]);
  std::map<std::string, std::vector<std::string>> single;
  for (std::size_t i = 1; i < b.size(); ++i) single[b[i][0]] = b[i];
  std::size_t reached = 0;
  for (std::size_t i = 1; i < a.size(); ++i) {
    INFO("row " << i << ": " << a[i][0]);
    REQUIRE(single.count(a[i][0]) == 1);
    const auto& s = single[a[i][0]];
    CHECK(a[i][1] == s[1]);
    CHECK(a[i][2] == s[2]);
    CHECK(within_1e9(a[i][3], s[3]));
    CHECK(a[i][4].empty() == s[4].empty());
    CHECK(within_1e9(a[i][3], b[i][3]));
    reached += !a[i][4].empty();
  }
  CHECK(reached > 0);
}

}  // namespace

TEST_CASE("corridor-mpi propagate equals corridor propagate") {
  TempDir t;
  // A generated case (migrants with many client ties, so the per-node client budget binds
  // across ranks), the sample case under each distributed method and non-default options, and
  // the islands case with a seeds file (many components, most never reached).
  const auto generated = t.path / "generated";
  REQUIRE(test::run(t, "generate --preset tiny --seed 4 --out '" + generated.string() + "'").code == 0);
  write_islands(t.path / "islands", 7);
  test::put(t.path / "islands-seeds.csv", "id,confidence\nP1,0.9\nP14,0.5\n");
  struct Job {
    std::string folder, options;
    std::vector<int> ranks;
  };
  const std::vector<Job> jobs{
      {kSample, "", {1, 2, 3}},
      {generated.string(), "", {2, 3}},
      {kSample, "--method ppr_degree", {2}},
      {kSample, "--method naive", {3}},
      {kSample, "--half-life 200 --client-factor 0.05 --restart 0.3 --transmission communicated=0.5", {2}},
      {(t.path / "islands").string(), "--seeds '" + (t.path / "islands-seeds.csv").string() + "'", {1, 3}}};
  for (const Job& job : jobs) {
    const auto want = t.path / "single.csv";
    // corridor-mpi does not add implicit seeds (the seeds' group, their direct organizational
    // ties) yet: compare with the given seeds only.
    REQUIRE(test::run(t, "propagate '" + job.folder + "' " + job.options + " --group-seeds off --out '" + want.string() + "'").code == 0);
    for (int ranks : job.ranks) {
      INFO(job.folder << " " << job.options << " on " << ranks << " ranks");
      const auto got = t.path / ("mpi" + std::to_string(ranks) + ".csv");
      const auto r = run_mpi(t, ranks, "-q propagate '" + job.folder + "' " + job.options + " --out '" + got.string() + "'");
      INFO(r.err);
      REQUIRE(r.code == 0);
      check_propagation(got, want);
    }
  }
  // What corridor-mpi does not distribute, and a seed that is not a node, are reported once.
  const auto spread = run_mpi(t, 2, "propagate '" + kSample + "' --method spread");
  CHECK(spread.code == 2);
  CHECK(spread.err.find("spread") != std::string::npos);
  test::put(t.path / "bad-seeds.csv", "id,confidence\nP1,0.9\nNOBODY,0.5\n");
  const auto bad = run_mpi(t, 2, "propagate '" + (t.path / "islands").string() + "' --seeds '" +
                                     (t.path / "bad-seeds.csv").string() + "'");
  INFO(bad.err);
  CHECK(bad.code == 2);
  const std::string expected = "bad-seeds.csv:3";
  CHECK(bad.err.find(expected) != std::string::npos);
  CHECK(bad.err.find(expected) == bad.err.rfind(expected));
}

TEST_CASE("corridor-mpi reports bad input once, with the file's line, and exits 2") {
  TempDir t;
  const auto folder = t.path / "bad";
  write_islands(folder, 9);
  // A bad target near the end of edges.csv, in the last rank's share.
  std::string edges = test::slurp(folder / "edges.csv");
  const std::size_t lines = test::lines(edges).size();
  edges += "P1,NOBODY,communicated,1,B2,x\r\n";
  test::put(folder / "edges.csv", edges);
  for (int ranks : {1, 3}) {
    const auto r = run_mpi(t, ranks, "pagerank '" + folder.string() + "' --out '" + (t.path / "x.csv").string() + "'");
    INFO(r.err);
    CHECK(r.code == 2);
    const std::string expected = "edges.csv:" + std::to_string(lines + 1) + ": target: \"NOBODY\" is not in nodes.csv";
    CHECK(r.err.find(expected) != std::string::npos);
    CHECK(r.err.find(expected) == r.err.rfind(expected));  // once, not once per rank
    CHECK_FALSE(test::fs::exists(t.path / "x.csv"));
  }
  const auto missing = run_mpi(t, 2, "components '" + (t.path / "nowhere").string() + "'");
  CHECK(missing.code == 2);
  CHECK(missing.err.find("nowhere") != std::string::npos);
  const auto unknown = run_mpi(t, 2, "pagerank '" + kSample + "' --kinds spaceship");
  CHECK(unknown.code == 2);
  CHECK(unknown.err.find("spaceship") != std::string::npos);
  CHECK(run_mpi(t, 2, "frobnicate").code == 2);
}
