#include "document_reader.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "copied_file.h"
#include "field_reader.h"
#include "front_matter.h"
#include "input_limits.h"
#include "utf8.h"

namespace scrutiny {
namespace {

const std::vector<std::string_view>& type_values() {
  static const std::vector<std::string_view> v = {"inspection", "recommendation", "plan", "theme",
                                                  "action", "update", "page", "measure"};
  return v;
}

bool one_of(const std::string& value, const std::vector<std::string_view>& allowed) {
  return std::find(allowed.begin(), allowed.end(), value) != allowed.end();
}

// Without front matter the first "# Heading" is the title; it is taken out of the body
// so the page does not show it twice.
std::optional<std::string> take_first_heading(std::string& body, int& body_line) {
  size_t pos = 0;
  int line = body_line;
  while (pos < body.size()) {
    size_t end = body.find('\n', pos);
    if (end == std::string::npos) end = body.size();
    std::string_view l(body.data() + pos, end - pos);
    if (l.rfind("# ", 0) == 0) {
      std::string title(l.substr(2));
      while (!title.empty() && (title.back() == ' ' || title.back() == '#')) title.pop_back();
      body.erase(0, std::min(body.size(), end + 1));
      body_line = line + 1;
      if (title.empty()) return std::nullopt;
      return title;
    }
    if (l.find_first_not_of(" \t") != std::string_view::npos) return std::nullopt;
    pos = end + 1;
    ++line;
  }
  return std::nullopt;
}

// The first line holding only +++, or 0: in a file read as a page, the closing fence of
// front matter whose opening +++ is missing.
int lone_fence_line(std::string_view text) {
  int line = 1;
  for (size_t pos = 0; pos < text.size(); ++line) {
    size_t end = text.find('\n', pos);
    std::string_view l = text.substr(pos, end == std::string_view::npos ? end : end - pos);
    while (!l.empty() && (l.back() == ' ' || l.back() == '\t')) l.remove_suffix(1);
    if (l == "+++") return line;
    if (end == std::string_view::npos) break;
    pos = end + 1;
  }
  return 0;
}

void read_inspection(FieldReader& f, Document& d, const InspectionVocabulary& vocab) {
  d.kind = f.text("kind", true, "\"ilacs\"").value_or("");
  const InspectionKind* kind = vocab.inspection_kind(d.kind);
  if (!d.kind.empty() && !kind) {
    f.error("kind", f.line_of("kind"),
            "unknown inspection kind \"" + d.kind + "\": use one of " + quoted_list(vocab.inspection_kind_values()) +
                ", or add it to portal.toml under [[inspection_kinds]]");
    d.kind.clear();
  }
  d.start_date = f.date("start_date", true);
  d.end_date = f.date("end_date", true);
  d.published = f.date("published", true);
  if (d.start_date && d.end_date && *d.end_date < *d.start_date)
    f.error("end_date", f.line_of("end_date"),
            "the last day on site is before the first: check start_date and end_date");
  if (auto url = f.text("report_url", false)) {
    // Readers follow this link off the site: only an encrypted address, as the docs promise.
    if (url->rfind("https://", 0) != 0)
      f.error("report_url", f.line_of("report_url"),
              url->rfind("http://", 0) == 0
                  ? "must start with https://, not http://: use the report's secure address (most sites, "
                    "Ofsted's included, serve the same page at https://)"
                  : "must be a web address starting with https://");
    else
      d.report_url = *url;
  }
  if (!kind) return;
  const JudgementScale* scale = vocab.scale(kind->judgement_scale);
  if (!scale) {
    std::string what = kind->review ? "a " + kind->label + " makes no judgements" : "a " + d.kind + " makes no judgement";
    f.forbid("overall_judgement", what + ": remove overall_judgement");
    f.forbid("judgements", what + ": remove the [[judgements]] tables");
    return;
  }
  d.overall_judgement = f.judgement("overall_judgement", kind->overall_required, *scale);
  int i = 0;
  for (auto [table, line] : f.tables("judgements")) {
    FieldReader j = f.nested(*table, "judgements[" + std::to_string(++i) + "].", line);
    auto area = j.text("area", true, "\"Leadership, management and governance\"");
    auto judgement = j.judgement("judgement", true, *scale);
    if (area && judgement) d.judgements.push_back({*area, *judgement});
    j.report_unknown_keys();
  }
}

void read_recommendation(FieldReader& f, Document& d, const InspectionVocabulary& vocab) {
  if (auto r = f.ref("inspection", true)) d.inspection = *r;
  d.kind = f.text("kind", false).value_or("recommendation");
  if (!vocab.finding_kind(d.kind)) {
    f.error("kind", f.line_of("kind"),
            "unknown recommendation kind \"" + d.kind + "\": use one of " + quoted_list(vocab.finding_kind_values()) +
                ", or add it to portal.toml under [[finding_kinds]]");
    d.kind = "recommendation";
  }
  d.kind_rank = vocab.finding_rank(d.kind);
  d.number = f.integer("number");
  d.number_line = d.number ? f.line_of("number") : 0;
  d.themes = f.refs("themes", false);
}

void read_plan(FieldReader& f, Document& d) {
  d.approved = f.date("approved", true);
  d.owner = f.text("owner", false).value_or("");
  d.board = f.text("board", false).value_or("");
  d.scrutiny = f.text("scrutiny", false).value_or("");
  d.meeting_frequency = f.text("meeting_frequency", false).value_or("");
  d.inspections = f.refs("inspections", false);
  int i = 0;
  for (auto [table, line] : f.tables("versions")) {
    FieldReader v = f.nested(*table, "versions[" + std::to_string(++i) + "].", line);
    auto version = v.text("version", true, "\"1.0\"");
    auto date = v.date("date", true);
    auto note = v.text("note", false);
    if (version && date) d.versions.push_back({*version, *date, note.value_or("")});
    v.report_unknown_keys();
  }
  d.closed = f.date("closed", false);
  d.closed_line = d.closed ? f.line_of("closed") : 0;
  if (d.closed && d.approved && *d.closed < *d.approved)
    f.error("closed", d.closed_line, "the plan is closed before it was approved: check `approved` and `closed`");
  if (auto g = f.text("grouping", false)) {
    d.grouping = *g;
    d.grouping_plural = *g + "s";
  }
  if (auto g = f.text("grouping_plural", false)) d.grouping_plural = *g;
  if (d.grouping.empty() || d.grouping_plural.empty())
    f.error(d.grouping.empty() ? "grouping" : "grouping_plural",
            f.line_of(d.grouping.empty() ? "grouping" : "grouping_plural"),
            "the word for what the plan groups its actions into is empty: write it, such as "
            "`grouping = \"priority area\"`, or leave the line out to use \"theme\"");
}

void read_theme(FieldReader& f, Document& d) {
  if (auto r = f.ref("plan", true)) d.plan = *r;
  d.number = f.integer("number");
  d.number_line = d.number ? f.line_of("number") : 0;
  d.lead = f.text("lead", false).value_or("");
}

void check_completion(FieldReader& f, std::optional<Status> status, const std::optional<Date>& completed,
                      const std::string& prefix) {
  if (status == Status::complete && !completed)
    f.error("completed", f.fallback_line(),
            "status is \"complete\" but no completion date is given: add `completed = YYYY-MM-DD`" +
                (prefix.empty() ? std::string() : " to this entry"));
  if (completed && status && status != Status::complete)
    f.error("completed", f.line_of("completed"),
            "a completion date is given but status is not \"complete\": set status = \"complete\" "
            "or remove the completed date");
}

// An action's own fields that a milestone does not have. Written below the first
// [[milestones]] line, TOML puts them in that milestone, where they must be pointed out
// rather than reported missing from the action.
const std::vector<std::string>& action_only_keys() {
  static const std::vector<std::string> keys = {"theme", "plan", "recommendations", "origin", "start_date", "number", "summary", "id"};
  return keys;
}

std::set<std::string> keys_inside_milestones(const toml::table& action) {
  std::set<std::string> found;
  if (const toml::array* ms = action["milestones"].as_array())
    for (const toml::node& m : *ms)
      if (const toml::table* t = m.as_table())
        for (const std::string& key : action_only_keys())
          if (t->contains(key)) found.insert(key);
  return found;
}

// `owner = "..."` or `owners = ["lead", "supporting", ...]`, never both. Without either,
// `inherited` (a milestone's action's owners), or when there is none a missing-field error.
void read_owners(FieldReader& f, std::string& owner, std::vector<std::string>& owners,
                 const std::vector<std::string>* inherited, bool required = true) {
  const bool one = f.any("owner") != nullptr, many = f.any("owners") != nullptr;
  if (one && many)
    f.error("owners", f.line_of("owners"),
            "both `owner` and `owners` are given: keep one. For a lead with supporting owners write "
            "owners = [\"Lead\", \"Supporting owner\"], the lead first, and remove the owner line (line " +
                std::to_string(f.line_of("owner")) + ")");
  if (many) {
    owners = f.texts("owners");
    for (size_t a = 0; a < owners.size(); ++a)
      for (size_t b = a + 1; b < owners.size(); ++b)
        if (owners[a] == owners[b])
          f.error("owners", f.line_of("owners"), "\"" + owners[a] + "\" is named twice: name each owner once");
  } else if (one || !inherited) {
    if (auto o = f.text("owner", required, "\"Director of Children's Services\"` (or, with supporting owners, "
                                       "`owners = [\"Lead\", \"Supporting owner\"]`"))
      owners = {*o};
  } else {
    owners = *inherited;
  }
  owner = owners.empty() ? std::string() : owners.front();
}

// The line of `key` in the first milestone that has it, or 0.
int line_in_milestones(const FieldReader& f, const std::string& key) {
  if (const toml::array* ms = f.table()["milestones"].as_array())
    for (const toml::node& m : *ms)
      if (const toml::table* t = m.as_table())
        if (const toml::node* n = t->get(key)) return f.line_of_node(*n);
  return 0;
}

// Required fields that actions and milestones share (owner, target_date, status), missing
// from the action but found in a milestone: most likely written below [[milestones]] by
// mistake. Each is reported there, rather than as missing at line 1.
std::set<std::string> shared_keys_only_in_milestones(FieldReader& f) {
  std::set<std::string> found;
  for (const std::string key : {"owner", "target_date", "status"}) {
    if (f.table().contains(key) || (key == "owner" && f.table().contains("owners"))) continue;
    int line = line_in_milestones(f, key);
    if (line == 0) continue;
    found.insert(key);
    f.error(key, line,
            "the action has no `" + key + "` of its own: this `" + key + " =` line is below the first "
            "[[milestones]] line, so it is read as part of a milestone. If it is the action's, move it "
            "up, above the first [[milestones]]; otherwise add the action's own `" + key + "` there");
  }
  return found;
}

void read_action(FieldReader& f, Document& d) {
  std::set<std::string> misplaced = keys_inside_milestones(f.table());
  misplaced.merge(shared_keys_only_in_milestones(f));
  auto required = [&](const std::string& key) { return misplaced.count(key) == 0; };
  // An action belongs to one plan: through its theme, or named directly when the plan
  // groups nothing or the action sits outside its groups. Naming both is allowed, and
  // the model checks that they agree.
  if (auto r = f.ref("theme", false)) d.theme = *r;
  if (auto r = f.ref("plan", false)) d.plan = *r;
  if (d.theme.id.empty() && d.plan.id.empty() && required("theme") && required("plan"))
    f.error("theme", f.fallback_line(),
            "missing required field: add a line `theme = \"plan/themes/...\"` naming the theme (or "
            "priority area) this action belongs to or, when it is in none, `plan = \"plan/...\"` "
            "naming its plan");
  d.recommendations = f.refs("recommendations", false);
  d.origin = f.text("origin", false).value_or("");
  if (const toml::node* n = f.any("recommendations"); n && n->as_array() && n->as_array()->empty())
    f.error("recommendations", f.line_of("recommendations"),
            "the list is empty: name the findings this action answers, or, when it answers none, remove "
            "this line and say where the action comes from with origin = \"Council priority\"");
  else if (!n && d.origin.empty() && required("recommendations") && required("origin"))
    f.error("recommendations", f.fallback_line(),
            "say what this action answers: add `recommendations = [\"recommendations/...\"]` naming the "
            "findings it answers, or, when it answers no inspection finding, `origin = \"Council priority\"` "
            "(or \"Peer review\", \"Corporate plan\"...) saying where it comes from");
  read_owners(f, d.owner, d.owners, nullptr, required("owner"));
  // Plans often give only a due date, and often only its month.
  d.start_date = f.plan_date("start_date", false);
  d.target_date = f.plan_date("target_date", required("target_date"));
  d.status = f.status("status", required("status"));
  d.status_line = f.line_of("status");
  d.completed = f.date("completed", false);
  d.completed_line = d.completed ? f.line_of("completed") : 0;
  check_completion(f, d.status, d.completed, "");
  if (d.start_date && d.target_date && *d.target_date < d.start_date->first_day())
    f.error("target_date", f.line_of("target_date"),
            "the target date is before the start date: check start_date and target_date");
  if (auto n = f.text("number", false)) {
    d.number_label = *n;
    d.number_line = f.line_of("number");
  }
  int i = 0;
  // History tells an action's milestones apart by title (what was added, moved or completed
  // since the last meeting), so two with one title would be reported as one.
  std::map<std::string, int> first_titled;  // title -> its milestone's number
  for (auto [table, line] : f.tables("milestones")) {
    std::string prefix = "milestones[" + std::to_string(++i) + "].";
    FieldReader m = f.nested(*table, prefix, line);
    // The message is made only for a key the milestone has (seldom), not for each it lacks.
    for (const std::string& key : action_only_keys())
      m.forbid(key, !m.table().contains(key)
                        ? std::string()
                        : "`" + key + "` is a field of the action, but it is written below the first "
                          "[[milestones]] line, so it is read as part of this milestone: move the line "
                          "up, above the first [[milestones]]");
    Milestone ms;
    auto title = m.text("title", true);
    auto target = m.plan_date("target_date", true);
    read_owners(m, ms.owner, ms.owners, &d.owners);
    auto status = m.status("status", true);
    ms.completed = m.date("completed", false);
    ms.line = line;
    ms.completed_line = ms.completed ? m.line_of("completed") : 0;
    check_completion(m, status, ms.completed, prefix);
    m.report_unknown_keys();
    if (title) {
      auto [first, inserted] = first_titled.emplace(*title, i);
      if (!inserted)
        m.warning("title", m.line_of("title"),
                  "milestone " + std::to_string(first->second) + " of this action has the same title, \"" +
                      *title + "\": pages that say what changed tell milestones apart by title, so a change "
                      "to either would be shown as a change to one. Give each milestone its own title");
    }
    if (!title || !target || !status) continue;
    ms.title = *title;
    ms.target_date = *target;
    ms.status = *status;
    d.milestones.push_back(std::move(ms));
  }
}

void read_update(FieldReader& f, Document& d) {
  d.date = f.date("date", true);
  d.meeting = f.text("meeting", true, "\"People Scrutiny Committee\"").value_or("");
  d.author = f.text("author", false).value_or("");
  d.reports_on = f.refs("reports_on", false);
  int i = 0;
  for (auto [table, line] : f.tables("statuses")) {
    FieldReader s = f.nested(*table, "statuses[" + std::to_string(++i) + "].", line);
    auto action = s.ref("action", true);
    auto status = s.status("status", true);
    auto note = s.text("note", false);
    auto statement = s.text("statement", false);
    s.report_unknown_keys();
    if (!action || !status) continue;
    StatusReport report{*action, *status, note.value_or(""), statement.value_or(""), 0};
    // Text between """ starts on the line after the key.
    if (statement) report.statement_line = s.line_of("statement") + (statement->find('\n') != std::string::npos);
    d.statuses.push_back(std::move(report));
  }
  i = 0;
  for (auto [table, line] : f.tables("decisions")) {
    FieldReader r = f.nested(*table, "decisions[" + std::to_string(++i) + "].", line);
    Decision decision;
    decision.text = r.text("text", true, "\"A further report to the committee in November 2022\"").value_or("");
    decision.due = r.plan_date("due", false);
    decision.actions = r.refs("actions", false);
    r.report_unknown_keys();
    if (!decision.text.empty()) d.decisions.push_back(std::move(decision));
  }
  if (auto url = f.text("paper_url", false)) {
    // Readers follow it off the site: a web address, never a file path or a script.
    if (url->rfind("https://", 0) == 0 || url->rfind("http://", 0) == 0)
      d.paper_url = *url;
    else
      f.error("paper_url", f.line_of("paper_url"),
              "must be a web address starting with https:// (or http://), such as the address of the "
              "report on the council's committee website");
  }
  i = 0;
  for (auto [table, line] : f.tables("measures")) {
    FieldReader m = f.nested(*table, "measures[" + std::to_string(++i) + "].", line);
    auto measure = m.ref("measure", true);
    auto value = m.number("value", true);
    MeasureReport r;
    r.date = m.date("date", false);
    r.note = m.text("note", false).value_or("");
    r.line = line;
    m.report_unknown_keys();
    if (!measure || !value) continue;
    r.measure = *measure;
    r.value = *value;
    d.measure_reports.push_back(std::move(r));
  }
}

void read_measure(FieldReader& f, Document& d) {
  d.unit = f.text("unit", true, "\"%\"").value_or("");
  if (auto better = f.text("better", true, "\"higher\"")) {
    if (*better == "higher") d.better = Better::higher;
    else if (*better == "lower") d.better = Better::lower;
    else
      f.error("better", f.line_of("better"),
              "unknown value \"" + *better + "\": write better = \"higher\" if a rise is an improvement, "
              "or better = \"lower\" if a fall is");
  }
  d.target = f.number("target", false, "20");
  d.target_date = f.date("target_date", false);
  if (d.target_date && !d.target)
    f.error("target_date", f.line_of("target_date"),
            "a target date is given without a target: add `target = ...` with the value aimed for, "
            "or remove target_date");
  d.source = f.text("source", false).value_or("");
  d.evidences = f.refs("evidences", false);
  int i = 0;
  for (auto [table, line] : f.tables("comparators")) {
    FieldReader c = f.nested(*table, "comparators[" + std::to_string(++i) + "].", line);
    auto name = c.text("name", true, "\"England\"");
    auto value = c.number("value", true, "17");
    auto date = c.date("date", false);
    c.report_unknown_keys();
    if (name && value) d.comparators.push_back({*name, *value, date});
  }
  i = 0;
  for (auto [table, line] : f.tables("values")) {
    FieldReader v = f.nested(*table, "values[" + std::to_string(++i) + "].", line);
    auto date = v.date("date", true);
    auto value = v.number("value", true);
    auto note = v.text("note", false);
    v.report_unknown_keys();
    if (date && value) d.values.push_back({*date, *value, note.value_or(""), line});
  }
}

}  // namespace

std::string default_id(std::string_view source_path) {
  std::string id(source_path);
  for (char& c : id) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    else if (c == ' ') c = '-';
  }
  if (id.size() >= 3 && id.compare(id.size() - 3, 3, ".md") == 0) id.resize(id.size() - 3);
  return id;
}

