// A small, careful, non-recursive XML reader and an escaper, for GraphML (private to src/io).
//
// Why not a DOM parser: Boost.PropertyTree's parser (rapidxml) recurses once per nesting level,
// so a deeply nested file overflows the stack, and it reports no line for an element. This reader
// is a pull tokenizer with an explicit stack: bounded depth, bounded text, a line number on every
// event, the five predefined entities and character references, CDATA, comments, processing
// instructions, and a DOCTYPE without internal subset (so no entity expansion attacks).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace corridor::detail {

struct XmlLimits {
  std::size_t max_depth = 256;          ///< deeper nesting is an error
  std::size_t max_text = 1 << 20;       ///< bytes of one attribute value or text run
  std::size_t max_attributes = 4096;    ///< attributes on one element
  /// The document was transcoded to UTF-8 before parsing, so the encoding its declaration names
  /// (ISO-8859-1, UTF-16, ...) is no longer the encoding of the bytes and is not checked.
  bool transcoded = false;
};

struct XmlAttribute {
  std::string name;
  std::string value;
};

struct XmlEvent {
  enum class Type { start, end, text, done };
  Type type = Type::done;
  std::string name;                   ///< element name as written (with any prefix)
  std::vector<XmlAttribute> attributes;
  std::string text;                   ///< decoded text (type text)
  std::size_t line = 0;               ///< 1-based line where the event starts

  /// The attribute's value, or nullptr.
  const std::string* attribute(std::string_view name) const;
  /// The name without its namespace prefix ("y:ShapeNode" -> "ShapeNode").
  std::string_view local_name() const;
};

class XmlReader {
 public:
  XmlReader(std::string_view document, std::string file, XmlLimits limits = {});

  /// The next event; Type::done after the root element closed. Self-closing elements give a
  /// start and an end event. Throws InputError("file:line: ...") on malformed XML.
  XmlEvent next();

  /// Depth of open elements (0 outside the root).
  std::size_t depth() const noexcept { return stack_.size(); }
  const std::string& file() const noexcept { return file_; }

  [[noreturn]] void fail(std::size_t line, const std::string& message) const;

 private:
  void advance(std::size_t n);
  bool starts_with(std::string_view s) const { return doc_.substr(pos_, s.size()) == s; }
  std::string read_name();
  void skip_space();
  void decode_into(std::string_view raw, std::size_t line, bool attribute, std::string& out) const;
  void skip_misc_until_root();
  XmlEvent after_root();
  void read_text(std::string& out);
  XmlEvent read_end_tag(XmlEvent e);
  void read_attribute(XmlEvent& e);

  std::string_view doc_;
  std::string file_;
  XmlLimits limits_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
  struct Open {
    std::string name;
    std::size_t line;
  };
  std::vector<Open> stack_;
  bool root_seen_ = false;
  bool root_closed_ = false;
  bool pending_end_ = false;
  XmlEvent pending_;
};

/// Escapes text for an XML attribute value or element content: & < > " ' and every control
/// character (tab, newline and carriage return included) as character references, so that
/// newlines in attribute values survive parsers' whitespace normalisation.
void xml_escape(std::string& out, std::string_view s);
std::string xml_escape(std::string_view s);

}  // namespace corridor::detail
