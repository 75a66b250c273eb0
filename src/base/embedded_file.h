#pragma once
// A file compiled into the binary (cmake/embed_files.cmake), such as the built-in theme.

#include <string_view>

namespace scrutiny {

// One embedded file: its path relative to the folder it came from, and its exact bytes.
struct EmbeddedFile {
  std::string_view path;   // "templates/layout.mustache"
  std::string_view bytes;
};

}  // namespace scrutiny
