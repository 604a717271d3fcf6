// corridor/model/string_column.hpp: an immutable column of strings in one buffer.
//
// A million node ids as std::string cost 32 bytes each before their text; one contiguous buffer
// with offsets costs 4 (8 once a column's text passes 4 GiB). Columns are built once at freeze
// and never change.
//
//   corridor::StringColumn c({"a", "bc"});
//   std::string_view s = c[1];   // "bc"
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace corridor {

class StringColumn {
 public:
  /// Offsets are 32-bit while the text fits in 4 GiB (a case's node columns take 4 bytes per
  /// node each instead of 8) and 64-bit past that; narrow_limit lowers the switch point so
  /// tests can reach the wide form without allocating 4 GiB.
  explicit StringColumn(std::uint64_t narrow_limit) : limit_(narrow_limit) { narrow_.push_back(0); }
  StringColumn() : StringColumn(std::numeric_limits<std::uint32_t>::max()) {}
  explicit StringColumn(const std::vector<std::string>& values) : StringColumn() {
    for (const auto& v : values) push_back(v);
  }
  void push_back(std::string_view s) {
    chars_.insert(chars_.end(), s.begin(), s.end());
    if (wide_.empty()) [[likely]] {
      if (chars_.size() <= limit_) {
        narrow_.push_back(static_cast<std::uint32_t>(chars_.size()));
        return;
      }
      widen();
    }
    wide_.push_back(chars_.size());
  }
  void reserve(std::size_t n, std::size_t bytes) {
    if (wide_.empty() && bytes <= limit_) narrow_.reserve(n + 1);
    chars_.reserve(bytes);
  }
  /// Where value i starts in chars() (offset(size()) = chars().size()).
  std::uint64_t offset(std::size_t i) const noexcept { return wide_.empty() ? narrow_[i] : wide_[i]; }
  std::string_view operator[](std::size_t i) const {
    const std::uint64_t b = offset(i);
    return {chars_.data() + b, static_cast<std::size_t>(offset(i + 1) - b)};
  }
  /// Gives back the unused capacity (a column built by appending, before it is frozen).
  void shrink_to_fit() {
    chars_.shrink_to_fit();
    narrow_.shrink_to_fit();
    wide_.shrink_to_fit();
  }
  std::size_t size() const noexcept { return (wide_.empty() ? narrow_.size() : wide_.size()) - 1; }
  bool empty() const noexcept { return size() == 0; }
  /// True when every value is the empty string (the column can be omitted on export).
  bool all_empty() const noexcept { return chars_.empty(); }
  /// True once the offsets are 64-bit (the text passed the narrow limit).
  bool wide() const noexcept { return !wide_.empty(); }
  std::size_t bytes() const noexcept {
    return chars_.capacity() + narrow_.capacity() * sizeof(std::uint32_t) + wide_.capacity() * sizeof(std::uint64_t);
  }
  const std::vector<char>& chars() const noexcept { return chars_; }
  /// The offsets as 64-bit values (size() + 1 of them), the form snapshots store.
  std::vector<std::uint64_t> offsets() const {
    return wide_.empty() ? std::vector<std::uint64_t>(narrow_.begin(), narrow_.end()) : wide_;
  }
  /// A column from its text and size() + 1 offsets (0 first, chars.size() last, non-decreasing).
  /// Throws InputError when they do not fit together.
  static StringColumn from_parts(std::vector<char> chars, std::vector<std::uint64_t> offsets);
  /// Equal values (whatever the offsets' width).
  bool operator==(const StringColumn& o) const {
    if (chars_ != o.chars_ || size() != o.size()) return false;
    if (wide_.empty() && o.wide_.empty()) return narrow_ == o.narrow_;
    for (std::size_t i = 0; i <= size(); ++i)
      if (offset(i) != o.offset(i)) return false;
    return true;
  }

 private:
  void widen() {
    wide_.assign(narrow_.begin(), narrow_.end());
    narrow_.clear();
    narrow_.shrink_to_fit();
  }

  std::uint64_t limit_;
  std::vector<char> chars_;
  std::vector<std::uint32_t> narrow_;  ///< the offsets while the text fits under limit_
  std::vector<std::uint64_t> wide_;    ///< the offsets after it passed limit_ (narrow_ then empty)
};

}  // namespace corridor
