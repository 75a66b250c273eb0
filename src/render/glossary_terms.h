#pragma once
// The terms the glossary page defines, so pages can link a status or judgement word to its entry.

#include <set>
#include <string>

#include "page_views.h"

namespace scrutiny {

// The glossary is the page whose id is "glossary" (content/glossary.md); its terms are the
// paragraphs that start with a bold "**Term.**" (MarkdownBody::mark_definitions).
inline constexpr const char* kGlossaryId = "glossary";

// The glossary's entries by anchor.
struct GlossaryTerms {
  std::string page;                // output path of the glossary page; empty when there is none
  std::set<std::string> anchors;   // "term-on-track"

  // From page `from`, the link to the entry for `term` ("On track"); empty when the glossary
  // does not define it, so pages never link to an entry that is not there.
  std::string href(const std::string& term, const std::string& from) const;
};

// Links every page may use in its tables' headers: "Status", "Judgement" and "Overdue" to their
// entries (status_term_href, judgement_term_href, overdue_term_href; false when not defined).
// A table of 40 actions links its Status heading once rather than each row's status: 40 links
// with the same few words would crowd a screen reader's list of links and the page itself.
void add_glossary_hrefs(const GlossaryTerms& glossary, PageView& page);

}  // namespace scrutiny
