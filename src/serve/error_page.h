#pragma once
// The page `scrutiny serve` shows in place of every page while the content has errors.

#include <string>
#include <vector>

#include "diagnostic.h"

namespace scrutiny {

// A whole, accessible HTML page (language, title, one h1, a list) naming every error with
// file:line and what to do. `last_good_href` links to the last good build; empty when no build
// has succeeded yet. The caller adds serve's reload script, as to every page it serves.
std::string error_page_html(const std::vector<Diagnostic>& errors, const std::string& last_good_href);

}  // namespace scrutiny
