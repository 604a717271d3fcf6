// Output folders written as a whole, and only over what corridor wrote: the issue's
// reproductions (a folder holding a manifest.json deleted whole, a full disk or two writers
// leaving a mixture, ego over its own input, convert dropping seeds.csv and relations.csv, the
// temporaries of killed runs), each as a test that fails if it comes back.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "corridor/corridor.hpp"
#include "support/cli.hpp"

using namespace corridor;
using namespace corridor::test;

namespace {

std::string q(const fs::path& p) { return "'" + p.string() + "'"; }

// Every entry of a folder (names only), sorted.
std::vector<std::string> entries(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

// Temporaries and set-aside folders beside `dir`.
std::vector<std::string> leftovers(const fs::path& dir) {
  std::vector<std::string> out;
  const std::string prefix = "." + dir.filename().string() + ".";
  for (const auto& name : entries(dir.parent_path()))
    if (name.rfind(prefix, 0) == 0) out.push_back(name);
  return out;
}

// A case folder written by hand (no marker), with seeds and relations.
fs::path hand_case(const fs::path& dir) {
  fs::create_directories(dir);
  put(dir / "nodes.csv", "id,kind\nA,smuggler\nB,person\nO,organization\n");
  put(dir / "edges.csv", "source,target,relation\nA,B,communicated\nA,O,member_of\nB,O,rumoured\n");
  put(dir / "seeds.csv", "id,confidence\nO,1\n");
  put(dir / "relations.csv", "name,directed,transmission\nrumoured,false,0.1\n");
  return dir;
}

}  // namespace

TEST_CASE("analyze never deletes a folder that merely holds a manifest.json") {
  // the issue's reproduction: w/manifest.json and w/src/a.js, then analyze --out w
  TempDir t;
  const fs::path w = t.path / "w";
  fs::create_directories(w / "src");
  put(w / "manifest.json", "{}");
  put(w / "src" / "a.js", "x\n");
  const Run r = run(t, "analyze -q --out " + q(w));
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Catch::Contains("not written by corridor") && Catch::Contains(w.string()));
  CHECK(slurp(w / "src" / "a.js") == "x\n");
  CHECK(entries(w) == std::vector<std::string>{"manifest.json", "src"});
  CHECK(leftovers(w).empty());
}

TEST_CASE("a report folder is replaced whole while it holds only what corridor wrote") {
  TempDir t;
  const fs::path rep = t.path / "rep";
  REQUIRE(run(t, "analyze -q --out " + q(rep)).code == 0);
  CHECK(fs::is_regular_file(rep / std::string(kFolderMarker)));
  const auto first = contents(rep);
  REQUIRE(run(t, "analyze -q --seed 2 --out " + q(rep)).code == 0);
  CHECK(entries(rep).size() == first.size());
  CHECK(leftovers(rep).empty());
  // the analyst's notes in the folder: refused, notes kept
  put(rep / "notes.txt", "call the prosecutor\n");
  const Run r = run(t, "analyze -q --out " + q(rep));
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Catch::Contains("notes.txt"));
  CHECK(slurp(rep / "notes.txt") == "call the prosecutor\n");
  // a case folder is no report, and a report no case folder
  REQUIRE(run(t, "generate --preset tiny --out " + q(t.path / "case")).code == 0);
  CHECK(run(t, "analyze -q --out " + q(t.path / "case")).code == 2);
  fs::remove(rep / "notes.txt");
  const Run c = run(t, "convert " + q(t.path / "case") + " " + q(rep));
  CHECK(c.code == 2);
  CHECK_THAT(c.err, Catch::Contains("holds a corridor report, not a case"));
  // a link to a folder is not replaced by a folder
  fs::create_directory_symlink(rep, t.path / "link");
  CHECK(run(t, "analyze -q --out " + q(t.path / "link")).code == 2);
  CHECK(fs::is_symlink(t.path / "link"));
}

TEST_CASE("convert into an existing case folder never drops its seeds.csv or relations.csv") {
  TempDir t;
  const fs::path mine = hand_case(t.path / "mine");
  const auto before = contents(mine);
  REQUIRE(run(t, "generate --preset tiny --out " + q(t.path / "gen")).code == 0);
  const Run r = run(t, "convert " + q(t.path / "gen") + " " + q(mine));
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Catch::Contains("not written by corridor"));
  CHECK(contents(mine) == before);
  // a folder corridor wrote is replaced by the new case, whole, and the command says so
  REQUIRE(run(t, "convert " + q(mine) + " " + q(t.path / "copy")).code == 0);
  CHECK(read_case(t.path / "copy").seeds().size() == 1);
  const Run again = run(t, "convert " + q(t.path / "gen") + " " + q(t.path / "copy"));
  CHECK(again.code == 0);
  CHECK_THAT(again.err, Catch::Contains("replaced"));
  const Case copy = read_case(t.path / "copy");
  CHECK(copy.num_nodes() == read_case(t.path / "gen").num_nodes());
  CHECK_FALSE(fs::exists(t.path / "copy" / "relations.csv"));  // the new case has none of its own
}

