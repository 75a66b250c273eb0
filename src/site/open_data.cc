#include "open_data.h"

#include <algorithm>
#include <optional>

#include "csv_writer.h"
#include "json_writer.h"
#include "owners.h"
#include "progress.h"
#include "site_path.h"

namespace scrutiny {
namespace {

// Everything the exports share: the portal, the as-at date and the derived links.
struct Exporter {
  const Portal& portal;
  std::optional<Date> as_at;
  const DeadlineSlippage& slips;

  // A target date's original and its moves: all unknown (null, empty) without history; the
  // target date itself and no moves for one that never moved.
  struct SlipFigures {
    std::optional<Date> original;
    std::optional<long long> moves, days;
  };
  SlipFigures slip(const Slippage* s, const std::optional<Date>& target) const {
    if (!slips.known() || !target) return {};
    if (!s) return {target, 0, 0};
    return {s->original, static_cast<long long>(s->moves), s->days()};
  }

  std::string title_of(const std::string& id) const {
    int i = portal.links.find(id);
    return i >= 0 ? portal.doc(i).title : "";
  }

  std::optional<bool> overdue(const Date& target, Status status) const {
    if (!as_at) return std::nullopt;
    return is_overdue(target, status, *as_at);
  }
};

// ---- portal.json ----

void text_or_null(JsonWriter& j, const char* key, const std::string& text) {
  j.key(key);
  if (text.empty()) j.null();
  else j.value(text);
}

void date_or_null(JsonWriter& j, const char* key, const std::optional<Date>& d) {
  j.key(key);
  if (d) j.value(d->iso());
  else j.null();
}

void number_or_null(JsonWriter& j, const char* key, const std::optional<long long>& n) {
  j.key(key);
  if (n) j.value(*n);
  else j.null();
}

void bool_or_null(JsonWriter& j, const char* key, const std::optional<bool>& b) {
  j.key(key);
  if (b) j.value(*b);
  else j.null();
}

void slip_json(JsonWriter& j, const Exporter::SlipFigures& f) {
  date_or_null(j, "original_target_date", f.original);
  number_or_null(j, "target_date_moves", f.moves);
  number_or_null(j, "target_date_days_moved", f.days);
}

void ref_or_null(JsonWriter& j, const char* key, const Ref& ref) { text_or_null(j, key, ref.id); }

void text_list(JsonWriter& j, const char* key, const std::vector<std::string>& texts) {
  j.key(key).begin_array();
  for (const std::string& t : texts) j.value(t);
  j.end_array();
}

void ref_list(JsonWriter& j, const char* key, const std::vector<Ref>& refs) {
  j.key(key).begin_array();
  for (const Ref& r : refs) j.value(r.id);
  j.end_array();
}

void document_json(const Exporter& x, size_t i, JsonWriter& j) {
  const Document& d = x.portal.doc(i);
  j.begin_object();
  j.key("id").value(d.id);
  j.key("type").value(doc_type_value(d.type));
  j.key("title").value(d.title);
  j.key("url").value(document_page_path(d.id));
  text_or_null(j, "summary", d.summary);
  switch (d.type) {
    case DocType::inspection:
      j.key("kind").value(d.kind);
      date_or_null(j, "start_date", d.start_date);
      date_or_null(j, "end_date", d.end_date);
      date_or_null(j, "published", d.published);
      text_or_null(j, "report_url", d.report_url);
      j.key("overall_judgement");
      if (d.overall_judgement) j.value(judgement_value(*d.overall_judgement));
      else j.null();
      j.key("judgements").begin_array();
      for (const AreaJudgement& a : d.judgements) {
        j.begin_object();
        j.key("area").value(a.area);
        j.key("judgement").value(judgement_value(a.judgement));
        j.end_object();
      }
      j.end_array();
      break;
    case DocType::recommendation: {
      ref_or_null(j, "inspection", d.inspection);
      j.key("kind").value(d.kind);
      number_or_null(j, "number", d.number);
      ref_list(j, "themes", d.themes);
      j.key("actions").begin_array();
      for (size_t a : x.portal.links.referrers(i, Relation::answers)) j.value(x.portal.doc(a).id);
      j.end_array();
      break;
    }
    case DocType::plan:
      date_or_null(j, "approved", d.approved);
      date_or_null(j, "closed", d.closed);
      j.key("grouping").value(d.grouping);
      j.key("current").value(static_cast<int>(i) == x.portal.plans.current);
      text_or_null(j, "owner", d.owner);
      text_or_null(j, "board", d.board);
      text_or_null(j, "scrutiny", d.scrutiny);
      text_or_null(j, "meeting_frequency", d.meeting_frequency);
      ref_list(j, "inspections", d.inspections);
      j.key("versions").begin_array();
      for (const PlanVersion& v : d.versions) {
        j.begin_object();
        j.key("version").value(v.version);
        j.key("date").value(v.date.iso());
        text_or_null(j, "note", v.note);
        j.end_object();
      }
      j.end_array();
      break;
    case DocType::theme:
      ref_or_null(j, "plan", d.plan);
      number_or_null(j, "number", d.number);
      text_or_null(j, "lead", d.lead);
      break;
    case DocType::action: {
      text_or_null(j, "number", d.number_label);
      ref_or_null(j, "theme", d.theme);
      ref_list(j, "recommendations", d.recommendations);
      // The plan it belongs to, through its theme or named itself (plans.h).
      j.key("plan");
      if (i < x.portal.plan_of.size() && x.portal.plan_of[i] >= 0) j.value(x.portal.doc(x.portal.plan_of[i]).id);
      else j.null();
      text_or_null(j, "owner", d.owner);
      date_or_null(j, "start_date", d.start_date);
      date_or_null(j, "target_date", d.target_date);
      j.key("status");
      if (d.status) j.value(status_value(*d.status));
      else j.null();
      date_or_null(j, "completed", d.completed);
      std::optional<bool> late;
      if (x.as_at) late = is_overdue(d, *x.as_at);
      bool_or_null(j, "overdue", late);
      slip_json(j, x.slip(x.slips.of_action(i), d.target_date));
      j.key("milestones").begin_array();
      for (const Milestone& m : d.milestones) {
        j.begin_object();
        j.key("title").value(m.title);
        j.key("target_date").value(m.target_date.iso());
        text_or_null(j, "owner", m.owner);
        j.key("status").value(status_value(m.status));
        date_or_null(j, "completed", m.completed);
        bool_or_null(j, "overdue", x.overdue(m.target_date, m.status));
        text_list(j, "owners", owners_of(m));
        slip_json(j, x.slip(x.slips.of_milestone(i, m.title), m.target_date));
        j.end_object();
      }
      j.end_array();
      // Added after the fields readers already rely on, so their positions do not move.
      text_list(j, "owners", owners_of(d));
      text_or_null(j, "origin", d.origin);
      break;
    }
    case DocType::update:
      date_or_null(j, "date", d.date);
      text_or_null(j, "meeting", d.meeting);
      text_or_null(j, "author", d.author);
      ref_list(j, "reports_on", d.reports_on);
      j.key("statuses").begin_array();
      for (const StatusReport& s : d.statuses) {
        j.begin_object();
        j.key("action").value(s.action.id);
        j.key("status").value(status_value(s.status));
        text_or_null(j, "note", s.note);
        text_or_null(j, "statement", s.statement);  // last, so the fields before keep their places
        j.end_object();
      }
      j.end_array();
      j.key("measures").begin_array();
      for (const MeasureReport& m : d.measure_reports) {
        j.begin_object();
        j.key("measure").value(m.measure.id);
        j.key("value").value(m.value);
        date_or_null(j, "date", m.date ? m.date : d.date);
        text_or_null(j, "note", m.note);
        j.end_object();
      }
      j.end_array();
      text_or_null(j, "paper_url", d.paper_url);
      j.key("decisions").begin_array();
      for (const Decision& dec : d.decisions) {
        j.begin_object();
        j.key("text").value(dec.text);
        date_or_null(j, "due", dec.due);
        ref_list(j, "actions", dec.actions);
        j.end_object();
      }
      j.end_array();
      break;
    case DocType::page:
      number_or_null(j, "order", d.order);
      break;
    case DocType::measure: {
      text_or_null(j, "unit", d.unit);
      j.key("better").value(d.better == Better::lower ? "lower" : "higher");
      j.key("target");
      if (d.target) j.value(*d.target);
      else j.null();
      date_or_null(j, "target_date", d.target_date);
      text_or_null(j, "source", d.source);
      ref_list(j, "evidences", d.evidences);
      j.key("comparators").begin_array();
      for (const Comparator& c : d.comparators) {
        j.begin_object();
        j.key("name").value(c.name);
        j.key("value").value(c.value);
        date_or_null(j, "date", c.date);
        j.end_object();
      }
      j.end_array();
      // The merged series: the measure's own values and those its updates report.
      j.key("values").begin_array();
      if (const MeasureSeries* s = x.portal.measure_series(i))
        for (const MeasurePoint& p : s->points) {
          j.begin_object();
          j.key("date").value(p.date.iso());
          j.key("value").value(p.value);
          text_or_null(j, "note", p.note);
          j.key("reported_in");
          if (p.source == i) j.null();
          else j.value(x.portal.doc(p.source).id);
          j.end_object();
        }
      j.end_array();
      break;
    }
  }
  j.end_object();
}

std::string portal_json(const Exporter& x) {
  std::vector<size_t> order(x.portal.documents.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return x.portal.doc(a).id < x.portal.doc(b).id; });

