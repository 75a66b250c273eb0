#pragma once
// The date a site stands at: what is overdue is judged at it, and pages say which date it is.
// Never the clock's, unless the person building asks for it (--as-at today).

#include <optional>
#include <string_view>

#include "date.h"

namespace scrutiny {

struct Portal;

// Where the as-at date came from, as pages say it.
enum class AsAtBasis {
  latest_commit,   // the date of HEAD's commit: the default
  latest_content,  // without history: the latest date the content records
  build_date,      // --as-at today
  chosen,          // --as-at YYYY-MM-DD
};

// A date asked for with --as-at.
struct AsAtChoice {
  Date date;
  AsAtBasis basis = AsAtBasis::chosen;
};

// Parses --as-at's value: "today" (today's date where scrutiny runs) or a date as YYYY-MM-DD.
// Nothing for anything else.
std::optional<AsAtChoice> parse_as_at(std::string_view value);

// Today's date in the local time zone. Only --as-at today reads the clock.
Date today_by_the_clock();

// Sets portal.as_at and portal.as_at_basis, the one place they are decided: the `choice` when
// given; else `head_commit` (the date of the commit built); else, built without history
// (`with_history` false), the latest date in the content; else none (a repository with no
// commit, a folder outside git).
void settle_as_at(Portal& portal, const std::optional<AsAtChoice>& choice, const std::optional<Date>& head_commit,
                  bool with_history);

}  // namespace scrutiny
