// The library's one random generator: xoshiro256** (Blackman & Vigna 2018) seeded through
// splitmix64, with bounded draws done here. std::uniform_int_distribution and friends are not
// specified bit for bit, so with them a seed would mean different results on different standard
// libraries; with this, a seed means the same case, partition or sample everywhere.
#pragma once

#include <array>
#include <cstdint>
#include <utility>
#include <vector>

namespace corridor::detail {

/// One step of splitmix64 on state x (advances x).
inline std::uint64_t splitmix64(std::uint64_t& x) noexcept {
  std::uint64_t z = (x += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

class Rng {
 public:
  explicit Rng(std::uint64_t seed) noexcept {
    for (auto& s : s_) s = splitmix64(seed);
  }
  std::uint64_t next() noexcept {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }
  /// Uniform in [0, n), n >= 1, without modulo bias (rejects the low 2^64 mod n values).
  std::uint64_t below(std::uint64_t n) noexcept {
    // Draws below threshold = 2^64 mod n are redrawn, so every remainder is equally likely. The
    // threshold is below n, so a draw of n or more is never redrawn, and the threshold (a
    // division, as slow as the remainder's) is needed only for a draw below n: the same numbers
    // as computing it first, with one division per call instead of two.
    std::uint64_t r = next();
    if (r < n) {
      const std::uint64_t threshold = (0 - n) % n;
      while (r < threshold) r = next();
    }
    return r % n;
  }
  /// Uniform in [lo, hi].
  int range(int lo, int hi) noexcept {
    return lo + static_cast<int>(below(static_cast<std::uint64_t>(hi - lo) + 1));
  }
  /// Uniform in [0, 1) with 53 random bits.
  double uniform() noexcept { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  bool chance(double p) noexcept { return uniform() < p; }
  template <class T>
  const T& pick(const std::vector<T>& v) noexcept { return v[below(v.size())]; }
  template <class T, std::size_t N>
  const T& pick(const std::array<T, N>& v) noexcept { return v[below(N)]; }
  /// Fisher-Yates.
  template <class T>
  void shuffle(std::vector<T>& v) noexcept {
    for (std::size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[below(i)]);
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) noexcept { return (x << k) | (x >> (64 - k)); }
  std::uint64_t s_[4];
};

}  // namespace corridor::detail
