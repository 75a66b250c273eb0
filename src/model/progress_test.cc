#include <doctest/doctest.h>

#include "progress.h"

using namespace scrutiny;

TEST_CASE("progress: the overdue rule") {
  const Date as_at{2024, 2, 20};
  CHECK(is_overdue(Date{2024, 2, 19}, Status::on_track, as_at));
  CHECK(is_overdue(Date{2023, 12, 31}, Status::off_track, as_at));
  CHECK(is_overdue(Date{2023, 12, 31}, Status::not_started, as_at));
  CHECK_FALSE(is_overdue(Date{2024, 2, 20}, Status::on_track, as_at));  // due today
  CHECK_FALSE(is_overdue(Date{2024, 3, 31}, Status::at_risk, as_at));
  CHECK_FALSE(is_overdue(Date{2017, 3, 31}, Status::complete, as_at));
  CHECK(days_overdue(Date{2024, 2, 10}, Status::on_track, as_at) == 10);
  CHECK(days_overdue(Date{2024, 2, 10}, Status::complete, as_at) == 0);
}

TEST_CASE("progress: milestone progress counts complete and overdue and finds the next due") {
  Document a, b;
  a.milestones = {{"Done", Date{2024, 1, 10}, "", Status::complete, Date{2024, 1, 9}, {}},
                  {"Late", Date{2024, 2, 1}, "", Status::at_risk, std::nullopt, {}},
                  {"Later", Date{2024, 6, 30}, "", Status::on_track, std::nullopt, {}}};
  b.milestones = {{"Soon", Date{2024, 3, 31}, "", Status::not_started, std::nullopt, {}}};
  MilestoneProgress p = milestone_progress({&a, &b}, Date{2024, 2, 20});
  CHECK(p.total == 4);
  CHECK(p.complete == 1);
  CHECK(p.overdue == 1);
  REQUIRE(p.next_due != nullptr);
  CHECK(p.next_due->title == "Soon");
  CHECK(milestone_progress({&a, &b}, std::nullopt).next_due == nullptr);
}
