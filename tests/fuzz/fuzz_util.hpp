// Shared by the libFuzzer harnesses: splitting one input into several files, and a scratch
// folder on tmpfs that is rewritten for every input.
#pragma once

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

namespace corridor::fuzz {

// Parts of the input separated by a line "@@@"; the corpus files use it between the files of a
// case, and the fuzzer learns it from them.
inline std::vector<std::string_view> split_parts(std::string_view in, std::size_t max_parts) {
  static constexpr std::string_view kSep = "\n@@@\n";
  std::vector<std::string_view> parts;
  while (parts.size() + 1 < max_parts) {
    auto pos = in.find(kSep);
    if (pos == std::string_view::npos) break;
    parts.push_back(in.substr(0, pos));
    in.remove_prefix(pos + kSep.size());
  }
  parts.push_back(in);
  return parts;
}

// A per-process scratch folder (tmpfs when available), created once.
inline const std::filesystem::path& scratch_dir() {
  static const std::filesystem::path dir = [] {
    namespace fs = std::filesystem;
    fs::path base = fs::exists("/dev/shm") ? fs::path("/dev/shm") : fs::temp_directory_path();
    fs::path d = base / ("corridor-fuzz-" + std::to_string(::getpid()));
    fs::remove_all(d);
    fs::create_directories(d);
    return d;
  }();
  return dir;
}

inline void write_text(const std::filesystem::path& file, std::string_view text) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
}

// Writes parts into a fresh case folder: relations.csv, nodes.csv, edges.csv, seeds.csv in that
// order; a missing part leaves its file out (an empty part writes an empty file).
inline std::filesystem::path write_case_folder(std::string_view input, const std::string& name = "case") {
  namespace fs = std::filesystem;
  const fs::path dir = scratch_dir() / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  static const char* const kFiles[] = {"relations.csv", "nodes.csv", "edges.csv", "seeds.csv"};
  auto parts = split_parts(input, 4);
  for (std::size_t i = 0; i < parts.size(); ++i) {
    // "-" alone means: leave this file out (relations.csv and seeds.csv are optional).
    if (parts[i] == "-") continue;
    write_text(dir / kFiles[i], parts[i]);
  }
  return dir;
}

}  // namespace corridor::fuzz
