// The subcommands of `corridor`, grouped by module; each add_* registers its subcommands and
// their callbacks on the app. Callbacks throw corridor::Error; main turns it into one line and
// exit code 2.
#pragma once

#include <CLI/CLI.hpp>

namespace corridor::cli {

struct Globals {
  bool quiet = false;
};

void add_case_commands(CLI::App& app, Globals& g);         // validate, info, convert  (cmd_case.cpp)
void add_generate_command(CLI::App& app, Globals& g);      // generate                 (cmd_generate.cpp)
void add_centrality_commands(CLI::App& app, Globals& g);   // centrality, brokers, keyplayers
void add_community_commands(CLI::App& app, Globals& g);    // communities
void add_propagation_commands(CLI::App& app, Globals& g);  // propagate, explain, evaluate
void add_report_commands(CLI::App& app, Globals& g);       // analyze, paths, ego
void add_export_command(CLI::App& app, Globals& g);        // export                   (cmd_export.cpp)

}  // namespace corridor::cli
