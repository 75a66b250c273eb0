#include "since_last_meeting.h"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>

#include "test_support.h"

using namespace scrutiny;
using namespace scrutiny::test;
namespace fs = std::filesystem;

namespace {

std::string action(const std::string& title, const std::string& target, const std::string& status,
                   const std::string& milestones) {
  return "+++\ntype = \"action\"\ntitle = \"" + title + "\"\ntheme = \"plan/themes/a\"\n"
         "recommendations = [\"recommendations/r1\"]\nowner = \"Head of Service\"\n"
         "start_date = 2016-09-01\ntarget_date = " + target + "\nstatus = \"" + status + "\"\n" + milestones +
         "+++\nWe will do it.\n";
}

std::string milestone(const std::string& title, const std::string& target, const std::string& status,
                      const std::string& completed = "") {
  return "[[milestones]]\ntitle = \"" + title + "\"\ntarget_date = " + target + "\nstatus = \"" + status + "\"\n" +
         (completed.empty() ? "" : "completed = " + completed + "\n");
}

std::string update(const std::string& title, const std::string& date, const std::string& meeting,
                   const std::string& action_id, const std::string& status) {
  return "+++\ntype = \"update\"\ntitle = \"" + title + "\"\ndate = " + date + "\nmeeting = \"" + meeting +
         "\"\n[[statuses]]\naction = \"" + action_id + "\"\nstatus = \"" + status + "\"\n+++\nProgress.\n";
}

// A made-up plan over four commits: two meetings of the scrutiny committee with a board
// meeting between them, an action slipping, one added and completed, milestones met and added,
// deadlines moved and a second inspection's findings.
struct Story {
  TempDir dir;
  fs::path repo;
  Story() {
    write_minimal_portal(dir, "repo");
    repo = dir.path() / "repo";
    const std::string scrutiny = "People Scrutiny Committee", board = "Improvement Board";
    dir.write("repo/actions/a1.md", action("Audit decisions", "2017-03-31", "on-track",
                                           milestone("First audit", "2016-12-31", "not-started")));
    dir.write("repo/updates/u1.md", update("November 2016", "2016-11-15", scrutiny, "actions/a1", "on-track"));
    git_dated(repo, "init -q -b main", "2016-09-20T10:00:00+01:00");
    git_dated(repo, "add -A", "2016-09-20T10:00:00+01:00");
    git_dated(repo, "commit -q -m 'Publish the plan'", "2016-09-20T10:00:00+01:00");

    dir.write("repo/actions/a1.md", action("Audit decisions", "2017-09-30", "at-risk",
                                           milestone("First audit", "2017-01-31", "not-started")));
    dir.write("repo/actions/a2.md", action("Train managers", "2017-06-30", "on-track", ""));
    git_dated(repo, "add -A", "2017-01-10T10:00:00+00:00");
    git_dated(repo, "commit -q -m 'Move the audit, add training'", "2017-01-10T10:00:00+00:00");

    dir.write("repo/updates/u3.md", update("Board, February 2017", "2017-02-01", board, "actions/a1", "off-track"));
    dir.write("repo/inspections/2017.md",
              "+++\ntype = \"inspection\"\ntitle = \"Monitoring visit 2017\"\nkind = \"monitoring-visit\"\n"
              "start_date = 2017-01-20\nend_date = 2017-01-21\npublished = 2017-02-15\n+++\nFindings.\n");
    dir.write("repo/recommendations/r2.md",
              "+++\ntype = \"recommendation\"\ntitle = \"Plan visits\"\ninspection = \"inspections/2017\"\n"
              "number = 1\n+++\nVisits should follow plans.\n");
    git_dated(repo, "add -A", "2017-02-20T10:00:00+00:00");
    git_dated(repo, "commit -q -m 'Board report and monitoring visit'", "2017-02-20T10:00:00+00:00");

    dir.write("repo/actions/a1.md",
              action("Audit decisions", "2017-09-30", "off-track",
                     milestone("First audit", "2017-01-31", "complete", "2017-01-25") +
                         milestone("Second audit", "2017-07-31", "not-started")));
    dir.write("repo/actions/a2.md",
              "+++\ntype = \"action\"\ntitle = \"Train managers\"\ntheme = \"plan/themes/a\"\n"
              "recommendations = [\"recommendations/r1\"]\nowner = \"Head of Service\"\nstart_date = 2016-09-01\n"
              "target_date = 2017-06-30\nstatus = \"complete\"\ncompleted = 2017-02-28\n+++\nDone.\n");
    dir.write("repo/updates/u2.md", update("March 2017", "2017-03-01", scrutiny, "actions/a2", "complete"));
    git_dated(repo, "add -A", "2017-03-02T10:00:00+00:00");
    git_dated(repo, "commit -q -m 'March scrutiny report'", "2017-03-02T10:00:00+00:00");
  }
};

struct Loaded {
  Portal portal;
  std::optional<HistoryIndex> index;
  WithdrawnRevisions withdrawn;
  std::vector<DocumentHistory> histories;
  std::vector<MovedDeadline> moved;
  std::vector<std::vector<StatusSpell>> statuses;
  std::vector<SinceLastMeeting> sections;
  Loaded(const fs::path& repo, bool with_history) {
    Diagnostics diags;
    portal = load_portal(repo, diags);
    REQUIRE_FALSE(diags.has_errors());
    if (with_history) {
      index.emplace(HistoryIndex::open(repo, diags));
      withdrawn = WithdrawnRevisions(portal, *index, diags);
      histories = read_histories(portal, *index, withdrawn);
      moved = moved_deadlines(portal, *index, histories);
      statuses = status_histories(portal, *index, histories);
    }
    for (const auto& d : diags.all()) MESSAGE(format_diagnostic(d));
    REQUIRE_FALSE(diags.has_errors());
    sections = since_last_meetings(portal, index ? &*index : nullptr, histories, statuses, moved);
  }
  const SinceLastMeeting& of(const std::string& id) const {
    const SinceLastMeeting* s = since_last_meeting_of(sections, static_cast<size_t>(portal.links.find(id)));
    REQUIRE(s);
    return *s;
  }
  std::string id(size_t doc) const { return portal.doc(doc).id; }
};

}  // namespace

