#pragma once
// The full-text search index the search page's script reads: every word of every current
// document, stemmed, in small shards the browser loads only when a query needs them.

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "document.h"
#include "portal.h"

struct sb_stemmer;  // libstemmer.h

namespace scrutiny {

// Where the index files are written, relative to the site root; the manifest is kSearchDir +
// "index.js". They are scripts (calling scrutinySearch.add), not JSON, so a site opened from
// disk can load them with <script> elements where fetch() is refused.
inline constexpr const char* kSearchDir = "search/";

// A shard is split by the next letter of its terms while it is bigger than this (bytes of
// script) and its key is shorter than kSearchMaxKeyLength: a query loads one shard per word,
// so smaller shards mean fewer bytes per query, at the cost of more files.
inline constexpr size_t kSearchShardBytes = 6000;
inline constexpr size_t kSearchMaxKeyLength = 6;

// How pages name a document type to readers: "Progress update", "Action".
std::string_view type_label(DocType type);

// The words of `text` as the index and the search script see them: lower case, Latin accents
// dropped ("Café" -> "cafe"), split at anything not a letter or digit, except that a '.'
// between digits ("3.2", "FV23.2") and an apostrophe between letters ("children's") stay in
// the word. Combining accents are dropped; letters of other scripts are kept as written.
std::vector<std::string> search_words(std::string_view text);

// English stemming with Snowball (libstemmer): "neglected" -> "neglect". Words with digits
// are kept as they are. Not thread-safe: one per thread.
class EnglishStemmer {
 public:
  EnglishStemmer();
  ~EnglishStemmer();
  EnglishStemmer(const EnglishStemmer&) = delete;
  EnglishStemmer& operator=(const EnglishStemmer&) = delete;
  std::string stem(const std::string& word) const;

 private:
  ::sb_stemmer* stemmer_;
};

// How much one occurrence of a word counts towards a document's rank, by where it is.
inline constexpr int kSearchWeightBody = 1;
inline constexpr int kSearchWeightSummary = 3;
inline constexpr int kSearchWeightTitle = 20;
inline constexpr int kSearchWeightId = 40;  // the document's id, number or number label
inline constexpr int kSearchMaxWeight = 200;

// One file of the index: its path under the site root and its text.
struct SearchFile {
  std::string path;
  std::string text;
};

// The shard key a term belongs to, given the keys that exist: the longest key that starts
// the term. Empty when none does.
std::string search_shard_key(std::string_view term, const std::vector<std::string>& keys);

// The keys of the shards a query word needs, as search.js chooses them: the shard of the
// word itself and, when the word is typed as a prefix, every shard whose key goes on from it,
// so every term the word starts is loaded.
std::vector<std::string> search_shards_for(std::string_view word, bool prefix, const std::vector<std::string>& keys);

// The file name (without folder) of the shard with `key`: "t-ne.js"; anything but a-z and 0-9
// is written as _XX hex bytes, so every key is a safe file name on every system.
std::string search_shard_file(std::string_view key);

// Every file of the index, in a fixed order, for the same portal always the same bytes:
//   search/index.js      the manifest: document count and the shard keys;
//   search/t-KEY.js      the terms whose stem starts with KEY: per stem, its surface forms
//                        and its postings (document numbers and weights);
//   search/d/N.js        document N's address, title, type and text, for its result and
//                        excerpt, loaded only when it is shown;
//   search/facets.js     the documents of each type, status, plan and theme, for filters.
// Revision and commit pages are not documents and are not indexed.
std::vector<SearchFile> search_index_files(const Portal& portal, size_t shard_bytes = kSearchShardBytes);

// Numbers in the shards' compact form (see search.js): each a base-32 varint, high digits
// first, continuation digits from the upper half of a 64-letter alphabet.
void append_search_number(std::string& out, unsigned long long n);

}  // namespace scrutiny
