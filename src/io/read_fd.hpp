// Reading from a file descriptor, for the readers that stream a file (not installed).
#pragma once

#include <cstddef>
#include <string>

namespace corridor::detail {

/// Reads up to n bytes of `fd` into p, retrying reads the OS interrupts; fewer only at the end
/// of the file. Throws IoError naming `file` and the OS reason on a read error.
std::size_t read_up_to(int fd, char* p, std::size_t n, const std::string& file);

}  // namespace corridor::detail
