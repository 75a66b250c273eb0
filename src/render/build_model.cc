#include "build_model.h"

#include <atomic>

#include "document_history.h"
#include "markdown.h"
#include "progress.h"
#include "site_path.h"

namespace scrutiny {

std::unique_ptr<const BuildModel> make_build_model(Portal portal, const std::string& base_url,
                                                   std::optional<HistoryIndex> index,
                                                   const std::optional<AsAtChoice>& as_at,
                                                   ParsedRevisions* kept_revisions) {
  auto model = std::make_unique<BuildModel>();
  static std::atomic<uint64_t> builds{0};
  model->history.build = ++builds;
  if (!base_url.empty()) portal.config.base_url = base_url;
  model->portal = std::move(portal);
  Portal& p = model->portal;
  std::optional<Date> head_date;
  if (index) {
    model->index = std::move(index);
    const HistoryIndex& h = *model->index;
    // By default "as at" is the date of the commit the site is built from, never the clock's.
    if (const CommitInfo* head = h.head()) head_date = Date::from_unix(head->commit_time, head->commit_offset);
    model->history.index = &h;
    // Its problems were reported when the build checked the history (site_builder.cc).
    Diagnostics reported;
    model->history.withdrawn = WithdrawnRevisions(p, h, reported);
    model->history.documents = read_histories(p, h, model->history.withdrawn, kept_revisions);
    // Every revision is read: the pages need only what the index holds.
    model->index->release_caches();
    model->history.moved = moved_deadlines(p, h, model->history.documents);
    model->history.statuses = status_histories(p, h, model->history.documents);
    model->history.slippage = DeadlineSlippage(p, model->history.moved);
    find_where_history_begins(model->history);
  } else {
    // No git (check, --no-history): every document has an empty history, and "as at" is the
    // content's own latest date, so check sees the same overdue pages a build without history
    // would write.
    model->history.documents.resize(p.documents.size());
    p.without_history = true;
  }
  settle_as_at(p, as_at, head_date, model->has_history());
  model->since_last_meeting = since_last_meetings(p, model->history.index, model->history.documents,
                                                model->history.statuses, model->history.moved);

  // The glossary's terms get anchors before its body is rendered, and pages link to them.
  if (int g = p.links.find(kGlossaryId); g >= 0 && p.doc(g).type == DocType::page) {
    model->glossary.page = document_page_path(p.doc(g).id);
    for (const MarkdownBody::Definition& d : p.bodies[g].mark_definitions()) model->glossary.anchors.insert(d.id);
  }

  // Each body once, with its links relative to its document's page.
  model->body_html.resize(p.documents.size());
  parallel_for(p.documents.size(), [&](size_t i) {
    std::string from = document_page_path(p.doc(i).id);
    LinkResolver resolve = [&](const std::string& id, LinkTarget& target) {
      int t = p.links.find(id);
      if (t < 0) return false;
      target.title = p.doc(t).title;
      target.href = relative_href(from, document_page_path(p.doc(t).id));
      return true;
    };
    model->body_html[i] = p.bodies[i].render_html(resolve);
    // Nothing reads the tree again but the search index, for its text.
    p.bodies[i].keep_only_text();
  });
  return model;
}

}  // namespace scrutiny
