#pragma once
// Revisions withdrawn from the published history (withdrawn.toml), looked up in git: their
// text is never published, only the date and reason they were withdrawn.

#include <optional>
#include <string>
#include <vector>

#include "date.h"
#include "diagnostic.h"
#include "history_index.h"
#include "portal.h"

namespace scrutiny {

// What readers are told in place of a withdrawn revision.
struct WithdrawnNote {
  Date date;
  std::string reason;
};

// withdrawn.toml's entries matched to commits of the history.
class WithdrawnRevisions {
 public:
  WithdrawnRevisions() = default;
  // Looks up portal.withdrawals in `index`. An entry whose commit is unknown or ambiguous,
  // that names a document the commit did not change, or that would withdraw a document's
  // current text, is reported at its line in withdrawn.toml and left out.
  WithdrawnRevisions(const Portal& portal, const HistoryIndex& index, Diagnostics& diags);

  // The note for the revision made by commit `commit` of the file then at `path_then` and now
  // at `path_now` (relative to the content folder), or nullptr when it is published.
  const WithdrawnNote* revision(size_t commit, const std::string& path_then, const std::string& path_now) const;
  // The note when the whole of commit `commit` is withdrawn (no document named), else nullptr.
  const WithdrawnNote* whole_commit(size_t commit) const;
  bool empty() const { return entries_.empty(); }

 private:
  struct Entry {
    size_t commit = 0;
    std::string document;  // empty: every file the commit changed
    WithdrawnNote note;
  };
  std::vector<Entry> entries_;
};

// "This revision was withdrawn on 4 March 2024: REASON" with `what` for "revision".
std::string withdrawn_sentence(const std::string& what, const WithdrawnNote& note);

}  // namespace scrutiny
