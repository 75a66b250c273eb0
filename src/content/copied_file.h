#pragma once
// Recognises the names file managers give copies of a file.

#include <string>
#include <string_view>

namespace scrutiny {

// Whether a file's name is one a file manager gives a copy: "a17 - Copy.md", "a17 (1).md",
// "a17 copy.md", "Copy of a17.md".
bool looks_like_copy(std::string_view source_path);

// The path of the file a copy's name says it was copied from, in the same folder
// ("actions/a17 - Copy (2).md" -> "actions/a17.md"); empty when the name is no copy's.
std::string copied_from(std::string_view source_path);

}  // namespace scrutiny
