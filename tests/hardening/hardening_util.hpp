// Helpers of the hardening tests: scratch folders, files, running the `corridor` command, and
// a read-only folder (a read-only bind mount, else an immutable folder) for tests run as root.
#pragma once

#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace hardening {

namespace fs = std::filesystem;

struct TempDir {
  fs::path path;
  TempDir() {
    static std::atomic<int> counter{0};
    path = fs::temp_directory_path() /
           ("corridor-hardening-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
};

inline void put(const fs::path& file, const std::string& text) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << text;
}

inline std::string slurp(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct Run {
  int code = -1;
  std::string out, err;
};

// Runs `corridor ARGS` through the shell (ARGS already quoted), with a time limit so a hang is a
// failed check (exit 124) rather than a stuck test.
inline Run run(const TempDir& t, const std::string& args, const std::string& redirect_out = "") {
  const fs::path out = t.path / "stdout.txt", err = t.path / "stderr.txt";
  const std::string cmd = std::string("timeout 120 '") + CORRIDOR_CLI + "' " + args + " >" +
                          (redirect_out.empty() ? "'" + out.string() + "'" : redirect_out) + " 2>'" +
                          err.string() + "'";
  const int status = std::system(cmd.c_str());
  Run r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = slurp(out);
  r.err = slurp(err);
  return r;
}

inline std::string q(const fs::path& p) { return "'" + p.string() + "'"; }

inline std::size_t lines(const std::string& s) {
  std::size_t n = 0;
  for (char c : s) n += c == '\n';
  return n;
}

// A small valid case (synthetic people).
inline fs::path small_case(const fs::path& dir) {
  fs::create_directories(dir);
  put(dir / "nodes.csv",
      "id,kind,label\nS1,smuggler,\"Leader, \"\"big\"\"\"\nS2,facilitator,x\nM1,migrant,\nO1,organization,Group X\n"
      "C1,country,Atlantis\n");
  put(dir / "edges.csv",
      "source,target,relation,grade,time\nS1,M1,smuggled,B2,2021-03-04\nS1,S2,communicated,A1,\n"
      "S2,O1,member_of,F6,2020-12-31\nM1,C1,originates_from,,\n");
  put(dir / "seeds.csv", "id\nO1\n");
  return dir;
}

// A folder nothing can be created in, even by root: a read-only bind mount of itself, or else
// the immutable attribute. ok() is false (with why()) when neither is possible here.
class ReadOnlyDir {
 public:
  explicit ReadOnlyDir(fs::path dir) : dir_(std::move(dir)) {
    fs::create_directories(dir_);
    const std::string d = dir_.string();
    if (::mount(d.c_str(), d.c_str(), nullptr, MS_BIND, nullptr) == 0) {
      if (::mount(nullptr, d.c_str(), nullptr, MS_REMOUNT | MS_BIND | MS_RDONLY, nullptr) == 0 && probe()) {
        how_ = mounted;
        return;
      }
      ::umount2(d.c_str(), MNT_DETACH);
    }
    if (std::system(("chattr +i '" + d + "' 2>/dev/null").c_str()) == 0 && probe()) {
      how_ = immutable;
      return;
    }
    std::system(("chattr -i '" + d + "' 2>/dev/null").c_str());
    why_ = "cannot make a folder read-only for this user (no bind mount, no chattr +i), and permission bits "
           "do not stop root";
  }
  ~ReadOnlyDir() { release(); }
  ReadOnlyDir(const ReadOnlyDir&) = delete;
  ReadOnlyDir& operator=(const ReadOnlyDir&) = delete;

  bool ok() const { return how_ != none; }
  const std::string& why() const { return why_; }
  const char* method() const { return how_ == mounted ? "read-only bind mount" : "chattr +i"; }
  void release() {
    const std::string d = dir_.string();
    if (how_ == mounted) ::umount2(d.c_str(), MNT_DETACH);
    if (how_ == immutable) std::system(("chattr -i '" + d + "' 2>/dev/null").c_str());
    how_ = none;
  }

 private:
  bool probe() const {
    const fs::path p = dir_ / ".probe";
    {
      std::ofstream f(p);
      if (!f) return true;
    }
    std::error_code ec;
    fs::remove(p, ec);
    return false;
  }
  enum How { none, mounted, immutable };
  fs::path dir_;
  How how_ = none;
  std::string why_;
};

}  // namespace hardening
