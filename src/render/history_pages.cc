#include "history_pages.h"

#include <algorithm>
#include <map>
#include <set>

#include "author_roles.h"
#include "counted_noun.h"
#include "glossary_terms.h"
#include "html_word_diff.h"
#include "markdown.h"
#include "page_kinds.h"
#include "site_path.h"

namespace scrutiny {
namespace {

constexpr size_t kCommitsPerPage = 50;

std::string short_id(const CommitInfo& c) { return c.id.substr(0, 12); }

// The commit's index in the history, for looking it up in withdrawn.toml's entries.
size_t index_of(const SiteHistory& history, const CommitInfo& c) {
  return static_cast<size_t>(&c - history.index->commits().data());
}

// A withdrawn commit's message may say what the withdrawn text said: readers see this instead.
const std::string kWithdrawnSummary = "Withdrawn change";

ViewData withdrawn_view(const WithdrawnNote* note) {
  if (!note) return ViewData(false);
  ViewData v;
  v.set("date", date_view(note->date));
  v.set("reason", note->reason);
  return v;
}

ViewData commit_view(const Portal& portal, const SiteHistory& history, const CommitInfo& c, const std::string& from) {
  ViewData v;
  v.set("id", c.id);
  v.set("short_id", c.id.substr(0, 7));
  v.set("date", date_view(commit_date(c)));
  v.set("author", author_shown_as(portal.config, c));
  const bool withdrawn = history.withdrawn.whole_commit(index_of(history, c)) != nullptr;
  v.set("summary", withdrawn ? kWithdrawnSummary : c.summary);
  v.set("href", relative_href(from, commit_page_path(c)));
  return v;
}

// At a commit where this copy's history is cut off, git shows every file as added, though it
// may be far older: say only that this is the oldest revision here.
std::string change_words(char change, bool history_cut_off = false) {
  if (history_cut_off && change == 'A') return "earliest revision in this copy";
  switch (change) {
    case 'A': return "added";
    case 'D': return "deleted";
    case 'R': return "renamed or moved";
    case 'C': return "copied from another document";
    default: return "edited";
  }
}

ViewData history_begins(const SiteHistory& h) {
  if (!h.begins) return ViewData(false);
  ViewData v;
  v.set("date", date_view(*h.begins));
  v.set("shallow", h.cut_off);
  return v;
}

// The body of a revision rendered for a page at `from`, links pointing at today's documents.
// A revision page shows its body against the previous revision's, and a worker takes a
// document's revision pages in runs (parallel_for_workers), so each body would be rendered
// twice: the last two rendered on this thread, in this build, are kept. They are found by
// their text, not only by which revision holds it: a revision that changed only the front
// matter (a status, a date: a third of revisions at 2,000 x 8,000) has the same body as the
// one before, rendered already.
std::string render_revision_body(const Portal& portal, const SiteHistory& history, const std::string& markdown,
                                 int first_line, const std::string& from, bool glossary) {
  struct Rendered {
    uint64_t build = 0;
    const std::string* markdown = nullptr;
    int first_line = 0;
    std::string folder, html;
  };
  thread_local Rendered recent[2];
  thread_local size_t oldest = 0;
  const std::string folder = from.substr(0, from.rfind('/') + 1);  // links read the same from it
  for (const Rendered& r : recent)
    if (r.build == history.build && r.first_line == first_line && r.folder == folder &&
        (r.markdown == &markdown || *r.markdown == markdown))
      return r.html;
  MarkdownBody body(markdown, first_line);
  // A past glossary keeps its anchors, so its own links between entries still lead somewhere.
  if (glossary) body.mark_definitions();
  std::string html = body.render_html([&](const std::string& id, LinkTarget& t) {
    int target = portal.links.find(id);
    if (target < 0) return false;
    t.title = portal.doc(target).title;
    t.href = relative_href(from, document_page_path(portal.doc(target).id));
    return true;
  });
  recent[oldest] = {history.build, &markdown, first_line, folder, html};
  oldest ^= 1;
  return html;
}

}  // namespace

std::string history_page_path(const Document& d) { return "history/" + d.id + "/index.html"; }

std::string revision_page_path(const Document& d, const CommitInfo& c) {
  return "history/" + d.id + "/" + short_id(c) + ".html";
}

std::string commit_page_path(const CommitInfo& c) { return "changes/" + short_id(c) + ".html"; }

void find_where_history_begins(SiteHistory& h) {
  const auto& commits = h.index->commits();
  if (commits.empty()) return;
  // The oldest commit by date, not by walk order.
  const CommitInfo* first = &commits.front();
  for (const CommitInfo& c : commits)
    if (c.author_time < first->author_time) first = &c;
  h.begins = commit_date(*first);
  h.cut_off = h.index->shallow();
  for (const CommitInfo& c : commits) h.cut_off |= c.history_cut_off;
}

namespace {

// The history page of documents[i]: every revision, newest first.
PageView history_index_page(const Portal& portal, const SiteHistory& history, size_t i) {
  const Document& d = portal.doc(i);
  const auto& revs = history.documents[i].revisions;
  const auto& commits = history.index->commits();
  PageView index;
  index.path = history_page_path(d);
  index.title = "History of " + d.title;
  index.breadcrumbs = {crumb_of(kHomeKind), {d.title, document_page_path(d.id)}, {"History", ""}};
  index.view.set("title", index.title);
  index.view.set("document", link_view(portal, i, index.path));
  index.view.set("history_begins", history_begins(history));
  ViewData rows{ViewData::type::list};
  for (size_t k = 0; k < revs.size(); ++k) {
    const DocumentRevision& r = revs[k];
    const CommitInfo& c = commits[r.commit];
    ViewData row = commit_view(portal, history, c, index.path);
    const bool oldest_cut_off = k + 1 == revs.size() && c.history_cut_off;
    std::string change = change_words(r.blob.empty() ? 'D' : k + 1 == revs.size() ? 'A' : 'M', oldest_cut_off);
    row.set("change", r.withdrawn ? change + ", withdrawn" : change);
    row.set("current", k == 0);
    row.set("revision_href", relative_href(index.path, revision_page_path(d, c)));
    rows.push_back(std::move(row));
  }
  index.view.set("revisions", std::move(rows));
  return index;
}

// Revision k (0 the newest) of documents[i], rendered as it was with its changes from the
// revision before marked. That one's body is rendered again here rather than kept from its
// own page, so each page can be built on its own, on any worker, in any order.
PageView revision_page(const Portal& portal, const SiteHistory& history, size_t i, size_t k) {
  const Document& d = portal.doc(i);
  const auto& revs = history.documents[i].revisions;
  const auto& commits = history.index->commits();
  const std::string doc_path = document_page_path(d.id);
  const DocumentRevision& r = revs[k];
  const CommitInfo& c = commits[r.commit];
  const bool oldest_cut_off = k + 1 == revs.size() && c.history_cut_off;
  // The nearest older revision that could be read.
  const DocumentRevision* previous = nullptr;
  for (size_t j = k + 1; j < revs.size() && !previous; ++j)
    if (revs[j].document) previous = &revs[j];

  PageView page;
  page.path = revision_page_path(d, c);
  page.canonical_path = doc_path;
  // Readers tell revisions apart by when and by whom; the commit id stays in the caption.
  page.title = d.title + ": revision of " + commit_date(c).long_form() + " by " + author_shown_as(portal.config, c);
  page.breadcrumbs = {crumb_of(kHomeKind), {d.title, doc_path}, {"History", history_page_path(d)},
                      {"Revision of " + commit_date(c).long_form(), ""}};
  ViewData& v = page.view;
  v.set("title", page.title);
  v.set("document", link_view(portal, i, page.path));
  v.set("commit", commit_view(portal, history, c, page.path));
  v.set("history_href", relative_href(page.path, history_page_path(d)));
  v.set("is_current", k == 0);
  v.set("is_first", previous == nullptr);
  v.set("history_cut_off", oldest_cut_off);
  v.set("deleted", r.blob.empty());
  v.set("withdrawn", withdrawn_view(r.withdrawn ? &*r.withdrawn : nullptr));

  std::string html;
  if (r.document) {
    html = render_revision_body(portal, history, *r.body_markdown, r.document->body_line, page.path, d.id == kGlossaryId);
    v.set("revision_title", r.document->title);
  } else {
    v.set("revision_title", d.title);
  }
  std::vector<ViewData> changes;
  if (previous && r.document) {
    for (const FieldChange& fc : compare_documents(*previous->document, *r.document)) {
      ViewData item;
      item.set("field", fc.field);
      item.set("from", fc.from.empty() ? ViewData(false) : ViewData(fc.from));
      item.set("to", fc.to.empty() ? ViewData(false) : ViewData(fc.to));
      changes.push_back(std::move(item));
    }
    // Both pages are in history/<id>/, so the older body's links read the same from here.
    std::string previous_html =
        render_revision_body(portal, history, *previous->body_markdown, previous->document->body_line, page.path,
                             d.id == kGlossaryId);
    v.set("body", html_word_diff(previous_html, html));
    v.set("body_changed", previous_html != html);
  } else {
    v.set("body", std::move(html));
    v.set("body_changed", false);
  }
  v.set("has_field_changes", !changes.empty());
  v.set("field_changes", list_of(std::move(changes)));
  if (k + 1 < revs.size())
    v.set("older_href", relative_href(page.path, revision_page_path(d, commits[revs[k + 1].commit])));
  else
    v.set("older_href", false);
  if (k > 0) v.set("newer_href", relative_href(page.path, revision_page_path(d, commits[revs[k - 1].commit])));
  else v.set("newer_href", false);
  return page;
}

}  // namespace

void add_history_to_document_page(const Portal& portal, const SiteHistory& history, size_t i, PageView& page) {
  const auto& revs = history.documents[i].revisions;
  if (revs.empty()) {
    page.view.set("history", false);
    return;
  }
  const auto& commits = history.index->commits();
  ViewData h;
  // Where this copy's history is cut off at the document's oldest revision, when it was first
  // published is not known: give the date its known history starts from instead.
  const CommitInfo& oldest = commits[revs.back().commit];
  if (oldest.history_cut_off) {
    h.set("first_published", false);
    h.set("history_cut_off", date_view(commit_date(oldest)));
  } else {
    h.set("first_published", date_view(commit_date(oldest)));
    h.set("history_cut_off", false);
  }
  h.set("last_updated", date_view(commit_date(commits[revs.front().commit])));
  h.set("revision_count", std::to_string(revs.size()));
  h.set("revision_count_words", counted_noun(revs.size(), "revision", "revisions"));
  h.set("href", relative_href(page.path, history_page_path(portal.doc(i))));
  page.view.set("history", std::move(h));

  if (portal.doc(i).type != DocType::action) return;
  std::vector<ViewData> spells;
  for (const StatusSpell& s : history.statuses[i]) {
    ViewData item;
    item.set("since", date_view(s.since));
    item.set("status", status_view(s.status));
    item.set("overdue", false);  // a past status, not today's
    if (s.from_update) {
      item.set("source", link_view(portal, s.source, page.path));
    } else {
      const CommitInfo& c = commits[s.source];
      ViewData src;
      src.set("title", "Revision of " + commit_date(c).long_form());
      src.set("href", relative_href(page.path, revision_page_path(portal.doc(i), c)));
      item.set("source", std::move(src));
    }
    spells.push_back(std::move(item));
  }
  page.view.set("has_status_history", !spells.empty());
  page.view.set("status_history", list_of(std::move(spells)));
}

void add_commit_to_key(const Portal& portal, const SiteHistory& history, size_t commit, PageKeyHasher& key) {
  const CommitInfo& c = history.index->commits()[commit];
  key.add(commit_view(portal, history, c, ""));
  key.add(static_cast<uint64_t>(c.history_cut_off));
}

std::string revision_keys(const Portal& portal, const SiteHistory& history, size_t i, const PageInputs& inputs) {
  const auto& revs = history.documents[i].revisions;
  std::string keys;
  keys.reserve(revs.size() * kRevisionKeySize);
  for (const DocumentRevision& r : revs) {
    PageKeyHasher key;
    key.add(inputs.commits[r.commit]);
    key.add(r.blob);
    key.add(static_cast<uint64_t>(r.document != nullptr));
    // The blob is the revision's text; how it was read also depends on where the file was then.
    if (r.document) {
      key.add(r.document->id);
      key.add(r.document->source_path);
      key.add(std::string(doc_type_value(r.document->type)));
      key.add(r.document->title);
      key.add(static_cast<uint64_t>(r.document->body_line));
      add_links_to_key(portal, *r.body_markdown, inputs.links, key);
    }
    key.add(static_cast<uint64_t>(r.withdrawn.has_value()));
    if (r.withdrawn) key.add(withdrawn_view(&*r.withdrawn));
    keys += key.key();
  }
  return keys;
}

namespace {

// Which current document each source file is, for the commit pages.
using DocumentsBySource = std::map<std::string, size_t>;

PageView commit_page(const Portal& portal, const SiteHistory& history, const DocumentsBySource& by_source,
                     size_t ci) {
  const CommitInfo& c = history.index->commits()[ci];
  PageView page;
  page.path = commit_page_path(c);
  std::vector<ViewData> docs;
  std::set<size_t> seen;
  for (const FileRevision& fr : history.index->changes_in(ci)) {
    auto it = by_source.find(fr.path);
    size_t doc = it == by_source.end() ? SIZE_MAX : it->second;
    if (doc == SIZE_MAX) {
      ViewData item;
      item.set("title", fr.path);
      item.set("href", false);
      item.set("change", change_words(fr.change, c.history_cut_off));
      docs.push_back(std::move(item));
      continue;
    }
    if (!seen.insert(doc).second) continue;
    ViewData item = link_view(portal, doc, page.path);
    item.set("change", change_words(fr.change, c.history_cut_off));
    item.set("href", relative_href(page.path, revision_page_path(portal.doc(doc), c)));
    bool has_revision = false;
    for (const DocumentRevision& r : history.documents[doc].revisions) {
      if (r.commit != ci) continue;
      has_revision = true;
      if (r.withdrawn) item.set("change", change_words(fr.change, c.history_cut_off) + ", withdrawn");
    }
    if (!has_revision) item.set("href", false);
    docs.push_back(std::move(item));
  }
  // A change withdrawn as a whole shows neither its message nor its summary, which may say
  // what the withdrawn text said; a theme that still prints them prints the notice.
  const WithdrawnNote* withdrawn = history.withdrawn.whole_commit(ci);
  const std::string summary = withdrawn ? kWithdrawnSummary : c.summary;
  page.title = "Change of " + commit_date(c).long_form() + ": " + summary + " (" + c.id.substr(0, 7) + ")";
  page.breadcrumbs = {crumb_of(kHomeKind), crumb_of(kChangesKind), {summary, ""}};
  page.view.set("title", summary);
  page.view.set("commit", commit_view(portal, history, c, page.path));
  page.view.set("message", withdrawn ? withdrawn_sentence("change", *withdrawn) : c.message);
  page.view.set("withdrawn", withdrawn_view(withdrawn));
  page.view.set("history_cut_off", c.history_cut_off);
  page.view.set("documents", list_of(std::move(docs)));
  return page;
}

// The commits the changes list shows, each with a page of its own: those that changed at
// least one file.
std::vector<size_t> shown_commits(const SiteHistory& history) {
  std::vector<size_t> shown;
  for (size_t ci = 0; ci < history.index->commits().size(); ++ci)
    if (!history.index->changes_in(ci).empty()) shown.push_back(ci);
  return shown;
}

// The changes list's pages. A commit stays on the page it first lands on, so a link to a page
// keeps showing the same changes, and a new commit changes the index and no other page (a
// rebuild re-rendered every page of the list when pages were counted from the newest):
// numbered pages hold kCommitsPerPage commits each, counted from the oldest, and the index
// holds the newest, between one and two pages' worth.
struct ChangesPages {
  std::vector<size_t> shown;  // shown_commits: newest first
  size_t numbered = 0;        // pages besides the index: changes/page-1.html is the oldest

