#include <doctest/doctest.h>

#include "date.h"
#include "site_path.h"

using namespace scrutiny;

TEST_CASE("site paths: relative links between pages") {
  CHECK(relative_href("index.html", "actions/a1.html") == "actions/a1.html");
  CHECK(relative_href("actions/a1.html", "index.html") == "../index.html");
  CHECK(relative_href("actions/a1.html", "actions/index.html") == "index.html");
  CHECK(relative_href("plan/themes/a.html", "recommendations/r1.html") == "../../recommendations/r1.html");
  CHECK(relative_href("plan/themes/a.html", "plan/p.html") == "../p.html");
  CHECK(root_prefix("plan/themes/a.html") == "../../");
  CHECK(document_page_path("actions/a1") == "actions/a1.html");
}

TEST_CASE("site paths: nothing is written outside the output folder") {
  CHECK(is_safe_output_path("actions/a1.html"));
  CHECK_FALSE(is_safe_output_path("../x.html"));
  CHECK_FALSE(is_safe_output_path("a/../../x.html"));
  CHECK_FALSE(is_safe_output_path("/etc/passwd"));
  CHECK_FALSE(is_safe_output_path("a//b"));
  CHECK_FALSE(is_safe_output_path(""));
}

TEST_CASE("dates: parsing, formatting and arithmetic") {
  CHECK(Date::parse_iso("2016-07-07") == Date{2016, 7, 7});
  CHECK_FALSE(Date::parse_iso("2017-02-29"));
  CHECK(Date::parse_iso("2016-02-29"));
  CHECK_FALSE(Date::parse_iso("31/03/2017"));
  CHECK(Date{2017, 3, 31}.long_form() == "31 March 2017");
  CHECK(days_between(Date{2017, 3, 31}, Date{2017, 9, 30}) == 183);
  CHECK(Date::from_unix(0) == Date{1970, 1, 1});
  CHECK(Date::from_unix(1456790400 - 1, 60) == Date{2016, 3, 1});
}
