#include <doctest/doctest.h>

#include "portal.h"

using namespace scrutiny;

namespace {

SourceFile file(const std::string& path, const std::string& text) { return {path, "content/" + path, text}; }

const std::string kMeasure =
    "+++\ntype = \"measure\"\ntitle = \"Repeat plans\"\nunit = \"%\"\nbetter = \"lower\"\n"
    "target = 20\ntarget_date = 2025-03-31\n"
    "[[comparators]]\nname = \"England\"\nvalue = 17\n"
    "[[values]]\ndate = 2023-03-31\nvalue = 31\nnote = \"Baseline\"\n"  // [[values]] at line 11
    "+++\n";

std::string update(const std::string& date, const std::string& reports) {
  return "+++\ntype = \"update\"\ntitle = \"Update " + date + "\"\ndate = " + date +
         "\nmeeting = \"Committee\"\n" + reports + "+++\n";
}

Portal load(std::vector<SourceFile> files, Diagnostics& diags) {
  ContentSource source;
  source.root = "content";
  source.documents = std::move(files);
  source.portal = file("portal.toml", "title = \"T\"\nauthority = \"A\"\n");
  return load_portal(std::move(source), diags);
}

}  // namespace

TEST_CASE("measure series: the measure's values and its updates' reports merge into one dated series") {
  Diagnostics diags;
  Portal p = load({file("measures/m.md", kMeasure),
                   file("updates/u1.md", update("2023-12-05", "[[measures]]\nmeasure = \"measures/m\"\nvalue = 27\n")),
                   file("updates/u2.md", update("2024-02-06", "[[measures]]\nmeasure = \"measures/m\"\nvalue = 24\n"
                                                              "date = 2024-01-31\n"))},
                  diags);
  for (const Diagnostic& d : diags.all()) MESSAGE(d.file << ":" << d.line << ": " << d.message);
  CHECK_FALSE(diags.has_errors());
  int m = p.links.find("measures/m");
  REQUIRE(m >= 0);
  const MeasureSeries* s = p.measure_series(m);
  REQUIRE(s);
  REQUIRE(s->points.size() == 3);
  CHECK(s->points[0].date == Date{2023, 3, 31});
  CHECK(s->points[0].source == static_cast<size_t>(m));
  CHECK(s->points[1].date == Date{2023, 12, 5});  // the update's own date
  CHECK(p.doc(s->points[1].source).id == "updates/u1");
  CHECK(s->points[2].date == Date{2024, 1, 31});
  CHECK(s->points[2].value == 24);
  // Queryable by date: where it stood at a meeting, and what moved between two.
  CHECK_FALSE(s->value_at(Date{2023, 1, 1}));
  CHECK(s->value_at(Date{2023, 12, 31})->value == 27);
  CHECK(s->between(Date{2023, 12, 5}, Date{2024, 2, 6}).size() == 1);
  CHECK(p.measure_series(p.links.find("updates/u1")) == nullptr);
}

TEST_CASE("measure series: one date with two values is an error naming both places") {
  Diagnostics diags;
  load({file("measures/m.md", kMeasure),
        file("updates/u1.md", update("2023-12-05", "[[measures]]\nmeasure = \"measures/m\"\nvalue = 30\n"
                                                   "date = 2023-03-31\n"))},
       diags);
  REQUIRE(diags.error_count() == 1);
  const Diagnostic& d = diags.all()[0];
  CHECK(d.file == "content/updates/u1.md");
  CHECK(d.line == 6);
  CHECK(d.message.find("already has the value 31 for 2023-03-31 (content/measures/m.md line 11)") != std::string::npos);
  CHECK(d.message.find("gives 30") != std::string::npos);

  // The same value twice is the same fact, reported twice: not an error.
  Diagnostics same;
  Portal p = load({file("measures/m.md", kMeasure),
                   file("updates/u1.md", update("2023-12-05", "[[measures]]\nmeasure = \"measures/m\"\nvalue = 31\n"
                                                              "date = 2023-03-31\n"))},
                  same);
  CHECK_FALSE(same.has_errors());
  CHECK(p.measures[0].points.size() == 1);
}

TEST_CASE("measure series: unknown measures and wrong types are errors at file:line") {
  Diagnostics diags;
  load({file("measures/m.md", kMeasure),
        file("updates/u1.md", update("2023-12-05", "[[measures]]\nmeasure = \"measures/n\"\nvalue = 30\n"))},
       diags);
  REQUIRE(diags.error_count() == 1);
  CHECK(diags.all()[0].line == 7);
  CHECK(diags.all()[0].message.find("unknown id \"measures/n\"") != std::string::npos);
  CHECK(diags.all()[0].message.find("did you mean \"measures/m\"") != std::string::npos);

  Diagnostics wrong;
  load({file("measures/m.md", kMeasure + "x\n"),
        file("measures/e.md", "+++\ntype = \"measure\"\ntitle = \"E\"\nunit = \"%\"\nbetter = \"higher\"\n"
                              "evidences = [\"updates/u1\"]\n+++\n"),
        file("updates/u1.md", update("2023-12-05", ""))},
       wrong);
  REQUIRE(wrong.error_count() == 1);
  CHECK(wrong.all()[0].file == "content/measures/e.md");
  CHECK(wrong.all()[0].message.find("a measure can evidence only a theme, an action or a recommendation") !=
        std::string::npos);
}

TEST_CASE("measure trend: said in words, with better or worse given the direction") {
  Document m;
  m.unit = "%";
  m.better = Better::lower;
  m.target = 20;
  m.comparators = {{"England", 17, std::nullopt}};
  MeasureSeries s;
  CHECK(measure_trend_words(m, s) == "No values recorded yet; target 20%; England 17%.");
  s.points = {{Date{2023, 3, 31}, 31, "", 0}};
  CHECK(measure_trend_words(m, s) == "31% in March 2023, the only value so far; target 20%, not yet met; England 17%.");
  s.points.push_back({Date{2024, 1, 31}, 24, "", 0});
  CHECK(measure_trend_words(m, s) ==
        "Down from 31% to 24% since March 2023, better (lower is better); target 20%, not yet met; England 17%.");
  m.better = Better::higher;
  m.target.reset();
  m.target_date.reset();
  m.comparators.clear();
  CHECK(measure_trend_words(m, s) == "Down from 31% to 24% since March 2023, worse (higher is better).");
  s.points[1].value = 31;
  CHECK(measure_trend_words(m, s) == "Unchanged at 31% since March 2023.");
  m.unit = "days";
  m.better = Better::lower;
  m.target = 426;
  m.target_date = Date{2018, 3, 31};
  s.points = {{Date{2016, 3, 31}, 386, "", 0}, {Date{2017, 3, 31}, 412.5, "", 0}};
  CHECK(measure_trend_words(m, s) ==
        "Up from 386 days to 412.5 days since March 2016, worse (lower is better); target 426 days by March 2018, met.");
}

TEST_CASE("measure values are written as their authors wrote them, with the unit") {
  CHECK(measure_value_text(51.3, "%") == "51.3%");
  CHECK(measure_value_text(386, "days") == "386 days");
  CHECK(measure_value_text(45, "per 10,000 children") == "45 per 10,000 children");
  CHECK(measure_value_text(-0.0, "") == "0");
}
