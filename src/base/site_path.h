#pragma once
// Paths of pages inside the output folder, and the relative links between them.

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

// Whether a relative output path stays inside the output folder (no "..", no absolute path).
bool is_safe_output_path(std::string_view path);

}  // namespace scrutiny
