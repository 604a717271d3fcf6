// The seeded generator's bounded draws: below() against the plain form of its rule (compute
// 2^64 mod n, redraw anything under it, take the remainder), draw for draw, including bounds
// where half the draws are redrawn. A seed must mean the same numbers whatever the form.
#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

#include "random.hpp"

using corridor::detail::Rng;

namespace {

std::uint64_t reference_below(Rng& rng, std::uint64_t n) {
  const std::uint64_t threshold = (0 - n) % n;
  std::uint64_t r;
  do r = rng.next();
  while (r < threshold);
  return r % n;
}

}  // namespace

TEST_CASE("Rng::below draws what the plain rejection rule draws, redraws included") {
  const std::vector<std::uint64_t> bounds = {1,
                                             2,
                                             3,
                                             7,
                                             512,
                                             1000003,
                                             (std::uint64_t{1} << 32) + 1,
                                             (std::uint64_t{1} << 63) + 1,  // half of all draws redrawn
                                             (std::uint64_t{3} << 62) + 5,
                                             ~std::uint64_t{0}};
  for (std::uint64_t n : bounds) {
    for (std::uint64_t seed : {1u, 2u, 99u}) {
      INFO("n " << n << " seed " << seed);
      Rng a(seed), b(seed);
      for (int i = 0; i < 20000; ++i) {
        const std::uint64_t x = a.below(n);
        REQUIRE(x == reference_below(b, n));
        REQUIRE(x < n);
      }
      CHECK(a.next() == b.next());  // the same number of draws taken
    }
  }
}
