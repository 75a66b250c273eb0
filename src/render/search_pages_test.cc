#include <doctest/doctest.h>

#include <filesystem>

#include "search_pages.h"
#include "site_builder.h"
#include "test_support.h"

using namespace scrutiny;
using namespace scrutiny::test;
namespace fs = std::filesystem;

namespace {

std::string main_of(const std::string& html) {
  size_t b = html.find("<main"), e = html.find("</main>");
  REQUIRE(b != std::string::npos);
  REQUIRE(e != std::string::npos);
  return html.substr(b, e - b);
}

fs::path build(const TempDir& dir) {
  BuildOptions o;
  o.content_dir = dir.path() / "content";
  o.theme_dir = fs::path(SCRUTINY_SOURCE_DIR) / "themes/default";
  o.out_dir = dir.path() / "site";
  Diagnostics diags;
  BuildResult r = build_site(o, diags);
  for (const auto& d : diags.all()) MESSAGE(format_diagnostic(d));
  REQUIRE_FALSE(diags.has_errors());
  CHECK(r.pages_by_kind["search"] == 1);
  CHECK(r.pages_by_kind["a_z"] == 1);
  return o.out_dir;
}

}  // namespace

TEST_CASE("a_to_z_letter: first letter, accents folded, punctuation skipped") {
  CHECK(a_to_z_letter("Audit decisions") == "A");
  CHECK(a_to_z_letter("audit decisions") == "A");
  CHECK(a_to_z_letter("Évaluation") == "E");
  CHECK(a_to_z_letter("Łódź plan") == "L");
  CHECK(a_to_z_letter("ŵyr") == "W");
  CHECK(a_to_z_letter("\"Quoted\" title") == "Q");
  CHECK(a_to_z_letter("‘Curly’ quotes") == "C");
  CHECK(a_to_z_letter("2016 inspection") == "0–9");
  CHECK(a_to_z_letter("Ωmega") == "Other");
  CHECK(a_to_z_letter("!!!") == "Other");
  CHECK(a_to_z_letter("") == "Other");
}

TEST_CASE("search page: a labelled GET search form, a live region and the A to Z link without script") {
  TempDir dir;
  write_minimal_portal(dir);
  fs::path site = build(dir);
  std::string html = read_file(site / "search.html");
  std::string main = main_of(html);
  CHECK(main.find("<h1>Search</h1>") != std::string::npos);
  CHECK(main.find("<form class=\"search-form\" action=\"search.html\" method=\"get\" role=\"search\"") != std::string::npos);
  CHECK(main.find("data-search-index=\"search/index.js\"") != std::string::npos);
  CHECK(main.find("<label class=\"search-form__label\" for=\"search-input\">") != std::string::npos);
  CHECK(main.find("id=\"search-input\" name=\"q\" type=\"search\"") != std::string::npos);
  CHECK(main.find("<button class=\"search-form__button\" type=\"submit\">Search</button>") != std::string::npos);
  CHECK(main.find("aria-live=\"polite\"") != std::string::npos);
  CHECK(main.find("<a href=\"a-z.html\">A to Z index</a>") != std::string::npos);
  CHECK(main.find("<script src=\"assets/search.js\" defer></script>") != std::string::npos);
  CHECK(fs::exists(site / "assets/search.js"));
  CHECK(fs::exists(site / "search/index.js"));
  CHECK(fs::exists(site / "search/facets.js"));
  CHECK_FALSE(fs::exists(site / "data/search-index.json"));
  // Filters for the script to show, and the list pages that filter without it.
  CHECK(main.find("<fieldset class=\"search-filters\" id=\"search-filters\" hidden>") != std::string::npos);
  CHECK(main.find("<select class=\"search-filters__select\" name=\"type\">") != std::string::npos);
  CHECK(main.find("<option value=\"action\">Action</option>") != std::string::npos);
  CHECK(main.find("<option value=\"on-track\">On track</option>") != std::string::npos);
  CHECK(main.find("<option value=\"plan/p\">Plan 2016</option>") != std::string::npos);
  CHECK(main.find("<option value=\"plan/themes/a\">Practice</option>") != std::string::npos);
  for (const char* link : {"<a href=\"inspections/index.html\">Inspections</a>",
                           "<a href=\"recommendations/index.html\">Recommendations</a>",
                           "<a href=\"plan/p.html\">Improvement plan: Plan 2016, with its themes</a>",
                           "<a href=\"actions/index.html\">Actions by status, theme and owner</a>",
                           "<a href=\"updates/index.html\">Progress updates</a>"})
    CHECK_MESSAGE(main.find(link) != std::string::npos, link);
  // Every page's header links to search, relative to where the page is.
  CHECK(read_file(site / "index.html").find("<a href=\"search.html\">Search</a>") != std::string::npos);
  CHECK(read_file(site / "actions/a1.html").find("<a href=\"../search.html\">Search</a>") != std::string::npos);
  CHECK(read_file(site / "plan/themes/a.html").find("<a href=\"../../search.html\">Search</a>") != std::string::npos);
}

TEST_CASE("A to Z page: documents under their letters, jump links only to letters that exist") {
  TempDir dir;
  write_minimal_portal(dir);
  dir.write("content/updates/u2.md",
            "+++\ntype = \"update\"\ntitle = \"2017 annual report\"\ndate = 2017-01-15\nmeeting = \"Cabinet\"\n+++\n");
  dir.write("content/glossary.md", "+++\ntype = \"page\"\ntitle = \"ärger & <b>tags</b>\"\n+++\n");
  fs::path site = build(dir);
  std::string main = main_of(read_file(site / "a-z.html"));
  for (const char* id : {"letter-a", "letter-i", "letter-n", "letter-p", "letter-0-9"}) {
    CHECK_MESSAGE(main.find(std::string("<h2 id=\"") + id + "\">") != std::string::npos, id);
    CHECK_MESSAGE(main.find(std::string("href=\"#") + id + "\"") != std::string::npos, id);
  }
  CHECK(main.find("id=\"letter-b\"") == std::string::npos);
  CHECK(main.find("href=\"#letter-b\"") == std::string::npos);
  CHECK(main.find("B<span class=\"visually-hidden\"> (no documents)</span>") != std::string::npos);
  CHECK(main.find("letter-other") == std::string::npos);
  // Under A, case and accents ignored: "About", "ärger", "Audit".
  size_t about = main.find(">About this portal</a>"), arger = main.find("&lt;b&gt;tags&lt;/b&gt;</a>"),
         audit = main.find(">Audit decisions</a>");
  CHECK(about < arger);
  CHECK(arger < audit);
  CHECK(audit != std::string::npos);
  CHECK(main.find("href=\"actions/a1.html\">Audit decisions</a> <span class=\"item-list__meta\">Action</span>") !=
        std::string::npos);
  CHECK(main.find(">2017 annual report</a> <span class=\"item-list__meta\">Progress update</span>") != std::string::npos);
  CHECK(main.find("<b>") == std::string::npos);
  auto broken = broken_internal_links(site);
  for (const auto& b : broken) MESSAGE(b);
  CHECK(broken.empty());
  for (const char* page : {"search.html", "a-z.html"}) {
    auto problems = html_wellformedness_problems(read_file(site / page));
    for (const auto& p : problems) MESSAGE(p);
    CHECK(problems.empty());
  }
}
