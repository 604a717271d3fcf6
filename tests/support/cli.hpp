// Test support: run the built `corridor` command (CORRIDOR_CLI) as a user does, capturing exit
// code, stdout and stderr.
#pragma once

#include <catch2/catch.hpp>
#include <sys/wait.h>

#include <cstdlib>
#include <string>

#include "support/files.hpp"

namespace corridor::test {

struct Run {
  int code;
  std::string out, err;
};

/// Runs `corridor ARGS` (args are passed to the shell as written) with output files in t.
inline Run run(const TempDir& t, const std::string& args) {
  const fs::path out = t.path / "stdout.txt", err = t.path / "stderr.txt";
  const std::string cmd = std::string("'") + CORRIDOR_CLI + "' " + args + " >'" + out.string() + "' 2>'" +
                          err.string() + "'";
  const int status = std::system(cmd.c_str());
  REQUIRE(WIFEXITED(status));
  return {WEXITSTATUS(status), slurp(out), slurp(err)};
}

}  // namespace corridor::test
