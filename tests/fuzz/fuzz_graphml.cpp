// Fuzzes GraphML import from memory with small limits; a case that reads must survive a
// snapshot round trip, and GraphML export then import must give an equal case.
//
// An input starting with byte 0x01 is a split value instead: the rest, cut at '|', becomes the
// pieces of one label given both as a <default> and as a node's <data>, the pieces separated by
// child elements, comments and CDATA sections in turn. The reader must either refuse it or read
// exactly the pieces joined, and never a value over the limit however it is split.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "corridor/error.hpp"
#include "corridor/io/graphml.hpp"
#include "corridor/io/snapshot.hpp"

namespace {

constexpr std::size_t kLimit = 2048;

std::string escaped(std::string_view s) {
  std::string out;
  for (char ch : s) {
    if (ch == '<') out += "&lt;";
    else if (ch == '&') out += "&amp;";
    else if (ch == '>') out += "&gt;";
    else out += ch;
  }
  return out;
}

// Every value a case holds is within the limit the reader was given.
bool values_bounded(const corridor::Case& c) {
  for (corridor::NodeId v = 0; v < c.num_nodes(); ++v)
    if (c.label(v).size() > kLimit || c.role(v).size() > kLimit || c.country(v).size() > kLimit) return false;
  for (const auto* attrs : {&c.node_attributes(), &c.evidence_attributes()})
    for (const auto& a : *attrs)
      for (std::size_t i = 0; i < a.values.size(); ++i)
        if (a.values[i].size() > kLimit) return false;
  return true;
}

// The text an XML reader sees for s: every CRLF and every lone CR become LF (XML 1.0, 2.11).
// Pieces are separated by markup, so a pair never spans two of them.
std::string line_ends_normalised(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\r') {
      out += s[i];
      continue;
    }
    out += '\n';
    if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
  }
  return out;
}

void split_value(std::string_view input, const corridor::ReadOptions& opts) {
  std::vector<std::string_view> pieces;
  for (std::size_t at = 0;;) {
    const auto bar = input.find('|', at);
    pieces.push_back(input.substr(at, bar == std::string_view::npos ? std::string_view::npos : bar - at));
    if (bar == std::string_view::npos) break;
    at = bar + 1;
  }
  std::string joined, value;  // joined: the value as read, line ends normalised
  bool plain = true;  // no byte the XML reader may normalise or refuse
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    const std::string as_read = line_ends_normalised(pieces[i]);
    joined += as_read;
    for (unsigned char ch : pieces[i]) plain = plain && ch >= 0x20 && ch < 0x7F;
    if (i % 3 == 0) value += escaped(pieces[i]) + "<b>x</b>";
    else if (i % 3 == 1) value += escaped(pieces[i]) + "<!-- c -->";
    else value += "<![CDATA[" + std::string(pieces[i].find("]]>") == std::string_view::npos ? pieces[i] : "") + "]]>";
    if (i % 3 == 2 && pieces[i].find("]]>") != std::string_view::npos) joined.resize(joined.size() - as_read.size());
  }
  const std::string head =
      "<?xml version=\"1.0\"?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
      "<key id=\"l\" for=\"node\" attr.name=\"label\"><default>";
  const std::string xml = head + value + "</default></key>\n<graph><node id=\"a\"/><node id=\"b\"><data key=\"l\">" +
                          value + "</data></node></graph></graphml>\n";
  try {
    corridor::Case c = corridor::read_graphml_string(xml, "split.graphml", opts);
    if (joined.size() > kLimit) __builtin_trap();  // a value over the limit was accepted
    if (!values_bounded(c)) __builtin_trap();
    if (plain && (c.label(0) != joined || c.label(1) != joined)) __builtin_trap();
  } catch (const corridor::InputError& e) {
    if (e.problems().empty()) __builtin_trap();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace corridor;
  const std::string_view xml(reinterpret_cast<const char*>(data), size);
  ReadOptions opts;
  opts.max_problems = 5;
  opts.max_record_bytes = kLimit;
  opts.max_columns = 32;
  if (!xml.empty() && xml[0] == '\x01') {
    split_value(xml.substr(1), opts);
    return 0;
  }
  try {
    Case c = read_graphml_string(xml, "fuzz.graphml", opts);
    if (!values_bounded(c)) __builtin_trap();
    if (!(snapshot_from_bytes(snapshot_bytes(c)) == c)) __builtin_trap();
    std::ostringstream out;
    write_graphml(c, out);
    Case back = read_graphml_string(out.str(), "roundtrip.graphml");
    if (!(back == c)) __builtin_trap();
  } catch (const InputError& e) {
    if (e.problems().empty()) __builtin_trap();
  }
  return 0;
}
