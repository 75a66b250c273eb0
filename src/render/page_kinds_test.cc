#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "command_line.h"
#include "document_reader.h"
#include "history_index.h"
#include "page_kinds.h"
#include "page_renderer.h"
#include "site_builder.h"
#include "test_support.h"

using namespace scrutiny;
using namespace scrutiny::test;
namespace fs = std::filesystem;

namespace {

const fs::path kSource = SCRUTINY_SOURCE_DIR;

// A kind of page only this test knows: one page listing how many documents there are, with a
// place in the navigation after every built-in entry.
const PageKind kTestReportKind{
    "test_report", "test_report", "test_report", PagePlace{"Test report", "test-report/index.html", 100}, false,
    [](const BuildModel&) {
      Route r;
      r.path = "test-report/index.html";
      return std::vector<Route>{r};
    },
    [](const BuildModel& m, const Route& r) {
      PageView page;
      page.path = r.path;
      page.title = "Test report";
      page.breadcrumbs = {crumb_of(kHomeKind), {page.title, ""}};
      page.view.set("document_count", std::to_string(m.portal.documents.size()));
      return page;
    }};

BuildOptions options_for(const TempDir& dir) {
  BuildOptions o;
  o.content_dir = dir.path() / "content";
  o.theme_dir = kSource / "themes/default";
  o.out_dir = dir.path() / "site";
  return o;
}

}  // namespace

TEST_CASE("page registry: every built-in template is required, each once, with the layout") {
  std::vector<std::string> names = required_templates(builtin_page_kinds());
  for (const char* name : {"layout", "home", "action", "filtered", "revision", "commit", "a_z", "not_found"})
    CHECK(std::count(names.begin(), names.end(), name) == 1);
  CHECK(std::count(names.begin(), names.end(), "list") == 1);  // three kinds share it
}

TEST_CASE("page registry: a kind added through the registry alone is routed, rendered and in the navigation") {
  TempDir dir;
  write_minimal_portal(dir);
  BuildOptions o = options_for(dir);
  o.extra_kinds = {&kTestReportKind};

  // Its template is required like any other...
  {
    Diagnostics diags;
    build_site(o, diags);
    REQUIRE(diags.has_errors());
    bool named = false;
    for (const Diagnostic& d : diags.all())
      named |= d.file.find("templates/test_report.mustache") != std::string::npos &&
               d.message.find("required template is missing") != std::string::npos;
    CHECK(named);
    CHECK_FALSE(fs::exists(o.out_dir));
  }
  // ...and a theme override gives it.
  dir.write("content/theme/templates/test_report.mustache", "<h1>Test report</h1>\n<p>{{document_count}} documents</p>\n");
  Diagnostics diags;
  BuildResult r = build_site(o, diags);
  for (const auto& d : diags.all()) MESSAGE(format_diagnostic(d));
  REQUIRE_FALSE(diags.has_errors());
  CHECK(r.pages_by_kind["test_report"] == 1);

  std::string page = read_file(o.out_dir / "test-report/index.html");
  CHECK(page.find("<p>7 documents</p>") != std::string::npos);  // write_minimal_portal writes 7
  CHECK(page.find("<a class=\"site-nav__link\" href=\"index.html\" aria-current=\"page\">Test report</a>") !=
        std::string::npos);
  CHECK(page.find("<a href=\"../index.html\">Overview</a>") != std::string::npos);  // breadcrumbs

  // Every page links it in the navigation, after the built-in entries.
  std::string home = read_file(o.out_dir / "index.html");
  size_t changes = home.find(">Changes</a>");
  size_t report = home.find("<a class=\"site-nav__link\" href=\"test-report/index.html\">Test report</a>");
  REQUIRE(changes != std::string::npos);
  REQUIRE(report != std::string::npos);
  CHECK(changes < report);
  // Built without it, the site has neither the page nor the entry.
  TempDir plain;
  write_minimal_portal(plain);
  Diagnostics plain_diags;
  build_site(options_for(plain), plain_diags);
  REQUIRE_FALSE(plain_diags.has_errors());
  CHECK(read_file(plain.path() / "site/index.html").find("Test report") == std::string::npos);
}

TEST_CASE("check: a document on a generated page's path is reported at its file, with every other error") {
  TempDir dir;
  write_minimal_portal(dir);
  dir.write("content/actions/status/complete.md", "+++\ntype = \"page\"\ntitle = \"Clash\"\n+++\n");
  dir.write("content/actions/a2.md", "+++\ntype = \"action\"\ntitle = \"x\"\n+++\n");
  const std::string content = (dir.path() / "content").string();
  std::ostringstream out, err;
  CHECK(run_command_line({"check", "--content", content, "--theme", (kSource / "themes/default").string()}, out, err) ==
        1);
  INFO(err.str());
  CHECK(err.str().find("actions/status/complete.md:1: error: id: this document's page would be "
                       "actions/status/complete.html") != std::string::npos);
  CHECK(err.str().find("a2.md:1: error: theme: missing required field") != std::string::npos);
}

