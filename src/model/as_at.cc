#include "as_at.h"

#include <ctime>

#include "portal.h"
#include "progress.h"

namespace scrutiny {

std::optional<AsAtChoice> parse_as_at(std::string_view value) {
  if (value == "today") return AsAtChoice{today_by_the_clock(), AsAtBasis::build_date};
  if (std::optional<Date> d = Date::parse_iso(value)) return AsAtChoice{*d, AsAtBasis::chosen};
  return std::nullopt;
}

Date today_by_the_clock() {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  return Date{local.tm_year + 1900, local.tm_mon + 1, local.tm_mday};
}

void settle_as_at(Portal& portal, const std::optional<AsAtChoice>& choice, const std::optional<Date>& head_commit,
                  bool with_history) {
  if (choice) {
    portal.as_at = choice->date;
    portal.as_at_basis = choice->basis;
  } else if (head_commit) {
    portal.as_at = *head_commit;
    portal.as_at_basis = AsAtBasis::latest_commit;
  } else if (!with_history) {
    // Still never the clock's, so the same content gives the same site.
    portal.as_at = latest_recorded_date(portal.documents);
    portal.as_at_basis = AsAtBasis::latest_content;
  } else {
    portal.as_at.reset();
  }
  // Which plan is current depends on the date: a plan closed after it is still running.
  portal.plans = choose_current_plan(portal.documents, portal.links, portal.as_at);
}

}  // namespace scrutiny
