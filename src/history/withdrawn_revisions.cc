#include "withdrawn_revisions.h"

namespace scrutiny {
namespace {

// The commits whose ids start with `prefix`: none, one, or (ambiguous) two.
std::vector<size_t> commits_starting(const HistoryIndex& index, const std::string& prefix) {
  std::vector<size_t> found;
  const auto& commits = index.commits();
  for (size_t i = 0; i < commits.size() && found.size() < 2; ++i)
    if (commits[i].id.compare(0, prefix.size(), prefix) == 0) found.push_back(i);
  return found;
}

bool changes_document(const HistoryIndex& index, size_t commit, const std::string& path, const Portal& portal) {
  for (const FileRevision& fr : index.changes_in(commit))
    if (fr.path == path) return true;
  // A document since renamed: named by today's path, changed under its old one.
  for (const Document& d : portal.documents)
    if (d.source_path == path)
      for (const FileRevision& fr : index.revisions_of(d.source_path))
        if (fr.commit == commit) return true;
  return false;
}

}  // namespace

std::string withdrawn_sentence(const std::string& what, const WithdrawnNote& note) {
  return "This " + what + " was withdrawn on " + note.date.long_form() + ": " + note.reason;
}

WithdrawnRevisions::WithdrawnRevisions(const Portal& portal, const HistoryIndex& index, Diagnostics& diags) {
  if (!index.available()) return;  // nothing is published from history to withdraw
  for (const Withdrawal& w : portal.withdrawals) {
    std::vector<size_t> found = commits_starting(index, w.commit);
    if (found.empty()) {
      diags.error(w.file, w.line, "commit",
                  "no commit " + w.commit + " in the history being published: copy its id again from "
                  "`git log` or from the revision's page (a commit only on another branch is not published)");
      continue;
    }
    if (found.size() > 1) {
      diags.error(w.file, w.line, "commit",
                  "more than one commit starts " + w.commit + ": copy more of its id, or all 40 characters");
      continue;
    }
    if (!w.document.empty() && !changes_document(index, found[0], w.document, portal)) {
      diags.error(w.file, w.line, "document",
                  "commit " + w.commit + " did not change " + w.document + ": give the document's path "
                  "as `git show --stat " + w.commit + "` lists it, or leave document out to withdraw the "
                  "whole commit");
      continue;
    }
    // The newest revision of a document is the text on its page: withdrawing it would hide
    // nothing, so the correction must be committed first.
    bool current = false;
    for (const Document& d : portal.documents) {
      std::vector<FileRevision> revs = index.revisions_of(d.source_path);
      if (revs.empty() || revs.front().commit != found[0] || revs.front().blob.empty()) continue;
      if (!w.document.empty() && w.document != d.source_path && w.document != revs.front().path) continue;
      diags.error(w.file, w.line, "commit",
                  "commit " + w.commit + " holds the current text of " + d.display_path +
                      ", which is still published on its page: correct the document, commit that, and "
                      "then withdraw this revision");
      current = true;
    }
    if (current) continue;
    entries_.push_back({found[0], w.document, {w.date, w.reason}});
  }
}

const WithdrawnNote* WithdrawnRevisions::revision(size_t commit, const std::string& path_then,
                                                  const std::string& path_now) const {
  for (const Entry& e : entries_)
    if (e.commit == commit && (e.document.empty() || e.document == path_then || e.document == path_now))
      return &e.note;
  return nullptr;
}

const WithdrawnNote* WithdrawnRevisions::whole_commit(size_t commit) const {
  for (const Entry& e : entries_)
    if (e.commit == commit && e.document.empty()) return &e.note;
  return nullptr;
}

}  // namespace scrutiny
