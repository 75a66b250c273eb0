#include "site_path.h"

#include <algorithm>
#include <vector>

namespace scrutiny {
namespace {

std::vector<std::string_view> folders_of(std::string_view path) {
  std::vector<std::string_view> parts;
  size_t start = 0, slash;
  while ((slash = path.find('/', start)) != std::string_view::npos) {
    parts.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return parts;
}

}  // namespace

std::string document_page_path(std::string_view id) { return std::string(id) + ".html"; }

std::string root_prefix(std::string_view from) {
  std::string out;
  for (size_t i = 0, n = std::count(from.begin(), from.end(), '/'); i < n; ++i) out += "../";
  return out;
}

std::string relative_href(std::string_view from, std::string_view to) {
  auto a = folders_of(from);
  auto b = folders_of(to);
  size_t common = 0;
  while (common < a.size() && common < b.size() && a[common] == b[common]) ++common;
  std::string out;
  for (size_t i = common; i < a.size(); ++i) out += "../";
  for (size_t i = common; i < b.size(); ++i) {
    out += b[i];
    out += '/';
  }
  out += to.substr(to.rfind('/') == std::string_view::npos ? 0 : to.rfind('/') + 1);
  return out;
}

bool is_safe_output_path(std::string_view path) {
  if (path.empty() || path.front() == '/' || path.find('\\') != std::string_view::npos ||
      path.find('\0') != std::string_view::npos)
    return false;
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    std::string_view seg = path.substr(start, end - start);
    if (seg.empty() || seg == "." || seg == "..") return false;
    start = end + 1;
  }
  return true;
}

}  // namespace scrutiny
