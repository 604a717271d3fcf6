// Every writer on a full disk: the error names the file and gives the OS reason, the exit code is
// 2, an existing output is left as it was and no temporary stays behind. The disk is made "full"
// without root and without a small mount: the command runs in a child process whose file size
// limit (RLIMIT_FSIZE) is a few KiB, so a write past it fails with EFBIG ("File too large")
// exactly where a full disk fails with ENOSPC, through the same code. (/dev/full reaches only
// the outputs that may be a symlink to it; a case or report folder is written into a temporary
// sibling, which a symlink cannot redirect.)
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "support/cli.hpp"

using namespace corridor::test;

namespace {

std::string q(const fs::path& p) { return "'" + p.string() + "'"; }

struct Limited {
  int code = -1;
  std::string err;
};

// Runs `corridor ARGS` through the shell in a child whose files may not grow past `limit` bytes.
// SIGXFSZ is ignored (as a shell's `trap '' XFSZ` would) so the write returns EFBIG instead of
// killing the process; the ignored disposition survives exec. Standard output goes to `out`,
// which is under the same limit.
Limited run_limited(const TempDir& t, const std::string& args, rlim_t limit, const fs::path& out) {
  const fs::path err = t.path / "stderr.txt";
  const std::string cmd =
      std::string("exec '") + CORRIDOR_CLI + "' -q " + args + " >" + q(out) + " 2>" + q(err);
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    struct rlimit rl {limit, limit};
    ::setrlimit(RLIMIT_FSIZE, &rl);
    ::signal(SIGXFSZ, SIG_IGN);
    ::execl("/bin/sh", "sh", "-c", cmd.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  int status = 0;
  REQUIRE(::waitpid(pid, &status, 0) == pid);
  REQUIRE(WIFEXITED(status));
  return {WEXITSTATUS(status), slurp(err)};
}

// Names in `dir` that look like a writer's temporary or set-aside copy ("." + name + ".").
std::vector<std::string> hidden(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    if (name.size() > 1 && name[0] == '.' && name.find(".tmp") != std::string::npos) out.push_back(name);
    if (name.size() > 1 && name[0] == '.' && e.is_directory()) out.push_back(name);
  }
  return out;
}

// The one error line: names `file` and gives the OS reason.
void check_error(const Limited& r, const fs::path& file) {
  INFO(r.err);
  CHECK(r.code == 2);
  CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
  CHECK_THAT(r.err, Catch::StartsWith("corridor: error: ") && Catch::Contains(file.string()) &&
                        Catch::Contains(std::strerror(EFBIG)));
}

constexpr rlim_t kSmall = 8 << 10;  // below every output of the tiny case but its seeds and marker

}  // namespace

TEST_CASE("a full disk under every single-file writer and export: the file, the reason, the old file kept") {
  TempDir t;
  const fs::path in = t.path / "case", outs = t.path / "outs";
  REQUIRE(run(t, "generate --preset tiny --out " + q(in)).code == 0);
  fs::create_directories(outs);
  struct Writer {
    std::string args, file;
  };
  const std::vector<Writer> writers = {
      {"centrality " + q(in) + " -o ", "c.csv"},
      {"propagate " + q(in) + " --out ", "p.csv"},
      {"convert " + q(in) + " ", "s.corridor"},
      {"export " + q(in) + " --out ", "x.graphml"},
      {"export " + q(in) + " --out ", "x.gexf"},
      {"export " + q(in) + " --out ", "x.dot"},
      {"export " + q(in) + " --out ", "x.json"},
  };
  for (const Writer& w : writers) {
    INFO(w.args << w.file);
    const fs::path file = outs / w.file;
    put(file, "the user's earlier file\n");
    const Limited r = run_limited(t, w.args + q(file), kSmall, t.path / "stdout.txt");
    check_error(r, file);
    CHECK(slurp(file) == "the user's earlier file\n");
    // and it would have worked without the limit (the failure is the disk's, not the input's)
    CHECK(run(t, w.args + q(outs / ("ok-" + w.file))).code == 0);
  }
  CHECK(hidden(outs).empty());
}

TEST_CASE("a full disk under every folder writer: the file, the reason, the old folder kept whole") {
  TempDir t;
  const fs::path in = t.path / "case";
  REQUIRE(run(t, "generate --preset tiny --out " + q(in)).code == 0);
  SECTION("convert into an existing case folder") {
    const fs::path out = t.path / "copy";
    REQUIRE(run(t, "convert " + q(in) + " " + q(out)).code == 0);
    put(out / "nodes.csv", slurp(out / "nodes.csv") + "X1,person,\n");  // an old case unlike the new
    const auto before = contents(out);
    check_error(run_limited(t, "convert " + q(in) + " " + q(out), kSmall, t.path / "stdout.txt"), out);
    CHECK(contents(out) == before);
    CHECK(hidden(t.path).empty());
  }
  SECTION("generate and ego into new folders") {
    for (const std::string& args : std::vector<std::string>{"generate --preset tiny --seed 3 --out ", ("ego " + q(in) + " --id O-1 --out ")}) {
      INFO(args);
      const fs::path out = t.path / "new";
      check_error(run_limited(t, args + q(out), kSmall, t.path / "stdout.txt"), out);
      CHECK_FALSE(fs::exists(out / "nodes.csv"));
      CHECK(hidden(t.path).empty());
    }
  }
  SECTION("analyze: the report page itself on a full disk") {
    // A file-size limit between the largest other file and report.html (the largest: ~700 KiB
    // with the interactive view, ~60 KiB without it) holds every CSV and the manifest of the
    // tiny case but not the page, so the failure lands on the page in any build.
    const fs::path out = t.path / "rep";
    REQUIRE(run(t, "analyze " + q(in) + " -q --out " + q(out)).code == 0);
    const auto before = contents(out);
    std::size_t others = 0;
    for (const auto& [name, bytes] : before)
      if (name != "report.html") others = std::max(others, bytes.size());
    const std::size_t page = before.at("report.html").size();
    REQUIRE(others < page);
    const Limited r = run_limited(t, "analyze " + q(in) + " --seed 2 --out " + q(out), (others + page) / 2,
                                  t.path / "stdout.txt");
    check_error(r, out / "report.html");
    CHECK(contents(out) == before);
    CHECK(hidden(t.path).empty());
  }
}

TEST_CASE("a full disk behind standard output: the reason, exit 2") {
  TempDir t;
  const fs::path in = t.path / "case";
  REQUIRE(run(t, "generate --preset tiny --out " + q(in)).code == 0);
  for (const std::string& args : std::vector<std::string>{"centrality " + q(in), "propagate " + q(in), "export " + q(in) + " --format json --out -",
                                 "export " + q(in) + " --format dot --out -"}) {
    INFO(args);
    const Limited r = run_limited(t, args, kSmall, t.path / "stdout.txt");
    INFO(r.err);
    CHECK(r.code == 2);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    CHECK_THAT(r.err, Catch::Contains("cannot write to standard output: ") && Catch::Contains(std::strerror(EFBIG)));
  }
}
