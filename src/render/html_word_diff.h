#pragma once
// Word-level differences between two renderings of a document, for the history pages.

#include <string>
#include <string_view>

namespace scrutiny {

// `old_html` and `new_html` are well-formed HTML fragments as cmark-gfm renders them.
// Returns `new_html` with the words that changed marked up:
//   <del class="diff-del"><span class="visually-hidden">deleted: </span>…</del>
//   <ins class="diff-ins"><span class="visually-hidden">inserted: </span>…</ins>
// Every tag of the new version is kept, in order, so the result is as well-formed as the
// input; deleted text (never deleted tags) is put back where it was, before any insertion at
// the same place, and a marked run never crosses a tag. Identical inputs give `new_html`.
// Cost is bounded: when the two differ too much to compare word by word, the old text is
// shown deleted and the new text inserted, block by block.
std::string html_word_diff(std::string_view old_html, std::string_view new_html);

}  // namespace scrutiny
