#pragma once
// Pages about change: each document's history and revisions, every commit, moved deadlines.

#include <string>
#include <vector>

#include "document_history.h"
#include "history_index.h"
#include "page_views.h"
#include "portal.h"

namespace scrutiny {

// Everything the history pages need, worked out once per build.
struct SiteHistory {
  const HistoryIndex* index = nullptr;
  std::vector<DocumentHistory> documents;  // parallel to Portal::documents
  std::vector<MovedDeadline> moved;
};

// Output paths.
std::string history_page_path(const Document& d);
std::string revision_page_path(const Document& d, const CommitInfo& c);
std::string commit_page_path(const CommitInfo& c);

// A document's history page and one page per revision (rendered as it was, with changes marked).
std::vector<PageView> document_history_pages(const Portal& portal, const SiteHistory& history, size_t doc);
// The paginated list of commits, a page per commit, and the moved-deadlines page.
std::vector<PageView> change_pages(const Portal& portal, const SiteHistory& history);

// Adds first-published, last-updated and history-link data to a document's page, and for
// actions its status history.
void add_history_to_document_page(const Portal& portal, const SiteHistory& history, size_t doc, PageView& page);

// Atom feeds of changes and of progress updates.
std::string changes_feed(const Portal& portal, const SiteHistory& history);
std::string updates_feed(const Portal& portal, const SiteHistory& history);

}  // namespace scrutiny
