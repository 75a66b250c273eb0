#include "portal.h"

#include <algorithm>
#include <atomic>
#include <thread>

#include "content_source.h"
#include "contradictions.h"
#include "document_reader.h"
#include "duplicate_numbers.h"

namespace scrutiny {

unsigned worker_count(size_t n) {
  return static_cast<unsigned>(std::max<size_t>(1, std::min<size_t>(std::max(1u, std::thread::hardware_concurrency()), n)));
}

void parallel_for_workers(size_t n, unsigned workers, const std::function<void(unsigned, size_t)>& f) {
  workers = static_cast<unsigned>(std::min<size_t>(std::max(1u, workers), std::max<size_t>(n, 1)));
  if (workers <= 1) {
    for (size_t i = 0; i < n; ++i) f(0, i);
    return;
  }
  // Each worker takes a run of neighbouring items, small against the whole: neighbours tend to
  // share work (a document's revision pages show the same bodies), and fewer atomic steps.
  const size_t run = std::clamp<size_t>(n / (size_t{workers} * 64), 1, 16);
  std::atomic<size_t> next{0};
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < workers; ++t)
    pool.emplace_back([&, t] {
      for (size_t start; (start = next.fetch_add(run)) < n;)
        for (size_t i = start; i < std::min(n, start + run); ++i) f(t, i);
    });
  for (auto& th : pool) th.join();
}

void parallel_for(size_t n, const std::function<void(size_t)>& f, unsigned threads) {
  parallel_for_workers(n, threads == 0 ? worker_count(n) : threads, [&](unsigned, size_t i) { f(i); });
}

Portal load_portal(const std::filesystem::path& content_dir, Diagnostics& diags) {
  return load_portal(read_content(content_dir, diags), diags);
}

Portal load_portal(ContentSource source, Diagnostics& diags) { return load_portal(std::move(source), diags, {}); }

Portal load_portal(ContentSource source, Diagnostics& diags, const FormerIds& former_ids) {
  Portal portal;
  const std::filesystem::path& content_dir = source.root;
  portal.content_dir = content_dir;
  std::string content_display = content_dir.generic_string();
  while (content_display.size() > 1 && content_display.back() == '/') content_display.pop_back();
  if (!source.portal_refused) portal.config = read_portal_config(source.portal, content_display, diags);
  portal.withdrawals = read_withdrawals(source.withdrawn, diags);

  // Each file is parsed on its own with its own diagnostics, merged in path order after.
  const size_t n = source.documents.size();
  std::vector<std::optional<Document>> parsed(n);
  std::vector<std::optional<MarkdownBody>> bodies(n);
  std::vector<Diagnostics> file_diags(n);
  parallel_for(n, [&](size_t i) {
    const SourceFile& f = source.documents[i];
    parsed[i] = read_document(f.display_path, f.source_path, f.text, file_diags[i], portal.config.vocabulary);
    if (parsed[i]) {
      parsed[i]->uncommitted = f.uncommitted;
      bodies[i].emplace(parsed[i]->body, parsed[i]->body_line);
    }
  });
  std::vector<std::vector<Ref>> body_refs;
  std::vector<std::string> unreadable_ids;
  // Exactly (as many as there are files, but the few unreadable ones): a build holds the
  // documents to its end, and growing by doubling left up to half of them unused (5 MiB of
  // slack at 5,000 documents, a Document being 1.6 KB before its strings).
  portal.documents.reserve(n);
  portal.bodies.reserve(n);
  body_refs.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    diags.append(file_diags[i]);
    if (!parsed[i]) {
      unreadable_ids.push_back(claimed_id(source.documents[i].source_path, source.documents[i].text));
      continue;
    }
    std::vector<Ref> refs = bodies[i]->references();
    for (Ref& r : refs) r.key = "";
    // A position statement is Markdown like a body, and a decision mentions its actions.
    for (const StatusReport& s : parsed[i]->statuses)
      if (!s.statement.empty()) {
        // Named, not a temporary: references() returns a reference into it.
        const MarkdownBody statement(s.statement, s.statement_line);
        refs.insert(refs.end(), statement.references().begin(), statement.references().end());
      }
    for (const Decision& dec : parsed[i]->decisions) refs.insert(refs.end(), dec.actions.begin(), dec.actions.end());
    body_refs.push_back(std::move(refs));
    portal.documents.push_back(std::move(*parsed[i]));
    portal.bodies.push_back(std::move(*bodies[i]));
  }
  portal.links = LinkGraph::build(portal.documents, body_refs, diags, unreadable_ids, former_ids);
  check_duplicate_numbers(portal.documents, portal.links, diags);
  portal.plan_of = plan_membership(portal.documents, portal.links, diags);
  portal.measures = build_measure_series(portal.documents, portal.links, diags);
  check_contradictions(portal.documents, portal.links, diags);
  return portal;
}

const MeasureSeries* Portal::measure_series(size_t i) const {
  auto it = std::lower_bound(measures.begin(), measures.end(), i,
                             [](const MeasureSeries& s, size_t doc) { return s.measure < doc; });
  return it != measures.end() && it->measure == i ? &*it : nullptr;
}

}  // namespace scrutiny