TEST_CASE("since the last meeting: changes between two meetings of one body, from the history as at each") {
  Story story;
  Loaded m(story.repo, true);
  CHECK(m.sections.size() == 3);
  CHECK_FALSE(m.of("updates/u1").previous);  // the committee's first update
  CHECK_FALSE(m.of("updates/u3").previous);  // the board's first: the committee's is not its previous

  const SinceLastMeeting& s = m.of("updates/u2");
  REQUIRE(s.previous);
  CHECK(m.id(*s.previous) == "updates/u1");
  CHECK(s.since == Date{2016, 11, 15});
  CHECK(s.until == Date{2017, 3, 2});  // committed the day after the meeting: counted to then
  CHECK_FALSE(s.from_model_only);

  using K = MeetingChangeKind;
  REQUIRE(s.changes.size() == 7);
  // A status change, from the committee's last report through the board's to this one.
  CHECK(s.changes[0].kind == K::status_changed);
  CHECK(m.id(s.changes[0].document) == "actions/a1");
  CHECK(s.changes[0].from == Status::on_track);
  CHECK(s.changes[0].to == Status::off_track);
  // The first audit met; a2 was added and completed in between, so it reads as added.
  CHECK(s.changes[1].kind == K::milestone_completed);
  CHECK(s.changes[1].milestone == "First audit");
  CHECK(s.changes[1].from == Status::not_started);
  CHECK(s.changes[1].to_date == Date{2017, 1, 25});
  CHECK(s.changes[2].kind == K::deadline_moved);
  CHECK(s.changes[2].milestone.empty());
  CHECK(s.changes[2].from_date == Date{2017, 3, 31});
  CHECK(s.changes[2].to_date == Date{2017, 9, 30});
  CHECK(s.changes[2].days() == 183);
  CHECK(s.changes[3].kind == K::deadline_moved);
  CHECK(s.changes[3].milestone == "First audit");
  CHECK(s.changes[3].days() == 31);
  CHECK(s.changes[4].kind == K::action_added);
  CHECK(m.id(s.changes[4].document) == "actions/a2");
  CHECK(s.changes[4].to == Status::complete);
  CHECK(s.changes[5].kind == K::milestone_added);
  CHECK(s.changes[5].milestone == "Second audit");
  CHECK(s.changes[6].kind == K::finding_added);
  CHECK(m.id(s.changes[6].document) == "recommendations/r2");
  CHECK(s.count(K::deadline_moved) == 2);

  // The board's update is compared with nothing, so it lists nothing.
  CHECK(m.of("updates/u3").changes.empty());
}

TEST_CASE("since the last meeting: without history, what the model alone gives") {
  Story story;
  Loaded m(story.repo, false);
  const SinceLastMeeting& s = m.of("updates/u2");
  CHECK(s.from_model_only);
  CHECK(s.until == Date{2017, 3, 1});  // the meeting's own date: no commit to go by
  using K = MeetingChangeKind;
  REQUIRE(s.changes.size() == 4);
  CHECK(s.changes[0].kind == K::status_changed);  // from the two bodies' reports
  CHECK(s.changes[0].from == Status::on_track);
  CHECK(s.changes[0].to == Status::off_track);
  CHECK(s.changes[1].kind == K::action_completed);  // by its completion date
  CHECK(m.id(s.changes[1].document) == "actions/a2");
  CHECK(s.changes[1].to_date == Date{2017, 2, 28});
  CHECK(s.changes[2].kind == K::milestone_completed);
  CHECK(s.changes[3].kind == K::finding_added);
  CHECK(s.count(K::deadline_moved) == 0);
  CHECK(s.count(K::action_added) == 0);
}

