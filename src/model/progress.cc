#include "progress.h"

namespace scrutiny {

bool is_overdue(const Date& target_date, Status status, const Date& as_at) {
  return status != Status::complete && target_date < as_at;
}

bool is_overdue(const Milestone& m, const Date& as_at) { return is_overdue(m.target_date, m.status, as_at); }

bool is_overdue(const Document& d, const Date& as_at) {
  return d.type == DocType::action && d.target_date && d.status && is_overdue(*d.target_date, *d.status, as_at);
}

MilestoneProgress milestone_progress(const std::vector<const Document*>& actions, const std::optional<Date>& as_at) {
  MilestoneProgress p;
  for (const Document* a : actions)
    for (const Milestone& m : a->milestones) {
      ++p.total;
      if (m.status == Status::complete) ++p.complete;
      else if (as_at && is_overdue(m, *as_at)) ++p.overdue;
      else if (as_at && (!p.next_due || m.target_date < p.next_due->target_date)) p.next_due = &m;
    }
  return p;
}

int days_overdue(const Date& target_date, Status status, const Date& as_at) {
  return is_overdue(target_date, status, as_at) ? days_between(target_date, as_at) : 0;
}

std::optional<Date> latest_recorded_date(const std::vector<Document>& documents) {
  std::optional<Date> latest;
  auto consider = [&](const std::optional<Date>& d) {
    if (d && (!latest || *d > *latest)) latest = d;
  };
  for (const Document& d : documents) {
    consider(d.date);
    consider(d.published);
    consider(d.approved);
    consider(d.completed);
    for (const PlanVersion& v : d.versions) consider(v.date);
    for (const Milestone& m : d.milestones) consider(m.completed);
  }
  return latest;
}

}  // namespace scrutiny