  JsonWriter j(true);
  j.begin_object();
  j.key("schema_version").value(kOpenDataSchemaVersion);
  j.key("title").value(x.portal.config.title);
  j.key("authority").value(x.portal.config.authority);
  date_or_null(j, "as_at", x.as_at);
  j.key("documents").begin_array();
  for (size_t i : order) document_json(x, i, j);
  j.end_array();
  j.end_object();
  return j.finish();
}

// ---- CSV ----

std::string ids(const std::vector<Ref>& refs) {
  std::string out;
  for (const Ref& r : refs) out += (out.empty() ? "" : " ") + r.id;
  return out;
}

// Several owners in one cell, the lead first: "Head of Service; Principal Social Worker".
std::string owners_cell(const std::vector<std::string>& owners) {
  std::string out;
  for (const std::string& o : owners) out += (out.empty() ? "" : "; ") + o;
  return out;
}

std::string date_text(const std::optional<Date>& d) { return d ? d->iso() : ""; }
std::string flag_text(const std::optional<bool>& b) { return b ? (*b ? "true" : "false") : ""; }
std::string number_text(const std::optional<long long>& n) { return n ? std::to_string(*n) : ""; }

void add_row(CsvTable& table, const std::vector<std::string>& fields, const char* path, Diagnostics& diags) {
  if (!table.row(fields))
    diags.error(path, 0, "",
                "internal error: a row of " + std::to_string(fields.size()) + " fields for " +
                    std::to_string(table.columns()) + " columns; please report this");
}

std::string actions_csv(const Exporter& x, Diagnostics& diags) {
  CsvTable t({"id", "number", "title", "theme_id", "theme", "owner", "start_date", "target_date", "status",
              "completed", "overdue", "recommendation_ids", "url", "owners", "origin", "original_target_date",
              "target_date_moves", "target_date_days_moved"});
  for (size_t i : x.portal.links.in_reading_order(DocType::action)) {
    const Document& a = x.portal.doc(i);
    std::optional<bool> late;
    if (x.as_at) late = is_overdue(a, *x.as_at);
    const Exporter::SlipFigures slip = x.slip(x.slips.of_action(i), a.target_date);
    add_row(t,
            {a.id, a.number_label, a.title, a.theme.id, x.title_of(a.theme.id), a.owner, date_text(a.start_date),
             date_text(a.target_date), a.status ? std::string(status_value(*a.status)) : "", date_text(a.completed),
             flag_text(late), ids(a.recommendations), document_page_path(a.id), owners_cell(owners_of(a)), a.origin,
             date_text(slip.original), number_text(slip.moves), number_text(slip.days)},
            "data/actions.csv", diags);
  }
  return t.text();
}

std::string milestones_csv(const Exporter& x, Diagnostics& diags) {
  CsvTable t({"action_id", "action_number", "action_title", "milestone", "owner", "target_date", "status",
              "completed", "overdue", "owners", "original_target_date", "target_date_moves", "target_date_days_moved"});
  for (size_t i : x.portal.links.in_reading_order(DocType::action)) {
    const Document& a = x.portal.doc(i);
    for (const Milestone& m : a.milestones) {
      const Exporter::SlipFigures slip = x.slip(x.slips.of_milestone(i, m.title), m.target_date);
      add_row(t,
              {a.id, a.number_label, a.title, m.title, m.owner, m.target_date.iso(),
               std::string(status_value(m.status)), date_text(m.completed),
               flag_text(x.overdue(m.target_date, m.status)), owners_cell(owners_of(m)), date_text(slip.original),
               number_text(slip.moves), number_text(slip.days)},
              "data/milestones.csv", diags);
    }
  }
  return t.text();
}

std::string recommendations_csv(const Exporter& x, Diagnostics& diags) {
  CsvTable t({"id", "inspection_id", "inspection", "kind", "number", "title", "theme_ids", "action_ids",
              "actions_complete", "actions_total", "url"});
  for (size_t i : x.portal.links.in_reading_order(DocType::recommendation)) {
    const Document& r = x.portal.doc(i);
    const std::vector<size_t>& actions = x.portal.links.referrers(i, Relation::answers);
    std::string action_ids;
    size_t complete = 0;
    for (size_t a : actions) {
      action_ids += (action_ids.empty() ? "" : " ") + x.portal.doc(a).id;
      if (x.portal.doc(a).status == Status::complete) ++complete;
    }
    add_row(t,
            {r.id, r.inspection.id, x.title_of(r.inspection.id), r.kind, r.number ? std::to_string(*r.number) : "",
             r.title, ids(r.themes), action_ids, std::to_string(complete), std::to_string(actions.size()),
             document_page_path(r.id)},
            "data/recommendations.csv", diags);
  }
  return t.text();
}

std::string measures_csv(const Exporter& x, Diagnostics& diags) {
  CsvTable t({"measure_id", "measure", "unit", "better", "date", "value", "note", "reported_in", "target",
              "target_date", "url"});
  for (size_t i : x.portal.links.in_reading_order(DocType::measure)) {
    const Document& m = x.portal.doc(i);
    const MeasureSeries* s = x.portal.measure_series(i);
    if (!s) continue;
    for (const MeasurePoint& p : s->points)
      add_row(t,
              {m.id, m.title, m.unit, m.better == Better::lower ? "lower" : "higher", p.date.iso(),
               measure_number_text(p.value), p.note, p.source == i ? "" : x.portal.doc(p.source).id,
               m.target ? measure_number_text(*m.target) : "", date_text(m.target_date), document_page_path(m.id)},
              "data/measures.csv", diags);
  }
  return t.text();
}

// One row per decision, so a committee's requests can be followed up in a spreadsheet
// without reading every update: updates newest first (as the Updates page lists them), each
// one's decisions in the order it gives them.
std::string decisions_csv(const Exporter& x, Diagnostics& diags) {
  CsvTable t({"update_id", "update_date", "meeting", "decision", "due", "action_ids", "paper_url", "url"});
  for (size_t i : x.portal.links.in_reading_order(DocType::update)) {
    const Document& u = x.portal.doc(i);
    for (const Decision& dec : u.decisions)
      add_row(t,
              {u.id, date_text(u.date), u.meeting, dec.text, date_text(dec.due), ids(dec.actions), u.paper_url,
               document_page_path(u.id)},
              "data/decisions.csv", diags);
  }
  return t.text();
}

// Makes every export in turn, in the order open_data_files() lists them, and gives each to
// `each` as it is made: written one at a time, they are never all held at once (several
// megabytes each at national scale, made while the pages are).
template <class Each>
void make_open_data(const Portal& portal, Diagnostics& diags, const DeadlineSlippage& slips, Each each) {
  Exporter x{portal, portal.as_at, slips};
  each("data/portal.json", portal_json(x));
  each("data/actions.csv", actions_csv(x, diags));
  each("data/milestones.csv", milestones_csv(x, diags));
  each("data/recommendations.csv", recommendations_csv(x, diags));
  each("data/measures.csv", measures_csv(x, diags));
  each("data/decisions.csv", decisions_csv(x, diags));
}

}  // namespace

std::vector<OpenDataFile> open_data_files(const Portal& portal, Diagnostics& diags, const DeadlineSlippage& slips) {
  std::vector<OpenDataFile> out;
  make_open_data(portal, diags, slips,
                 [&](const char* path, std::string content) { out.push_back({path, std::move(content)}); });
  return out;
}

void write_open_data(const Portal& portal, OutputFolder& out, Diagnostics& diags, const DeadlineSlippage& slips) {
  make_open_data(portal, diags, slips,
                 [&](const char* path, const std::string& content) { out.write(path, content, diags); });
}

}  // namespace scrutiny
