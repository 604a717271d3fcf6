#include "corridor/io/file.hpp"

#include <fcntl.h>
#include <openssl/evp.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <cstdio>
#include <iostream>
#include <ostream>
#include <streambuf>
#include <string>
#include <utility>
#include <vector>

#include "corridor/error.hpp"
#include "io/read_fd.hpp"

namespace corridor {

namespace fs = std::filesystem;

namespace {

// ---- reading ---------------------------------------------------------------------------------

// Closes a descriptor on every path out of a function.
struct Fd {
  int fd = -1;
  explicit Fd(int f) : fd(f) {}
  Fd(Fd&& o) noexcept : fd(std::exchange(o.fd, -1)) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

// Opens a file for reading; what() of the errors starts with `verb` ("cannot read x: ...").
// O_NONBLOCK so that opening a named pipe without a writer cannot hang; a pipe is then read to
// its end (nothing when no writer is there). Devices are refused: /dev/zero or /dev/urandom
// under a case file's name would otherwise be read until memory runs out.
Fd open_readable(const fs::path& file, struct stat& st) {
  Fd f{::open(file.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC)};
  if (f.fd < 0) throw IoError("cannot open " + file.string() + ": " + std::strerror(errno));
  if (::fstat(f.fd, &st) != 0 || !(S_ISREG(st.st_mode) || S_ISFIFO(st.st_mode)))
    throw IoError("cannot read " + file.string() + ": not a regular file");
  const int flags = ::fcntl(f.fd, F_GETFL);
  if (flags >= 0) ::fcntl(f.fd, F_SETFL, flags & ~O_NONBLOCK);
  return f;
}

// Calls sink(data, n) for each block of the file.
template <class Sink>
void read_blocks(const Fd& f, const fs::path& file, Sink&& sink) {
  std::vector<char> buf(1 << 16);
  const std::string name = file.string();
  while (const std::size_t n = detail::read_up_to(f.fd, buf.data(), buf.size(), name)) sink(buf.data(), n);
}

// ---- writing ---------------------------------------------------------------------------------

// A stream buffer over a file descriptor that remembers the first OS error, so the message can
// say why a write failed (ENOSPC on a full disk), which std::ofstream cannot.
class FdBuf : public std::streambuf {
 public:
  explicit FdBuf(int fd) : fd_(fd), buf_(1 << 16) { setp(buf_.data(), buf_.data() + buf_.size()); }
  int error() const noexcept { return error_; }
  bool drain() {
    char* p = pbase();
    while (p < pptr() && error_ == 0) {
      ssize_t n = ::write(fd_, p, static_cast<std::size_t>(pptr() - p));
      if (n < 0) {
        if (errno == EINTR) continue;
        error_ = errno;
        break;
      }
      p += n;
    }
    setp(buf_.data(), buf_.data() + buf_.size());
    return error_ == 0;
  }

