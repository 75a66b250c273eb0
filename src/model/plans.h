#pragma once
// Which plan each theme and action belongs to, and which plan is the current one: worked out
// once here, so that pages, charts and filters never decide it for themselves.

#include <optional>
#include <string>
#include <vector>

#include "date.h"
#include "diagnostic.h"
#include "document.h"
#include "link_graph.h"

namespace scrutiny {

struct Portal;

// For each document, the index of the plan it belongs to: a theme's `plan`; an action's
// theme's plan, else its own `plan`; a plan itself. -1 for other documents and for broken
// references (reported by the link graph). Reports an action whose `plan` is not its theme's.
std::vector<int> plan_membership(const std::vector<Document>& documents, const LinkGraph& links,
                                 Diagnostics& diags);

// The plans a portal holds, as at its as-at date.
struct PlanChoice {
  int current = -1;                // the plan pages are about; -1 when the portal has none
  std::vector<size_t> earlier;     // approved before the current plan, newest first
  std::vector<size_t> later;       // approved after it (an as-at date before their approval)
};

// The current plan: of the plans approved by `as_at` and not closed by then, the one approved
// last; when every such plan is closed, the one approved last all the same (the portal then
// reports on a finished plan); failing that, the plan approved first. Without an as-at date,
// a plan with a `closed` date counts as closed. Ties go to the plan first in reading order.
PlanChoice choose_current_plan(const std::vector<Document>& documents, const LinkGraph& links,
                               const std::optional<Date>& as_at);

// Whether `plan` is closed as at `as_at` (any closed date counts when `as_at` is empty).
bool plan_closed(const Document& plan, const std::optional<Date>& as_at);

// The actions of documents[plan], in reading order.
std::vector<size_t> actions_of_plan(const Portal& portal, size_t plan);
// The actions pages about "the plan" show: the current plan's; every action when the portal
// has no plan.
std::vector<size_t> current_plan_actions(const Portal& portal);

// What documents[i]'s plan groups its actions into ("theme", "priority area"), for headings
// and labels; the current plan's words for a document in no plan, and "theme" without one.
struct GroupingWords {
  std::string singular = "theme", plural = "themes";
};
GroupingWords grouping_words(const Portal& portal, int i);

// "priority area" -> "Priority area": a word at the start of a heading or label.
std::string first_letter_upper(std::string text);

}  // namespace scrutiny
