#include "archetype.h"

#include <kainjow/mustache.hpp>

#include <algorithm>
#include <regex>

#include "content_source.h"
#include "input_boundary.h"
#include "portal.h"

namespace scrutiny {
namespace fs = std::filesystem;

namespace {

// Values go into TOML strings in quotes, so quotes and backslashes in them are escaped.
std::string toml_escaped(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

const Document* latest(const std::vector<const Document*>& docs,
                       const std::function<std::optional<Date>(const Document&)>& date_of) {
  const Document* best = nullptr;
  for (const Document* d : docs)
    if (!best || std::pair(date_of(*d), d->id) > std::pair(date_of(*best), best->id)) best = d;
  return best;
}

std::vector<const Document*> of_type(const Portal& portal, DocType type) {
  std::vector<const Document*> docs;
  for (const Document& d : portal.documents)
    if (d.type == type) docs.push_back(&d);
  return docs;
}

long long next_number(const std::vector<const Document*>& docs) {
  long long top = 0;
  for (const Document* d : docs) top = std::max(top, d->number.value_or(0));
  return top + 1;
}

// The number after the highest of the ids `folder/PREFIXn`, zero-padded as wide as the widest.
std::string next_file_number(const Portal& portal, const std::string& folder_prefix) {
  const std::regex numbered(folder_prefix + "([0-9]+)");
  long long top = 0;
  size_t width = 2;
  for (const Document& d : portal.documents) {
    std::smatch m;
    if (!std::regex_match(d.id, m, numbered)) continue;
    top = std::max(top, std::stoll(m[1].str()));
    width = std::max(width, m[1].str().size());
  }
  std::string n = std::to_string(top + 1);
  return std::string(n.size() < width ? width - n.size() : 0, '0') + n;
}

std::string stem_of(const std::string& id) { return fs::path(id).filename().string(); }

std::optional<std::string> read_archetype(const fs::path& content_dir, DocType type, std::string& from,
                                          std::string& problem) {
  const std::string name = std::string(doc_type_value(type)) + ".md";
  const fs::path own = content_dir / kArchetypesDir / name;
  std::error_code ec;
  if (fs::exists(fs::symlink_status(own, ec))) {
    from = display_join(content_dir, std::string(kArchetypesDir) + "/" + name);
    const InputBoundary boundary = InputBoundary::around_content(content_dir);
    Diagnostics diags;
    std::optional<std::string> text;
    if (auto real = boundary.resolve(own, from, diags)) text = boundary.read_file(*real, from, diags);
    if (!text) problem = diags.all().empty() ? from + ": cannot read it" : diags.all()[0].file + ": " + diags.all()[0].message;
    return text;
  }
  from = "built-in";
  for (const EmbeddedFile& f : builtin_archetype_files())
    if (f.path == name) return std::string(f.bytes);
  problem = "no built-in archetype for " + std::string(doc_type_value(type));
  return std::nullopt;
}

}  // namespace

std::optional<NewDocument> draw_from_archetype(const fs::path& content_dir, DocType type, std::string rel_path,
                                               const Date& today, std::string& problem) {
  // Problems in the content do not stop a new document; `check` reports them.
  Diagnostics ignored;
  Portal portal = load_portal(content_dir, ignored);
  // No as-at date, so every plan with a closing date counts as closed and the newest plan
  // still open takes the new document, whatever today is.
  settle_as_at(portal, std::nullopt, std::nullopt, true);

  const auto inspections = of_type(portal, DocType::inspection);
  const auto plans = of_type(portal, DocType::plan);
  const auto recommendations = of_type(portal, DocType::recommendation);
  const auto themes = of_type(portal, DocType::theme);
  const auto actions = of_type(portal, DocType::action);
  const Document* inspection =
      latest(inspections, [](const Document& d) { return d.published ? d.published : d.start_date; });
  // The current plan (plans.h): a closed plan takes no new themes or actions.
  const Document* plan = portal.plans.current >= 0 ? &portal.doc(static_cast<size_t>(portal.plans.current))
                                                   : latest(plans, [](const Document& d) { return d.approved; });
  // Documents that refer to `owner` by `relation`, in document order.
  auto belonging = [&](Relation relation, const Document* owner) {
    std::vector<const Document*> out;
    if (!owner) return out;
    std::vector<size_t> from = portal.links.referrers(static_cast<size_t>(owner - portal.documents.data()), relation);
    std::sort(from.begin(), from.end());
    for (size_t i : from) out.push_back(&portal.doc(i));
    return out;
  };
  auto plan_themes = belonging(Relation::in_plan, plan);  // its themes, and actions naming it directly
  std::erase_if(plan_themes, [](const Document* d) { return d->type != DocType::theme; });
  std::stable_sort(plan_themes.begin(), plan_themes.end(), [](const Document* a, const Document* b) {
    return a->number.value_or(0) < b->number.value_or(0);
  });
  const Document* theme = !plan_themes.empty() ? plan_themes.front() : themes.empty() ? nullptr : themes.front();
  auto inspection_recommendations = belonging(Relation::made_by, inspection);
  const auto& candidates = inspection_recommendations.empty() ? recommendations : inspection_recommendations;
  const Document* recommendation = nullptr;
  for (const Document* r : candidates)
    if (!recommendation || r->number.value_or(0) >= recommendation->number.value_or(0)) recommendation = r;

  const std::string type_name(doc_type_value(type));
  auto need = [&](const Document* d, const std::string& a, const std::string& what) {
    if (!d)
      problem = "a new " + type_name + " refers to " + a + " " + what + ", and the content has none yet: write "
                "one first with scrutiny new " + what;
    return d != nullptr;
  };
  kainjow::mustache::data values;
  values.set("today", today.iso());
  values.set("year", std::to_string(today.year));
  values.set("month_year", today.month_year());
  std::string number, default_path;
  switch (type) {
    case DocType::inspection:
      default_path = "inspections/" + today.iso();
      break;
    case DocType::recommendation:
      if (!need(inspection, "an", "inspection")) return std::nullopt;
      number = std::to_string(next_number(inspection_recommendations));
      default_path = "recommendations/" + stem_of(inspection->id) + "-r" + number;
      break;
    case DocType::plan:
      default_path = "plan/improvement-plan-" + std::to_string(today.year);
      break;
    case DocType::theme:
      if (!need(plan, "a", "plan")) return std::nullopt;
      number = std::to_string(next_number(plan_themes));
      default_path = "plan/themes/theme-" + number;
      break;
    case DocType::action:
      if (!need(theme, "a", "theme") || !need(recommendation, "a", "recommendation")) return std::nullopt;
      default_path = "actions/a" + next_file_number(portal, "actions/a");
      break;
    case DocType::update:
      default_path = "updates/" + today.iso();
      break;
    case DocType::page:
      default_path = "new-page";
      break;
    case DocType::measure:
      default_path = "measures/new-measure";
      break;
  }
  if (!number.empty()) values.set("number", number);
  if (inspection) values.set("inspection", inspection->id);
  if (plan) values.set("plan", plan->id);
  if (theme) values.set("theme", theme->id);
  if (recommendation) values.set("recommendation", recommendation->id);
  values.set("only_theme", themes.size() == 1);
  values.set("only_recommendation", recommendations.size() == 1);
  values.set("theme_example", theme ? theme->id : "plan/themes/theme-1");
  values.set("action_example", actions.empty() ? "actions/a01" : actions.front()->id);
  values.set("meeting", toml_escaped(!plan                   ? "Children's Services Improvement Board"
                                     : !plan->board.empty()   ? plan->board
                                     : !plan->scrutiny.empty() ? plan->scrutiny
                                                               : "Children's Services Improvement Board"));

  NewDocument doc;
  std::optional<std::string> source = read_archetype(content_dir, type, doc.archetype, problem);
  if (!source) return std::nullopt;
  kainjow::mustache::mustache tmpl(*source);
  if (!tmpl.is_valid()) {
    problem = doc.archetype + ": " + tmpl.error_message();
    return std::nullopt;
  }
  // The output is TOML and Markdown, not HTML: values go in as they are.
  tmpl.set_custom_escape([](const std::string& s) { return s; });
  doc.text = tmpl.render(values);

  if (rel_path.empty()) {
    // The usual name is taken: the first free one after it, as name-2.md, name-3.md...
    std::error_code ec;
    rel_path = default_path + ".md";
    for (int i = 2; fs::exists(fs::symlink_status(content_dir / rel_path, ec)); ++i)
      rel_path = default_path + "-" + std::to_string(i) + ".md";
  } else if (fs::path(rel_path).extension() != ".md") {
    rel_path += ".md";
  }
  doc.rel_path = rel_path;
  return doc;
}

}  // namespace scrutiny