 protected:
  int_type overflow(int_type ch) override {
    if (!drain()) return traits_type::eof();
    if (!traits_type::eq_int_type(ch, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(ch);
      pbump(1);
    }
    return traits_type::not_eof(ch);
  }
  int sync() override { return drain() ? 0 : -1; }

 private:
  int fd_;
  std::vector<char> buf_;
  int error_ = 0;
};

[[noreturn]] void io_fail(const fs::path& path, const std::string& what, int err) {
  throw IoError("cannot write " + path.string() + ": " + what + (err ? std::string(": ") + std::strerror(err) : ""));
}

// Runs the writer into fd and flushes; returns the OS error (0 on success). Exceptions from the
// writer propagate, except an IoError raised because the stream failed (BlockWriter::finish):
// the OS error behind it says more ("No space left on device") and is returned instead.
int write_through(int fd, const std::function<void(std::ostream&)>& write) {
  FdBuf buf(fd);
  std::ostream out(&buf);
  try {
    write(out);
  } catch (const IoError&) {
    if (buf.error()) return buf.error();
    throw;
  }
  out.flush();
  if (buf.error()) return buf.error();
  if (!out) return EIO;
  return 0;
}

// A device or pipe (/dev/stdout, /dev/full): renaming over it would replace the device, so it
// is written directly.
void write_in_place(const fs::path& path, const std::function<void(std::ostream&)>& write) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) io_fail(path, "cannot open", errno);
  int err = 0;
  try {
    err = write_through(fd, write);
  } catch (...) {
    ::close(fd);
    throw;
  }
  if (::close(fd) != 0 && err == 0) err = errno;
  if (err) io_fail(path, "write failed", err);
}

// Removes the temporaries that killed writers left beside `path` ("." + name + ".tmp-PID-N", as
// write_file_atomically names them): only a regular file of exactly that name whose process is
// gone and that no one holds locked (a live writer locks its temporary), so nothing but
// corridor's own leftovers is ever removed.
void remove_stale_temporaries(const fs::path& dir, const std::string& name) {
  const std::string prefix = "." + name + ".tmp-";
  std::vector<fs::path> stale;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string f = it->path().filename().string();
    if (f.rfind(prefix, 0) != 0) continue;
    const std::string rest = f.substr(prefix.size());
    const auto dash = rest.find('-');
    const auto digits = [](std::string_view s) {
      return !s.empty() && s.size() < 20 && s.find_first_not_of("0123456789") == std::string_view::npos;
    };
    if (dash == std::string::npos || !digits(std::string_view(rest).substr(0, dash)) ||
        !digits(std::string_view(rest).substr(dash + 1)))
      continue;
    const long pid = std::stol(rest.substr(0, dash));
    if (pid <= 0 || ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM) continue;  // its writer lives
    stale.push_back(it->path());
  }
  for (const fs::path& p : stale) {
    struct stat st {};
    if (::lstat(p.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
    const Fd f{::open(p.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)};
    if (f.fd < 0 || ::flock(f.fd, LOCK_EX | LOCK_NB) != 0) continue;
    ::unlink(p.c_str());
  }
}

}  // namespace

std::string read_file(const fs::path& file) {
  struct stat st {};
  const Fd f = open_readable(file, st);
  std::string text;
  if (S_ISREG(st.st_mode) && st.st_size > 0) text.reserve(static_cast<std::size_t>(st.st_size));
  read_blocks(f, file, [&](const char* data, std::size_t n) { text.append(data, n); });
  return text;
}

std::string read_file(const fs::path& file,
                      const std::function<void(std::string_view text, std::size_t block_start)>& check) {
  struct stat st {};
  const Fd f = open_readable(file, st);
  std::string text;
  // Reserve at most 256 MiB up front: a checked reader may stop long before the end, and the
  // size of a sparse file says nothing about its data (untouched reserved pages cost nothing,
  // but a reservation of 100 GB would fail outright).
  if (S_ISREG(st.st_mode) && st.st_size > 0)
    text.reserve(std::min<std::size_t>(static_cast<std::size_t>(st.st_size), std::size_t{1} << 28));
  read_blocks(f, file, [&](const char* data, std::size_t n) {
    const std::size_t start = text.size();
    text.append(data, n);
    check(text, start);
  });
  return text;
}

std::string read_file_range(const fs::path& file, std::uint64_t offset, std::uint64_t length) {
  struct stat st {};
  const Fd f = open_readable(file, st);
  if (!S_ISREG(st.st_mode)) throw IoError("cannot read " + file.string() + ": not a regular file");
  const auto size = static_cast<std::uint64_t>(st.st_size);
  if (offset >= size) return {};
  length = std::min(length, size - offset);
  std::string text(static_cast<std::size_t>(length), '\0');
  std::size_t done = 0;
  while (done < text.size()) {
    const auto n = ::pread(f.fd, text.data() + done, text.size() - done, static_cast<off_t>(offset + done));
    if (n > 0) {
      done += static_cast<std::size_t>(n);
    } else if (n == 0) {
      break;  // the file shrank while being read
    } else if (errno != EINTR) {
      throw IoError("cannot read " + file.string() + ": " + std::strerror(errno));
    }
  }
  text.resize(done);
  return text;
}

void write_standard_output(const std::function<void(std::ostream&)>& write) {
  std::cout.flush();
  std::fflush(stdout);
  const int err = write_through(STDOUT_FILENO, write);
  if (err) throw IoError(std::string("cannot write to standard output: ") + std::strerror(err));
}

void write_file_atomically(const fs::path& path, const std::function<void(std::ostream&)>& write) {
  struct stat st {};
  const bool exists = ::stat(path.c_str(), &st) == 0;
  if (exists && S_ISDIR(st.st_mode)) io_fail(path, "it is a folder", 0);
  if (exists && !S_ISREG(st.st_mode)) {
    write_in_place(path, write);
    return;
  }

  fs::path dir = path.parent_path();
  if (dir.empty()) dir = ".";
  remove_stale_temporaries(dir, path.filename().string());
  static std::atomic<unsigned> counter{0};
  fs::path tmp;
  int fd = -1;
  for (int attempt = 0; attempt < 100 && fd < 0; ++attempt) {
    tmp = dir / ("." + path.filename().string() + ".tmp-" + std::to_string(::getpid()) + "-" +
                 std::to_string(counter.fetch_add(1)));
    // 0666 minus the umask, like any new file (mkstemp would give 0600).
    fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, exists ? (st.st_mode & 07777) : 0666);
    if (fd < 0 && errno != EEXIST) io_fail(path, "cannot create a temporary file in " + dir.string(), errno);
  }
  if (fd < 0) io_fail(path, "cannot create a temporary file in " + dir.string(), EEXIST);
  (void)::flock(fd, LOCK_EX);  // "in use": a later writer never takes it for a killed run's leftover
  auto discard = [&] {
    ::close(fd);
    ::unlink(tmp.c_str());
  };
  int err = 0;
  try {
    err = write_through(fd, write);
  } catch (...) {
    discard();
    throw;
  }
  if (err) {
    discard();
    io_fail(path, "write failed", err);
  }
  if (::fsync(fd) != 0 && errno != EINVAL && errno != EROFS) {
    err = errno;
    discard();
    io_fail(path, "fsync failed", err);
  }
  if (::close(fd) != 0) {
    err = errno;
    ::unlink(tmp.c_str());
    io_fail(path, "close failed", err);
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    err = errno;
    ::unlink(tmp.c_str());
    io_fail(path, "cannot rename the temporary file over it", err);
  }
  // Make the rename itself durable; best effort (some file systems refuse fsync on folders).
  int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
}

// ---- BlockWriter -----------------------------------------------------------------------------

BlockWriter::BlockWriter(std::ostream& out, std::size_t block_bytes) : out_(out), block_(block_bytes) {
  // A little more than one block: a record that crosses the threshold fits without regrowing.
  buf_.reserve(block_ + block_ / 8);
}

BlockWriter::~BlockWriter() {
  if (buf_.empty()) return;
  try {
    flush();
  } catch (...) {  // a stream set to throw; finish() is where failures are reported
  }
}

void BlockWriter::flush() {
  if (buf_.empty()) return;
  out_.write(buf_.data(), static_cast<std::streamsize>(buf_.size()));
  buf_.clear();
}

void BlockWriter::finish(std::string_view what) {
  flush();
  out_.flush();
  if (!out_) throw IoError("writing " + std::string(what) + " failed (disk full or stream closed)");
}

// ---- SHA-256 ---------------------------------------------------------------------------------

struct Sha256::Impl {
  EVP_MD_CTX* ctx = nullptr;
  ~Impl() { EVP_MD_CTX_free(ctx); }
};

Sha256::Sha256() : impl_(std::make_unique<Impl>()) {
  impl_->ctx = EVP_MD_CTX_new();
  if (impl_->ctx == nullptr || EVP_DigestInit_ex(impl_->ctx, EVP_sha256(), nullptr) != 1)
    throw InternalError("internal error: SHA-256 is not available from OpenSSL");
}
Sha256::Sha256(Sha256&&) noexcept = default;
Sha256& Sha256::operator=(Sha256&&) noexcept = default;
Sha256::~Sha256() = default;

void Sha256::update(std::string_view bytes) {
  if (!impl_) throw InternalError("internal error: Sha256::update after finish");
  if (EVP_DigestUpdate(impl_->ctx, bytes.data(), bytes.size()) != 1)
    throw InternalError("internal error: SHA-256 update failed");
}

Sha256::Digest Sha256::finish() {
  if (!impl_) throw InternalError("internal error: Sha256::finish called twice");
  Digest d{};
  unsigned len = 0;
  const bool ok = EVP_DigestFinal_ex(impl_->ctx, d.data(), &len) == 1 && len == d.size();
  impl_.reset();
  if (!ok) throw InternalError("internal error: SHA-256 final failed");
  return d;
}

Sha256::Digest sha256(std::string_view bytes) {
  Sha256 h;
  h.update(bytes);
  return h.finish();
}

std::string to_hex(const Sha256::Digest& digest) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(2 * digest.size(), '0');
  for (std::size_t i = 0; i < digest.size(); ++i) {
    out[2 * i] = kDigits[digest[i] >> 4];
    out[2 * i + 1] = kDigits[digest[i] & 15];
  }
  return out;
}

std::string sha256_hex(std::string_view bytes) { return to_hex(sha256(bytes)); }

std::string sha256_file(const fs::path& file) {
  struct stat st {};
  const Fd f = open_readable(file, st);
  Sha256 h;
  read_blocks(f, file, [&](const char* data, std::size_t n) { h.update(std::string_view(data, n)); });
  return to_hex(h.finish());
}

std::size_t detail::read_up_to(int fd, char* p, std::size_t n, const std::string& file) {
  std::size_t got = 0;
  while (got < n) {
    const auto r = ::read(fd, p + got, n - got);
    if (r > 0) got += static_cast<std::size_t>(r);
    else if (r == 0) break;
    else if (errno != EINTR) throw IoError("cannot read " + file + ": " + std::strerror(errno));
  }
  return got;
}

}  // namespace corridor
