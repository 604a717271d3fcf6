// Failure injection: a full disk, a read-only folder, inputs that are pipes, devices, folders or
// vanish, and damaged snapshots. The command must exit 2 with a clear message and never change
// an existing output file.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <string>

#include "corridor/corridor.hpp"
#include "hardening/hardening_util.hpp"

using namespace corridor;
using namespace hardening;

TEST_CASE("writing to a full disk: exit 2, the reason, nothing half-written") {
  if (!fs::exists("/dev/full")) {
    WARN("skipped: /dev/full is absent");
    return;
  }
  TempDir t;
  const fs::path in = small_case(t.path / "case");
  // Outputs whose existing target is the full device (a symlink): written directly, and fail.
  for (const char* name : {"out.corridor", "out.graphml", "out.gexf", "out.json", "out.dot"}) {
    INFO(name);
    fs::create_symlink("/dev/full", t.path / name);
    const Run r = run(t, "convert " + q(in) + " " + q(t.path / name));
    CHECK(r.code == 2);
    CHECK(lines(r.err) == 1);
    CHECK_THAT(r.err, Catch::StartsWith("corridor: error: ") && Catch::Contains("No space left on device"));
    CHECK(fs::is_symlink(t.path / name));  // never replaced by a regular file
  }
  // A case folder whose nodes.csv is the full device: not a folder corridor wrote, so it is
  // refused before anything is written, and stays as it was. (A folder on a full disk is
  // tests/safety/folder_test.cpp, on a small tmpfs.)
  const fs::path out = t.path / "outcase";
  fs::create_directories(out);
  fs::create_symlink("/dev/full", out / "nodes.csv");
  put(out / "edges.csv", "old edges\n");
  Run r = run(t, "convert " + q(in) + " " + q(out));
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Catch::Contains(out.string()) && Catch::Contains("not written by corridor"));
  CHECK(slurp(out / "edges.csv") == "old edges\n");
  CHECK(fs::is_symlink(out / "nodes.csv"));
  // CSV results to a full file and to a full standard output.
  fs::create_symlink("/dev/full", t.path / "scores.csv");
  r = run(t, "centrality " + q(in) + " -o " + q(t.path / "scores.csv"));
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Catch::Contains("No space left on device"));
  r = run(t, "centrality " + q(in), "/dev/full");
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Catch::Contains("standard output"));
  r = run(t, "info " + q(in), "/dev/full");
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Catch::Contains("cannot write to standard output"));
}

TEST_CASE("writing into a read-only folder: exit 2, existing files byte for byte unchanged") {
  TempDir t;
  const fs::path in = small_case(t.path / "case");
  const fs::path ro = t.path / "ro";
  fs::create_directories(ro);
  // Existing outputs, made by the command itself before the folder turns read-only.
  REQUIRE(run(t, "convert " + q(in) + " " + q(ro / "old.corridor")).code == 0);
  REQUIRE(run(t, "convert " + q(in) + " " + q(ro / "oldcase")).code == 0);
  put(ro / "scores.csv", "id,score\nold,1\n");
  const std::string snap = slurp(ro / "old.corridor"), nodes = slurp(ro / "oldcase" / "nodes.csv"),
                    edges = slurp(ro / "oldcase" / "edges.csv");
  ReadOnlyDir lock(ro);
  ReadOnlyDir lock_case(ro / "oldcase");
  if (!lock.ok() || !lock_case.ok()) {
    WARN("skipped: " << lock.why());
    return;
  }
  INFO("read-only by " << lock.method());
  // Replace an existing snapshot with a different case.
  const fs::path other = t.path / "other";
  small_case(other);
  put(other / "nodes.csv", slurp(other / "nodes.csv") + "X9,person,\n");
  Run r = run(t, "convert " + q(other) + " " + q(ro / "old.corridor"));
  CHECK(r.code == 2);
  CHECK(lines(r.err) == 1);
  CHECK_THAT(r.err, Catch::Contains("old.corridor") &&
                        (Catch::Contains("Read-only file system") || Catch::Contains("Operation not permitted")));
  r = run(t, "convert " + q(other) + " " + q(ro / "oldcase"));
  CHECK(r.code == 2);
  r = run(t, "centrality " + q(other) + " -o " + q(ro / "scores.csv"));
  CHECK(r.code == 2);
  r = run(t, "convert " + q(other) + " " + q(ro / "new.graphml"));
  CHECK(r.code == 2);
  lock_case.release();
  lock.release();
  CHECK(slurp(ro / "old.corridor") == snap);
  CHECK(slurp(ro / "oldcase" / "nodes.csv") == nodes);
  CHECK(slurp(ro / "oldcase" / "edges.csv") == edges);
  CHECK(slurp(ro / "scores.csv") == "id,score\nold,1\n");
  CHECK_FALSE(fs::exists(ro / "new.graphml"));
  std::size_t entries = 0;
  for (const auto& e : fs::directory_iterator(ro)) (void)e, ++entries;
  CHECK(entries == 3);  // no temporary left behind
}

TEST_CASE("a bad input never touches an existing output") {
  TempDir t;
  const fs::path in = small_case(t.path / "case");
  REQUIRE(run(t, "convert " + q(in) + " " + q(t.path / "out.corridor")).code == 0);
  const std::string before = slurp(t.path / "out.corridor");
  put(in / "edges.csv", "source,target,relation\nS1,NOBODY,paid\n");
  const Run r = run(t, "convert " + q(in) + " " + q(t.path / "out.corridor"));
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Catch::Contains("edges.csv:2"));
  CHECK(slurp(t.path / "out.corridor") == before);
}