TEST_CASE("ego and convert refuse to write a case onto their own input") {
  TempDir t;
  REQUIRE(run(t, "generate --preset small --out " + q(t.path / "case")).code == 0);
  const auto before = contents(t.path / "case");
  const Run e = run(t, "ego " + q(t.path / "case") + " --id O-1 --out " + q(t.path / "case"));
  CHECK(e.code == 2);
  CHECK_THAT(e.err, Catch::Contains("is the input"));
  CHECK(contents(t.path / "case") == before);  // 880 nodes stay 880 nodes
  // through another spelling of the same folder, and for a single file
  const Run c = run(t, "convert " + q(t.path / "case") + " " + q(t.path / "." / "case" / ""));
  CHECK(c.code == 2);
  REQUIRE(run(t, "convert " + q(t.path / "case") + " " + q(t.path / "c.corridor")).code == 0);
  CHECK(run(t, "convert " + q(t.path / "c.corridor") + " " + q(t.path / "c.corridor")).code == 2);
  // an output folder that holds the input file
  REQUIRE(run(t, "convert " + q(t.path / "case") + " " + q(t.path / "out")).code == 0);
  CHECK_THROWS_AS(check_output_is_not_input(t.path / "out", t.path / "out" / "nodes.csv"), ParamError);
  CHECK_NOTHROW(check_output_is_not_input(t.path / "case" / "ego", t.path / "case"));
  CHECK(contents(t.path / "case") == before);
}

TEST_CASE("a full disk while converting into an existing case folder leaves the old case whole") {
  TempDir t;
  const fs::path disk = t.path / "disk";
  fs::create_directories(disk);
  if (::mount("tmpfs", disk.c_str(), "tmpfs", 0, "size=160k") != 0) {
    WARN("skipped: cannot mount a small tmpfs here (not root?)");
    return;
  }
  struct Unmount {
    fs::path p;
    ~Unmount() { ::umount2(p.c_str(), MNT_DETACH); }
  } unmount{disk};
  REQUIRE(run(t, "generate --preset tiny --out " + q(t.path / "tiny")).code == 0);
  REQUIRE(run(t, "generate --preset small --out " + q(t.path / "small")).code == 0);
  REQUIRE(run(t, "convert " + q(t.path / "tiny") + " " + q(disk / "case")).code == 0);
  const auto before = contents(disk / "case");
  const Run r = run(t, "convert " + q(t.path / "small") + " " + q(disk / "case"));
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Catch::Contains(".csv") && Catch::Contains("No space left on device") &&
                        Catch::Contains((disk / "case").string()));
  CHECK(contents(disk / "case") == before);
  CHECK(validate_case(disk / "case").empty());
  CHECK(leftovers(disk / "case").empty());
  // the same for a report
  REQUIRE(run(t, "analyze " + q(t.path / "tiny") + " -q --static --out " + q(disk / "rep")).code == 0);
  const auto rep = contents(disk / "rep");
  CHECK(run(t, "analyze " + q(t.path / "small") + " -q --out " + q(disk / "rep")).code == 2);
  CHECK(contents(disk / "rep") == rep);
  CHECK(leftovers(disk / "rep").empty());
}

TEST_CASE("two converts into one folder at once leave one case or the other, never a mixture") {
  TempDir t;
  REQUIRE(run(t, "generate --preset tiny --seed 1 --out " + q(t.path / "a")).code == 0);
  REQUIRE(run(t, "generate --preset tiny --seed 2 --out " + q(t.path / "b")).code == 0);
  // What each writes: the case converted on its own.
  REQUIRE(run(t, "convert " + q(t.path / "a") + " " + q(t.path / "ref-a")).code == 0);
  REQUIRE(run(t, "convert " + q(t.path / "b") + " " + q(t.path / "ref-b")).code == 0);
  const auto ref_a = contents(t.path / "ref-a"), ref_b = contents(t.path / "ref-b");
  REQUIRE(ref_a != ref_b);
  const fs::path out = t.path / "out";
  int from_a = 0, from_b = 0;
  for (int round = 0; round < 40; ++round) {
    INFO("round " << round);
    const std::string cli = std::string("'") + CORRIDOR_CLI + "'";
    const std::string cmd = "(" + cli + " -q convert " + q(t.path / "a") + " " + q(out) + " & " + cli +
                            " -q convert " + q(t.path / "b") + " " + q(out) + " & wait) 2>" +
                            q(t.path / "err.txt");
    REQUIRE(std::system(cmd.c_str()) == 0);
    const auto got = contents(out);
    CHECK((got == ref_a || got == ref_b));
    from_a += got == ref_a;
    from_b += got == ref_b;
    CHECK(leftovers(out).empty());
  }
  CHECK(from_a + from_b == 40);
}

