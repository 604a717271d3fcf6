// corridor-stream: the memory bandwidth of this machine, STREAM-style, on 1 or more threads.
//
// Triad a[i] = b[i] + s * c[i] over three arrays far larger than the caches; bandwidth counts the
// 24 bytes per element STREAM counts (two reads, one write; the write-allocate read is not
// counted). Best of the trials, as STREAM reports. Prints `triad_gb_s,<value>` and the copy
// figure; with --threads T the arrays are split statically over T OpenMP threads, each touching
// its own part first (so its pages sit near it), as STREAM's OpenMP version does.
//
//   corridor-stream [--elements N] [--trials T] [--threads T]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>

#ifdef _OPENMP
#include <omp.h>
#endif

int main(int argc, char** argv) {
  std::size_t n = std::size_t{1} << 25;  // 32 Mi doubles: 256 MiB per array
  int trials = 7, threads = 1;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--elements") == 0) n = std::stoull(argv[i + 1]);
    else if (std::strcmp(argv[i], "--trials") == 0) trials = std::stoi(argv[i + 1]);
    else if (std::strcmp(argv[i], "--threads") == 0) threads = std::stoi(argv[i + 1]);
  }
#ifdef _OPENMP
  omp_set_num_threads(threads);
#else
  threads = 1;
#endif
  // Raw arrays, first touched by the loop that uses them (std::vector would touch them serially).
  std::unique_ptr<double[]> a(new double[n]), b(new double[n]), c(new double[n]);
  const auto count = static_cast<std::int64_t>(n);
#pragma omp parallel for schedule(static)
  for (std::int64_t i = 0; i < count; ++i) a[i] = 0.0, b[i] = 1.0, c[i] = 2.0;
  const double s = 3.0;
  double best_triad = 1e30, best_copy = 1e30;
  using clock = std::chrono::steady_clock;
  for (int t = 0; t < trials; ++t) {
    auto t0 = clock::now();
#pragma omp parallel for schedule(static)
    for (std::int64_t i = 0; i < count; ++i) a[i] = b[i] + s * c[i];
    auto t1 = clock::now();
#pragma omp parallel for schedule(static)
    for (std::int64_t i = 0; i < count; ++i) c[i] = a[i];
    auto t2 = clock::now();
    best_triad = std::min(best_triad, std::chrono::duration<double>(t1 - t0).count());
    best_copy = std::min(best_copy, std::chrono::duration<double>(t2 - t1).count());
  }
  // Keep the loops observable.
  double check = a[n / 2] + c[n / 3];
  std::printf("triad_gb_s,%.2f\n", 24.0 * static_cast<double>(n) / best_triad / 1e9);
  std::printf("copy_gb_s,%.2f\n", 16.0 * static_cast<double>(n) / best_copy / 1e9);
  std::fprintf(stderr, "# elements=%zu trials=%d threads=%d check=%g\n", n, trials, threads, check);
  return 0;
}
