#include "mpi/exchange.hpp"

#include <cstdio>
#include <set>

namespace corridor::mpi {

bool agree(MPI_Comm comm, const std::vector<std::string>& problems, std::size_t max_lines) {
  if (!any_all(comm, !problems.empty())) return true;
  // Lines travel as one '\n'-joined text per rank.
  std::string mine;
  for (const std::string& p : problems) mine += p + '\n';
  const std::vector<char> all = gather(comm, std::vector<char>(mine.begin(), mine.end()));
  if (rank_of(comm) == 0) {
    std::set<std::string> seen;
    std::size_t shown = 0, more = 0;
    std::string line;
    for (char c : all) {
      if (c != '\n') {
        line += c;
        continue;
      }
      if (seen.insert(line).second) {
        if (shown < max_lines) {
          std::fprintf(stderr, "corridor-mpi: %s\n", line.c_str());
          ++shown;
        } else {
          ++more;
        }
      }
      line.clear();
    }
    if (more) std::fprintf(stderr, "corridor-mpi: ... and %zu more problems\n", more);
    std::fflush(stderr);
  }
  return false;
}

}  // namespace corridor::mpi
