#pragma once
// Turns one source file's text into a Document, checking every field against the content model.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostic.h"
#include "document.h"
#include "inspection_vocabulary.h"

namespace scrutiny {

// `display_path` names the file in diagnostics; `source_path` is relative to the content
// folder and gives the default id. Returns nothing when the file cannot be used at all;
// otherwise a document, possibly with some fields missing (each reported in `diags`).
// Kinds and judgements are checked against `vocabulary` (portal.toml's, in a portal).
std::optional<Document> read_document(const std::string& display_path,
                                      const std::string& source_path, std::string_view text,
                                      Diagnostics& diags,
                                      const InspectionVocabulary& vocabulary = builtin_inspection_vocabulary());

// The id a file gets when its front matter sets none: its path without ".md", lower-cased.
std::string default_id(std::string_view source_path);

// The id a file claims even when it cannot be read: its front matter's `id = "..."` line
// when one can be found, otherwise its default id. References to it are then known to point
// at a broken document rather than at nothing.
std::string claimed_id(std::string_view source_path, std::string_view text);

// Why `id` cannot be used, or an empty string when it can.
std::string id_problem(std::string_view id);
// Top-level names of the generator's own pages and files ("history", "assets", "a-z"), which
// no document id may start with. Kept here because content comes before the page registry;
// reserved_ids_test.cc checks it against what a build writes.
const std::vector<std::string_view>& reserved_id_folders();

}  // namespace scrutiny
