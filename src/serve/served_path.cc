#include "served_path.h"

#include <algorithm>
#include <map>

namespace scrutiny {
namespace fs = std::filesystem;

std::optional<fs::path> served_file(const fs::path& site, const std::string& url_path) {
  if (url_path.empty() || url_path[0] != '/') return std::nullopt;
  // No backslashes (another path separator to some), and no control characters (a NUL ends a
  // path early; CR and LF would split the header of a redirect to the folder's address).
  for (unsigned char c : url_path)
    if (c == '\\' || c < 0x20 || c == 0x7f) return std::nullopt;
  fs::path file = site;
  size_t start = 1;
  while (start <= url_path.size()) {
    size_t end = url_path.find('/', start);
    if (end == std::string::npos) end = url_path.size();
    std::string part = url_path.substr(start, end - start);
    if (part == "." || part == "..") return std::nullopt;
    if (!part.empty()) file /= part;
    start = end + 1;
  }
  std::error_code ec;
  if (fs::is_directory(file, ec)) file /= "index.html";
  if (!fs::is_regular_file(file, ec)) return std::nullopt;
  // The site is scrutiny's own output, but a link in it must still not lead a request out.
  fs::path real = fs::canonical(file, ec);
  fs::path root = fs::canonical(site, ec);
  if (ec) return std::nullopt;
  auto [r, f] = std::mismatch(root.begin(), root.end(), real.begin(), real.end());
  if (r != root.end()) return std::nullopt;
  return real;
}

std::string content_type_for(const fs::path& file) {
  static const std::map<std::string, std::string> types = {
      {".html", "text/html; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"}, {".json", "application/json"},
      {".xml", "application/xml"}, {".svg", "image/svg+xml"}, {".png", "image/png"},
      {".jpg", "image/jpeg"}, {".jpeg", "image/jpeg"}, {".gif", "image/gif"}, {".webp", "image/webp"},
      {".ico", "image/x-icon"}, {".woff2", "font/woff2"}, {".woff", "font/woff"},
      {".csv", "text/csv; charset=utf-8"}, {".txt", "text/plain; charset=utf-8"}, {".pdf", "application/pdf"},
  };
  auto it = types.find(file.extension().string());
  return it == types.end() ? "application/octet-stream" : it->second;
}

}  // namespace scrutiny
