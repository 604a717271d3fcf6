// Fuzzes the command line in-process: the subcommands that take files (validate, info, convert)
// with fuzzed arguments on a fuzzed case folder. Input: a first part of arguments (split at
// spaces, tabs and newlines; "@" stands for the case folder), then the case files as in
// fuzz_case (relations.csv, nodes.csv, edges.csv, seeds.csv, parts separated by a line "@@@").
// The process works inside its scratch folder and arguments that could name a path outside it
// (containing '/' or starting with '.') are dropped, so a fuzzed `convert` only writes there.
// Every outcome must be exit code 0 or 2 with no other exception escaping, as in main().
#include <fcntl.h>
#include <unistd.h>

#include <CLI/CLI.hpp>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "cli/commands.hpp"
#include "corridor/error.hpp"
#include "fuzz/fuzz_util.hpp"

namespace {

int run_cli(std::vector<std::string> args) {
  CLI::App app{"corridor"};
  app.require_subcommand(1);
  corridor::cli::Globals globals;
  app.add_flag("--quiet,-q", globals.quiet, "quiet");
  corridor::cli::add_case_commands(app, globals);
  std::vector<const char*> argv{"corridor"};
  for (const auto& a : args) argv.push_back(a.c_str());
  try {
    app.parse(static_cast<int>(argv.size()), argv.data());
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  } catch (const corridor::Error&) {
    return 2;
  } catch (const std::bad_alloc&) {
    __builtin_trap();  // inputs here are small: running out of memory is a bug
  }
  return 0;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  // The subcommands print summaries on stdout: keep them out of the fuzzer's log.
  const int devnull = ::open("/dev/null", O_WRONLY);
  if (devnull >= 0) ::dup2(devnull, STDOUT_FILENO);
  std::filesystem::current_path(corridor::fuzz::scratch_dir());
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace fs = std::filesystem;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto nl = input.find("\n@@@\n");
  const std::string_view arg_text = input.substr(0, nl);
  const std::string_view files = nl == std::string_view::npos ? std::string_view() : input.substr(nl + 5);
  const fs::path dir = corridor::fuzz::write_case_folder(files);

  std::vector<std::string> args;
  std::size_t i = 0;
  while (i < arg_text.size() && args.size() < 16) {
    while (i < arg_text.size() && (arg_text[i] == ' ' || arg_text[i] == '\t' || arg_text[i] == '\n')) ++i;
    std::size_t j = i;
    while (j < arg_text.size() && arg_text[j] != ' ' && arg_text[j] != '\t' && arg_text[j] != '\n') ++j;
    if (j > i) {
      std::string a(arg_text.substr(i, j - i));
      if (a == "@") a = dir.string();
      else if (a.find('/') != std::string::npos || a.front() == '.' || a.find('\0') != std::string::npos) a.clear();
      if (!a.empty()) args.push_back(std::move(a));
    }
    i = j;
  }
  const int code = run_cli(args);
  if (code != 0 && code != 2) __builtin_trap();

  // The same case through validate, convert to a snapshot, and info on that snapshot.
  const int valid = run_cli({"validate", dir.string()});
  if (valid != 0 && valid != 2) __builtin_trap();
  std::error_code ec;
  fs::remove("fuzz.corridor", ec);
  const int converted = run_cli({"--quiet", "convert", dir.string(), "fuzz.corridor"});
  if (converted != valid) __builtin_trap();  // a valid case converts, an invalid one does not
  if (converted == 0 && run_cli({"info", "fuzz.corridor"}) != 0) __builtin_trap();
  return 0;
}