TEST_CASE("since the last meeting: a withdrawn revision is passed over for the readable one before it") {
  Story story;
  // The March commit's a1 is withdrawn: its milestones are not read, and nothing of it is used.
  std::string cmd = "cd '" + story.repo.string() + "' && git log -1 --format=%H -- actions/a1.md";
  FILE* p = popen(cmd.c_str(), "r");
  REQUIRE(p);
  char buf[64] = {};
  REQUIRE(fgets(buf, sizeof buf, p));
  pclose(p);
  std::string hash(buf, 40);
  // Corrected first, as withdrawing asks: the correction comes after the meeting.
  story.dir.write("repo/actions/a1.md", action("Audit decisions", "2017-09-30", "off-track", ""));
  git_dated(story.repo, "commit -q -am 'Correct the audit'", "2017-03-03T09:00:00+00:00");
  story.dir.write("repo/withdrawn.toml", "[[withdrawn]]\ncommit = \"" + hash +
                                             "\"\ndocument = \"actions/a1.md\"\ndate = 2017-03-03\nreason = \"A mistake.\"\n");
  git_dated(story.repo, "add -A", "2017-03-03T10:00:00+00:00");
  git_dated(story.repo, "commit -q -m 'Withdraw'", "2017-03-03T10:00:00+00:00");
  Loaded m(story.repo, true);
  const SinceLastMeeting& s = m.of("updates/u2");
  // The milestone changes came only from the withdrawn revision; the status change stands on
  // the board's report.
  CHECK(s.count(MeetingChangeKind::milestone_completed) == 0);
  CHECK(s.count(MeetingChangeKind::milestone_added) == 0);
  CHECK(s.count(MeetingChangeKind::status_changed) == 1);
}

TEST_CASE("since the last meeting: an action begun as a copy of another between the meetings reads as added") {
  TempDir dir;
  write_minimal_portal(dir, "repo");
  const fs::path repo = dir.path() / "repo";
  const std::string scrutiny = "People Scrutiny Committee";
  const std::string milestones = milestone("First audit", "2016-12-31", "not-started");
  dir.write("repo/actions/a1.md", action("Audit decisions", "2017-03-31", "on-track", milestones));
  dir.write("repo/updates/u1.md", update("November 2016", "2016-11-15", scrutiny, "actions/a1", "on-track"));
  git_dated(repo, "init -q -b main", "2016-09-20T10:00:00+01:00");
  git_dated(repo, "add -A", "2016-09-20T10:00:00+01:00");
  git_dated(repo, "commit -q -m 'Publish the plan'", "2016-09-20T10:00:00+01:00");
  // An officer starts a second audit from a copy of the first; git follows a3 back into a1.md.
  dir.write("repo/actions/a3.md", action("Audit decisions", "2017-03-31", "on-track", milestones));
  git_dated(repo, "add -A", "2017-01-10T10:00:00+00:00");
  git_dated(repo, "commit -q -m 'A second audit'", "2017-01-10T10:00:00+00:00");
  dir.write("repo/updates/u2.md", update("March 2017", "2017-03-01", scrutiny, "actions/a1", "on-track"));
  git_dated(repo, "add -A", "2017-03-02T10:00:00+00:00");
  git_dated(repo, "commit -q -m 'March scrutiny report'", "2017-03-02T10:00:00+00:00");

  Loaded m(repo, true);
  const size_t a3 = static_cast<size_t>(m.portal.links.find("actions/a3"));
  REQUIRE(m.histories[a3].own() < m.histories[a3].revisions.size());  // the copy was followed
  const SinceLastMeeting& s = m.of("updates/u2");
  // a1's revision from before the copy is not a3's: a3 was not in the plan at the first meeting.
  REQUIRE(s.changes.size() == 1);
  CHECK(s.changes[0].kind == MeetingChangeKind::action_added);
  CHECK(m.id(s.changes[0].document) == "actions/a3");
}

