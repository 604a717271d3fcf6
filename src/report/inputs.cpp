// The input files of a report and their digests: the caller's reading side of analyze, kept out
// of the pipeline so that analyze() works on a Case however it was obtained.
#include <filesystem>

#include "corridor/report/analyze.hpp"
#include "corridor/report/pseudonym.hpp"

namespace corridor {

namespace fs = std::filesystem;

std::vector<fs::path> case_input_files(const Case& c) {
  std::vector<fs::path> files;
  if (c.origin().empty()) return files;
  const fs::path origin = c.origin();
  std::error_code ec;
  if (fs::is_directory(origin, ec)) {
    for (const char* name : {"nodes.csv", "edges.csv", "seeds.csv", "cleared.csv", "relations.csv"})
      if (fs::is_regular_file(origin / name, ec)) files.push_back(origin / name);
  } else if (fs::is_regular_file(origin, ec)) {
    files.push_back(origin);
  }
  return files;
}

std::vector<InputDigest> digest_files(const std::vector<fs::path>& files) {
  std::vector<InputDigest> out;
  for (const auto& f : files) {
    std::error_code ec;
    const auto bytes = fs::file_size(f, ec);
    out.push_back({f.string(), sha256_file(f), ec ? 0 : bytes});
  }
  return out;
}

}  // namespace corridor
