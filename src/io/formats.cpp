#include "corridor/io/formats.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <ostream>
#include <streambuf>
#include <string>
#include <system_error>

#include "corridor/error.hpp"
#include "corridor/io/case_io.hpp"
#include "corridor/io/export.hpp"
#include "corridor/io/graphml.hpp"
#include "corridor/io/snapshot.hpp"

namespace corridor {

namespace fs = std::filesystem;

namespace {

constexpr const char* kKnownFormats =
    "a case folder, .corridor (snapshot), .graphml, .gexf, .dot, .json (node-link)";

std::string lower_ext(const fs::path& p) {
  std::string e = p.extension().string();
  for (char& c : e)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return e;
}

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
// writer propagate.
int write_through(int fd, const std::function<void(std::ostream&)>& write) {
  FdBuf buf(fd);
  std::ostream out(&buf);
  write(out);
  out.flush();
  if (buf.error()) return buf.error();
  if (!out) return EIO;
  return 0;
}

}  // namespace

Format format_of(const fs::path& path, bool for_writing) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) return Format::case_folder;
  const std::string ext = lower_ext(path);
  if (ext == ".corridor") return Format::snapshot;
  if (ext == ".graphml") return Format::graphml;
  if (for_writing) {
    if (ext == ".gexf") return Format::gexf;
    if (ext == ".dot" || ext == ".gv") return Format::dot;
    if (ext == ".json") return Format::json;
  }
  // A path with no extension that does not exist yet names a folder to create (or to report as
  // missing when reading).
  if (ext.empty() && !fs::exists(path, ec)) return Format::case_folder;
  if (!for_writing && (ext == ".gexf" || ext == ".dot" || ext == ".gv" || ext == ".json"))
    throw ParamError("cannot read " + path.string() + ": " + ext +
                     " is an export format; corridor reads a case folder, .corridor or .graphml");
  throw ParamError("unknown format of " + path.string() + (ext.empty() ? "" : " (" + ext + ")") + "; known: " +
                   kKnownFormats);
}

Case load_case(const fs::path& path, const ReadOptions& options) {
  std::error_code ec;
  if (!fs::exists(path, ec))
    throw IoError("cannot read " + path.string() + ": no such file or folder");
  Case c;
  switch (format_of(path, false)) {
    case Format::case_folder: c = read_case(path, options); break;
    case Format::snapshot: c = load_snapshot(path); break;
    case Format::graphml: c = read_graphml(path, options); break;
    default: throw ParamError("cannot read " + path.string() + "; corridor reads a case folder, .corridor or .graphml");
  }
  if (c.origin().empty()) c.set_origin(path.string());
  return c;
}

void save_case(const Case& c, const fs::path& path) {
  switch (format_of(path, true)) {
    case Format::case_folder: write_case(c, path); return;
    case Format::snapshot: save_snapshot(c, path); return;
    case Format::graphml:
    case Format::gexf:
    case Format::dot:
    case Format::json: export_case(c, format_of(path, true), path); return;
  }
}

void write_file_atomically(const fs::path& path, const std::function<void(std::ostream&)>& write) {
  struct stat st {};
  const bool exists = ::stat(path.c_str(), &st) == 0;
  if (exists && S_ISDIR(st.st_mode)) io_fail(path, "it is a folder", 0);
  if (exists && !S_ISREG(st.st_mode)) {
    // A device or pipe (/dev/stdout, /dev/full): renaming over it would replace the device, so
    // write to it directly.
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
    return;
  }

  fs::path dir = path.parent_path();
  if (dir.empty()) dir = ".";
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

}  // namespace corridor
