#include "io/xml.hpp"

#include <algorithm>

#include "corridor/error.hpp"
#include "src_util.hpp"

namespace corridor::detail {

const std::string* XmlEvent::attribute(std::string_view n) const {
  for (const auto& a : attributes)
    if (a.name == n) return &a.value;
  return nullptr;
}

std::string_view XmlEvent::local_name() const {
  std::string_view n = name;
  auto colon = n.rfind(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

XmlReader::XmlReader(std::string_view document, std::string file, XmlLimits limits)
    : doc_(document), file_(std::move(file)), limits_(limits) {}

void XmlReader::fail(std::size_t line, const std::string& message) const {
  throw InputError(file_, line, "", message);
}

void XmlReader::advance(std::size_t n) {
  n = std::min(n, doc_.size() - pos_);
  line_ += static_cast<std::size_t>(std::count(doc_.begin() + static_cast<std::ptrdiff_t>(pos_),
                                               doc_.begin() + static_cast<std::ptrdiff_t>(pos_ + n), '\n'));
  pos_ += n;
}

void XmlReader::skip_space() {
  while (pos_ < doc_.size() && (doc_[pos_] == ' ' || doc_[pos_] == '\t' || doc_[pos_] == '\r' || doc_[pos_] == '\n'))
    advance(1);
}

namespace {
bool name_start(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':' || c >= 0x80;
}
bool name_char(unsigned char c) {
  return name_start(c) || (c >= '0' && c <= '9') || c == '-' || c == '.';
}
std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}
}  // namespace

std::string XmlReader::read_name() {
  const std::size_t start = pos_;
  if (pos_ < doc_.size() && name_start(static_cast<unsigned char>(doc_[pos_]))) {
    ++pos_;
    while (pos_ < doc_.size() && name_char(static_cast<unsigned char>(doc_[pos_]))) ++pos_;
  }
  if (pos_ - start > 1024) fail(line_, "a name longer than 1024 bytes");
  return std::string(doc_.substr(start, pos_ - start));
}

void XmlReader::decode_into(std::string_view raw, std::size_t line, bool attribute, std::string& out) const {
  // Runs of ordinary characters are appended in bulk; only the few special ones go char by char.
  const char* specials = attribute ? "&\r\n\t" : "&\r\n";
  for (std::size_t i = 0; i < raw.size(); ++i) {
    const std::size_t run_end = std::min(raw.find_first_of(specials, i), raw.size());
    if (run_end > i) {
      if (out.size() + (run_end - i) > limits_.max_text)
        fail(line, "a text or attribute value longer than " + std::to_string(limits_.max_text) + " bytes");
      out.append(raw.substr(i, run_end - i));
      i = run_end;
      if (i == raw.size()) break;
    }
    char c = raw[i];
    if (c == '\n') ++line;
    if (c == '\r') {
      // XML end-of-line handling: CRLF and lone CR become LF (an escaped &#13; survives).
      if (i + 1 < raw.size() && raw[i + 1] == '\n') {
        ++i;
        ++line;
      }
      c = '\n';
    }
    if (c == '&') {
      auto semi = raw.find(';', i);
      if (semi == std::string_view::npos || semi - i > 12)
        fail(line, "'&' must start an entity such as &amp; (write a literal & as &amp;)");
      std::string_view ent = raw.substr(i + 1, semi - i - 1);
      if (ent == "lt") out += '<';
      else if (ent == "gt") out += '>';
      else if (ent == "amp") out += '&';
      else if (ent == "quot") out += '"';
      else if (ent == "apos") out += '\'';
      else if (!ent.empty() && ent[0] == '#') {
        std::uint32_t cp = 0;
        const bool hex = ent.size() > 1 && ent[1] == 'x';
        std::string_view digits = ent.substr(hex ? 2 : 1);
        if (digits.empty()) fail(line, "empty character reference &" + std::string(ent) + ";");
        for (char d : digits) {
          int v = -1;
          if (d >= '0' && d <= '9') v = d - '0';
          else if (hex && d >= 'a' && d <= 'f') v = d - 'a' + 10;
          else if (hex && d >= 'A' && d <= 'F') v = d - 'A' + 10;
          if (v < 0) fail(line, "bad character reference &" + std::string(ent) + ";");
          cp = cp * (hex ? 16 : 10) + static_cast<std::uint32_t>(v);
          if (cp > 0x10FFFF) fail(line, "character reference &" + std::string(ent) + "; is beyond Unicode");
        }
        if (cp >= 0xD800 && cp <= 0xDFFF) fail(line, "character reference &" + std::string(ent) + "; is a surrogate");
        append_utf8(out, cp);
      } else {
        fail(line, "unknown entity &" + std::string(ent) + "; (XML knows &lt; &gt; &amp; &quot; &apos; and &#N;)");
      }
      i = semi;
    } else if (attribute && (c == '\n' || c == '\t')) {
      out += ' ';  // attribute-value normalisation; escaped &#10; and &#9; survive
    } else {
      out += c;
    }
    if (out.size() > limits_.max_text)
      fail(line, "a text or attribute value longer than " + std::to_string(limits_.max_text) + " bytes");
  }
}

void XmlReader::skip_misc_until_root() {
  if (starts_with("\xEF\xBB\xBF")) pos_ += 3;
  if (starts_with("\xFF\xFE") || starts_with("\xFE\xFF"))
    fail(1, "the file is UTF-16; save it as UTF-8");
  while (true) {
    skip_space();
    if (pos_ >= doc_.size()) fail(line_, "no XML root element (the file is empty or not XML)");
    if (starts_with("<?")) {
      auto end = doc_.find("?>", pos_);
      if (end == std::string_view::npos) fail(line_, "unclosed <? processing instruction");
      std::string_view pi = doc_.substr(pos_, end - pos_);
      if (pi.substr(0, 5) == "<?xml" && pi.size() > 5 && (pi[5] == ' ' || pi[5] == '\t' || pi[5] == '\r' || pi[5] == '\n')) {
        auto enc = pi.find("encoding");
        if (enc != std::string_view::npos) {
          auto q = pi.find_first_of("\"'", enc);
          if (q != std::string_view::npos) {
            auto q2 = pi.find(pi[q], q + 1);
            std::string e = lower(pi.substr(q + 1, q2 == std::string_view::npos ? 0 : q2 - q - 1));
            if (!limits_.transcoded && e != "utf-8" && e != "utf8" && e != "us-ascii" && e != "ascii")
              fail(line_, "encoding \"" + e + "\" is not supported; save the file as UTF-8 (ISO-8859-1 and "
                          "Windows-1252 are read as declared)");
          }
        }
      }
      advance(end + 2 - pos_);
    } else if (starts_with("<!--")) {
      auto end = doc_.find("-->", pos_ + 4);
      if (end == std::string_view::npos) fail(line_, "unclosed comment <!--");
      advance(end + 3 - pos_);
    } else if (starts_with("<!DOCTYPE")) {
      auto end = doc_.find_first_of("[>", pos_);
      if (end == std::string_view::npos) fail(line_, "unclosed <!DOCTYPE");
      if (doc_[end] == '[') fail(line_, "a DOCTYPE with an internal subset (entity declarations) is not supported");
      advance(end + 1 - pos_);
    } else if (doc_[pos_] == '<') {
      return;
    } else {
      fail(line_, "not XML: text before the root element");
    }
  }
}

// Past the root element only comments, processing instructions and space may come: skips them
// and returns the end event (an empty one), or fails.
XmlEvent XmlReader::after_root() {
  // Only comments, processing instructions and space may follow the root.
  while (true) {
    skip_space();
    if (pos_ >= doc_.size()) return XmlEvent{};
    if (starts_with("<!--")) {
      auto end = doc_.find("-->", pos_ + 4);
      if (end == std::string_view::npos) fail(line_, "unclosed comment <!--");
      advance(end + 3 - pos_);
    } else if (starts_with("<?")) {
      auto end = doc_.find("?>", pos_);
      if (end == std::string_view::npos) fail(line_, "unclosed <? processing instruction");
      advance(end + 2 - pos_);
    } else {
      fail(line_, "content after the end of the root element");
    }
  }
}

// read_text, read_end_tag and read_attribute are the tokenizer's hot path, split out of next()
// for reading's sake only: always inlined there, so the split costs no instructions.

// The text up to the next tag of the open element into out (entities decoded, CDATA as is),
// skipping comments and processing instructions; fails at the end of the document.
[[gnu::always_inline]] inline void XmlReader::read_text(std::string& out) {
  while (!stack_.empty()) {
    if (pos_ >= doc_.size())
      fail(stack_.back().line, "<" + stack_.back().name + "> is never closed (the file ends first)");
    if (doc_[pos_] != '<') {
      auto lt = doc_.find('<', pos_);
      if (lt == std::string_view::npos) lt = doc_.size();
      decode_into(doc_.substr(pos_, lt - pos_), line_, false, out);
      advance(lt - pos_);
    } else if (starts_with("<!--")) {
      auto end = doc_.find("-->", pos_ + 4);
      if (end == std::string_view::npos) fail(line_, "unclosed comment <!--");
      advance(end + 3 - pos_);
    } else if (starts_with("<![CDATA[")) {
      auto end = doc_.find("]]>", pos_ + 9);
      if (end == std::string_view::npos) fail(line_, "unclosed <![CDATA[ section");
      out.append(doc_.substr(pos_ + 9, end - pos_ - 9));
      if (out.size() > limits_.max_text)
        fail(line_, "a text longer than " + std::to_string(limits_.max_text) + " bytes");
      advance(end + 3 - pos_);
    } else if (starts_with("<?")) {
      auto end = doc_.find("?>", pos_);
      if (end == std::string_view::npos) fail(line_, "unclosed <? processing instruction");
      advance(end + 2 - pos_);
    } else if (starts_with("<!")) {
      fail(line_, "unexpected <! inside the document");
    } else {
      break;
    }
  }
}

// An end tag, from "</"; e holds its line.
[[gnu::always_inline]] inline XmlEvent XmlReader::read_end_tag(XmlEvent e) {
  advance(2);
  e.type = XmlEvent::Type::end;
  e.name = read_name();
  skip_space();
  if (pos_ >= doc_.size() || doc_[pos_] != '>') fail(line_, "malformed end tag </" + e.name + " (expected '>')");
  advance(1);
  if (stack_.empty()) fail(e.line, "</" + e.name + "> closes nothing");
  if (stack_.back().name != e.name)
    fail(e.line, "</" + e.name + "> does not match <" + stack_.back().name + "> opened on line " +
                     std::to_string(stack_.back().line));
  stack_.pop_back();
  if (stack_.empty()) root_closed_ = true;
  return e;
}

// One attribute of start tag e, from its name; its value decoded.
[[gnu::always_inline]] inline void XmlReader::read_attribute(XmlEvent& e) {
  const std::size_t attr_line = line_;
  XmlAttribute a;
  a.name = read_name();
  if (a.name.empty()) fail(attr_line, "malformed attribute in <" + e.name + ">");
  skip_space();
  if (pos_ >= doc_.size() || doc_[pos_] != '=') fail(line_, "attribute " + a.name + " of <" + e.name + "> has no '=value'");
  advance(1);
  skip_space();
  if (pos_ >= doc_.size() || (doc_[pos_] != '"' && doc_[pos_] != '\''))
    fail(line_, "attribute " + a.name + " of <" + e.name + "> must be quoted");
  const char q = doc_[pos_];
  auto end = doc_.find(q, pos_ + 1);
  if (end == std::string_view::npos) fail(attr_line, "attribute " + a.name + " of <" + e.name + "> is never closed");
  std::string_view raw = doc_.substr(pos_ + 1, end - pos_ - 1);
  if (raw.find('<') != std::string_view::npos)
    fail(attr_line, "attribute " + a.name + " of <" + e.name + "> contains '<' (escape it as &lt;)");
  decode_into(raw, attr_line, true, a.value);
  advance(end + 1 - pos_);
  if (e.attribute(a.name)) fail(attr_line, "attribute " + a.name + " appears twice in <" + e.name + ">");
  if (e.attributes.size() >= limits_.max_attributes)
    fail(attr_line, "<" + e.name + "> has more than " + std::to_string(limits_.max_attributes) + " attributes");
  e.attributes.push_back(std::move(a));
}

XmlEvent XmlReader::next() {
  if (pending_end_) {
    pending_end_ = false;
    XmlEvent e;
    e.type = XmlEvent::Type::end;
    e.name = std::move(pending_.name);
    e.line = pending_.line;
    return e;
  }
  if (root_closed_) return after_root();
  if (!root_seen_) skip_misc_until_root();

  XmlEvent text;
  text.type = XmlEvent::Type::text;
  text.line = line_;
  read_text(text.text);
  if (!text.text.empty()) return text;

  XmlEvent e;
  e.line = line_;
  if (starts_with("</")) return read_end_tag(std::move(e));
  advance(1);  // '<'
  e.type = XmlEvent::Type::start;
  e.name = read_name();
  if (e.name.empty()) fail(e.line, "'<' must start an element name (write a literal < as &lt;)");
  bool self_closing = false;
  while (true) {
    const bool had_space = pos_ < doc_.size() && (doc_[pos_] == ' ' || doc_[pos_] == '\t' || doc_[pos_] == '\r' || doc_[pos_] == '\n');
    skip_space();
    if (pos_ >= doc_.size()) fail(e.line, "<" + e.name + " is never closed (the file ends first)");
    if (doc_[pos_] == '>') {
      advance(1);
      break;
    }
    if (starts_with("/>")) {
      advance(2);
      self_closing = true;
      break;
    }
    if (!had_space) fail(line_, "malformed tag <" + e.name + ": expected a space, '>' or '/>'");
    read_attribute(e);
  }
  if (stack_.size() >= limits_.max_depth)
    fail(e.line, "elements are nested more than " + std::to_string(limits_.max_depth) + " levels deep");
  root_seen_ = true;
  if (self_closing) {
    pending_end_ = true;
    pending_.name = e.name;
    pending_.line = e.line;
    if (stack_.empty()) root_closed_ = true;
  } else {
    stack_.push_back(Open{e.name, e.line});
  }
  return e;
}

void xml_escape(std::string& out, std::string_view s) {
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
          out += "&#";
          out += std::to_string(static_cast<unsigned char>(c));
          out += ';';
        } else {
          out += c;
        }
    }
  }
}

std::string xml_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  xml_escape(out, s);
  return out;
}

}  // namespace corridor::detail
