// Folders written as a whole: a locked temporary sibling, a marker that proves what corridor
// wrote, and a swap into place.
#include "corridor/io/folder.hpp"

#include <fcntl.h>
#include <stdio.h>  // renameat2, RENAME_EXCHANGE (glibc >= 2.28)
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <nlohmann/json.hpp>
#include <ostream>
#include <thread>

#include "corridor/error.hpp"
#include "corridor/io/file.hpp"
#include "corridor/version.hpp"

namespace corridor {

namespace fs = std::filesystem;

std::string_view to_string(FolderKind k) noexcept { return k == FolderKind::report ? "report" : "case"; }

namespace {

constexpr std::string_view kMarkerFormat = "corridor-folder";
constexpr std::uintmax_t kMaxMarkerBytes = 1 << 20;

std::string os_reason(int err) { return std::strerror(err); }

// A name corridor may write inside a folder: one path component, no hidden tricks.
bool plain_name(std::string_view name) {
  return !name.empty() && name != "." && name != ".." && name.find('/') == std::string_view::npos &&
         name.find('\0') == std::string_view::npos;
}

struct Marker {
  std::string problem;  // empty when the marker is valid
  std::string kind;
  bool complete = false;
  std::vector<std::string> files;
};

// The marker of `dir`, or why there is none that proves anything.
Marker read_marker(const fs::path& dir) {
  Marker m;
  const fs::path file = dir / std::string(kFolderMarker);
  struct stat st {};
  if (::lstat(file.c_str(), &st) != 0) {
    m.problem = "it holds no " + std::string(kFolderMarker) + " marker";
    return m;
  }
  if (!S_ISREG(st.st_mode) || static_cast<std::uintmax_t>(st.st_size) > kMaxMarkerBytes) {
    m.problem = "its " + std::string(kFolderMarker) + " is not a marker corridor wrote";
    return m;
  }
  std::string text;
  try {
    text = read_file(file);
  } catch (const IoError& e) {
    m.problem = e.what();
    return m;
  }
  const auto j = nlohmann::json::parse(text, nullptr, false);
  const auto bad = [&] {
    m.problem = "its " + std::string(kFolderMarker) + " is not a marker corridor wrote";
    return m;
  };
  if (j.is_discarded() || !j.is_object()) return bad();
  const auto format = j.find("format"), version = j.find("version"), kind = j.find("kind"), files = j.find("files"),
             complete = j.find("complete");
  if (format == j.end() || !format->is_string() || format->get<std::string>() != kMarkerFormat) return bad();
  if (version == j.end() || !version->is_number_integer()) return bad();
  if (version->get<std::int64_t>() > kFolderMarkerVersion) {
    m.problem = "its marker comes from a newer corridor (format version " + std::to_string(version->get<std::int64_t>()) + ")";
    return m;
  }
  if (kind == j.end() || !kind->is_string() || files == j.end() || !files->is_array()) return bad();
  if (complete == j.end() || !complete->is_boolean()) return bad();
  m.kind = kind->get<std::string>();
  m.complete = complete->get<bool>();
  for (const auto& f : *files) {
    if (!f.is_string() || !plain_name(f.get_ref<const std::string&>())) return bad();
    m.files.push_back(f.get<std::string>());
  }
  return m;
}

void write_marker(const fs::path& dir, FolderKind kind, bool complete, const std::vector<std::string>& files) {
  nlohmann::json j = {{"format", kMarkerFormat},
                      {"version", kFolderMarkerVersion},
                      {"kind", to_string(kind)},
                      {"complete", complete},
                      {"files", files},
                      {"corridor", CORRIDOR_VERSION_STRING},
                      {"note", "written by corridor, which replaces this folder only while it holds nothing else"}};
  const std::string text = j.dump(2) + "\n";
  write_file_atomically(dir / std::string(kFolderMarker), [&](std::ostream& out) { out << text; });
}

// Empty when `dir` (an existing folder) may be replaced by a folder of `kind`, else why not.
std::string why_not_replaceable(const fs::path& dir, FolderKind kind) {
  std::vector<std::string> names;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    names.push_back(it->path().filename().string());
  if (ec) throw IoError("cannot list " + dir.string() + ": " + ec.message());
  if (names.empty()) return {};
  const Marker m = read_marker(dir);
  if (!m.problem.empty())
    return dir.string() + " is not empty and was not written by corridor (" + m.problem +
           "): corridor replaces only a folder it wrote, so that nothing of yours is lost; choose a new or empty "
           "folder, or move " + dir.string() + " away yourself";
  if (m.kind != to_string(kind))
    return dir.string() + " holds a corridor " + m.kind + ", not a " + std::string(to_string(kind)) +
           "; choose another folder";
  std::vector<std::string> foreign;
  for (const auto& name : names) {
    if (name == kFolderMarker) continue;
    const bool listed = std::find(m.files.begin(), m.files.end(), name) != m.files.end();
    struct stat st {};
    const bool regular = ::lstat((dir / name).c_str(), &st) == 0 && S_ISREG(st.st_mode);
    if (!listed || !regular) foreign.push_back(name);
  }
  if (foreign.empty()) return {};
  std::sort(foreign.begin(), foreign.end());
  std::string list;
  for (std::size_t i = 0; i < foreign.size() && i < 5; ++i) list += (i ? ", " : "") + foreign[i];
  if (foreign.size() > 5) list += " and " + std::to_string(foreign.size() - 5) + " more";
  return dir.string() + " holds what corridor did not write there (" + list +
         "): replacing the folder would delete it; move it out, or choose another folder";
}

// Closes a descriptor (and so releases its lock) on every way out.
struct Fd {
  int fd = -1;
  explicit Fd(int f = -1) : fd(f) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

// A directory opened (not through a link) and locked exclusively, or -1: the lock is how a
// writer says "mine, in use"; the kernel drops it when the writer dies, even by SIGKILL.
int lock_folder(const fs::path& dir, bool wait) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return -1;
  if (::flock(fd, LOCK_EX | (wait ? 0 : LOCK_NB)) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

void sync_folder(const fs::path& dir) {
  const Fd f{::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)};
  if (f.fd >= 0) (void)::fsync(f.fd);
}

// Removes the temporaries and set-aside folders of earlier runs that died: named as this
// writer names them, holding a corridor marker, and locked by no live writer.
void remove_stale(const fs::path& parent, const std::string& name) {
  const std::string tmp_prefix = "." + name + ".corridor-tmp-", old_prefix = "." + name + ".corridor-old-";
  std::vector<fs::path> candidates;
  std::error_code ec;
  for (fs::directory_iterator it(parent, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string f = it->path().filename().string();
    if (f.rfind(tmp_prefix, 0) == 0 || f.rfind(old_prefix, 0) == 0) candidates.push_back(it->path());
  }
  for (const fs::path& p : candidates) {
    struct stat st {};
    if (::lstat(p.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) continue;
    if (!read_marker(p).problem.empty()) continue;  // not proven to be corridor's
    const Fd lock{lock_folder(p, false)};
    if (lock.fd < 0) continue;  // a live writer holds it
    fs::remove_all(p, ec);
  }
}

[[noreturn]] void rename_failed(const fs::path& from, const fs::path& to, int err) {
  throw IoError("cannot move " + from.string() + " to " + to.string() + ": " + os_reason(err));
}

std::atomic<unsigned> g_counter{0};

fs::path sibling(const fs::path& parent, const std::string& name, const char* what) {
  return parent / ("." + name + ".corridor-" + what + "-" + std::to_string(::getpid()) + "-" +
                   std::to_string(g_counter.fetch_add(1)));
}

fs::path folder_of(const fs::path& dir_in) {
  const fs::path dir = dir_in.has_filename() ? dir_in : dir_in.parent_path();
  if (dir.empty() || dir.filename() == "." || dir.filename() == "..")
    throw ParamError("the output folder \"" + dir_in.string() + "\" does not name a folder; give a path such as out/case");
  return dir;
}

}  // namespace

void check_output_folder(const fs::path& dir_in, FolderKind kind) {
  const fs::path dir = folder_of(dir_in);
  struct stat st {};
  if (::lstat(dir.c_str(), &st) != 0) {
    if (errno == ENOENT) return;
    throw IoError("cannot inspect " + dir.string() + ": " + os_reason(errno));
  }
  if (S_ISLNK(st.st_mode))
    throw ParamError(dir.string() + " is a symbolic link; corridor would replace the link, not what it points to: "
                     "give the folder itself, or another place");
  if (!S_ISDIR(st.st_mode)) throw ParamError(dir.string() + " exists and is not a folder; choose another place");
  if (std::string why = why_not_replaceable(dir, kind); !why.empty()) throw ParamError(why);
}

void check_output_is_not_input(const fs::path& output, const fs::path& input) {
  if (output.empty() || input.empty()) return;
  std::error_code ec;
  if (fs::exists(output, ec) && fs::exists(input, ec) && fs::equivalent(output, input, ec))
    throw ParamError("the output " + output.string() + " is the input " + input.string() +
                     " itself; write to another place (the input would be replaced)");
  const fs::path out = fs::weakly_canonical(output, ec);
  if (ec) return;
  const fs::path in = fs::weakly_canonical(input, ec);
  if (ec) return;
  auto o = out.begin(), i = in.begin();
  for (; o != out.end() && i != in.end() && *o == *i; ++o, ++i) {
  }
  if (o == out.end() && i != in.end())
    throw ParamError("the input " + input.string() + " lies inside the output folder " + output.string() +
                     ", which is replaced whole; write to another place");
}

FolderWriter::FolderWriter(const fs::path& dir_in, FolderKind kind) : dir_(folder_of(dir_in)), kind_(kind) {
  check_output_folder(dir_, kind_);
  const fs::path parent = dir_.parent_path().empty() ? fs::path(".") : dir_.parent_path();
  std::error_code ec;
  fs::create_directories(parent, ec);
  if (ec) throw IoError("cannot create the folder " + parent.string() + ": " + ec.message());
  const std::string name = dir_.filename().string();
  remove_stale(parent, name);
  for (int attempt = 0; attempt < 100; ++attempt) {
    tmp_ = sibling(parent, name, "tmp");
    if (::mkdir(tmp_.c_str(), 0777) == 0) break;
    if (errno != EEXIST) throw IoError("cannot create a temporary folder beside " + dir_.string() + ": " + os_reason(errno));
    tmp_.clear();
  }
  if (tmp_.empty()) throw IoError("cannot create a temporary folder beside " + dir_.string() + ": " + os_reason(EEXIST));
  lock_fd_ = lock_folder(tmp_, true);
  try {
    if (lock_fd_ < 0) throw IoError("cannot lock " + tmp_.string() + ": " + os_reason(errno));
    write_marker(tmp_, kind_, false, {});
  } catch (...) {
    fs::remove_all(tmp_, ec);
    if (lock_fd_ >= 0) ::close(lock_fd_);
    throw;
  }
}

FolderWriter::~FolderWriter() {
  if (!committed_ && !tmp_.empty()) {
    std::error_code ec;
    fs::remove_all(tmp_, ec);
  }
  if (lock_fd_ >= 0) ::close(lock_fd_);
}

void FolderWriter::write(const std::string& name, const std::function<void(std::ostream&)>& writer) {
  if (!plain_name(name) || name == kFolderMarker)
    throw InternalError("internal error: FolderWriter::write needs a plain file name, got \"" + name + "\"");
  if (committed_) throw InternalError("internal error: FolderWriter::write after commit");
  try {
    write_file_atomically(tmp_ / name, writer);
  } catch (const IoError& e) {
    // Name the file the user asked for, not the temporary.
    std::string what = e.what();
    const std::string from = tmp_.string(), to = dir_.string();
    for (std::size_t at = what.find(from); at != std::string::npos; at = what.find(from, at + to.size()))
      what.replace(at, from.size(), to);
    throw IoError(what);
  }
  if (std::find(files_.begin(), files_.end(), name) == files_.end()) files_.push_back(name);
}

std::vector<fs::path> FolderWriter::commit() {
  if (committed_) throw InternalError("internal error: FolderWriter::commit twice");
  write_marker(tmp_, kind_, true, files_);
  if (::fsync(lock_fd_) != 0 && errno != EINVAL && errno != EROFS)
    throw IoError("cannot write " + dir_.string() + ": fsync failed: " + os_reason(errno));
  const fs::path parent = dir_.parent_path().empty() ? fs::path(".") : dir_.parent_path();
  for (int attempt = 0;; ++attempt) {
    struct stat st {};
    if (::lstat(dir_.c_str(), &st) != 0) {
      if (errno != ENOENT) throw IoError("cannot inspect " + dir_.string() + ": " + os_reason(errno));
      // Nothing there: a plain rename, which fails if another writer got there first.
      if (::rename(tmp_.c_str(), dir_.c_str()) == 0) break;
      if ((errno == ENOTEMPTY || errno == EEXIST) && attempt < 50) continue;
      rename_failed(tmp_, dir_, errno);
    }
    check_output_folder(dir_, kind_);
    // Lock what is there now: another writer committing holds it until its swap is done, and a
    // set-aside folder we hold is not taken for a stale one.
    const Fd old_lock{lock_folder(dir_, false)};
    if (old_lock.fd < 0) {
      if (attempt >= 200)
        throw IoError("cannot write " + dir_.string() + ": another corridor has been writing it for 10 s; try again");
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      continue;
    }
    if (::renameat2(AT_FDCWD, tmp_.c_str(), AT_FDCWD, dir_.c_str(), RENAME_EXCHANGE) == 0) {
      // tmp_ now names what was there: make sure it was what check_output_folder() saw.
      std::string why;
      try {
        why = why_not_replaceable(tmp_, kind_);
      } catch (const Error& e) {
        why = e.what();
      }
      if (!why.empty()) {
        const bool back = ::renameat2(AT_FDCWD, tmp_.c_str(), AT_FDCWD, dir_.c_str(), RENAME_EXCHANGE) == 0;
        if (!back) {
          // the new folder stays at the target; what was there is at tmp_, whole
          committed_ = true;
          throw ParamError(dir_.string() + " changed while corridor wrote it; what was there is now at " +
                           tmp_.string() + " (" + why + ")");
        }
        throw ParamError(dir_.string() + " changed while corridor wrote it and was left as it is: " + why);
      }
      std::error_code ec;
      fs::remove_all(tmp_, ec);
      break;
    }
    const int err = errno;
    if (err == ENOENT) continue;  // gone meanwhile: try the plain rename
    if (err != EINVAL && err != ENOSYS && err != EOPNOTSUPP) rename_failed(tmp_, dir_, err);
    // No atomic exchange on this file system: set the old folder aside (locked, so no one takes
    // it for stale), move the new one in, and put the old one back if that fails.
    const fs::path old = sibling(parent, dir_.filename().string(), "old");
    if (::rename(dir_.c_str(), old.c_str()) != 0) rename_failed(dir_, old, errno);
    if (::rename(tmp_.c_str(), dir_.c_str()) != 0) {
      const int e2 = errno;
      (void)::rename(old.c_str(), dir_.c_str());
      rename_failed(tmp_, dir_, e2);
    }
    std::error_code ec;
    fs::remove_all(old, ec);
    break;
  }
  committed_ = true;
  sync_folder(parent);
  ::close(lock_fd_);
  lock_fd_ = -1;
  std::vector<fs::path> out;
  for (const auto& f : files_) out.push_back(dir_ / f);
  return out;
}

}  // namespace corridor
