// corridor/model/string_column.hpp: an immutable column of strings in one buffer.
//
// A million node ids as std::string cost 32 bytes each before their text; one contiguous buffer
// with offsets costs 8. Columns are built once at freeze and never change.
//
//   corridor::StringColumn c({"a", "bc"});
//   std::string_view s = c[1];   // "bc"
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace corridor {

class StringColumn {
 public:
  StringColumn() { offsets_.push_back(0); }
  explicit StringColumn(const std::vector<std::string>& values) : StringColumn() {
    for (const auto& v : values) push_back(v);
  }
  void push_back(std::string_view s) {
    chars_.insert(chars_.end(), s.begin(), s.end());
    offsets_.push_back(chars_.size());
  }
  void reserve(std::size_t n, std::size_t bytes) {
    offsets_.reserve(n + 1);
    chars_.reserve(bytes);
  }
  std::string_view operator[](std::size_t i) const {
    return {chars_.data() + offsets_[i], static_cast<std::size_t>(offsets_[i + 1] - offsets_[i])};
  }
  /// Gives back the unused capacity (a column built by appending, before it is frozen).
  void shrink_to_fit() {
    chars_.shrink_to_fit();
    offsets_.shrink_to_fit();
  }
  std::size_t size() const noexcept { return offsets_.size() - 1; }
  bool empty() const noexcept { return size() == 0; }
  /// True when every value is the empty string (the column can be omitted on export).
  bool all_empty() const noexcept { return chars_.empty(); }
  std::size_t bytes() const noexcept {
    return chars_.capacity() + offsets_.capacity() * sizeof(std::uint64_t);
  }
  const std::vector<char>& chars() const noexcept { return chars_; }
  const std::vector<std::uint64_t>& offsets() const noexcept { return offsets_; }
  /// Rebuilds from raw parts (snapshot load); throws InputError when offsets are inconsistent.
  static StringColumn from_parts(std::vector<char> chars, std::vector<std::uint64_t> offsets);
  bool operator==(const StringColumn& o) const = default;

 private:
  std::vector<char> chars_;
  std::vector<std::uint64_t> offsets_;
};

}  // namespace corridor