namespace {

std::string measure(const std::string& title, const std::string& better, const std::string& values) {
  return "+++\ntype = \"measure\"\ntitle = \"" + title + "\"\nunit = \"%\"\nbetter = \"" + better + "\"\n" + values +
         "+++\nHow it is counted.\n";
}

std::string value(const std::string& date, const std::string& v) {
  return "[[values]]\ndate = " + date + "\nvalue = " + v + "\n";
}

// Two meetings of the committee. Repeat plans had a value when it first met; the second meeting
// was told a lower one, dated before the first meeting (yearly figures come late). Visits were
// recorded only between the meetings; conferences were reported again at the same value.
struct MeasureStory {
  TempDir dir;
  fs::path repo;
  MeasureStory() {
    write_minimal_portal(dir, "repo");
    repo = dir.path() / "repo";
    const std::string scrutiny = "People Scrutiny Committee";
    dir.write("repo/measures/repeat-plans.md", measure("Repeat plans", "lower", value("2016-03-31", "22.6")));
    dir.write("repo/measures/conferences.md", measure("Conferences in time", "higher", value("2016-05-19", "28")));
    dir.write("repo/updates/u1.md", update("November 2016", "2016-11-15", scrutiny, "actions/a1", "on-track"));
    dir.write("repo/actions/a1.md", action("Audit decisions", "2017-03-31", "on-track", ""));
    git_dated(repo, "init -q -b main", "2016-09-20T10:00:00+01:00");
    git_dated(repo, "add -A", "2016-09-20T10:00:00+01:00");
    git_dated(repo, "commit -q -m 'Publish the plan'", "2016-09-20T10:00:00+01:00");

    dir.write("repo/measures/visits.md", measure("Visits in time", "higher", value("2016-03-31", "51.3")));
    git_dated(repo, "add -A", "2017-01-10T10:00:00+00:00");
    git_dated(repo, "commit -q -m 'Add visits'", "2017-01-10T10:00:00+00:00");

    dir.write("repo/updates/u2.md",
              "+++\ntype = \"update\"\ntitle = \"March 2017\"\ndate = 2017-03-01\nmeeting = \"" + scrutiny +
                  "\"\n[[measures]]\nmeasure = \"measures/repeat-plans\"\nvalue = 19\ndate = 2016-09-30\n"
                  "[[measures]]\nmeasure = \"measures/conferences\"\nvalue = 28\ndate = 2016-12-31\n+++\nFigures.\n");
    git_dated(repo, "add -A", "2017-03-02T10:00:00+00:00");
    git_dated(repo, "commit -q -m 'March scrutiny report'", "2017-03-02T10:00:00+00:00");
  }
};

const MeetingChange* measure_change(const Loaded& m, const SinceLastMeeting& s, const std::string& id) {
  for (const MeetingChange& c : s.changes)
    if (c.kind == MeetingChangeKind::measure_moved && m.id(c.document) == id) return &c;
  return nullptr;
}

}  // namespace

TEST_CASE("since the last meeting: measures whose latest value moved, as the portal stood at each meeting") {
  MeasureStory story;
  Loaded m(story.repo, true);
  const SinceLastMeeting& s = m.of("updates/u2");
  CHECK(s.count(MeetingChangeKind::measure_moved) == 2);

  // Dated before the first meeting, but first reported at this one: news to it.
  const MeetingChange* repeat = measure_change(m, s, "measures/repeat-plans");
  REQUIRE(repeat);
  REQUIRE(repeat->from_value);
  CHECK(repeat->from_value->value == 22.6);
  CHECK(repeat->from_value->date == Date{2016, 3, 31});
  REQUIRE(repeat->to_value);
  CHECK(repeat->to_value->value == 19);
  CHECK(repeat->to_value->date == Date{2016, 9, 30});
  CHECK(repeat->improved == true);  // lower is better

  // Recorded in the measure between the meetings: its first value.
  const MeetingChange* visits = measure_change(m, s, "measures/visits");
  REQUIRE(visits);
  CHECK_FALSE(visits->from_value);
  CHECK(visits->to_value->value == 51.3);
  CHECK_FALSE(visits->improved);

  // A later date at the same value has not moved.
  CHECK_FALSE(measure_change(m, s, "measures/conferences"));
  // Measures come after every other kind of change.
  CHECK(s.changes.back().kind == MeetingChangeKind::measure_moved);
}

TEST_CASE("since the last meeting: without history, a measure's own values count from their dates") {
  MeasureStory story;
  Loaded m(story.repo, false);
  const SinceLastMeeting& s = m.of("updates/u2");
  // The update's report counts from its meeting; the visits value, dated before the first
  // meeting, was there then as far as the files can tell.
  CHECK(s.count(MeetingChangeKind::measure_moved) == 1);
  const MeetingChange* repeat = measure_change(m, s, "measures/repeat-plans");
  REQUIRE(repeat);
  CHECK(repeat->from_value->value == 22.6);
  CHECK(repeat->to_value->value == 19);
}