TEST_CASE("inputs that are folders, pipes, devices or gone: exit 2, no hang") {
  TempDir t;
  const fs::path dir = small_case(t.path / "case");
  SECTION("nodes.csv is a folder") {
    fs::remove(dir / "nodes.csv");
    fs::create_directories(dir / "nodes.csv");
    const Run r = run(t, "validate " + q(dir));
    CHECK(r.code == 2);
    CHECK_THAT(r.err, Catch::Contains("nodes.csv") && Catch::Contains("is a folder"));
  }
  SECTION("edges.csv is a named pipe nobody writes to") {
    fs::remove(dir / "edges.csv");
    REQUIRE(::mkfifo((dir / "edges.csv").c_str(), 0600) == 0);
    const Run r = run(t, "validate " + q(dir));
    CHECK(r.code == 2);  // 124 would be the time limit: a hang
    CHECK_THAT(r.err, Catch::Contains("edges.csv"));
  }
  SECTION("edges.csv is a pipe whose writer stops half-way") {
    fs::remove(dir / "edges.csv");
    REQUIRE(::mkfifo((dir / "edges.csv").c_str(), 0600) == 0);
    const std::string writer = "(printf 'source,target,relation\\nS1,M' > " + q(dir / "edges.csv") + " &) ; ";
    const fs::path out = t.path / "o.txt", err = t.path / "e.txt";
    const int status = std::system((writer + "timeout 120 '" + CORRIDOR_CLI + "' validate " + q(dir) + " >" +
                                    q(out) + " 2>" + q(err))
                                       .c_str());
    // Whether the reader saw part of the text or nothing at all, the case is invalid.
    CHECK(WEXITSTATUS(status) == 2);
    CHECK_THAT(slurp(err), Catch::Contains("edges.csv"));
    std::system(("timeout 2 cat " + q(dir / "edges.csv") + " >/dev/null 2>&1").c_str());  // unblock a writer
  }
  SECTION("edges.csv is an endless device") {
    fs::remove(dir / "edges.csv");
    fs::create_symlink("/dev/zero", dir / "edges.csv");
    const Run r = run(t, "validate " + q(dir));
    CHECK(r.code == 2);
    CHECK_THAT(r.err, Catch::Contains("edges.csv") && Catch::Contains("not a regular file"));
  }
  SECTION("nodes.csv vanished between listing and reading (a dangling link)") {
    fs::rename(dir / "nodes.csv", dir / "gone.csv");
    fs::create_symlink(dir / "nodes-deleted.csv", dir / "nodes.csv");
    const Run r = run(t, "validate " + q(dir));
    CHECK(r.code == 2);
    CHECK_THAT(r.err, Catch::Contains("nodes.csv"));
  }
  SECTION("a seeds file given to propagate is a pipe or a device") {
    REQUIRE(::mkfifo((t.path / "seeds.csv").c_str(), 0600) == 0);
    Run r = run(t, "propagate " + q(dir) + " --seeds " + q(t.path / "seeds.csv"));
    CHECK(r.code == 2);
    r = run(t, "propagate " + q(dir) + " --seeds /dev/urandom");
    CHECK(r.code == 2);
    CHECK_THAT(r.err, Catch::Contains("not a regular file"));
  }
  SECTION("a snapshot or GraphML file that is a pipe or a device") {
    REQUIRE(::mkfifo((t.path / "pipe.corridor").c_str(), 0600) == 0);
    REQUIRE(::mkfifo((t.path / "pipe.graphml").c_str(), 0600) == 0);
    fs::create_symlink("/dev/zero", t.path / "zero.corridor");
    fs::create_symlink("/dev/zero", t.path / "zero.graphml");
    for (const char* name : {"pipe.corridor", "pipe.graphml", "zero.corridor", "zero.graphml"}) {
      INFO(name);
      const Run r = run(t, "info " + q(t.path / name));
      CHECK(r.code == 2);
      CHECK(lines(r.err) == 1);
      CHECK_THAT(r.err, Catch::Contains(name));
    }
  }
}

TEST_CASE("corridor info on a snapshot with any byte flipped exits 2 with one line") {
  TempDir t;
  const fs::path snap = t.path / "case.corridor";
  REQUIRE(run(t, "convert " + q(small_case(t.path / "case")) + " " + q(snap)).code == 0);
  const std::string bytes = slurp(snap);
  REQUIRE(bytes.size() > 200);
  // Every header byte, then a stride through the payload (the library test flips all of them).
  const fs::path bad = t.path / "corrupted.corridor";
  std::size_t tried = 0;
  for (std::size_t i = 0; i < bytes.size(); i += (i < 60 ? 1 : 13)) {
    std::string damaged = bytes;
    damaged[i] = static_cast<char>(static_cast<unsigned char>(damaged[i]) ^ 0x5A);
    put(bad, damaged);
    const Run r = run(t, "info " + q(bad));
    INFO("byte " << i << ": " << r.err);
    CHECK(r.code == 2);
    CHECK(lines(r.err) == 1);
    CHECK_THAT(r.err, Catch::StartsWith("corridor: ") && Catch::Contains("corrupted.corridor"));
    CHECK(r.out.empty());
    ++tried;
  }
  CHECK(tried > 60);
  // Truncated and empty files too.
  put(bad, bytes.substr(0, bytes.size() / 2));
  CHECK(run(t, "info " + q(bad)).code == 2);
  put(bad, "");
  CHECK(run(t, "info " + q(bad)).code == 2);
}