TEST_CASE("check: an id set in front matter that gives a generated page's path is reported at its line") {
  TempDir dir;
  write_minimal_portal(dir);
  dir.write("content/notes.md", "+++\ntype = \"page\"\ntitle = \"Notes\"\nid = \"actions/overdue\"\n+++\n");
  std::ostringstream out, err;
  CHECK(run_command_line({"check", "--content", (dir.path() / "content").string(), "--theme",
                          (kSource / "themes/default").string()},
                         out, err) == 1);
  INFO(err.str());
  CHECK(err.str().find("notes.md:4: error: id: this document's page would be actions/overdue.html") !=
        std::string::npos);
}

TEST_CASE("page registry: pages that need history lie only in folders no document id may use") {
  // check computes routes without history, so it relies on this to report every collision.
  TempDir dir;
  write_minimal_portal(dir);
  const std::string content = (dir.path() / "content").string();
  const std::string git = "cd '" + content + "' && GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null "
                          "git -c user.name=T -c user.email=t@example.org ";
  REQUIRE(std::system((git + "init -q && " + git + "add -A && " + git + "commit -qm one").c_str()) == 0);
  Diagnostics diags;
  Portal portal = load_portal(content, diags);
  std::optional<HistoryIndex> index = HistoryIndex::open(content, diags);
  REQUIRE_FALSE(diags.has_errors());
  auto model = make_build_model(std::move(portal), "", std::move(index));
  size_t history_routes = 0;
  for (const Route& r : compute_routes(*model, builtin_page_kinds())) {
    if (!r.kind->needs_history) continue;
    ++history_routes;
    size_t slash = r.path.find('/');
    REQUIRE(slash != std::string::npos);
    INFO(r.path);
    CHECK_FALSE(id_problem(r.path.substr(0, slash) + "/x").empty());
  }
  CHECK(history_routes > 7);  // a history page and a revision per document, a commit, the lists
}

TEST_CASE("layout: a page rendered over its folder's shared layout reads as with the whole layout") {
  TempDir dir;
  write_minimal_portal(dir);
  Diagnostics diags;
  const Theme theme = load_theme("", dir.path() / "content", diags);
  for (const std::string base_url : {"", "https://example.org/plan/"}) {
    auto model = make_build_model(load_portal(dir.path() / "content", diags), base_url, std::nullopt);
    REQUIRE_FALSE(diags.has_errors());
    const LayoutParts parts = layout_parts(*model, builtin_page_kinds());
    LayoutViews layouts(model->portal, parts);
    PageRenderer renderer(theme);
    // Runs of pages in one folder, then another, back again, and pages that mark a navigation
    // entry current (by path, by section) among pages that mark none.
    struct Probe {
      std::string path, section, canonical;
    };
    for (const Probe& p : std::vector<Probe>{{"history/a1/1.html", "", "actions/a1.html"},
                                             {"history/a1/2.html", "", ""},
                                             {"actions/index.html", "actions", ""},
                                             {"actions/a1.html", "actions", ""},
                                             {"history/a1/3.html", "", "actions/a1.html"},
                                             {"404.html", "", ""},
                                             {"index.html", "", ""},
                                             {"changes/c1.html", "", ""}}) {
      PageView page;
      page.path = p.path;
      page.section = p.section;
      page.canonical_path = p.canonical;
      page.title = "Page at " + p.path;
      page.breadcrumbs = {crumb_of(kHomeKind), {"History", "history/a1/index.html"}, {page.title, ""}};
      INFO(base_url << " " << p.path);
      const std::string whole =
          renderer.render_page("page", ViewData(), layout_view(model->portal, parts, page));
      const std::string split =
          renderer.render_page("page", ViewData(), layouts.own(page), &layouts.shared(page));
      CHECK(split == whole);
      const std::string stylesheet = p.path == "404.html" && !base_url.empty() ? base_url + "assets/style.css"
                                     : p.path.find('/') == std::string::npos ? "assets/style.css"
                                     : p.path.rfind("history/", 0) == 0      ? "../../assets/style.css"
                                                                             : "../assets/style.css";
      CHECK(whole.find("href=\"" + stylesheet + "\"") != std::string::npos);
      CHECK((whole.find("aria-current=\"page\">Actions") != std::string::npos) == (p.path == "actions/index.html"));
      CHECK((whole.find("aria-current=\"true\">Actions") != std::string::npos) == (p.path == "actions/a1.html"));
    }
  }
}
