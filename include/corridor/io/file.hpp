// corridor/io/file.hpp: the file primitives every reader and writer of corridor goes through.
//
// read_file() reads a whole file (refusing devices, never hanging on a pipe);
// write_file_atomically() writes through a temporary file and a rename, so a file is either the
// old one or the complete new one, and a failing write says why (a full disk, a read-only
// folder); write_standard_output() gives the same OS reason for results printed to standard
// output; BlockWriter is the one buffered text writer: writers append to its string and it hands
// the stream large blocks, so a writer formats rows without a stream call per field; Sha256 and
// its two shortcuts are the one SHA-256 (OpenSSL underneath) for snapshot checksums and the
// digests of a report's inputs and outputs.
//
//   corridor::write_file_atomically("out/nodes.csv", [&](std::ostream& out) {
//     corridor::BlockWriter w(out);
//     w.text() += "id,kind\n";
//     for (...) { w.text() += row; w.maybe_flush(); }
//     w.finish("nodes.csv");
//   });
//   std::string text = corridor::read_file("out/nodes.csv");
//   std::string digest = corridor::sha256_file("out/nodes.csv");   // 64 hex digits, as sha256sum
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>

namespace corridor {

/// Reads a whole file into a string. Regular files and pipes are read (a pipe without a writer
/// reads as empty instead of blocking); devices and folders are refused. Throws IoError naming
/// the file and the OS reason.
std::string read_file(const std::filesystem::path& file);

/// read_file() that hands each block to `check` as it arrives (the text read so far, the new
/// block at its end), so a reader can refuse a file before its whole size is in memory (a sparse
/// 3 GB file under a CSV name); an exception from `check` stops the reading and propagates.
std::string read_file(const std::filesystem::path& file,
                      const std::function<void(std::string_view text, std::size_t block_start)>& check);

/// Reads bytes [offset, offset + length) of a regular file (fewer when the file ends first), for
/// readers that split one file between processes (corridor-mpi). Throws IoError naming the file
/// and the OS reason, or when the file is not a regular file.
std::string read_file_range(const std::filesystem::path& file, std::uint64_t offset, std::uint64_t length);

/// Writes a file through a temporary in the same folder (created with mode 0666 minus the
/// umask, or the existing file's mode), flushed, checked and fsync'ed, then renamed over the
/// target. On any failure the temporary is removed and the target is untouched: an exception
/// from `write` propagates unchanged, an OS failure becomes an IoError naming the file and the
/// reason ("No space left on device", "Permission denied"). An existing target that is not a
/// regular file (/dev/stdout, /dev/full, a pipe) is written directly, never replaced. The
/// temporary ("." + name + ".tmp-PID-N") is locked while written; temporaries a killed run left
/// beside the target (their process gone, no lock held) are removed first.
void write_file_atomically(const std::filesystem::path& path, const std::function<void(std::ostream&)>& write);

/// Runs `write` into standard output (file descriptor 1, after flushing what std::cout and stdout
/// hold, so the order is kept) and flushes it. A failure (a full disk behind a redirection, a
/// closed pipe) throws IoError("cannot write to standard output: <OS reason>"); an exception from
/// `write` propagates unchanged, except the IoError BlockWriter::finish raises because the stream
/// failed, which is replaced by the one with the OS reason.
void write_standard_output(const std::function<void(std::ostream&)>& write);

/// Buffers text and hands it to a stream in blocks of about `block_bytes`. Append with text()
/// (or put()), call maybe_flush() after each record and finish() at the end; the destructor
/// flushes what is left but cannot report a failure, so call finish().
class BlockWriter {
 public:
  explicit BlockWriter(std::ostream& out, std::size_t block_bytes = std::size_t{1} << 20);
  BlockWriter(const BlockWriter&) = delete;
  BlockWriter& operator=(const BlockWriter&) = delete;
  ~BlockWriter();

  /// The pending text; append to it.
  std::string& text() noexcept { return buf_; }
  void put(std::string_view s) { buf_.append(s); }
  /// Hands the pending text to the stream once it is a block or more.
  void maybe_flush() {
    if (buf_.size() >= block_) flush();
  }
  /// Hands all pending text to the stream.
  void flush();
  /// Flushes and checks the stream; throws IoError("writing <what> failed ...") when the stream
  /// failed (a full disk, a closed pipe).
  void finish(std::string_view what);

 private:
  std::ostream& out_;
  std::size_t block_;
  std::string buf_;
};

/// An incremental SHA-256 (FIPS 180-4). Throws InternalError if OpenSSL cannot provide it.
class Sha256 {
 public:
  using Digest = std::array<unsigned char, 32>;
  Sha256();
  Sha256(Sha256&&) noexcept;
  Sha256& operator=(Sha256&&) noexcept;
  ~Sha256();
  void update(std::string_view bytes);
  /// The digest of everything passed to update(); the object is then spent.
  Digest finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// SHA-256 of a byte string.
Sha256::Digest sha256(std::string_view bytes);
/// Lower-case hex of a digest (64 digits).
std::string to_hex(const Sha256::Digest& digest);
/// SHA-256 of a byte string, as 64 lower-case hex digits (what `sha256sum` prints).
std::string sha256_hex(std::string_view bytes);
/// SHA-256 of a file's bytes, streamed in O(1) memory, as 64 lower-case hex digits. Refuses what
/// read_file() refuses; throws IoError naming the file and the reason.
std::string sha256_file(const std::filesystem::path& file);

}  // namespace corridor
