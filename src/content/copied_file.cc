#include "copied_file.h"

#include <string>

namespace scrutiny {

bool looks_like_copy(std::string_view source_path) {
  size_t slash = source_path.rfind('/');
  std::string name(source_path.substr(slash == std::string_view::npos ? 0 : slash + 1));
  for (char& c : name)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  if (name.size() > 3 && name.compare(name.size() - 3, 3, ".md") == 0) name.resize(name.size() - 3);
  if (name.rfind("copy of ", 0) == 0) return true;
  for (std::string_view end : {" - copy", " copy", "-copy", "_copy"})
    if (name.size() > end.size() && name.compare(name.size() - end.size(), end.size(), end) == 0) return true;
  // " - Copy (2)", " (1)"
  if (name.size() >= 4 && name.back() == ')') {
    size_t open = name.rfind(" (");
    if (open != std::string::npos && open + 2 < name.size() - 1 &&
        name.find_first_not_of("0123456789", open + 2) == name.size() - 1)
      return true;
  }
  return false;
}

}  // namespace scrutiny
