// A fast hash for short keys (node ids, source references) and the prefetch the readers use
// to hide the cache misses of hash-table probes (not installed).
//
// Reading a large case does tens of millions of lookups into tables far larger than the cache;
// std::hash<std::string_view> is an out-of-line call (murmur) per lookup, and a probe that misses
// the cache costs more than parsing the record around it. This hash is inlined and mixes the key
// eight bytes at a time with a 64x64->128 multiply; it is fixed (no random seed), so a given
// file hashes the same on every run, as before.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace corridor::detail {

__extension__ typedef unsigned __int128 hash_u128;  // GCC and Clang; __extension__ keeps -Wpedantic quiet

inline std::uint64_t hash_mix(std::uint64_t a, std::uint64_t b) noexcept {
  const hash_u128 r = static_cast<hash_u128>(a) * b;
  return static_cast<std::uint64_t>(r) ^ static_cast<std::uint64_t>(r >> 64);
}

inline std::uint64_t fast_hash(std::string_view s) noexcept {
  const char* p = s.data();
  std::size_t n = s.size();
  std::uint64_t h = 0x9E3779B97F4A7C15ull ^ (n * 0xA0761D6478BD642Full);
  while (n >= 8) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    h = hash_mix(h ^ w, 0xE7037ED1A0B428DBull);
    p += 8;
    n -= 8;
  }
  if (n > 0) {
    std::uint64_t w = 0;
    for (std::size_t i = 0; i < n; ++i) w |= static_cast<std::uint64_t>(static_cast<unsigned char>(p[i])) << (8 * i);
    h = hash_mix(h ^ w, 0x8EBC6AF09C88C6E3ull);
  }
  return hash_mix(h, 0x589965CC75374CC3ull);
}

/// The first and the last sizeof(Word) bytes of a and b equal (n >= sizeof(Word)): two
/// overlapping loads that together cover every byte when n <= 2 sizeof(Word).
template <class Word>
inline bool ends_equal(const char* a, const char* b, std::size_t n) noexcept {
  Word a0, a1, b0, b1;
  std::memcpy(&a0, a, sizeof(Word));
  std::memcpy(&b0, b, sizeof(Word));
  std::memcpy(&a1, a + n - sizeof(Word), sizeof(Word));
  std::memcpy(&b1, b + n - sizeof(Word), sizeof(Word));
  return a0 == b0 && a1 == b1;
}

/// a == b for two keys of n <= 16 bytes each, by a few overlapping word loads instead of a call
/// to memcmp (the compare of most hash-table probes).
inline bool short_equal(const char* a, const char* b, std::size_t n) noexcept {
  if (n >= 8) return ends_equal<std::uint64_t>(a, b, n);
  if (n >= 4) return ends_equal<std::uint32_t>(a, b, n);
  for (std::size_t i = 0; i < n; ++i)
    if (a[i] != b[i]) return false;
  return true;
}

/// Asks the cache for the line at p ahead of its use (a hint; never faults).
inline void prefetch(const void* p) noexcept { __builtin_prefetch(p, 0, 1); }

/// A vector of n value-initialised T whose memory the kernel is asked to back with huge pages
/// where it can: a hash table of tens of megabytes probed at random otherwise misses the TLB on
/// nearly every probe. Only a hint (Linux madvise); elsewhere, or when refused, a plain vector.
template <class T>
std::vector<T> huge_page_vector(std::size_t n) {
  std::vector<T> v;
  v.reserve(n);
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  constexpr std::uintptr_t kHuge = std::uintptr_t{1} << 21;
  const auto begin = reinterpret_cast<std::uintptr_t>(v.data());
  const std::uintptr_t first = (begin + kHuge - 1) & ~(kHuge - 1), last = (begin + n * sizeof(T)) & ~(kHuge - 1);
  if (last > first) ::madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
#endif
  v.resize(n);
  return v;
}

}  // namespace corridor::detail
