#pragma once
// Archetypes: the starting text of a new document of each type, for `scrutiny new` and `init`.

#include <filesystem>
#include <optional>
#include <span>
#include <string>

#include "date.h"
#include "document.h"
#include "embedded_file.h"

namespace scrutiny {

// The built-in archetypes (archetypes/TYPE.md in the source), compiled into the binary.
std::span<const EmbeddedFile> builtin_archetype_files();

// A document drawn from an archetype, not yet written.
struct NewDocument {
  std::string rel_path;   // under the content folder: "actions/a42.md"
  std::string text;
  std::string archetype;  // where it came from: "content/archetypes/action.md" or "built-in"
};

// Fills the archetype for `type` (the content folder's archetypes/TYPE.md when there is one,
// else the built-in one; Mustache, see docs/officers.md) with what the portal in `content_dir`
// makes obvious: `today`, the next free number, and the ids of the latest inspection, the
// current plan and the like. `rel_path` is where it goes under the content folder; empty picks
// a free name in the type's usual folder. Returns nothing, with `problem` set for the user,
// when a document it must refer to does not exist yet or the archetype is broken.
std::optional<NewDocument> draw_from_archetype(const std::filesystem::path& content_dir, DocType type,
                                               std::string rel_path, const Date& today, std::string& problem);

}  // namespace scrutiny
