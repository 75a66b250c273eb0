#pragma once
// Splits a Markdown file into its TOML front matter (between +++ lines) and its body.

#include <string>
#include <string_view>

#include <toml++/toml.h>

#include "diagnostic.h"

namespace scrutiny {

// The parts of one source file.
struct FrontMatter {
  bool present = false;   // the file starts with a +++ line, or meant to (lost its first +++)
  bool valid = false;     // present and parsed as TOML
  toml::table table;
  int toml_line_offset = 0;  // add to a TOML source line to get the file line
  std::string body;
  int body_line = 1;         // file line where the body starts
};

// `file` names the source in diagnostics. Text must already be valid UTF-8 with LF line ends.
FrontMatter parse_front_matter(const std::string& file, std::string_view text, Diagnostics& diags);

// What a toml++ parse error `description` on source line `line` means, in plain words with
// what to do; the library's own words when no plainer ones are known.
std::string explain_toml_error(std::string_view description, std::string_view line);

// File line of a TOML node, or of the opening +++ when the node has no source position.
int file_line(const FrontMatter& fm, const toml::node& node);

}  // namespace scrutiny
