#include "progress.h"

namespace scrutiny {

bool is_overdue(const Date& target_date, Status status, const Date& as_at) {
  return status != Status::complete && target_date < as_at;
}

bool is_overdue(const Milestone& m, const Date& as_at) { return is_overdue(m.target_date, m.status, as_at); }

bool is_overdue(const Document& d, const Date& as_at) {
  return d.type == DocType::action && d.target_date && d.status && is_overdue(*d.target_date, *d.status, as_at);
}

int days_overdue(const Date& target_date, Status status, const Date& as_at) {
  return is_overdue(target_date, status, as_at) ? days_between(target_date, as_at) : 0;
}

}  // namespace scrutiny