TEST_CASE("the temporaries of a killed writer are removed by the next write to the same place") {
  TempDir t;
  const fs::path out = t.path / "out";
  const Case c = read_case(hand_case(t.path / "in"));
  // A child writes half a folder and is killed before it commits.
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    FolderWriter w(out, FolderKind::case_folder);
    w.write("nodes.csv", [](std::ostream& o) { o << "id,kind\n"; });
    ::raise(SIGKILL);
    ::_exit(0);
  }
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  REQUIRE(WIFSIGNALED(status));
  REQUIRE(leftovers(out).size() == 1);
  // a folder of the user's named like a temporary, without a marker, is not corridor's to remove
  fs::create_directories(t.path / ".out.corridor-tmp-1-1");
  put(t.path / ".out.corridor-tmp-1-1" / "mine.txt", "x");
  // a live writer's temporary stays while a second writer comes and goes
  {
    FolderWriter live(out, FolderKind::case_folder);
    write_case(c, out);  // removes the killed child's temporary, not the live one
    const auto left = leftovers(out);  // the user's folder and the live writer's temporary
    CHECK(left.size() == 2);
    CHECK(std::count(left.begin(), left.end(), ".out.corridor-tmp-1-1") == 1);
    live.write("nodes.csv", [](std::ostream& o) { o << "id,kind\nZ,person\n"; });
    live.write("edges.csv", [](std::ostream& o) { o << "source,target,relation\n"; });
    live.commit();
  }
  CHECK(read_case(out).num_nodes() == 1);  // the last commit wins, whole
  CHECK(leftovers(out) == std::vector<std::string>{".out.corridor-tmp-1-1"});
  CHECK(slurp(t.path / ".out.corridor-tmp-1-1" / "mine.txt") == "x");
}

TEST_CASE("a writer that fails or is abandoned leaves the old folder and no temporary") {
  TempDir t;
  const fs::path out = t.path / "out";
  const Case c = read_case(hand_case(t.path / "in"));
  write_case(c, out);
  const auto before = contents(out);
  {
    FolderWriter w(out, FolderKind::case_folder);
    w.write("nodes.csv", [](std::ostream& o) { o << "half"; });
    CHECK_THROWS_AS(w.write("edges.csv", [](std::ostream&) { throw IoError("disk gone"); }), IoError);
  }  // no commit
  CHECK(contents(out) == before);
  CHECK(leftovers(out).empty());
  // a marker of another kind or version, or a damaged one, proves nothing
  for (const std::string marker : {"{}", "not json", R"({"format":"corridor-folder","version":99,"kind":"case","complete":true,"files":[]})",
                                   R"({"format":"corridor-folder","version":1,"kind":"case","complete":true,"files":["../x"]})"}) {
    INFO(marker);
    put(out / std::string(kFolderMarker), marker);
    CHECK_THROWS_AS(write_case(c, out), ParamError);
  }
}

TEST_CASE("a single file's temporary left by a killed writer is removed by the next write, nothing else") {
  TempDir t;
  const fs::path target = t.path / "x.corridor";
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    write_file_atomically(target, [](std::ostream& o) {
      o << std::string(1 << 20, 'x');
      o.flush();
      ::raise(SIGKILL);  // killed mid-write, as the issue's 97 MB and 202 MB leftovers were
    });
    ::_exit(0);
  }
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  REQUIRE(WIFSIGNALED(status));
  std::string dead;
  for (const auto& name : entries(t.path))
    if (name.rfind(".x.corridor.tmp-" + std::to_string(child) + "-", 0) == 0) dead = name;
  REQUIRE_FALSE(dead.empty());
  CHECK(fs::file_size(t.path / dead) >= (1u << 20));
  // not corridor's to remove: a live process's temporary, other names, a folder of that name
  const std::string live = ".x.corridor.tmp-" + std::to_string(::getpid()) + "-999";
  put(t.path / live, "a live writer's");
  put(t.path / ".x.corridor.tmp-notes", "mine");
  fs::create_directories(t.path / (".x.corridor.tmp-" + std::to_string(child) + "-77777"));
  write_file_atomically(target, [](std::ostream& o) { o << "new"; });
  CHECK(slurp(target) == "new");
  CHECK_FALSE(fs::exists(t.path / dead));
  CHECK(fs::exists(t.path / live));
  CHECK(fs::exists(t.path / ".x.corridor.tmp-notes"));
  CHECK(fs::is_directory(t.path / (".x.corridor.tmp-" + std::to_string(child) + "-77777")));
}
