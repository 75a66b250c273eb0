#pragma once
// Where the plan stands as at a date: the overdue rule, shared by pages and exports.

#include <optional>

#include "date.h"
#include "document.h"

namespace scrutiny {

// A milestone or action is overdue when its target date has passed as at `as_at` and it is
// not complete. A target date equal to `as_at` is not yet overdue: it is due that day.
bool is_overdue(const Date& target_date, Status status, const Date& as_at);
bool is_overdue(const Milestone& m, const Date& as_at);
// False for documents that are not actions or lack a target date or status.
bool is_overdue(const Document& action, const Date& as_at);

// Days past the target date as at `as_at` (0 when not overdue).
int days_overdue(const Date& target_date, Status status, const Date& as_at);

}  // namespace scrutiny
