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
  // Folders are compared whole: "plan" is not "planning", nor "a/b" "a/bc".
  CHECK(relative_href("plan/x.html", "planning/y.html") == "../planning/y.html");
  CHECK(relative_href("a/b/x.html", "a/bc/d/y.html") == "../bc/d/y.html");
  CHECK(relative_href("a/b/x.html", "a/b/d/y.html") == "d/y.html");
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

TEST_CASE("site paths: slugs spell accented Latin letters in a-z and drop punctuation") {
  CHECK(slug("Head of Children's Services") == "head-of-children-s-services");
  CHECK(slug("Group Manager \u2013 ICT") == "group-manager-ict");
  CHECK(slug("  Audit Manager (Corporate)  ") == "audit-manager-corporate");
  CHECK(slug("Chef de Service \u00c9ducation") == "chef-de-service-education");
  CHECK(slug("Pawe\u0142 \u017b\u00f3\u0142kiewski") == "pawel-zolkiewski");
  CHECK(slug("S\u00f8ren Stra\u00dfe") == "soren-strasse");
  CHECK(slug("\u00c6sir \u0152uvre \u0132sselmeer \u00de\u00f3r") == "aesir-oeuvre-ijsselmeer-thor");
  CHECK(slug("\u0218tefan \u021a\u0103ran 2\u00d73") == "stefan-taran-2-3");
  CHECK(slug("\u0414\u0438\u0440\u0435\u043a\u0442\u043e\u0440").empty());
}

TEST_CASE("site paths: page names are unique, readable, bounded and stable") {
  const std::string dash = "Group Manager \u2013 ICT", plain = "Group Manager ICT";
  const std::string cyrillic = "\u0414\u0438\u0440\u0435\u043a\u0442\u043e\u0440";
  const std::string greek = "\u0394\u03b9\u03b5\u03c5\u03b8\u03c5\u03bd\u03c4\u03ae\u03c2";
  const std::string arabic = "\u0645\u062f\u064a\u0631";
  std::string long_name;
  for (int i = 0; i < 30; ++i) long_name += "Principal ";  // 300 characters
  const std::string long_other = long_name + "Deputy";

  // Alone, a name whose slug says it all gets the slug.
  CHECK(page_names({dash}).at(dash) == "group-manager-ict");
  CHECK(page_names({"Head of Service"}).at("Head of Service") == "head-of-service");

  // Names that differ only in punctuation or case each get their own page, both with a hash
  // of the exact name, so the old shared address shows neither.
  auto both = page_names({dash, plain, "group manager ict"});
  REQUIRE(both.size() == 3);
  CHECK(both.at(dash) != both.at(plain));
  CHECK(both.at(plain) != both.at("group manager ict"));
  CHECK(both.at(dash).rfind("group-manager-ict-", 0) == 0);
  CHECK(both.at(plain).rfind("group-manager-ict-", 0) == 0);
  CHECK(both.at(dash).size() == std::string("group-manager-ict-").size() + 8);
  // The hash depends on the name alone: the same with any other colliding names.
  CHECK(page_names({dash, plain}).at(dash) == both.at(dash));

  // Other scripts: a hash each, never a shared "other"; the same whatever else is there.
  auto scripts = page_names({cyrillic, greek, arabic, "Director"});
  CHECK(scripts.at(cyrillic).size() == 8);
  CHECK(scripts.at(cyrillic) != scripts.at(greek));
  CHECK(scripts.at(greek) != scripts.at(arabic));
  CHECK(scripts.at("Director") == "director");
  CHECK(page_names({cyrillic}).at(cyrillic) == scripts.at(cyrillic));
  // Latin letters with something unspellable beside them keep the readable part, and a hash.
  const std::string mixed = "ICT " + cyrillic;
  CHECK(page_names({mixed, "ICT"}).at(mixed).rfind("ict-", 0) == 0);
  CHECK(page_names({mixed, "ICT"}).at("ICT") == "ict");

  // Long names are cut at a word and told apart by a hash, within bounds.
  auto longs = page_names({long_name, long_other});
  CHECK(longs.at(long_name) != longs.at(long_other));
  for (const auto& [text, name] : longs) {
    CHECK(name.size() <= kMaxReadablePageName + 9);
    CHECK(name.rfind("principal-principal-", 0) == 0);
    CHECK(name.find("--") == std::string::npos);
  }
  CHECK(page_names({long_name}).at(long_name) == longs.at(long_name));
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
