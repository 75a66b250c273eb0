#include "history_pages.h"

#include <algorithm>
#include <map>
#include <set>

#include "html_word_diff.h"
#include "markdown.h"
#include "site_path.h"

namespace scrutiny {
namespace {

constexpr size_t kCommitsPerPage = 50;

std::string short_id(const CommitInfo& c) { return c.id.substr(0, 12); }

ViewData commit_view(const Portal& portal, const CommitInfo& c, const std::string& from) {
  ViewData v;
  v.set("id", c.id);
  v.set("short_id", c.id.substr(0, 7));
  v.set("date", date_view(commit_date(c)));
  v.set("author", c.author_name);
  if (portal.config.show_author_emails && !c.author_email.empty()) v.set("author_email", c.author_email);
  else v.set("author_email", false);
  v.set("summary", c.summary);
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
  ViewData v;
  const auto& commits = h.index->commits();
  if (commits.empty()) return ViewData(false);
  // The oldest commit by date, not by walk order.
  long long oldest = commits.front().author_time;
  const CommitInfo* first = &commits.front();
  for (const CommitInfo& c : commits)
    if (c.author_time < oldest) oldest = c.author_time, first = &c;
  v.set("date", date_view(commit_date(*first)));
  bool cut_off = h.index->shallow();
  for (const CommitInfo& c : commits) cut_off |= c.history_cut_off;
  v.set("shallow", cut_off);
  return v;
}

// The body of a revision rendered for a page at `from`, links pointing at today's documents.
std::string render_revision_body(const Portal& portal, const std::string& markdown, int first_line,
                                 const std::string& from) {
  MarkdownBody body(markdown, first_line);
  return body.render_html([&](const std::string& id, LinkTarget& t) {
    int target = portal.links.find(id);
    if (target < 0) return false;
    t.title = portal.doc(target).title;
    t.href = relative_href(from, document_page_path(portal.doc(target).id));
    return true;
  });
}

}  // namespace

std::string history_page_path(const Document& d) { return "history/" + d.id + "/index.html"; }

std::string revision_page_path(const Document& d, const CommitInfo& c) {
  return "history/" + d.id + "/" + short_id(c) + ".html";
}

std::string commit_page_path(const CommitInfo& c) { return "changes/" + short_id(c) + ".html"; }

std::vector<PageView> document_history_pages(const Portal& portal, const SiteHistory& history, size_t i) {
  std::vector<PageView> pages;
  const Document& d = portal.doc(i);
  const auto& revs = history.documents[i].revisions;
  if (revs.empty()) return pages;
  const auto& commits = history.index->commits();
  const std::string doc_path = document_page_path(d.id);

  PageView index;
  index.path = history_page_path(d);
  index.template_name = "history";
  index.title = "History of " + d.title;
  index.section = "changes";
  index.breadcrumbs = {{"Overview", "index.html"}, {d.title, doc_path}, {"History", ""}};
  index.view.set("title", index.title);
  index.view.set("document", link_view(portal, i, index.path));
  index.view.set("history_begins", history_begins(history));

  // Render each revision oldest first, so each can be compared with the one before.
  std::vector<ViewData> rows;  // oldest first while building
  std::string previous_html;
  const Document* previous = nullptr;
  for (size_t k = revs.size(); k-- > 0;) {
    const DocumentRevision& r = revs[k];
    const CommitInfo& c = commits[r.commit];
    ViewData row = commit_view(portal, c, index.path);
    const bool oldest_cut_off = k + 1 == revs.size() && c.history_cut_off;
    row.set("change", change_words(r.blob.empty() ? 'D' : k + 1 == revs.size() ? 'A' : 'M', oldest_cut_off));
    row.set("current", k == 0);

    PageView page;
    page.path = revision_page_path(d, c);
    page.template_name = "revision";
    page.title = d.title + ": revision " + c.id.substr(0, 7) + " of " + commit_date(c).long_form();
    page.section = "changes";
    page.breadcrumbs = {{"Overview", "index.html"}, {d.title, doc_path}, {"History", index.path},
                        {"Revision of " + commit_date(c).long_form(), ""}};
    ViewData& v = page.view;
    v.set("title", page.title);
    v.set("document", link_view(portal, i, page.path));
    v.set("commit", commit_view(portal, c, page.path));
    v.set("history_href", relative_href(page.path, index.path));
    v.set("is_current", k == 0);
    v.set("is_first", previous == nullptr);
    v.set("history_cut_off", oldest_cut_off);
    v.set("deleted", r.blob.empty());

    std::string html;
    if (r.document) {
      html = render_revision_body(portal, r.body_markdown, r.document->body_line, page.path);
      v.set("revision_title", r.document->title);
    } else {
      v.set("revision_title", d.title);
    }
    std::vector<ViewData> changes;
    if (previous && r.document) {
      for (const FieldChange& fc : compare_documents(*previous, *r.document)) {
        ViewData item;
        item.set("field", fc.field);
        item.set("from", fc.from.empty() ? ViewData(false) : ViewData(fc.from));
        item.set("to", fc.to.empty() ? ViewData(false) : ViewData(fc.to));
        changes.push_back(item);
      }
      v.set("body", html_word_diff(previous_html, html));
      v.set("body_changed", previous_html != html);
    } else {
      v.set("body", html);
      v.set("body_changed", false);
    }
    v.set("has_field_changes", !changes.empty());
    v.set("field_changes", list_of(changes));
    if (k + 1 < revs.size())
      v.set("older_href", relative_href(page.path, revision_page_path(d, commits[revs[k + 1].commit])));
    else
      v.set("older_href", false);
    if (k > 0) v.set("newer_href", relative_href(page.path, revision_page_path(d, commits[revs[k - 1].commit])));
    else v.set("newer_href", false);
    row.set("revision_href", relative_href(index.path, page.path));
    rows.push_back(row);
    pages.push_back(std::move(page));

    if (r.document) {
      previous = &*r.document;
      previous_html = html;
    }
  }
  std::reverse(rows.begin(), rows.end());
  index.view.set("revisions", list_of(rows));
  pages.push_back(std::move(index));
  return pages;
}

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
  h.set("href", relative_href(page.path, history_page_path(portal.doc(i))));
  page.view.set("history", h);

