// corridor/io/folder.hpp: folders written as a whole, and only over what corridor wrote.
//
// A command that writes a folder (a case folder, a report) writes it into a temporary sibling
// and swaps it into place at the end, so a failure, a full disk, a kill or a second writer at the
// same time leaves the old folder or the complete new one, never a mixture. Every such folder
// holds a marker file, `.corridor-folder` (JSON: format "corridor-folder", version, kind, the
// files written); corridor replaces an existing folder only when its marker proves corridor
// wrote it and it holds nothing else: a folder merely holding a manifest.json, a hand-made case
// folder or a report folder with the analyst's notes added is refused with a message that says
// what to do. Temporaries left by a killed run are found (by their name, their marker and the
// lock no live writer holds any more) and removed on the next write to the same place.
//
//   corridor::FolderWriter w("out/case", corridor::FolderKind::case_folder);  // checks, cleans, locks
//   w.write("nodes.csv", [&](std::ostream& out) { out << "id,kind\n"; });
//   w.commit();                                                                 // swaps into place
#pragma once

#include <filesystem>
#include <functional>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace corridor {

/// What a folder written by corridor holds.
enum class FolderKind {
  case_folder,  ///< a case (nodes.csv, edges.csv, seeds.csv, relations.csv, truth.csv)
  report,       ///< a report of `corridor analyze`
};

/// "case" or "report", as the marker records it.
std::string_view to_string(FolderKind k) noexcept;

/// Name of the marker file in every folder corridor writes.
inline constexpr std::string_view kFolderMarker = ".corridor-folder";
/// Version of the marker's format this corridor writes and reads.
inline constexpr int kFolderMarkerVersion = 1;

/// Throws ParamError unless `dir` may be written as a folder of kind `kind`: it does not exist,
/// is an empty folder, or holds a marker of that kind and nothing but the files its marker
/// lists. The message names what is in the way. Lets a caller fail before the work.
void check_output_folder(const std::filesystem::path& dir, FolderKind kind);

/// Throws ParamError when writing `output` would overwrite or remove `input`: the same file or
/// folder (through any path or link), or an input inside an output folder.
void check_output_is_not_input(const std::filesystem::path& output, const std::filesystem::path& input);

/// Writes one folder as a whole. The constructor checks the target (check_output_folder),
/// removes stale temporaries of killed runs beside it, and creates a locked temporary sibling;
/// write() adds files to it; commit() writes the marker and swaps the temporary into place
/// (atomically with renameat2(RENAME_EXCHANGE) where the file system has it, else by two renames
/// that keep the old folder until the new one is whole). Without commit() the destructor removes
/// the temporary. Throws ParamError (the target is not replaceable) or IoError (the file system
/// refused; the message names the file and the OS reason).
class FolderWriter {
 public:
  FolderWriter(const std::filesystem::path& dir, FolderKind kind);
  FolderWriter(const FolderWriter&) = delete;
  FolderWriter& operator=(const FolderWriter&) = delete;
  ~FolderWriter();

  /// Writes `name` (a plain file name) into the folder; messages name the final path.
  void write(const std::string& name, const std::function<void(std::ostream&)>& writer);
  /// Swaps the folder into place; returns the final paths of the files written (marker not
  /// included). Throws ParamError when what is at the target changed into something corridor may
  /// not replace (it is then left as it was), IoError when a rename fails.
  std::vector<std::filesystem::path> commit();
  /// The final folder.
  const std::filesystem::path& dir() const noexcept { return dir_; }

 private:
  std::filesystem::path dir_, tmp_;
  FolderKind kind_;
  std::vector<std::string> files_;
  int lock_fd_ = -1;
  bool committed_ = false;
};

}  // namespace corridor