  explicit ChangesPages(const SiteHistory& history) : shown(shown_commits(history)) {
    size_t full = shown.size() / kCommitsPerPage;
    numbered = full > 0 ? full - 1 : 0;
  }
  // The positions in `shown` on page n (0 the index).
  std::pair<size_t, size_t> rows(size_t n) const {
    size_t index_rows = shown.size() - numbered * kCommitsPerPage;
    if (n == 0) return {0, index_rows};
    size_t from = shown.size() - n * kCommitsPerPage;
    return {from, from + kCommitsPerPage};
  }
  static std::string path(size_t n) {
    return n == 0 ? std::string("changes/index.html") : "changes/page-" + std::to_string(n) + ".html";
  }
  // Page n's neighbours, or "" at an end.
  std::string newer(size_t n) const { return n == 0 ? "" : path(n == numbered ? 0 : n + 1); }
  std::string older(size_t n) const { return n == 0 ? (numbered ? path(numbered) : "") : n > 1 ? path(n - 1) : ""; }
};

// A numbered page's title: the days its changes span, which never change once it is full.
std::string changes_page_title(const SiteHistory& history, const ChangesPages& pages, size_t n) {
  if (n == 0) return "Changes";
  const auto& commits = history.index->commits();
  auto [newest, past_oldest] = pages.rows(n);
  std::string from = commit_date(commits[pages.shown[past_oldest - 1]]).long_form();
  std::string to = commit_date(commits[pages.shown[newest]]).long_form();
  return from == to ? "Changes on " + from : "Changes from " + from + " to " + to;
}

PageView changes_page(const Portal& portal, const SiteHistory& history, const ChangesPages& pages, size_t n) {
  const auto& commits = history.index->commits();
  PageView page;
  page.path = ChangesPages::path(n);
  page.title = changes_page_title(history, pages, n);
  page.breadcrumbs = {crumb_of(kHomeKind)};
  if (n != 0) page.breadcrumbs.push_back(crumb_of(kChangesKind));
  page.breadcrumbs.push_back({page.title, ""});
  page.view.set("title", page.title);
  page.view.set("caption", n == 0 && pages.numbered ? std::string("The latest changes") : page.title);
  page.view.set("history_begins", history_begins(history));
  std::vector<ViewData> rows;
  auto [from, to] = pages.rows(n);
  for (size_t k = from; k < to; ++k) rows.push_back(commit_view(portal, history, commits[pages.shown[k]], page.path));
  page.view.set("has_commits", !rows.empty());
  page.view.set("commits", list_of(std::move(rows)));
  std::string newer = pages.newer(n), older = pages.older(n);
  page.view.set("newer_href", newer.empty() ? ViewData(false) : ViewData(relative_href(page.path, newer)));
  page.view.set("older_href", older.empty() ? ViewData(false) : ViewData(relative_href(page.path, older)));
  page.view.set("moved_deadlines_href", relative_href(page.path, "changes/moved-deadlines.html"));
  page.view.set("feed_href", relative_href(page.path, kChangesFeedPath));
  return page;
}

PageView moved_deadlines_page(const Portal& portal, const SiteHistory& history) {
  const auto& commits = history.index->commits();
  PageView moved;
  moved.path = "changes/moved-deadlines.html";
  moved.title = "Moved deadlines";
  moved.breadcrumbs = {crumb_of(kHomeKind), crumb_of(kChangesKind), {"Moved deadlines", ""}};
  moved.view.set("title", moved.title);
  std::vector<ViewData> rows;
  for (const MovedDeadline& m : history.moved) {
    const CommitInfo& c = commits[m.commit];
    ViewData row = link_view(portal, m.document, moved.path);
    row.set("milestone", m.milestone.empty() ? ViewData(false) : ViewData(m.milestone));
    row.set("from", date_view(m.from));
    row.set("to", date_view(m.to));
    int days = m.days();
    row.set("days", std::to_string(days < 0 ? -days : days));
    row.set("later", days > 0);
    row.set("changed", date_view(commit_date(c)));
    row.set("revision_href", relative_href(moved.path, revision_page_path(portal.doc(m.document), c)));
    rows.push_back(std::move(row));
  }
  moved.view.set("has_moves", !rows.empty());
  moved.view.set("slippage_href", relative_href(moved.path, kSlippageKind.place->path));
  moved.view.set("move_count", std::to_string(rows.size()));
  moved.view.set("move_count_words", counted_noun(rows.size(), "moved target date", "moved target dates"));
  moved.view.set("moves", list_of(std::move(rows)));
  return moved;
}

// A route about documents[i] that is not its own page (its history, a revision).
Route about_document(const BuildModel& m, std::string path, size_t i, size_t item = SIZE_MAX) {
  Route r;
  r.path = std::move(path);
  r.subject = i;
  r.item = item;
  r.source_file = m.portal.doc(i).display_path;
  r.source_line = 1;
  return r;
}

}  // namespace

const PageKind kHistoryKind{
    "history", "history", "changes", std::nullopt, true,
    [](const BuildModel& m) {
      std::vector<Route> routes;
      for (size_t i = 0; i < m.portal.documents.size(); ++i)
        if (!m.history.documents[i].revisions.empty())
          routes.push_back(about_document(m, history_page_path(m.portal.doc(i)), i));
      return routes;
    },
    [](const BuildModel& m, const Route& r) { return history_index_page(m.portal, m.history, r.subject); },
    /*in_sitemap=*/true,
    /*exists=*/nullptr,
    // What history_index_page reads: the document as it is now and its whole history, and
    // where this copy's history begins.
    [](const BuildModel& m, const PageInputs& in, const Route& r, PageKeyHasher& key) {
      key.add(in.documents[r.subject]);
      key.add(history_begins(m.history));
    }};

const PageKind kRevisionKind{
    "revision", "revision", "changes", std::nullopt, true,
    [](const BuildModel& m) {
      std::vector<Route> routes;
      const auto& commits = m.history.index->commits();
      for (size_t i = 0; i < m.portal.documents.size(); ++i) {
        const auto& revs = m.history.documents[i].revisions;
        for (size_t k = 0; k < revs.size(); ++k)
          routes.push_back(about_document(m, revision_page_path(m.portal.doc(i), commits[revs[k].commit]), i, k));
      }
      return routes;
    },
    [](const BuildModel& m, const Route& r) { return revision_page(m.portal, m.history, r.subject, r.item); },
    /*in_sitemap=*/false,
    /*exists=*/nullptr,
    // What revision_page reads: the document as it is now (its link, not its file), the
    // revision, the older one its changes are shown against, its neighbours' commits (the links
    // to their pages) and whether it is the newest or the oldest; the kind, path and layout
    // are in every key. Not the rest of the history: a new revision rebuilds only the page of
    // the one it follows, not every older one.
    [](const BuildModel& m, const PageInputs& in, const Route& r, PageKeyHasher& key) {
      const auto& revs = m.history.documents[r.subject].revisions;
      const std::string& keys = in.revisions[r.subject];
      auto revision_key = [&](size_t k) { return std::string_view(keys).substr(k * kRevisionKeySize, kRevisionKeySize); };
      const size_t k = r.item;
      key.add(in.document_links[r.subject]);
      key.add(static_cast<uint64_t>(k == 0));
      key.add(static_cast<uint64_t>(k + 1 == revs.size()));
      key.add(revision_key(k));
      size_t previous = k + 1;
      while (previous < revs.size() && !revs[previous].document) ++previous;
      key.add(previous < revs.size() ? revision_key(previous) : std::string_view());
      key.add(k + 1 < revs.size() ? std::string_view(in.commits[revs[k + 1].commit]) : std::string_view());
      key.add(k > 0 ? std::string_view(in.commits[revs[k - 1].commit]) : std::string_view());
    }};

const PageKind kCommitKind{
    "commit", "commit", "changes", std::nullopt, true,
    [](const BuildModel& m) {
      auto by_source = std::make_shared<DocumentsBySource>();
      for (size_t i = 0; i < m.portal.documents.size(); ++i) (*by_source)[m.portal.doc(i).source_path] = i;
      std::vector<Route> routes;
      for (size_t ci : shown_commits(m.history)) {
        Route r;
        r.path = commit_page_path(m.history.index->commits()[ci]);
        r.subject = ci;
        r.shared = by_source;
        routes.push_back(std::move(r));
      }
      return routes;
    },
    [](const BuildModel& m, const Route& r) {
      return commit_page(m.portal, m.history, *static_cast<const DocumentsBySource*>(r.shared.get()), r.subject);
    },
    /*in_sitemap=*/true,
    /*exists=*/nullptr,
    // What commit_page reads: the commit as shown, its message and withdrawal, and each file
    // it changed, with the current document of that file (its link, and its revisions made by
    // this commit: whether there is one to link to, and whether it is withdrawn).
    [](const BuildModel& m, const PageInputs& in, const Route& r, PageKeyHasher& key) {
      const CommitInfo& c = m.history.index->commits()[r.subject];
      key.add(in.commits[r.subject]);
      key.add(c.message);
      const WithdrawnNote* withdrawn = m.history.withdrawn.whole_commit(r.subject);
      key.add(withdrawn ? withdrawn_sentence("change", *withdrawn) : std::string());
      key.add(withdrawn_view(withdrawn));
      const auto& by_source = *static_cast<const DocumentsBySource*>(r.shared.get());
      for (const FileRevision& fr : m.history.index->changes_in(r.subject)) {
        key.add(fr.path);
        key.add(static_cast<uint64_t>(static_cast<unsigned char>(fr.change)));
        auto it = by_source.find(fr.path);
        if (it == by_source.end()) {
          key.add(std::string_view());
          continue;
        }
        key.add(in.document_links[it->second]);
        const auto& revs = m.history.documents[it->second].revisions;
        for (size_t k = 0; k < revs.size(); ++k)
          if (revs[k].commit == r.subject)
            key.add(std::string_view(in.revisions[it->second]).substr(k * kRevisionKeySize, kRevisionKeySize));
      }
    }};

const PageKind kChangesKind{
    "changes", "changes", "changes", PagePlace{"Changes", "changes/index.html", 6}, true,
    [](const BuildModel& m) {
      auto pages = std::make_shared<ChangesPages>(m.history);
      std::vector<Route> routes;
      for (size_t n = 0; n <= pages->numbered; ++n) {
        Route r;
        r.path = ChangesPages::path(n);
        r.subject = n;
        r.shared = pages;
        routes.push_back(std::move(r));
      }
      return routes;
    },
    [](const BuildModel& m, const Route& r) {
      return changes_page(m.portal, m.history, *static_cast<const ChangesPages*>(r.shared.get()), r.subject);
    },
    /*in_sitemap=*/true,
    /*exists=*/nullptr,
    // What changes_page reads: its commits as shown (their dates make the title), where history
    // begins, and which neighbours it links (the index's caption says whether it has any older).
    [](const BuildModel& m, const PageInputs& in, const Route& r, PageKeyHasher& key) {
      const auto& pages = *static_cast<const ChangesPages*>(r.shared.get());
      auto [from, to] = pages.rows(r.subject);
      for (size_t k = from; k < to; ++k) key.add(in.commits[pages.shown[k]]);
      key.add(history_begins(m.history));
      key.add(pages.newer(r.subject));
      key.add(pages.older(r.subject));
    }};

const PageKind kMovedDeadlinesKind{
    "moved_deadlines", "moved_deadlines", "changes", std::nullopt, true,
    [](const BuildModel&) { return single_route("changes/moved-deadlines.html"); },
    [](const BuildModel& m, const Route&) { return moved_deadlines_page(m.portal, m.history); }};

}  // namespace scrutiny