  if (portal.doc(i).type != DocType::action) return;
  std::vector<ViewData> spells;
  for (const StatusSpell& s : status_history(portal, i, *history.index, history.documents[i])) {
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
      item.set("source", src);
    }
    spells.push_back(item);
  }
  page.view.set("has_status_history", !spells.empty());
  page.view.set("status_history", list_of(spells));
}

std::vector<PageView> change_pages(const Portal& portal, const SiteHistory& history) {
  std::vector<PageView> pages;
  const auto& commits = history.index->commits();
  std::map<std::string, size_t> by_source;
  for (size_t i = 0; i < portal.documents.size(); ++i) by_source[portal.doc(i).source_path] = i;

  // Commits that changed at least one current document, with what they changed.
  std::vector<size_t> shown;
  std::vector<std::vector<ViewData>> changed(commits.size());
  for (size_t ci = 0; ci < commits.size(); ++ci) {
    const CommitInfo& c = commits[ci];
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
        docs.push_back(item);
        continue;
      }
      if (!seen.insert(doc).second) continue;
      ViewData item = link_view(portal, doc, page.path);
      item.set("change", change_words(fr.change, c.history_cut_off));
      item.set("href", relative_href(page.path, revision_page_path(portal.doc(doc), c)));
      bool has_revision = false;
      for (const DocumentRevision& r : history.documents[doc].revisions) has_revision |= r.commit == ci;
      if (!has_revision) item.set("href", false);
      docs.push_back(item);
    }
    if (docs.empty()) continue;
    shown.push_back(ci);
    page.template_name = "commit";
    page.title = "Change of " + commit_date(c).long_form() + ": " + c.summary + " (" + c.id.substr(0, 7) + ")";
    page.section = "changes";
    page.breadcrumbs = {{"Overview", "index.html"}, {"Changes", "changes/index.html"}, {c.summary, ""}};
    page.view.set("title", c.summary);
    page.view.set("commit", commit_view(portal, c, page.path));
    page.view.set("message", c.message);
    page.view.set("history_cut_off", c.history_cut_off);
    page.view.set("documents", list_of(docs));
    pages.push_back(std::move(page));
  }

  size_t page_count = std::max<size_t>(1, (shown.size() + kCommitsPerPage - 1) / kCommitsPerPage);
  auto list_path = [](size_t n) { return n == 1 ? std::string("changes/index.html") : "changes/page-" + std::to_string(n) + ".html"; };
  for (size_t n = 1; n <= page_count; ++n) {
    PageView page;
    page.path = list_path(n);
    page.template_name = "changes";
    page.title = n == 1 ? "Changes" : "Changes, page " + std::to_string(n) + " of " + std::to_string(page_count);
    page.section = "changes";
    page.breadcrumbs = {{"Overview", "index.html"}, {page.title, ""}};
    page.view.set("title", page.title);
    page.view.set("history_begins", history_begins(history));
    std::vector<ViewData> rows;
    for (size_t k = (n - 1) * kCommitsPerPage; k < std::min(shown.size(), n * kCommitsPerPage); ++k)
      rows.push_back(commit_view(portal, commits[shown[k]], page.path));
    page.view.set("commits", list_of(rows));
    page.view.set("has_commits", !rows.empty());
    page.view.set("newer_href", n > 1 ? ViewData(relative_href(page.path, list_path(n - 1))) : ViewData(false));
    page.view.set("older_href", n < page_count ? ViewData(relative_href(page.path, list_path(n + 1))) : ViewData(false));
    page.view.set("moved_deadlines_href", relative_href(page.path, "changes/moved-deadlines.html"));
    page.view.set("feed_href", relative_href(page.path, "changes/feed.xml"));
    page.view.set("page_number", std::to_string(n));
    page.view.set("page_count", std::to_string(page_count));
    pages.push_back(std::move(page));
  }

  PageView moved;
  moved.path = "changes/moved-deadlines.html";
  moved.template_name = "moved_deadlines";
  moved.title = "Moved deadlines";
  moved.section = "changes";
  moved.breadcrumbs = {{"Overview", "index.html"}, {"Changes", "changes/index.html"}, {"Moved deadlines", ""}};
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
    rows.push_back(row);
  }
  moved.view.set("moves", list_of(rows));
  moved.view.set("has_moves", !rows.empty());
  moved.view.set("move_count", std::to_string(rows.size()));
  pages.push_back(std::move(moved));
  return pages;
}

}  // namespace scrutiny
