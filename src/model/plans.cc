#include "plans.h"

#include <algorithm>

#include "portal.h"

namespace scrutiny {

std::vector<int> plan_membership(const std::vector<Document>& documents, const LinkGraph& links,
                                 Diagnostics& diags) {
  std::vector<int> plan_of(documents.size(), -1);
  auto plan_named = [&](const Ref& r) {
    int p = r.id.empty() ? -1 : links.find(r.id);
    return p >= 0 && documents[p].type == DocType::plan ? p : -1;
  };
  for (size_t i = 0; i < documents.size(); ++i) {
    const Document& d = documents[i];
    if (d.type == DocType::plan) plan_of[i] = static_cast<int>(i);
    else if (d.type == DocType::theme) plan_of[i] = plan_named(d.plan);
  }
  for (size_t i = 0; i < documents.size(); ++i) {
    const Document& d = documents[i];
    if (d.type != DocType::action) continue;
    const int named = plan_named(d.plan);
    const int t = d.theme.id.empty() ? -1 : links.find(d.theme.id);
    const int through_theme = t >= 0 && documents[t].type == DocType::theme ? plan_of[t] : -1;
    if (named >= 0 && through_theme >= 0 && named != through_theme) {
      const std::string& word = documents[through_theme].grouping;
      diags.error(d.display_path, d.plan.line, d.plan.key,
                  "this action names the plan \"" + d.plan.id + "\", but its " + word + " \"" + d.theme.id +
                      "\" is part of \"" + documents[through_theme].id +
                      "\": an action belongs to one plan, so name a " + word + " of \"" + d.plan.id +
                      "\", or set `plan = \"" + documents[through_theme].id + "\"` (or leave `plan` out)");
    }
    plan_of[i] = through_theme >= 0 ? through_theme : named;
  }
  return plan_of;
}

bool plan_closed(const Document& plan, const std::optional<Date>& as_at) {
  return plan.closed && (!as_at || *plan.closed <= *as_at);
}

PlanChoice choose_current_plan(const std::vector<Document>& documents, const LinkGraph& links,
                               const std::optional<Date>& as_at) {
  const std::vector<size_t>& plans = links.in_reading_order(DocType::plan);
  auto approved = [&](size_t p) { return documents[p].approved.value_or(Date{}); };
  auto approved_by_then = [&](size_t p) { return !as_at || approved(p) <= *as_at; };
  // The latest approved of the plans that pass `fits`; reading order breaks ties.
  auto latest = [&](auto fits) {
    int best = -1;
    for (size_t p : plans)
      if (fits(p) && (best < 0 || approved(static_cast<size_t>(best)) < approved(p))) best = static_cast<int>(p);
    return best;
  };
  PlanChoice choice;
  choice.current = latest([&](size_t p) { return approved_by_then(p) && !plan_closed(documents[p], as_at); });
  if (choice.current < 0) choice.current = latest(approved_by_then);
  if (choice.current < 0) {
    // Every plan is approved after the as-at date: the first of them is the one coming.
    for (size_t p : plans)
      if (choice.current < 0 || approved(p) < approved(static_cast<size_t>(choice.current))) choice.current = static_cast<int>(p);
  }
  if (choice.current < 0) return choice;
  const Date current_approved = approved(static_cast<size_t>(choice.current));
  for (size_t p : plans) {
    if (static_cast<int>(p) == choice.current) continue;
    (approved(p) <= current_approved ? choice.earlier : choice.later).push_back(p);
  }
  auto newest_first = [&](size_t a, size_t b) { return approved(b) < approved(a); };
  std::stable_sort(choice.earlier.begin(), choice.earlier.end(), newest_first);
  std::stable_sort(choice.later.begin(), choice.later.end(), [&](size_t a, size_t b) { return approved(a) < approved(b); });
  return choice;
}

std::vector<size_t> actions_of_plan(const Portal& portal, size_t plan) {
  std::vector<size_t> out;
  for (size_t a : portal.links.in_reading_order(DocType::action))
    if (a < portal.plan_of.size() && portal.plan_of[a] == static_cast<int>(plan)) out.push_back(a);
  return out;
}

std::vector<size_t> current_plan_actions(const Portal& portal) {
  if (portal.plans.current < 0) return portal.links.in_reading_order(DocType::action);
  return actions_of_plan(portal, static_cast<size_t>(portal.plans.current));
}

GroupingWords grouping_words(const Portal& portal, int i) {
  int p = i >= 0 && static_cast<size_t>(i) < portal.plan_of.size() ? portal.plan_of[i] : -1;
  if (p < 0) p = portal.plans.current;
  if (p < 0) return {};
  return {portal.doc(p).grouping, portal.doc(p).grouping_plural};
}

std::string first_letter_upper(std::string text) {
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 'a' + 'A');
  return text;
}

}  // namespace scrutiny
