#include "copied_file.h"

namespace scrutiny {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// "a17 - Copy (2)" -> "a17 - Copy", "a17 (1)" -> "a17"; unchanged without a counter.
std::string_view without_counter(std::string_view name) {
  if (name.size() < 4 || name.back() != ')') return name;
  size_t open = name.rfind(" (");
  if (open == std::string_view::npos || open + 2 >= name.size() - 1) return name;
  if (name.substr(open + 2, name.size() - 1 - (open + 2)).find_first_not_of("0123456789") != std::string_view::npos)
    return name;
  return name.substr(0, open);
}

}  // namespace

std::string copied_from(std::string_view source_path) {
  size_t slash = source_path.rfind('/');
  std::string_view folder = source_path.substr(0, slash == std::string_view::npos ? 0 : slash + 1);
  std::string_view name = source_path.substr(folder.size());
  std::string_view extension;
  if (name.size() > 3 && lower(name.substr(name.size() - 3)) == ".md") {
    extension = name.substr(name.size() - 3);
    name.remove_suffix(3);
  }
  std::string_view stem = without_counter(name);
  bool copy = stem.size() < name.size();
  const std::string low = lower(stem);
  if (low.rfind("copy of ", 0) == 0) {
    stem.remove_prefix(8);
    copy = true;
  } else {
    for (std::string_view end : {" - copy", " copy", "-copy", "_copy"})
      if (low.size() > end.size() && low.compare(low.size() - end.size(), end.size(), end) == 0) {
        stem.remove_suffix(end.size());
        copy = true;
        break;
      }
  }
  if (!copy || stem.empty()) return "";
  return std::string(folder) + std::string(stem) + std::string(extension);
}

bool looks_like_copy(std::string_view source_path) { return !copied_from(source_path).empty(); }

}  // namespace scrutiny
