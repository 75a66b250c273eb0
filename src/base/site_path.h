#pragma once
// Paths of pages inside the output folder, and the relative links between them.

#include <map>
#include <set>
#include <string>
#include <string_view>

namespace scrutiny {

// Output path of a document's page: its id plus ".html" ("actions/a01.html").
std::string document_page_path(std::string_view id);

// A link from the page at `from` to the file at `to`, both relative to the output folder's
// root, written relative so the site works at any sub-path and when opened from disk.
std::string relative_href(std::string_view from, std::string_view to);

// "../../" for a page two folders deep: the way back to the output folder's root.
std::string root_prefix(std::string_view from);

// "Head of Service – ICT" -> "head-of-service-ict": lower-case a-z and 0-9 joined by hyphens,
// common accented Latin letters spelt without their accents ("é" -> "e", "ł" -> "l", "ß" ->
// "ss"). Empty when nothing is left, as for a name written in another script.
std::string slug(std::string_view text);

// The longest readable part of a page name made by page_names().
inline constexpr size_t kMaxReadablePageName = 80;

// A file name (without ".html") for each text, for pages named after free text such as an
// owner's list of actions. Each is unique among `texts`, readable where the text allows, at
// most kMaxReadablePageName + 17 bytes, and the same in every build:
// - the slug, when it says everything the text does bar case and punctuation and no other
//   text here has the same slug ("head-of-service");
// - the slug and a hash of the exact text ("group-manager-ict-1b6f09a3") when another text
//   has the same slug, when the slug had to be cut short, or when it drops letters it cannot
//   spell in a-z (another script); the hash alone when nothing readable is left.
// So a text's name depends on the others only when two texts would otherwise share a page,
// and then every one of them moves: an old address never shows another text's page.
std::map<std::string, std::string> page_names(const std::set<std::string>& texts);

// Whether a relative output path stays inside the output folder (no "..", no absolute path).
bool is_safe_output_path(std::string_view path);

}  // namespace scrutiny