std::string claimed_id(std::string_view source_path, std::string_view text) {
  // Only the front matter, up to its closing +++, can set the id.
  size_t pos = 0;
  int fences = 0;
  while (pos < text.size() && fences < 2) {
    size_t end = text.find('\n', pos);
    std::string_view l = text.substr(pos, end == std::string_view::npos ? end : end - pos);
    pos = end == std::string_view::npos ? text.size() : end + 1;
    while (!l.empty() && (l.back() == ' ' || l.back() == '\t' || l.back() == '\r')) l.remove_suffix(1);
    if (l == "+++") {
      ++fences;
      continue;
    }
    if (l.rfind("[", 0) == 0) break;  // a table: any id below belongs to it
    if (l.rfind("id", 0) != 0) continue;
    size_t eq = l.find_first_not_of(" \t", 2);
    if (eq == std::string_view::npos || l[eq] != '=') continue;
    size_t open = l.find_first_not_of(" \t", eq + 1);
    if (open == std::string_view::npos || (l[open] != '"' && l[open] != '\'')) continue;
    size_t close = l.find(l[open], open + 1);
    if (close == std::string_view::npos) continue;
    std::string id(l.substr(open + 1, close - open - 1));
    if (id_problem(id).empty()) return id;
  }
  return default_id(source_path);
}

