#pragma once
// The whole content model of one portal: settings, documents, their bodies and links.

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "as_at.h"
#include "content_source.h"
#include "diagnostic.h"
#include "document.h"
#include "link_graph.h"
#include "markdown.h"
#include "plans.h"
#include "measure_series.h"
#include "portal_config.h"
#include "withdrawals_file.h"

namespace scrutiny {

// A portal loaded from its content folder and checked.
struct Portal {
  std::filesystem::path content_dir;
  PortalConfig config;
  std::vector<Document> documents;   // in source path order
  std::vector<MarkdownBody> bodies;  // bodies[i] belongs to documents[i]
  LinkGraph links;
  // plan_of[i]: the plan documents[i] belongs to, or -1 (plans.h).
  std::vector<int> plan_of;
  // The current plan and the others, as at `as_at`: chosen once, by settle_as_at, where the
  // date is known (a plan closed after it is still running). None until then.
  PlanChoice plans;
  // Each measure's values, merged from the measure and the updates reporting it, in document order.
  std::vector<MeasureSeries> measures;
  // The date the content stands at (settle_as_at, as_at.h): HEAD's commit date by default.
  // Empty when nothing gives one, and then nothing is called overdue.
  std::optional<Date> as_at;
  // withdrawn.toml's entries, not yet looked up in git (history/withdrawn_revisions.h).
  std::vector<Withdrawal> withdrawals;
  AsAtBasis as_at_basis = AsAtBasis::latest_commit;
  // Built with --no-history: no history, revision or change pages exist to link to.
  bool without_history = false;

  const Document& doc(size_t i) const { return documents[i]; }
  // The series of documents[i], a measure; nullptr for any other document.
  const MeasureSeries* measure_series(size_t i) const;
};

// Reads, parses (in parallel) and links every document. Every problem goes to `diags`;
// the portal is usable only when diags has no errors.
Portal load_portal(const std::filesystem::path& content_dir, Diagnostics& diags);
// The same from files already read: from disk or as committed (content_source.h).
Portal load_portal(ContentSource source, Diagnostics& diags);
// The same, telling a reference to a renamed document's former id its id now (`former_ids`).
Portal load_portal(ContentSource source, Diagnostics& diags, const FormerIds& former_ids);

// Runs f(i) for i in [0, n) on up to `threads` threads (0: one per core).
void parallel_for(size_t n, const std::function<void(size_t)>& f, unsigned threads = 0);

// The build's one worker pool: runs f(worker, i) for i in [0, n), each worker taking the next few
// i, on `workers` threads (see worker_count), so each can keep state of its own (compiled
// templates, diagnostics) in slot `worker`.
void parallel_for_workers(size_t n, unsigned workers, const std::function<void(unsigned, size_t)>& f);
// How many workers parallel_for_workers uses for n items: one per core, at most n, at least 1.
unsigned worker_count(size_t n);

}  // namespace scrutiny
