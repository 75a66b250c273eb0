#include "glossary_terms.h"

#include "markdown.h"
#include "site_path.h"

namespace scrutiny {

std::string GlossaryTerms::href(const std::string& term, const std::string& from) const {
  std::string anchor = term_anchor(term);
  if (page.empty() || !anchors.count(anchor)) return "";
  return (from == page ? std::string() : relative_href(from, page)) + "#" + anchor;
}

void add_glossary_hrefs(const GlossaryTerms& glossary, PageView& page) {
  for (const auto& [key, term] : {std::pair<const char*, const char*>{"status_term_href", "Status"},
                                  {"judgement_term_href", "Judgement"},
                                  {"overdue_term_href", "Overdue"}}) {
    std::string href = glossary.href(term, page.path);
    page.view.set(key, href.empty() ? ViewData(false) : ViewData(href));
  }
}

}  // namespace scrutiny
