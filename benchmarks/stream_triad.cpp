// corridor-stream: the single-core memory bandwidth of this machine, STREAM-style.
//
// Triad a[i] = b[i] + s * c[i] over three arrays far larger than the caches; bandwidth counts the
// 24 bytes per element STREAM counts (two reads, one write; the write-allocate read is not
// counted). Best of the trials, as STREAM reports. Prints `triad_gb_s,<value>` and the copy figure.
//
//   corridor-stream [--elements N] [--trials T]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

int main(int argc, char** argv) {
  std::size_t n = std::size_t{1} << 25;  // 32 Mi doubles: 256 MiB per array
  int trials = 7;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--elements") == 0) n = std::stoull(argv[i + 1]);
    else if (std::strcmp(argv[i], "--trials") == 0) trials = std::stoi(argv[i + 1]);
  }
  std::vector<double> a(n, 0.0), b(n, 1.0), c(n, 2.0);
  const double s = 3.0;
  double best_triad = 1e30, best_copy = 1e30;
  using clock = std::chrono::steady_clock;
  for (int t = 0; t < trials; ++t) {
    auto t0 = clock::now();
    for (std::size_t i = 0; i < n; ++i) a[i] = b[i] + s * c[i];
    auto t1 = clock::now();
    for (std::size_t i = 0; i < n; ++i) c[i] = a[i];
    auto t2 = clock::now();
    best_triad = std::min(best_triad, std::chrono::duration<double>(t1 - t0).count());
    best_copy = std::min(best_copy, std::chrono::duration<double>(t2 - t1).count());
  }
  // Keep the loops observable.
  double check = a[n / 2] + c[n / 3];
  std::printf("triad_gb_s,%.2f\n", 24.0 * static_cast<double>(n) / best_triad / 1e9);
  std::printf("copy_gb_s,%.2f\n", 16.0 * static_cast<double>(n) / best_copy / 1e9);
  std::fprintf(stderr, "# elements=%zu trials=%d check=%g\n", n, trials, check);
  return 0;
}