const std::vector<std::string_view>& reserved_id_folders() {
  static const std::vector<std::string_view> reserved = {"assets", "history", "changes", "data",
                                                         "search", "404", "index", "sitemap",
                                                         "robots", "timeline", "overdue", "a-z",
                                                         "progress", "milestones"};
  return reserved;
}

std::string id_problem(std::string_view id) {
  if (id.empty()) return "an id must not be empty";
  // Ids become paths of the site ("actions/a1.html", "history/actions/a1/index.html"), and
  // file systems allow 255 bytes per name and about 4,000 per path, the output folder's included.
  constexpr size_t kMaxPart = 250, kMaxId = 1000;
  if (id.size() > kMaxId)
    return "an id can be at most " + std::to_string(kMaxId) + " characters long (this one has " +
           std::to_string(id.size()) + "), so that its pages' paths stay within what file systems allow";
  size_t start = 0;
  while (start <= id.size()) {
    size_t end = id.find('/', start);
    if (end == std::string_view::npos) end = id.size();
    std::string_view seg = id.substr(start, end - start);
    if (seg.empty()) return "an id must not start or end with / or hold //";
    if (seg.size() > kMaxPart)
      return "each part of an id between slashes can be at most " + std::to_string(kMaxPart) +
             " characters long (one has " + std::to_string(seg.size()) +
             "), so that its page's file name, with .html added, stays within the 255 bytes file systems allow";
    if (!std::isalnum(static_cast<unsigned char>(seg[0])))
      return "each part of an id must start with a letter or digit";
    for (char c : seg) {
      bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
      if (!ok)
        return "an id may hold only lower-case letters a-z, digits, -, _, . and / (found \"" +
               std::string(1, c) + "\")";
    }
    if (seg.size() > 5 && seg.substr(seg.size() - 5) == ".html") return "an id must not end in .html";
    start = end + 1;
  }
  // These names are the generator's own pages.
  if (id == "index") return "its page would be index.html, the site's home page, which the generator writes";
  std::string_view first = id.substr(0, id.find('/'));
  if (one_of(std::string(first), reserved_id_folders()))
    return "\"" + std::string(first) + "\" is used by the generator's own pages";
  // "guides/index" is fine (its page, guides/index.html, is served as guides/), except where
  // the generator writes a list of one type.
  static const std::vector<std::string_view> listed = {"inspections", "recommendations", "actions", "updates",
                                                       "measures"};
  if (id.size() > 6 && id.substr(id.size() - 6) == "/index" && one_of(std::string(first), listed) &&
      id.find('/') == id.size() - 6)
    return "its page would be " + std::string(id) + ".html, the generator's list of all " + std::string(first);
  return "";
}

