// corridor-mpi on 1, 2 and 3 ranks (mpirun on loopback, more ranks than cores) writes what the
// single-machine computation gives: components exactly, PageRank and affiliation scores within
// 1e-9; bad input is
// reported once, with the file's line, and exit code 2.
#include <catch2/catch.hpp>
#include <sys/wait.h>

#include <boost/graph/connected_components.hpp>

#include <algorithm>
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
const std::string kCaviar = std::string(CORRIDOR_TEST_DATA) + "/caviar";

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

// corridor-mpi propagate's table against `corridor propagate`'s: the same columns; every
// node's score within 1e-9, the same nodes reached, and the ranking the same up to near-equal
// scores (row i's scores within 1e-9); top_seed and path empty (not distributed). Returns the
// largest |difference| of a node's score.
double check_propagation(const test::fs::path& got, const test::fs::path& want) {
  const auto a = table(got), b = table(want);
  REQUIRE(a.size() == b.size());
  REQUIRE(b[0] == std::vector<std::string>{"id", "kind", "label", "score", "rank", "top_seed", "path"});
  REQUIRE(a[0] == b[0]);
  std::map<std::string, std::vector<std::string>> single;
  for (std::size_t i = 1; i < b.size(); ++i) single[b[i][0]] = b[i];
  std::size_t reached = 0;
  double most = 0.0;
  for (std::size_t i = 1; i < a.size(); ++i) {
    INFO("row " << i << ": " << a[i][0]);
    REQUIRE(single.count(a[i][0]) == 1);
    const auto& s = single[a[i][0]];
    CHECK(a[i][1] == s[1]);
    CHECK(a[i][2] == s[2]);
    CHECK(within_1e9(a[i][3], s[3]));
    if (!a[i][3].empty() && !s[3].empty()) most = std::max(most, std::abs(std::stod(a[i][3]) - std::stod(s[3])));
    CHECK(a[i][4].empty() == s[4].empty());
    CHECK(within_1e9(a[i][3], b[i][3]));
    CHECK(a[i][5].empty());
    CHECK(a[i][6].empty());
    reached += !a[i][4].empty();
  }
  CHECK(reached > 0);
  return most;
}

// The ids of the case's seeds.csv.
std::vector<std::string> seed_ids(const test::fs::path& folder) {
  std::vector<std::string> out;
  const auto rows = table(folder / "seeds.csv");
  for (std::size_t i = 1; i < rows.size(); ++i) out.push_back(rows[i][0]);
  return out;
}

}  // namespace

TEST_CASE("corridor-mpi propagate equals corridor propagate") {
  TempDir t;
  // A generated case (migrants with many client ties, so the per-node client budget binds
  // across ranks), the sample case (an organization among the seeds, so implicit group seeds
  // and direct organizational ties matter) by default, with cleared persons and under
  // non-default options, and the islands case with a seeds file (many components, most never
  // reached).
  const auto generated = t.path / "generated";
  REQUIRE(test::run(t, "generate --preset tiny --seed 4 --out '" + generated.string() + "'").code == 0);
  write_islands(t.path / "islands", 7);
  test::put(t.path / "islands-seeds.csv", "id,confidence\nP1,0.9\nP14,0.5\n");

  // The sample case with a cleared.csv: three persons the default run ranks high that are not
  // seeds (one of them an implicit seed, tied to the group), cleared with confidences 1, 0.7, 0.5.
  const auto cleared = t.path / "sample-cleared";
  test::fs::create_directories(cleared);
  for (const char* f : {"nodes.csv", "edges.csv", "seeds.csv"}) test::fs::copy_file(test::fs::path(kSample) / f, cleared / f);
  {
    REQUIRE(test::run(t, "propagate '" + kSample + "' --explain-top 0 --out '" + (t.path / "default.csv").string() + "'").code == 0);
    const auto rows = table(t.path / "default.csv");
    const auto seeds = seed_ids(kSample);
    std::vector<std::string> picked;
    for (std::size_t i = 1; i < rows.size() && picked.size() < 3; ++i)
      if (rows[i][1] == "person" && std::find(seeds.begin(), seeds.end(), rows[i][0]) == seeds.end() && i % 2 == 0)
        picked.push_back(rows[i][0]);
    REQUIRE(picked.size() == 3);
    test::put(cleared / "cleared.csv",
              "id,confidence,note\n" + picked[0] + ",1,checked\n" + picked[1] + ",0.7,\n" + picked[2] + ",0.5,\n");
  }
  struct Job {
    std::string folder, options;
    std::vector<int> ranks;
  };
  const std::vector<Job> jobs{
      {kSample, "", {1, 2, 3}},
      {generated.string(), "", {2, 3}},
      {cleared.string(), "", {1, 2, 3}},
      {cleared.string(), "--method ppr_degree --half-life 200 --restart 0.3", {2}},
      {kSample, "--group-seeds group --cleared-ids S00001,M00012 --transmission member_of=0.8", {2, 3}},
      {kSample, "--seed-ids S00041,F00022 --client-factor 0.05 --as-of 2024-01-01 --half-life 365", {3}},
      {kSample, "--method naive", {3}},
      {kSample, "--group-seeds off --half-life 200 --client-factor 0.05 --restart 0.3 --transmission communicated=0.5", {2}},
      {(t.path / "islands").string(), "--seeds '" + (t.path / "islands-seeds.csv").string() + "'", {1, 3}}};
  for (const Job& job : jobs) {
    const auto want = t.path / "single.csv";
    const auto single = test::run(t, "propagate '" + job.folder + "' " + job.options + " --explain-top 0 --out '" + want.string() + "'");
    INFO(single.err);
    REQUIRE(single.code == 0);
    for (int ranks : job.ranks) {
      INFO(job.folder << " " << job.options << " on " << ranks << " ranks");
      const auto got = t.path / ("mpi" + std::to_string(ranks) + ".csv");
      const auto r = run_mpi(t, ranks, "-q propagate '" + job.folder + "' " + job.options + " --out '" + got.string() + "'");
      INFO(r.err);
      REQUIRE(r.code == 0);
      CHECK(check_propagation(got, want) <= 1e-9);
    }
  }
  // The cleared persons lower scores: the default and the cleared case differ, cleared persons
  // score 0 (rank empty).
  {
    const auto rows = table(t.path / "default.csv");
    const auto cleared_rows = table(cleared / "cleared.csv");
    REQUIRE(run_mpi(t, 2, "-q propagate '" + cleared.string() + "' --out '" + (t.path / "c.csv").string() + "'").code == 0);
    const auto got = table(t.path / "c.csv");
    std::map<std::string, std::vector<std::string>> by_id;
    for (std::size_t i = 1; i < got.size(); ++i) by_id[got[i][0]] = got[i];
    for (std::size_t i = 1; i < cleared_rows.size(); ++i) {
      CHECK(by_id[cleared_rows[i][0]][3] == "0");
      CHECK(by_id[cleared_rows[i][0]][4].empty());
    }
  }
  // What corridor-mpi does not distribute, and a seed that is not a node, are reported once;
  // a cleared person who is also a seed is refused as the command refuses it.
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
  const auto both = run_mpi(t, 2, "propagate '" + kSample + "' --cleared-ids S00041");
  INFO(both.err);
  CHECK(both.code == 2);
  CHECK(both.err.find("both a seed") != std::string::npos);
  CHECK(both.err.find("both a seed") == both.err.rfind("both a seed"));
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
