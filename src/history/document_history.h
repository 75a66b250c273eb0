#pragma once
// Each document's revisions as readers see them: when, by whom, what the document said then,
// and what changed in plain words.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "document.h"
#include "history_index.h"
#include "parsed_revisions.h"
#include "portal.h"
#include "revision_fields.h"
#include "withdrawn_revisions.h"

namespace scrutiny {

// One revision of one document, with what history keeps of the document as it was then.
struct DocumentRevision {
  size_t commit = 0;                 // index into HistoryIndex::commits()
  std::string blob;                  // empty when this commit deleted the file
  std::string path;                  // the file's path at that commit, relative to the content folder
  char change = 'M';                 // as FileRevision::change; 'C': the file began as a copy here
  // Nothing when deleted, unreadable or withdrawn. Its body is body_markdown, not held here,
  // so revisions that changed only the body share one (RevisionParser).
  std::shared_ptr<const RevisionFields> document;
  // Set with `document`. Shared with the next newer revision when the text is the same (an
  // edit of the front matter alone), as the document is when only the body changed.
  std::shared_ptr<const std::string> body_markdown;
  // Set when withdrawn (withdrawn.toml): its blob is never read, so nothing of its text can
  // reach a page, a diff or a list of changes.
  std::optional<WithdrawnNote> withdrawn;
};

// A front matter field whose value changed between two revisions.
struct FieldChange {
  std::string field;  // "status", "target date", "milestone “First audit”: status"
  std::string from;   // "on track"; empty when added
  std::string to;     // empty when removed
};

// A target date that was moved: an action's, or one of its milestones'.
struct MovedDeadline {
  size_t document = 0;     // index into Portal::documents
  std::string milestone;   // empty for the action's own target date
  Date from, to;
  size_t commit = 0;       // the commit that moved it
  int days() const { return days_between(from, to); }
};

// One status an action had, and since when, from a revision or from an update's report.
struct StatusSpell {
  Date since;
  Status status = Status::not_started;
  size_t source = 0;     // commit index, or the update's document index
  bool from_update = false;
};

// The revisions of one document, newest first.
struct DocumentHistory {
  std::vector<DocumentRevision> revisions;
  // How many of the revisions, newest first, are the document's own. git follows a file begun
  // as a copy of another back into that one, so the revisions after the copy (change 'C') are
  // the other file's: shown on the history pages, but no fact about this document (a deadline
  // moved, a status held, being in the plan) may come from them.
  size_t own() const;
};

// Reads every document's revisions (in parallel; blobs are read once each), all but the
// withdrawn ones. A revision `kept` holds (parsed by an earlier build, for the same inputs) is
// taken from it rather than read from git and parsed again.
std::vector<DocumentHistory> read_histories(const Portal& portal, const HistoryIndex& history,
                                            const WithdrawnRevisions& withdrawn, ParsedRevisions* kept = nullptr);

// The revisions read_histories parsed (those that gave a document), as the file a next build gives it as `kept`
// (ParsedRevisions::encode's bytes); `inputs` as ParsedRevisions::inputs.
std::string encode_parsed_revisions(const Portal& portal, const std::vector<DocumentHistory>& histories,
                                    const std::string& inputs);
// The same bytes written to `file` as they are made, `buffer_bytes` or so at a time, and sealed
// there: never held whole (116 MB at 5,000 documents x 20,000 commits). The caller commits it.
void write_parsed_revisions(const Portal& portal, const std::vector<DocumentHistory>& histories,
                            const std::string& inputs, CacheFileWriter& file, size_t buffer_bytes = size_t{4} << 20);

// What changed from `older` to `newer`, in plain words, in a stable order.
std::vector<FieldChange> compare_documents(const RevisionFields& older, const RevisionFields& newer);
// The same for two whole documents, as the fields history keeps of them.
std::vector<FieldChange> compare_documents(const Document& older, const Document& newer);

// Every moved target date across the portal, oldest move first; a copy's first revision moves
// nothing, whatever the file it was copied from said.
std::vector<MovedDeadline> moved_deadlines(const Portal& portal, const HistoryIndex& history,
                                           const std::vector<DocumentHistory>& histories);

// An action's statuses over time from its own revisions and the updates that report on it,
// oldest first, keeping only changes of status.
std::vector<StatusSpell> status_history(const Portal& portal, size_t action, const HistoryIndex& history,
                                        const DocumentHistory& revisions);

// status_history of every action, parallel to portal.documents (empty for other documents),
// worked out once per build for the pages and the meetings that read it.
std::vector<std::vector<StatusSpell>> status_histories(const Portal& portal, const HistoryIndex& history,
                                                       const std::vector<DocumentHistory>& histories);

// The date of a commit as readers see it: the author's date in the author's time zone.
Date commit_date(const CommitInfo& c);

}  // namespace scrutiny
