#include "front_matter.h"

#include "input_limits.h"

namespace scrutiny {
namespace {

bool is_fence(std::string_view line) {
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
  return line == "+++";
}

}  // namespace

FrontMatter parse_front_matter(const std::string& file, std::string_view text, Diagnostics& diags) {
  FrontMatter fm;
  size_t first_end = text.find('\n');
  if (!is_fence(text.substr(0, first_end))) {
    fm.body = std::string(text);
    return fm;
  }
  fm.present = true;
  fm.toml_line_offset = 1;

  // Find the closing fence.
  size_t pos = first_end == std::string_view::npos ? text.size() : first_end + 1;
  int line = 2;
  size_t toml_begin = pos;
  size_t toml_end = std::string_view::npos;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    std::string_view l = text.substr(pos, end == std::string_view::npos ? end : end - pos);
    if (is_fence(l)) {
      toml_end = pos;
      pos = end == std::string_view::npos ? text.size() : end + 1;
      break;
    }
    pos = end == std::string_view::npos ? text.size() : end + 1;
    ++line;
  }
  if (toml_end == std::string_view::npos) {
    diags.error(file, 1, "",
                "front matter is not closed: add a line holding only +++ after the last "
                "front matter line");
    return fm;
  }
  fm.body = std::string(text.substr(pos));
  fm.body_line = line + 1;

  std::string_view toml_text = text.substr(toml_begin, toml_end - toml_begin);
  // toml++ recurses once per level, building and freeing the tables: bound it first.
  if (auto deep = find_deep_toml_nesting(toml_text)) {
    diags.error(file, *deep + fm.toml_line_offset, "", "front matter is " + deep_toml_nesting_message());
    return fm;
  }
  try {
    fm.table = toml::parse(toml_text, file);
    fm.valid = true;
  } catch (const toml::parse_error& e) {
    int err_line = static_cast<int>(e.source().begin.line) + fm.toml_line_offset;
    diags.error(file, err_line, "",
                std::string("malformed TOML in front matter: ") + std::string(e.description()) +
                    ". Check quotes around text, = between key and value, and dates written "
                    "YYYY-MM-DD");
  }
  return fm;
}

int file_line(const FrontMatter& fm, const toml::node& node) {
  auto l = node.source().begin.line;
  return l > 0 ? static_cast<int>(l) + fm.toml_line_offset : 1;
}

}  // namespace scrutiny
