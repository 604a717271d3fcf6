// The `corridor` command: one subcommand per task, each a thin shell over library calls.
#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstdio>
#include <cstring>
#include <exception>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "corridor/corridor.hpp"

int main(int argc, char** argv) {
  CLI::App app{"corridor: link analysis of human-smuggling networks.\n"
               "Scores and rankings are investigative leads, never findings."};
  app.set_version_flag("--version", std::string(corridor::version()));
  app.require_subcommand(1);
  corridor::cli::Globals globals;
  app.add_flag("--quiet,-q", globals.quiet, "no progress or log lines on stderr");
  corridor::cli::add_input_options(app);
  // Options of the whole command (--quiet, --encoding, ...) may also follow the subcommand.
  app.fallthrough();
  corridor::cli::add_case_commands(app, globals);
  corridor::cli::add_generate_command(app, globals);
  corridor::cli::add_centrality_commands(app, globals);
  corridor::cli::add_community_commands(app, globals);
  corridor::cli::add_propagation_commands(app, globals);
  corridor::cli::add_report_commands(app, globals);
  corridor::cli::add_export_command(app, globals);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    // "Could not convert: --restart = 0,5": a decimal comma from a European locale.
    const std::string what = e.what();
    if (const auto eq = what.rfind(" = "); e.get_name() == "ConversionError" && eq != std::string::npos) {
      std::string value = what.substr(eq + 3);
      if (std::count(value.begin(), value.end(), ',') == 1) {
        std::replace(value.begin(), value.end(), ',', '.');
        char* end = nullptr;
        (void)std::strtod(value.c_str(), &end);
        if (end && *end == '\0' && !value.empty())
          fmt::print(stderr, "corridor: did you mean {}? (the decimal separator is a dot)\n", value);
      }
    }
    return code == 0 ? 0 : 2;
  } catch (const corridor::InputError& e) {
    const auto& problems = e.problems();
    const std::size_t shown = std::min<std::size_t>(problems.size(), globals.quiet ? 1 : 20);
    for (std::size_t i = 0; i < shown; ++i) fmt::print(stderr, "corridor: {}\n", problems[i].to_string());
    if (problems.size() > shown) fmt::print(stderr, "corridor: ... and {} more problems\n", problems.size() - shown);
    if (problems.empty()) fmt::print(stderr, "corridor: error: {}\n", e.what());
    return 2;
  } catch (const corridor::Error& e) {
    fmt::print(stderr, "corridor: error: {}\n", e.what());
    return 2;
  } catch (const std::bad_alloc&) {
    fmt::print(stderr, "corridor: error: out of memory\n");
    return 2;
  } catch (const std::exception& e) {
    fmt::print(stderr, "corridor: error: {}\n", e.what());
    return 2;
  }
  // Results printed to standard output are lost on a full disk or a closed pipe; say so instead of
  // exiting 0.
  if (std::fflush(stdout) != 0 || std::ferror(stdout)) {
    fmt::print(stderr, "corridor: error: cannot write to standard output: {}\n", std::strerror(errno));
    return 2;
  }
  return 0;
}
