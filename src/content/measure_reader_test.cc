#include <doctest/doctest.h>

#include "document_reader.h"

using namespace scrutiny;

namespace {

const std::string kMeasure =
    "+++\n"                                               // 1
    "type = \"measure\"\n"                                // 2
    "title = \"Repeat child protection plans\"\n"         // 3
    "unit = \"%\"\n"                                      // 4
    "better = \"lower\"\n"                                // 5
    "target = 18\n"                                       // 6
    "target_date = 2018-03-31\n"                          // 7
    "source = \"Children in need census\"\n"              // 8
    "evidences = [\"plan/themes/a\", \"actions/a1\"]\n"   // 9
    "[[comparators]]\n"                                   // 10
    "name = \"England\"\n"                                // 11
    "value = 17\n"                                        // 12
    "[[values]]\n"                                        // 13
    "date = 2016-03-31\n"                                 // 14
    "value = 22.6\n"                                      // 15
    "note = \"Baseline\"\n"                               // 16
    "+++\n";

std::string replace(std::string s, const std::string& from, const std::string& to) {
  s.replace(s.find(from), from.size(), to);
  return s;
}

std::vector<Diagnostic> problems(const std::string& text, const std::string& path = "measures/m.md") {
  Diagnostics diags;
  read_document("content/" + path, path, text, diags);
  return diags.sorted();
}

}  // namespace

TEST_CASE("measure: every field is read") {
  Diagnostics diags;
  auto d = read_document("content/measures/m.md", "measures/m.md", kMeasure, diags);
  REQUIRE(d);
  CHECK(diags.all().empty());
  CHECK(d->type == DocType::measure);
  CHECK(d->unit == "%");
  CHECK(d->better == Better::lower);
  CHECK(d->target == 18.0);
  CHECK(d->target_date == Date{2018, 3, 31});
  CHECK(d->source == "Children in need census");
  REQUIRE(d->evidences.size() == 2);
  CHECK(d->evidences[1].id == "actions/a1");
  REQUIRE(d->comparators.size() == 1);
  CHECK(d->comparators[0].name == "England");
  CHECK(d->comparators[0].value == 17.0);
  REQUIRE(d->values.size() == 1);
  CHECK(d->values[0].date == Date{2016, 3, 31});
  CHECK(d->values[0].value == 22.6);
  CHECK(d->values[0].note == "Baseline");
  CHECK(d->values[0].line == 13);
}

TEST_CASE("measure: mistakes are errors at their line, saying what to write") {
  auto one = [](const std::string& text) {
    auto p = problems(text);
    REQUIRE(p.size() == 1);
    return p[0];
  };
  Diagnostic d = one(replace(kMeasure, "value = 22.6", "value = \"28%\""));
  CHECK(d.line == 15);
  CHECK(d.key == "values[1].value");
  CHECK(d.message.find("write value = 28 ") != std::string::npos);
  CHECK(d.message.find("`unit`") != std::string::npos);

  d = one(replace(kMeasure, "better = \"lower\"", "better = \"down\""));
  CHECK(d.line == 5);
  CHECK(d.message.find("better = \"lower\"") != std::string::npos);

  d = one(replace(kMeasure, "unit = \"%\"\n", ""));
  CHECK(d.key == "unit");
  CHECK(d.message.find("missing required field") != std::string::npos);

  d = one(replace(kMeasure, "target = 18\n", ""));
  CHECK(d.key == "target_date");
  CHECK(d.message.find("without a target") != std::string::npos);

  d = one(replace(kMeasure, "date = 2016-03-31\n", ""));
  CHECK(d.key == "values[1].date");

  d = one(replace(kMeasure, "value = 17", "value = true"));
  CHECK(d.line == 12);
  CHECK(d.message.find("expected a number") != std::string::npos);
}

TEST_CASE("measure: an update reports values, dated or not") {
  const std::string update =
      "+++\n"
      "type = \"update\"\n"
      "title = \"December 2023\"\n"
      "date = 2023-12-05\n"
      "meeting = \"People Scrutiny Committee\"\n"
      "[[measures]]\n"                 // 6
      "measure = \"measures/m\"\n"
      "value = 24\n"
      "[[measures]]\n"                 // 9
      "measure = \"measures/m\"\n"
      "value = 26.5\n"
      "date = 2023-09-30\n"
      "note = \"Quarter 2\"\n"
      "+++\n";
  Diagnostics diags;
  auto d = read_document("content/updates/u.md", "updates/u.md", update, diags);
  REQUIRE(d);
  CHECK(diags.all().empty());
  REQUIRE(d->measure_reports.size() == 2);
  CHECK(d->measure_reports[0].measure.id == "measures/m");
  CHECK(d->measure_reports[0].measure.key == "measures[1].measure");
  CHECK_FALSE(d->measure_reports[0].date);
  CHECK(d->measure_reports[0].line == 6);
  CHECK(d->measure_reports[1].date == Date{2023, 9, 30});
  CHECK(d->measure_reports[1].value == 26.5);
  CHECK(d->measure_reports[1].note == "Quarter 2");

  auto p = problems(replace(update, "value = 24\n", "value = \"n/a\"\n"), "updates/u.md");
  REQUIRE(p.size() == 1);
  CHECK(p[0].key == "measures[1].value");
  CHECK(p[0].message.find("expected a number without quotes") != std::string::npos);
}

TEST_CASE("measure: measures/index is the generator's list of measures") {
  CHECK_FALSE(id_problem("measures/index").empty());
  CHECK(id_problem("measures/repeat-plans").empty());
}