std::optional<Document> read_document(const std::string& display_path, const std::string& source_path,
                                      std::string_view raw, Diagnostics& diags,
                                      const InspectionVocabulary& vocabulary) {
  // read_content refuses such a file before reading it; this holds for git history too.
  if (raw.size() > kMaxDocumentBytes) {
    diags.error(display_path, 0, "", document_too_large_message(raw.size()));
    return std::nullopt;
  }
  if (auto bad = find_invalid_utf8(raw)) {
    diags.error(display_path, line_at(raw, *bad), "",
                "the file is not valid UTF-8 text: save it with UTF-8 encoding (byte " +
                    std::to_string(*bad + 1) + ")");
    return std::nullopt;
  }
  std::string text;
  text.reserve(raw.size());
  if (raw.substr(0, 3) == "\xEF\xBB\xBF") raw.remove_prefix(3);  // byte order mark
  // CRLF line ends become LF; a lone \r stays. Copied in runs between them, not a byte at a time:
  // most files have none, and the copy was a visible share of reading the content.
  for (size_t from = 0;;) {
    const size_t crlf = raw.find("\r\n", from);
    if (crlf == std::string_view::npos) {
      text.append(raw.substr(from));
      break;
    }
    text.append(raw.substr(from, crlf - from));
    from = crlf + 1;
  }

  Document d;
  d.source_path = source_path;
  d.display_path = display_path;

  FrontMatter fm = parse_front_matter(display_path, text, diags);
  d.body = std::move(fm.body);
  d.body_line = fm.body_line;
  if (fm.present && !fm.valid) return std::nullopt;

  std::string id = default_id(source_path);
  if (!fm.present) {
    d.type = DocType::page;
    auto title = take_first_heading(d.body, d.body_line);
    if (!title) {
      std::string message =
          "no title: start the file with a heading line such as `# About this portal`, "
          "or add front matter with a title";
      if (int fence = lone_fence_line(text))
        message += ". Line " + std::to_string(fence) + " holds only +++, which ends front matter: if "
                   "the lines above it are front matter, add +++ as the first line too";
      diags.error(display_path, 1, "", message);
      return std::nullopt;
    }
    d.title = *title;
  } else {
    FieldReader f(display_path, fm, fm.table, diags);
    auto type = f.text("type", true, "\"page\"");
    if (type) {
      if (auto t = parse_doc_type(*type)) d.type = *t;
      else {
        f.error("type", f.line_of("type"),
                "unknown type \"" + *type + "\": use one of " + quoted_list(type_values()));
        type.reset();
      }
    }
    d.title = f.text("title", true).value_or("");
    d.summary = f.text("summary", false).value_or("");
    if (auto explicit_id = f.text("id", false)) {
      std::string problem = id_problem(*explicit_id);
      if (!problem.empty()) f.error("id", f.line_of("id"), problem);
      else {
        id = *explicit_id;
        d.id_line = f.line_of("id");
      }
    }
    if (!type) return std::nullopt;
    switch (d.type) {
      case DocType::inspection: read_inspection(f, d, vocabulary); break;
      case DocType::recommendation: read_recommendation(f, d, vocabulary); break;
      case DocType::plan: read_plan(f, d); break;
      case DocType::theme: read_theme(f, d); break;
      case DocType::action: read_action(f, d); break;
      case DocType::update: read_update(f, d); break;
      case DocType::page: d.order = f.integer("order"); break;
      case DocType::measure: read_measure(f, d); break;
    }
    f.report_unknown_keys();
  }
  if (std::string problem = id_problem(id); !problem.empty() && id == default_id(source_path) &&
                                            looks_like_copy(source_path)) {
    // Named as the reader knows the files: the original's display path beside the copy's.
    std::string original = copied_from(source_path);
    std::string shown = original;
    if (display_path.size() >= source_path.size() &&
        display_path.compare(display_path.size() - source_path.size(), source_path.size(), source_path) == 0)
      shown = display_path.substr(0, display_path.size() - source_path.size()) + original;
    diags.error(display_path, 1, "",
                "this file looks like a copy of " + shown + " made by a file manager, and would publish "
                "that document twice: delete the copy; if it is a document of its own, rename it using "
                "a-z, 0-9 and - and give it its own number and title");
    return std::nullopt;
  } else if (!problem.empty() && !fm.present) {
    diags.error(display_path, 1, "",
                "this file's path cannot be used as its id: " + problem +
                    ". Rename the file using a-z, 0-9 and -, or add front matter with an id");
    return std::nullopt;
  } else if (!problem.empty() && id == default_id(source_path)) {
    diags.error(display_path, 1, "",
                "this file's path cannot be used as its id: " + problem +
                    ". Rename the file using a-z, 0-9 and -, or set `id = \"...\"` in its front matter");
    return std::nullopt;
  }
  d.id = std::move(id);
  return d;
}

}  // namespace scrutiny
