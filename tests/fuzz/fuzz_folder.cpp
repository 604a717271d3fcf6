// Fuzzes the folder writers (corridor/io/folder.hpp) the way convert, ego and analyze use them,
// against every kind of thing already at the target. Input: a control byte, then the case files
// as in fuzz_case (relations.csv, nodes.csv, edges.csv, seeds.csv, parts separated by "@@@").
//   control % 8  what is at the target before: nothing, an empty folder, a folder holding a
//                manifest.json and src/a.js (the issue's folder that was deleted whole), a case
//                folder corridor wrote, the same with the user's notes.txt added, a report folder
//                corridor wrote, a plain file, the case folder itself (writing onto the input)
//   control / 8 % 4  the write: convert (write_case), ego (ego_case of the first node, 1 hop,
//                then write_case), a report folder (FolderWriter of kind report with analyze's
//                files) committed, or the same abandoned part-way by an exception
// Properties: a write that fails (any corridor::Error) leaves the target byte for byte as it
// was; one that succeeds leaves exactly the files it wrote plus the marker, and a case folder
// reads back equal to the case written; a folder corridor did not write (the manifest.json
// folder, notes added, a plain file) is never replaced; nothing is left beside the target (no
// temporary, no set-aside copy); the input case is never changed.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "corridor/error.hpp"
#include "corridor/io/case_io.hpp"
#include "corridor/io/folder.hpp"
#include "corridor/model/ego.hpp"
#include "fuzz/fuzz_util.hpp"

namespace {

namespace fs = std::filesystem;

// Every entry under `dir` (recursively, links not followed) with its bytes, or a mark of its type.
std::map<std::string, std::string> tree(const fs::path& dir) {
  std::map<std::string, std::string> out;
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(dir, ec))) return out;
  if (!fs::is_directory(fs::symlink_status(dir, ec))) {
    out[""] = "file:" + [&] {
      std::ifstream in(dir, std::ios::binary);
      return std::string(std::istreambuf_iterator<char>(in), {});
    }();
    return out;
  }
  out[""] = "dir";
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    const std::string rel = fs::relative(it->path(), dir).string();
    if (it->is_directory()) out[rel] = "dir";
    else {
      std::ifstream in(it->path(), std::ios::binary);
      out[rel] = std::string(std::istreambuf_iterator<char>(in), {});
    }
  }
  return out;
}

// Names beside `target` that a writer could have left: "." + name + anything.
std::vector<std::string> leftovers(const fs::path& target) {
  std::vector<std::string> out;
  const std::string prefix = "." + target.filename().string() + ".";
  for (const auto& e : fs::directory_iterator(target.parent_path()))
    if (e.path().filename().string().rfind(prefix, 0) == 0) out.push_back(e.path().filename().string());
  return out;
}

const corridor::Case& small_case() {
  static const corridor::Case c = [] {
    const fs::path dir = corridor::fuzz::scratch_dir() / "small";
    fs::create_directories(dir);
    corridor::fuzz::write_text(dir / "nodes.csv", "id,kind\nA,smuggler\nB,migrant\n");
    corridor::fuzz::write_text(dir / "edges.csv", "source,target,relation\nA,B,smuggled\n");
    return corridor::read_case(dir);
  }();
  return c;
}

void write_report(const fs::path& out, std::string_view body, bool abandon) {
  corridor::FolderWriter w(out, corridor::FolderKind::report);
  const char* const files[] = {"centrality.csv", "communities.csv", "scores.csv", "keyplayers.csv", "report.html",
                               "manifest.json"};
  for (std::size_t k = 0; k < 6; ++k) {
    w.write(files[k], [&](std::ostream& os) { os << body.substr(0, (k + 1) * body.size() / 6); });
    if (abandon && k == body.size() % 6) throw corridor::IoError("abandoned part-way (fuzz)");
  }
  w.commit();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace corridor;
  if (size == 0) return 0;
  const unsigned control = data[0];
  const std::string_view files(reinterpret_cast<const char*>(data) + 1, size - 1);
  const fs::path in = fuzz::write_case_folder(files, "in");
  ReadOptions opts;
  opts.max_problems = 5;
  opts.max_record_bytes = 4096;
  opts.max_columns = 64;
  Case c;
  try {
    c = read_case(in, opts);
  } catch (const InputError&) {
    c = small_case();  // the writers still run, on a case that reads
  }
  const auto input_before = tree(in);

  // What is at the target before.
  const fs::path out = fuzz::scratch_dir() / "out";
  fs::remove_all(out);
  for (const auto& name : leftovers(out)) fs::remove_all(out.parent_path() / name);
  const unsigned state = control % 8, op = control / 8 % 4;
  bool foreign = false;  // a target corridor may never replace
  fs::path target = out;
  switch (state) {
    case 0: break;
    case 1: fs::create_directories(out); break;
    case 2:
      fs::create_directories(out / "src");
      fuzz::write_text(out / "manifest.json", "{}");
      fuzz::write_text(out / "src" / "a.js", "x");
      foreign = true;
      break;
    case 3: write_case(small_case(), out); break;
    case 4:
      write_case(small_case(), out);
      fuzz::write_text(out / "notes.txt", "the analyst's notes");
      foreign = true;
      break;
    case 5: write_report(out, "an earlier report", false); break;
    case 6:
      fuzz::write_text(out, "a plain file");
      foreign = true;
      break;
    case 7: target = in; break;  // onto the input
  }
  const auto before = tree(target);

  bool ok = false;
  Case written;
  try {
    check_output_is_not_input(target, in);  // as convert, ego and analyze do first
    if (op == 0 || op == 1) {
      written = op == 0 || c.num_nodes() == 0 ? c : ego_case(c, 0, {.hops = 1});
      write_case(written, target);
    } else {
      write_report(target, files, op == 3);
    }
    ok = true;
  } catch (const Error&) {
  }

  const auto after = tree(target);
  if (!ok && after != before) __builtin_trap();        // a failed write changed the target
  if (ok && foreign) __builtin_trap();                 // replaced what corridor did not write
  if (ok && state == 7) __builtin_trap();              // wrote onto its own input
  if (!leftovers(target).empty()) __builtin_trap();    // a temporary or set-aside copy left behind
  if (state != 7 && tree(in) != input_before) __builtin_trap();  // the input changed
  if (ok) {
    if (!after.count(std::string(kFolderMarker))) __builtin_trap();
    if (op <= 1) {
      try {
        if (!(read_case(target) == written)) __builtin_trap();  // what was written reads back the same
      } catch (const InputError&) {
        __builtin_trap();  // corridor wrote a case it refuses
      }
      for (const auto& [name, bytes] : after)
        if (!name.empty() && name != kFolderMarker && name != "nodes.csv" && name != "edges.csv" &&
            name != "seeds.csv" && name != "relations.csv")
          __builtin_trap();  // a file of the old folder survived into the new one
    } else if (op == 3) {
      __builtin_trap();  // an abandoned report was committed
    } else if (after.size() != 8) {  // the folder, six files, the marker
      __builtin_trap();
    }
  }
  return 0;
}
