#pragma once
// Parses a document's old revisions one after another, each as read_document would, but
// without parsing the front matter again when a revision changed only the body.

#include <memory>
#include <string>
#include <string_view>

#include "document.h"
#include "inspection_vocabulary.h"
#include "revision_fields.h"

namespace scrutiny {

// One document's revisions, parsed in turn: most edits of prose leave the front matter as it
// was, and parsing it (toml++ and every field) is most of what a revision costs to read.
class RevisionParser {
 public:
  RevisionParser(std::string display_path, const InspectionVocabulary& vocabulary)
      : display_path_(std::move(display_path)), vocabulary_(vocabulary) {}

  // What read_document gives for one revision, its body apart: the fields history keeps of
  // the document (null when read_document gave nothing) and the body.
  struct Parsed {
    std::shared_ptr<const RevisionFields> document;
    std::string body;
  };
  // read_document(display_path, source_path, text), its diagnostics dropped (an old revision
  // may not meet today's rules). When the last revision parsed here had the same path and its
  // text began with the same front matter, that parse's document is given again, shared.
  Parsed parse(const std::string& source_path, std::string_view text);

  // How many parses were reused, for tests.
  size_t reused() const { return reused_; }

 private:
  std::string display_path_;
  const InspectionVocabulary& vocabulary_;
  // The last revision parsed from its front matter: its path, its text up to the body (front
  // matter and both +++ lines), and what it gave, body aside. Empty when it had no front
  // matter or could not be reused (a byte order mark or a carriage return, which parsing
  // removes, so that the text's bytes are not the parsed ones).
  std::string path_;
  std::string head_;
  std::shared_ptr<const RevisionFields> parsed_;
  size_t reused_ = 0;
};

}  // namespace scrutiny
