#pragma once
// The search index the search page's script loads: every document's address, title, type and
// the start of its text, as compact JSON.

#include <cstddef>
#include <string>
#include <string_view>

#include "document.h"
#include "portal.h"

namespace scrutiny {

// Where the index is written, relative to the site root.
inline constexpr const char* kSearchIndexPath = "data/search-index.json";

// Words of text kept per document (summary first, then body). The index is loaded whole by
// the search page, so its size grows with every document: 80 words (about 500 bytes) keep a
// 10,000-document portal's index near 6 MB (under 2 MB gzipped), as docs/performance.md
// measures, while still holding each document's summary and opening paragraph, which is
// where its subject is named. Titles are always indexed in full.
inline constexpr size_t kSearchTextWords = 80;

// How pages name a document type to readers: "Progress update", "Action".
std::string_view type_label(DocType type);

// The first `max_words` words of `text` (split at spaces), joined by single spaces.
std::string first_words(std::string_view text, size_t max_words);

// The index as JSON: {"version":1,"types":{value:label},"fields":["url","title","type","text"],
// "documents":[[url, title, type, text], ...]} with urls relative to the site root, in
// document order. Reads bodies with plain_text(), which stays valid after render_html().
std::string search_index_json(const Portal& portal, size_t max_words = kSearchTextWords);

}  // namespace scrutiny
