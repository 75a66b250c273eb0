#pragma once
// Where the plan stands as at a date: the overdue rule, shared by pages and exports.

#include <optional>
#include <vector>

#include "date.h"
#include "document.h"

namespace scrutiny {

// A milestone or action is overdue when its target date has passed as at `as_at` and it is
// not complete. A target date equal to `as_at` is not yet overdue: it is due that day.
bool is_overdue(const Date& target_date, Status status, const Date& as_at);
bool is_overdue(const Milestone& m, const Date& as_at);
// False for documents that are not actions or lack a target date or status.
bool is_overdue(const Document& action, const Date& as_at);

// The latest date on which the content records something happening: an update's meeting, an
// inspection's publication, the plan's approval or a version of it, an action or milestone
// completed. Target dates are plans, not events, so they never count. The as-at date of a
// build without history (empty when the content records no such date).
std::optional<Date> latest_recorded_date(const std::vector<Document>& documents);

// How the milestones of some actions stand as at a date: counts, and the next one due.
struct MilestoneProgress {
  size_t total = 0, complete = 0, overdue = 0;
  const Milestone* next_due = nullptr;  // the earliest not complete and not overdue, if any
};
// `as_at` empty counts nothing as overdue and nothing as next due.
MilestoneProgress milestone_progress(const std::vector<const Document*>& actions, const std::optional<Date>& as_at);

// Days past the target date as at `as_at` (0 when not overdue).
int days_overdue(const Date& target_date, Status status, const Date& as_at);

}  // namespace scrutiny
