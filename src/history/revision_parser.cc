#include "revision_parser.h"

#include "document_reader.h"
#include "input_limits.h"
#include "utf8.h"

namespace scrutiny {

RevisionParser::Parsed RevisionParser::parse(const std::string& source_path, std::string_view text) {
  // The front matter ends at the first +++ line after the first line, so a text that begins
  // with the last one's front matter, both +++ lines included, has the same front matter and
  // the same body line; what read_document checks of the whole text (its size, its UTF-8) is
  // checked here as there, and a carriage return (which parsing would drop) means parsing.
  if (parsed_ && source_path == path_ && text.starts_with(head_) && text.size() <= kMaxDocumentBytes) {
    const std::string_view body = text.substr(head_.size());
    if (!find_invalid_utf8(body) && body.find('\r') == std::string_view::npos) {
      ++reused_;
      return {parsed_, std::string(body)};
    }
  }
  Diagnostics ignored;
  std::optional<Document> d = read_document(display_path_, source_path, text, ignored, vocabulary_);
  parsed_.reset();
  if (!d) return {};
  Parsed out;
  out.body = std::move(d->body);
  out.document = std::make_shared<const RevisionFields>(std::move(*d));
  // Kept when it had front matter (its body is then exactly what follows the closing +++ line)
  // and parsing changed no byte of the text (a byte order mark would stand before the +++).
  if (text.starts_with("+++") && text.size() >= out.body.size() && text.ends_with(out.body) &&
      text.find('\r') == std::string_view::npos) {
    path_ = source_path;
    head_.assign(text.substr(0, text.size() - out.body.size()));
    parsed_ = out.document;
  }
  return out;
}

}  // namespace scrutiny
