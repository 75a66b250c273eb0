#include "document_history.h"

#include <algorithm>
#include <map>

#include "contradictions.h"
#include "owners.h"
#include "revision_parser.h"

namespace scrutiny {
namespace {

// Statuses read as the content model shows them to readers ("On track").
std::string words(Status s) { return std::string(status_label(s)); }

std::string text(const std::optional<Date>& d) { return d ? d->long_form() : ""; }

std::string ids(const std::vector<Ref>& refs) {
  std::string out;
  for (const Ref& r : refs) out += (out.empty() ? "" : ", ") + r.id;
  return out;
}

void compare(std::vector<FieldChange>& out, const std::string& field, const std::string& from,
             const std::string& to) {
  if (from != to) out.push_back({field, from, to});
}

}  // namespace

Date commit_date(const CommitInfo& c) { return Date::from_unix(c.author_time, c.author_offset); }

size_t DocumentHistory::own() const {
  for (size_t k = 0; k < revisions.size(); ++k)
    if (revisions[k].change == 'C') return k + 1;
  return revisions.size();
}

std::vector<DocumentHistory> read_histories(const Portal& portal, const HistoryIndex& history,
                                            const WithdrawnRevisions& withdrawn, ParsedRevisions* kept) {
  std::vector<DocumentHistory> out(portal.documents.size());
  if (!history.available()) return out;
  parallel_for(portal.documents.size(), [&](size_t i) {
    const Document& current = portal.doc(i);
    const std::vector<FileRevision> revisions = history.revisions_of(current.source_path);
    RevisionParser parser(current.display_path, portal.config.vocabulary);
    // Exactly: a full history holds every revision of every document at once, and a revision
    // is large (a whole Document), so growing by doubling would leave a third of it unused.
    out[i].revisions.reserve(revisions.size());
    // The body of the revision read last, given again to one whose text is the same.
    std::shared_ptr<const std::string> last_body;
    auto shared_body = [&](std::string body) {
      if (!last_body || *last_body != body) last_body = std::make_shared<const std::string>(std::move(body));
      return last_body;
    };
    for (const FileRevision& fr : revisions) {
      DocumentRevision r;
      r.commit = fr.commit;
      r.blob = fr.blob;
      r.path = fr.path;
      r.change = fr.change;
      if (const WithdrawnNote* note = withdrawn.revision(fr.commit, fr.path, current.source_path)) {
        r.withdrawn = *note;
      } else if (!fr.blob.empty()) {
        // Kept by the last build: the same blob under the same path parses the same, since
        // the file was written for the same portal.toml and the same build of scrutiny, but
        // for the path the user names the document by now, which is all parsing reads it into.
        std::optional<ParsedRevision> parsed = kept ? kept->take(fr.blob, fr.path) : std::nullopt;
        if (parsed) {
          if (parsed->document) r.document = std::make_shared<const RevisionFields>(std::move(*parsed->document));
          if (r.document) r.body_markdown = shared_body(std::move(parsed->body_markdown));
        } else {
          // An old revision may not meet today's rules; show what can be read, quietly. Nothing
          // reads an old revision's body but through body_markdown, and a full history holds
          // every revision of every document at once.
          RevisionParser::Parsed read = parser.parse(fr.path, history.read_blob(fr.blob));
          r.document = std::move(read.document);
          if (r.document) r.body_markdown = shared_body(std::move(read.body));
        }
      }
      out[i].revisions.push_back(std::move(r));
    }
  });
  return out;
}

namespace {

// Calls `each` with every revision read_histories parsed that a next build may take, in the
// order the file holds them.
template <class Each>
void for_each_kept_revision(const Portal& portal, const std::vector<DocumentHistory>& histories, Each each) {
  // A revision that gave no document is not kept: read_blob gives nothing for a blob git could
  // not read, which must be tried again, and such revisions are rare.
  const size_t documents = std::min(histories.size(), portal.documents.size());
  for (size_t i = 0; i < documents; ++i)
    for (const DocumentRevision& r : histories[i].revisions)
      if (!r.withdrawn && !r.blob.empty() && r.document) each(r);
}

size_t kept_revision_count(const Portal& portal, const std::vector<DocumentHistory>& histories) {
  size_t count = 0;
  for_each_kept_revision(portal, histories, [&](const DocumentRevision&) { ++count; });
  return count;
}

}  // namespace

std::string encode_parsed_revisions(const Portal& portal, const std::vector<DocumentHistory>& histories,
                                    const std::string& inputs) {
  ParsedRevisionsEncoder out(inputs, kept_revision_count(portal, histories));
  size_t bytes = 0;
  for_each_kept_revision(portal, histories, [&](const DocumentRevision& r) {
    bytes += ParsedRevisionsEncoder::bytes_for(r.blob, r.path, r.document.get(), *r.body_markdown);
  });
  out.reserve(bytes);
  for_each_kept_revision(portal, histories,
                         [&](const DocumentRevision& r) { out.add(r.blob, r.path, r.document.get(), *r.body_markdown); });
  return out.finish();
}

void write_parsed_revisions(const Portal& portal, const std::vector<DocumentHistory>& histories,
                            const std::string& inputs, CacheFileWriter& file, size_t buffer_bytes) {
  ParsedRevisionsEncoder out(inputs, kept_revision_count(portal, histories));
  out.reserve(buffer_bytes);
  for_each_kept_revision(portal, histories, [&](const DocumentRevision& r) {
    out.add(r.blob, r.path, r.document.get(), *r.body_markdown);
    if (out.pending() >= buffer_bytes) out.write_to(file);
  });
  out.write_to(file);
  file.seal();
}

std::vector<FieldChange> compare_documents(const Document& a, const Document& b) {
  return compare_documents(RevisionFields(Document(a)), RevisionFields(Document(b)));
}

std::vector<FieldChange> compare_documents(const RevisionFields& a, const RevisionFields& b) {
  std::vector<FieldChange> out;
  compare(out, "title", a.title, b.title);
  compare(out, "summary", a.summary, b.summary);
  compare(out, "status", a.status ? words(*a.status) : "", b.status ? words(*b.status) : "");
  compare(out, "owner", owners_text(owners_of(a)), owners_text(owners_of(b)));
  compare(out, "origin", a.origin, b.origin);
  compare(out, "start date", text(a.start_date), text(b.start_date));
  compare(out, "target date", text(a.target_date), text(b.target_date));
  compare(out, "completed", text(a.completed), text(b.completed));
  compare(out, "theme", a.theme.id, b.theme.id);
  compare(out, "recommendations", ids(a.recommendations), ids(b.recommendations));
  compare(out, "inspection", a.inspection.id, b.inspection.id);
  compare(out, "plan themes", ids(a.themes), ids(b.themes));
  compare(out, "date", text(a.date), text(b.date));
  compare(out, "meeting", a.meeting, b.meeting);
  compare(out, "reports on", ids(a.reports_on), ids(b.reports_on));
  compare(out, "overall judgement", a.overall_judgement ? std::string(judgement_label(*a.overall_judgement)) : "",
          b.overall_judgement ? std::string(judgement_label(*b.overall_judgement)) : "");
  compare(out, "published", text(a.published), text(b.published));
  compare(out, "approved", text(a.approved), text(b.approved));
  compare(out, "lead", a.lead, b.lead);

  // Milestones are matched by title: a renamed milestone reads as one removed and one added.
  std::map<std::string, const Milestone*> before, after;
  for (const Milestone& m : a.milestones) before[m.title] = &m;
  for (const Milestone& m : b.milestones) after[m.title] = &m;
  for (const Milestone& m : b.milestones) {
    std::string name = "milestone “" + m.title + "”";
    auto it = before.find(m.title);
    if (it == before.end()) {
      out.push_back({name, "", "added, due " + m.target_date.long_form()});
      continue;
    }
    const Milestone& o = *it->second;
    compare(out, name + ": status", words(o.status), words(m.status));
    compare(out, name + ": target date", o.target_date.long_form(), m.target_date.long_form());
    compare(out, name + ": completed", text(o.completed), text(m.completed));
    compare(out, name + ": owner", owners_text(owners_of(o)), owners_text(owners_of(m)));
  }
  for (const Milestone& m : a.milestones)
    if (!after.count(m.title)) out.push_back({"milestone “" + m.title + "”", "due " + m.target_date.long_form(), ""});

  std::map<std::string, Status> reported_before, reported_after;
  for (const StatusReport& s : a.statuses) reported_before[s.action.id] = s.status;
  for (const StatusReport& s : b.statuses) reported_after[s.action.id] = s.status;
  for (const auto& [id, s] : reported_after) {
    auto it = reported_before.find(id);
    compare(out, "status reported for " + id, it == reported_before.end() ? "" : words(it->second), words(s));
  }
  return out;
}

std::vector<MovedDeadline> moved_deadlines(const Portal& portal, const HistoryIndex& history,
                                           const std::vector<DocumentHistory>& histories) {
  std::vector<MovedDeadline> out;
  for (size_t i = 0; i < portal.documents.size(); ++i) {
    if (portal.doc(i).type != DocType::action) continue;
    const auto& revs = histories[i].revisions;
    // Walk oldest to newest, comparing each readable revision with the previous readable one.
    const RevisionFields* prev = nullptr;
    const auto own = revs.rbegin() + static_cast<std::ptrdiff_t>(revs.size() - histories[i].own());
    for (auto it = own; it != revs.rend(); ++it) {
      if (!it->document) continue;
      const RevisionFields& cur = *it->document;
      if (prev) {
        if (prev->target_date && cur.target_date && prev->target_date != cur.target_date)
          out.push_back({i, "", *prev->target_date, *cur.target_date, it->commit});
        for (const Milestone& m : cur.milestones)
          for (const Milestone& o : prev->milestones)
            if (o.title == m.title && o.target_date != m.target_date)
              out.push_back({i, m.title, o.target_date, m.target_date, it->commit});
      }
      prev = &cur;
    }
  }
  const auto& commits = history.commits();
  std::stable_sort(out.begin(), out.end(), [&](const MovedDeadline& a, const MovedDeadline& b) {
    return commits[a.commit].author_time < commits[b.commit].author_time;
  });
  return out;
}

std::vector<StatusSpell> status_history(const Portal& portal, size_t action, const HistoryIndex& history,
                                        const DocumentHistory& revisions) {
  std::vector<StatusSpell> events;
  const auto& revs = revisions.revisions;
  for (auto r = revs.rbegin() + static_cast<std::ptrdiff_t>(revs.size() - revisions.own()); r != revs.rend(); ++r)
    if (r->document && r->document->status)
      events.push_back({commit_date(history.commits()[r->commit]), *r->document->status, r->commit, false});
  const std::string& id = portal.doc(action).id;
  // The action's file gives its status: the latest report, when it disagrees (a warning says
  // so), would end the history on a status the page does not show.
  std::optional<StatusReportAt> contradicted = latest_status_report(portal.documents, portal.links, action);
  if (contradicted) {
    const Document& u = portal.doc(contradicted->update);
    if (!contradicts_action_file(portal.doc(action), u, u.statuses[contradicted->report])) contradicted.reset();
  }
  for (size_t u : portal.links.referrers(action, Relation::reports_status)) {
    const Document& update = portal.doc(u);
    for (size_t r = 0; r < update.statuses.size(); ++r) {
      const StatusReport& s = update.statuses[r];
      if (contradicted && contradicted->update == u && contradicted->report == r) continue;
      if (s.action.id == id && update.date) events.push_back({*update.date, s.status, u, true});
    }
  }
  std::stable_sort(events.begin(), events.end(),
                   [](const StatusSpell& a, const StatusSpell& b) { return a.since < b.since; });
  std::vector<StatusSpell> out;
  for (const StatusSpell& e : events)
    if (out.empty() || out.back().status != e.status) out.push_back(e);
  return out;
}

std::vector<std::vector<StatusSpell>> status_histories(const Portal& portal, const HistoryIndex& history,
                                                       const std::vector<DocumentHistory>& histories) {
  std::vector<std::vector<StatusSpell>> out(portal.documents.size());
  parallel_for(portal.documents.size(), [&](size_t i) {
    if (portal.doc(i).type == DocType::action && i < histories.size())
      out[i] = status_history(portal, i, history, histories[i]);
  });
  return out;
}

}  // namespace scrutiny
