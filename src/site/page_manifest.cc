#include "page_manifest.h"

#include <algorithm>
#include <charconv>
#include <vector>

#include "cache_file.h"
#include "site_path.h"

namespace scrutiny {
namespace fs = std::filesystem;

namespace {

constexpr std::string_view kHeader = "scrutiny page keys 1";
// Far above any real manifest (a 2,000-document portal with 8,000 commits writes about 4 MB).
constexpr uint64_t kMaxManifestBytes = 512ull << 20;
constexpr size_t kKeyDigits = 32;

std::string identity_text(const FileIdentity& f) {
  return std::to_string(f.device) + " " + std::to_string(f.inode) + " " + std::to_string(f.size) + " " +
         std::to_string(f.modified_ns);
}

// Takes the next space-separated word off `line`.
std::string_view next_word(std::string_view& line) {
  size_t space = line.find(' ');
  std::string_view word = line.substr(0, space);
  line.remove_prefix(space == std::string_view::npos ? line.size() : space + 1);
  return word;
}

template <typename Number>
bool parse_number(std::string_view word, Number& out) {
  if (word.empty() || word.size() > 20) return false;
  auto [end, ec] = std::from_chars(word.data(), word.data() + word.size(), out);
  return ec == std::errc() && end == word.data() + word.size();
}

bool parse_identity(std::string_view& line, FileIdentity& f) {
  return parse_number(next_word(line), f.device) && parse_number(next_word(line), f.inode) &&
         parse_number(next_word(line), f.size) && parse_number(next_word(line), f.modified_ns);
}

bool is_key(std::string_view word) {
  return word.size() == kKeyDigits &&
         std::all_of(word.begin(), word.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

}  // namespace

std::string page_manifest_text(const PageManifest& manifest) {
  std::vector<const std::pair<const std::string, PageManifest::Page>*> pages;
  pages.reserve(manifest.pages.size());
  for (const auto& entry : manifest.pages) pages.push_back(&entry);
  std::sort(pages.begin(), pages.end(), [](auto* a, auto* b) { return a->first < b->first; });
  std::string text = std::string(kHeader) + "\nsite " + identity_text(manifest.site) + "\n";
  for (const auto* entry : pages)
    if (entry->first.find('\n') == std::string::npos)  // no output path holds one; a line could not
      text += entry->second.key + " " + identity_text(entry->second.file) + " " + entry->first + "\n";
  return text;
}

std::optional<PageManifest> parse_page_manifest(std::string_view text) {
  PageManifest manifest;
  size_t line_number = 0;
  while (!text.empty()) {
    size_t end = text.find('\n');
    if (end == std::string_view::npos) return std::nullopt;  // cut short
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end + 1);
    ++line_number;
    if (line_number == 1) {
      if (line != kHeader) return std::nullopt;
      continue;
    }
    if (line_number == 2) {
      if (next_word(line) != "site" || !parse_identity(line, manifest.site) || !line.empty()) return std::nullopt;
      continue;
    }
    PageManifest::Page page;
    std::string_view key = next_word(line);
    if (!is_key(key) || !parse_identity(line, page.file)) return std::nullopt;
    page.key = key;
    // The rest of the line is the path, which may not hold a newline but may hold a space.
    if (!is_safe_output_path(line) || !manifest.pages.emplace(std::string(line), std::move(page)).second)
      return std::nullopt;
  }
  if (line_number < 2) return std::nullopt;
  return manifest;
}

std::optional<PageManifest> read_page_manifest(const fs::path& cache_folder, const char* file) {
  std::string problem;  // any doubt means building every page, which needs no explaining
  std::optional<std::string> text = read_cache_file(cache_folder / file, kMaxManifestBytes, problem);
  if (!text) return std::nullopt;
  return parse_page_manifest(*text);
}

bool write_page_manifest(const fs::path& cache_folder, const PageManifest& manifest, const char* file) {
  std::string problem;
  return replace_cache_file(cache_folder / file, page_manifest_text(manifest), problem);
}

}  // namespace scrutiny
