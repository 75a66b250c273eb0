#pragma once
// Pages about change: each document's history and revisions, every commit, moved deadlines.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "document_history.h"
#include "history_index.h"
#include "page_key.h"
#include "page_views.h"
#include "portal.h"
#include "since_last_meeting.h"
#include "slippage.h"

namespace scrutiny {

// Everything the history pages need, worked out once per build.
struct SiteHistory {
  const HistoryIndex* index = nullptr;
  std::vector<DocumentHistory> documents;  // parallel to Portal::documents
  std::vector<MovedDeadline> moved;
  std::vector<std::vector<StatusSpell>> statuses;  // each action's statuses over time, parallel to documents
  DeadlineSlippage slippage;  // from `moved`: empty, and not known(), without history
  WithdrawnRevisions withdrawn;
  // Where this copy's history begins (the oldest commit by date), and whether it is cut off
  // there (a shallow clone): shown on every history page, so found once.
  std::optional<Date> begins;
  bool cut_off = false;
  uint64_t build = 0;  // different for every build model, for caches that must not outlive one
};

// Sets `begins` and `cut_off` from h.index.
void find_where_history_begins(SiteHistory& h);

// Output paths.
std::string history_page_path(const Document& d);
std::string revision_page_path(const Document& d, const CommitInfo& c);
std::string commit_page_path(const CommitInfo& c);

// Adds first-published, last-updated and history-link data to a document's page, and for
// actions its status history.
void add_history_to_document_page(const Portal& portal, const SiteHistory& history, size_t doc, PageView& page);

// Commit `commit` of the history index as every page that lists it shows it (its id, date,
// author as shown, summary or withdrawn summary, page), and whether this copy's history is cut
// off there: each commit's part of the keys, digested once per build (PageInputs::commits).
void add_commit_to_key(const Portal& portal, const SiteHistory& history, size_t commit, PageKeyHasher& key);

// The keys of documents[doc]'s revisions, 32 hex digits each, newest first, end to end: each
// one's commit as pages show it (`inputs.commits`), its blob, where its file was, whether it
// could be read, its withdrawal, and what the references in its body lead to (`inputs.links`:
// see add_links_to_key). Digested once per build (PageInputs::revisions).
inline constexpr size_t kRevisionKeySize = 32;  // PageKeyHasher::key's 32 hex digits
std::string revision_keys(const Portal& portal, const SiteHistory& history, size_t doc, const PageInputs& inputs);

// Atom feeds of changes and of progress updates.
// Where the two Atom feeds are written; pages link them from their heads for feed readers.
inline constexpr const char* kChangesFeedPath = "changes/feed.xml";
inline constexpr const char* kUpdatesFeedPath = "updates/feed.xml";

std::string changes_feed(const Portal& portal, const SiteHistory& history);
// "tag:HOST,YEAR:", the start of every feed and entry id (see atom_feed.cc for the choice).
std::string tag_uri_prefix(const Portal& portal);
// Each entry carries its update's "since the last meeting" (`since`, the build model's).
std::string updates_feed(const Portal& portal, const std::vector<SinceLastMeeting>& since);

}  // namespace scrutiny
