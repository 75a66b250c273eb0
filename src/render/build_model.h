#pragma once
// The build model: everything pages are made from, worked out once and then only read.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "glossary_terms.h"
#include "history_index.h"
#include "history_pages.h"
#include "parsed_revisions.h"
#include "page_views.h"
#include "portal.h"
#include "since_last_meeting.h"

namespace scrutiny {

// The portal with its history, as-at date (held in portal), base URL and rendered bodies. Built by
// make_build_model and held const from then on: page views run on many threads at once and
// share it, so nothing may change it after construction (the portal used to be patched in the
// middle of the build: its base URL, then its as-at date).
struct BuildModel {
  Portal portal;                         // as_at and config.base_url settled
  std::optional<HistoryIndex> index;     // nothing when git is not read (check, --no-history)
  SiteHistory history;                   // index == nullptr without history
  std::vector<std::string> body_html;    // parallel to portal.documents, links relative to each page
  // Each dated update's "since the last meeting", newest first (from the model alone without history).
  std::vector<SinceLastMeeting> since_last_meeting;
  GlossaryTerms glossary;                // the glossary page's terms, for links to their entries

  bool has_history() const { return history.index != nullptr; }

  BuildModel() = default;
  BuildModel(const BuildModel&) = delete;  // history points into index
  BuildModel& operator=(const BuildModel&) = delete;
};

// Builds the model from a loaded portal. `base_url` (from --base-url, normalised) overrides
// portal.toml's when set; `index` is the git history, or nothing to build without it.
// `as_at` (from --as-at) overrides the as-at date the history or content gives.
// `kept_revisions`: old revisions an earlier build parsed (read_histories), taken from it.
std::unique_ptr<const BuildModel> make_build_model(Portal portal, const std::string& base_url,
                                                   std::optional<HistoryIndex> index,
                                                   const std::optional<AsAtChoice>& as_at = std::nullopt,
                                                   ParsedRevisions* kept_revisions = nullptr);

}  // namespace scrutiny
