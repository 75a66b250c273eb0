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

// Words of text kept per document (summary first, then body). The search page loads the
// whole index, so it grows with every document. 150 words keep 84% of the sample's documents
// whole (75% of its words) for about 760 bytes per document: a 10,000-document portal shaped
// like the sample has a 7.6 MB index, 2.5 MB gzipped (docs/performance.md). 300 words would
// add 14% for 88% of the words; 80 words save 22% but keep only 36% of documents whole.
// Titles are always indexed in full.
inline constexpr size_t kSearchTextWords = 150;

// How pages name a document type to readers: "Progress update", "Action".
std::string_view type_label(DocType type);

// The first `max_words` words of `text` (split at spaces), joined by single spaces.
std::string first_words(std::string_view text, size_t max_words);

// The index as JSON: {"version":1,"types":{value:label},"fields":["url","title","type","text"],
// "documents":[[url, title, type, text], ...]} with urls relative to the site root, in
// document order. Reads bodies with plain_text(), which stays valid after render_html().
std::string search_index_json(const Portal& portal, size_t max_words = kSearchTextWords);

}  // namespace scrutiny
