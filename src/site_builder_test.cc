#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <sstream>

#include "command_line.h"
#include "site_builder.h"
#include "test_support.h"

using namespace scrutiny;
using namespace scrutiny::test;
namespace fs = std::filesystem;

namespace {

const fs::path kSource = SCRUTINY_SOURCE_DIR;

BuildOptions options_for(const TempDir& dir, const std::string& out = "site") {
  BuildOptions o;
  o.content_dir = dir.path() / "content";
  o.theme_dir = kSource / "themes/default";
  o.out_dir = dir.path() / out;
  return o;
}

std::map<std::string, std::string> snapshot(const fs::path& root) {
  std::map<std::string, std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(root))
    if (e.is_regular_file()) files[e.path().lexically_relative(root).generic_string()] = read_file(e.path());
  return files;
}

void check_site(const fs::path& site) {
  size_t pages = 0;
  for (const auto& e : fs::recursive_directory_iterator(site)) {
    if (e.path().extension() != ".html") continue;
    ++pages;
    auto problems = html_wellformedness_problems(read_file(e.path()));
    INFO(e.path().generic_string());
    CHECK(problems.empty());
    for (const auto& p : problems) MESSAGE(p);
  }
  CHECK(pages > 0);
  auto broken = broken_internal_links(site);
  for (const auto& b : broken) MESSAGE(b);
  CHECK(broken.empty());
}

}  // namespace

TEST_CASE("build: a minimal portal gives a complete, well-formed, linked site") {
  TempDir dir;
  write_minimal_portal(dir);
  Diagnostics diags;
  BuildResult r = build_site(options_for(dir), diags);
  for (const auto& d : diags.all()) MESSAGE(format_diagnostic(d));
  REQUIRE_FALSE(diags.has_errors());
  fs::path site = dir.path() / "site";
  for (const char* f : {"index.html", "404.html", "robots.txt", "inspections/index.html", "actions/a1.html",
                        "recommendations/r1.html", "updates/u1.html", "about.html", "assets/style.css"})
    CHECK_MESSAGE(fs::exists(site / f), f);
  CHECK_FALSE(fs::exists(site / "sitemap.xml"));  // no base URL
  CHECK(r.pages_by_kind["action"] == 1);
  check_site(site);

  // Backlinks: the recommendation shows the action that answers it and the update.
  std::string rec = read_file(site / "recommendations/r1.html");
  CHECK(rec.find("href=\"../actions/a1.html\"") != std::string::npos);
  CHECK(rec.find("href=\"../updates/u1.html\"") != std::string::npos);
  CHECK(rec.find("href=\"../inspections/2016.html\"") != std::string::npos);
  std::string action = read_file(site / "actions/a1.html");
  CHECK(action.find("href=\"../recommendations/r1.html\"") != std::string::npos);
  CHECK(action.find("First audit") != std::string::npos);
  // Titles are unique.
  std::map<std::string, std::string> titles;
  for (const auto& [path, text] : snapshot(site)) {
    if (path.size() < 5 || path.substr(path.size() - 5) != ".html") continue;
    auto b = text.find("<title>"), e = text.find("</title>");
    std::string title = text.substr(b, e - b);
    bool unique = titles.emplace(title, path).second;
    CHECK_MESSAGE(unique, (path + " shares its title with " + titles[title]));
  }
}

TEST_CASE("build: front matter values are escaped and links cannot inject script") {
  TempDir dir;
  write_minimal_portal(dir);
  dir.write("content/recommendations/r1.md",
            "+++\ntype = \"recommendation\"\ntitle = \"<script>alert('t')</script>\"\n"
            "summary = \"\\\" onmouseover=\\\"alert(1)\"\ninspection = \"inspections/2016\"\n+++\n"
            "[x](javascript:alert(1)) <iframe src=x></iframe>\n");
  Diagnostics diags;
  build_site(options_for(dir), diags);
  REQUIRE_FALSE(diags.has_errors());
  for (const auto& [path, text] : snapshot(dir.path() / "site")) {
    // Data files hold the title as data (escaped for their own format); pages must not run it.
    if (path.size() < 5 || path.substr(path.size() - 5) != ".html") continue;
    CHECK_MESSAGE(text.find("<script>") == std::string::npos, path);
    CHECK_MESSAGE(text.find("javascript:") == std::string::npos, path);
    CHECK_MESSAGE(text.find("<iframe") == std::string::npos, path);
    CHECK_MESSAGE(text.find("\" onmouseover") == std::string::npos, path);
  }
  CHECK(read_file(dir.path() / "site/recommendations/r1.html").find("&lt;script&gt;") != std::string::npos);
}

TEST_CASE("build: a failing build reports every error and leaves the old site untouched") {
  TempDir dir;
  write_minimal_portal(dir);
  Diagnostics first;
  build_site(options_for(dir), first);
  REQUIRE_FALSE(first.has_errors());
  auto before = snapshot(dir.path() / "site");

  dir.write("content/actions/a1.md", read_file(dir.path() / "content/actions/a1.md").replace(
                                         read_file(dir.path() / "content/actions/a1.md").find("on-track"), 8, "finished"));
  dir.write("content/updates/u2.md", "+++\ntype = \"update\"\ntitle = \"x\"\ndate = 2017-13-01\n+++\n");
  dir.write("content/recommendations/r2.md",
            "+++\ntype = \"recommendation\"\ntitle = \"r2\"\ninspection = \"inspections/2061\"\n+++\n");
  Diagnostics second;
  build_site(options_for(dir), second);
  CHECK(second.error_count() == 3);
  auto all = second.sorted();
  REQUIRE(all.size() >= 3);
  CHECK(all[0].file.find("actions/a1.md") != std::string::npos);
  CHECK(all[0].line == 9);
  CHECK(all[1].file.find("recommendations/r2.md") != std::string::npos);
  CHECK(all[1].line == 4);
  CHECK(all[2].file.find("updates/u2.md") != std::string::npos);
  CHECK(all[2].line == 4);
  CHECK(snapshot(dir.path() / "site") == before);
  // No staging folder is left behind.
  size_t entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir.path())) ++entries;
  CHECK(entries == 2);  // content and site
}

TEST_CASE("build: the same input gives a byte-identical site, and nothing from an earlier build lingers") {
  TempDir dir;
  write_minimal_portal(dir);
  Diagnostics d1, d2;
  build_site(options_for(dir, "one"), d1);
  build_site(options_for(dir, "two"), d2);
  REQUIRE_FALSE(d1.has_errors());
  CHECK(snapshot(dir.path() / "one") == snapshot(dir.path() / "two"));

  fs::remove(dir.path() / "content/updates/u1.md");
  Diagnostics d3;
  build_site(options_for(dir, "one"), d3);
  REQUIRE_FALSE(d3.has_errors());
  CHECK_FALSE(fs::exists(dir.path() / "one/updates/u1.html"));
}

TEST_CASE("build: a base URL gives a sitemap of absolute addresses") {
  TempDir dir;
  write_minimal_portal(dir);
  BuildOptions o = options_for(dir);
  o.base_url = "https://example.org/improvement";
  Diagnostics diags;
  build_site(o, diags);
  REQUIRE_FALSE(diags.has_errors());
  std::string sitemap = read_file(dir.path() / "site/sitemap.xml");
  CHECK(sitemap.find("<loc>https://example.org/improvement/actions/a1.html</loc>") != std::string::npos);
  CHECK(read_file(dir.path() / "site/robots.txt").find("Sitemap: https://example.org/improvement/sitemap.xml") !=
        std::string::npos);
  CHECK(read_file(dir.path() / "site/404.html").find("href=\"https://example.org/improvement/assets/style.css\"") !=
        std::string::npos);
}

TEST_CASE("build: a symlink leading outside the repository is refused") {
  TempDir dir;
  write_minimal_portal(dir);
  dir.write("secret.md", "+++\ntype = \"page\"\ntitle = \"Secret\"\n+++\n");
  fs::create_directories(dir.path() / "content/.git");  // the content folder is the repository
  fs::create_symlink(dir.path() / "secret.md", dir.path() / "content/leak.md");
  Diagnostics diags;
  build_site(options_for(dir), diags);
  REQUIRE(diags.error_count() == 1);
  CHECK(diags.all()[0].file.find("content/leak.md") != std::string::npos);
  CHECK(diags.all()[0].message.find("outside the repository") != std::string::npos);
}

TEST_CASE("build: an output folder that scrutiny did not build is never replaced") {
  TempDir dir;
  write_minimal_portal(dir);
  dir.write("site/precious.txt", "keep me");
  Diagnostics diags;
  build_site(options_for(dir), diags);
  CHECK(diags.has_errors());
  CHECK(read_file(dir.path() / "site/precious.txt") == "keep me");
}

TEST_CASE("build: theme templates and assets can be overridden by the content folder") {
  TempDir dir;
  write_minimal_portal(dir);
  dir.write("content/theme/templates/page.mustache", "<h1>{{title}}</h1><p>Overridden page</p>");
  dir.write("content/theme/assets/style.css", "body { color: black; }");
  Diagnostics diags;
  build_site(options_for(dir), diags);
  REQUIRE_FALSE(diags.has_errors());
  CHECK(read_file(dir.path() / "site/about.html").find("Overridden page") != std::string::npos);
  CHECK(read_file(dir.path() / "site/assets/style.css") == "body { color: black; }");
  CHECK(fs::exists(dir.path() / "site/assets/print.css"));
}

TEST_CASE("command line: exit codes 0, 1 and 2") {
  TempDir dir;
  write_minimal_portal(dir);
  std::ostringstream out, err;
  std::string content = (dir.path() / "content").string();
  CHECK(run_command_line({"check", "--content", content, "--theme", (kSource / "themes/default").string()}, out, err) == 0);
  CHECK(run_command_line({"build", "--bogus"}, out, err) == 2);
  CHECK(run_command_line({"frobnicate"}, out, err) == 2);
  CHECK(run_command_line({"--version"}, out, err) == 0);
  CHECK(run_command_line({"build", "--help"}, out, err) == 0);
  dir.write("content/actions/a2.md", "+++\ntype = \"action\"\ntitle = \"x\"\n+++\n");
  std::ostringstream err2;
  CHECK(run_command_line({"check", "--content", content, "--theme", (kSource / "themes/default").string()}, out, err2) == 1);
  CHECK(err2.str().find("a2.md:1: error: theme: missing required field") != std::string::npos);
}

TEST_CASE("sample portal: content/ checks clean and builds a site whose every link resolves") {
  TempDir dir;
  BuildOptions o;
  o.content_dir = kSource / "content";
  o.theme_dir = kSource / "themes/default";
  o.out_dir = dir.path() / "site";
  Diagnostics diags;
  BuildResult r = build_site(o, diags);
  for (const auto& d : diags.all()) MESSAGE(format_diagnostic(d));
  REQUIRE_FALSE(diags.has_errors());
  // Content warnings (unknown keys and the like) are not acceptable in the sample; a warning
  // about history depends on how this checkout was cloned.
  for (const auto& d : diags.all())
    CHECK_MESSAGE(d.message.find("history") != std::string::npos, format_diagnostic(d));
  size_t documents = 0;
  for (const auto& [kind, n] : r.pages_by_kind) documents += kind == "list" ? 0 : n;
  CHECK(documents >= 60);
  check_site(o.out_dir);
}

TEST_CASE("build: a document whose page would collide with a generated page is refused") {
  TempDir dir;
  write_minimal_portal(dir);
  dir.write("content/actions/status/complete.md", "+++\ntype = \"page\"\ntitle = \"Clash\"\n+++\n");
  Diagnostics diags;
  build_site(options_for(dir), diags);
  REQUIRE(diags.error_count() == 1);
  Diagnostic error;
  for (const Diagnostic& d : diags.all())
    if (d.severity == Severity::error) error = d;
  CHECK(error.file.find("content/actions/status/complete.md") != std::string::npos);
  CHECK(error.message.find("actions/status/complete.html") != std::string::npos);
  CHECK_FALSE(fs::exists(dir.path() / "site"));
}

namespace {

// Makes `dir` a git repository with one commit of everything in it, dated in 2024 so that a
// build reading it would be as at that date, not the content's own latest date.
void commit_everything(const TempDir& dir) {
  std::string env = "cd '" + dir.path().string() +
                    "' && GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null GIT_AUTHOR_NAME=A "
                    "GIT_AUTHOR_EMAIL=a@example.org GIT_COMMITTER_NAME=A GIT_COMMITTER_EMAIL=a@example.org "
                    "GIT_AUTHOR_DATE='2024-05-01T12:00:00Z' GIT_COMMITTER_DATE='2024-05-01T12:00:00Z' ";
  REQUIRE(std::system((env + "git init -q -b main && " + env + "git add -A && " + env +
                       "git -c commit.gpgsign=false commit -q -m 'Add the portal'").c_str()) == 0);
}

}  // namespace

TEST_CASE("build --no-history: no history, revision or change pages, as at the content's latest date") {
  TempDir dir;
  write_minimal_portal(dir);
  commit_everything(dir);

  // With history (the control): the repository gives history pages and a 2024 as-at date.
  Diagnostics with_diags;
  build_site(options_for(dir, "full"), with_diags);
  REQUIRE_FALSE(with_diags.has_errors());
  REQUIRE(fs::exists(dir.path() / "full/history/actions/a1/index.html"));
  REQUIRE(fs::exists(dir.path() / "full/changes/feed.xml"));
  REQUIRE(read_file(dir.path() / "full/index.html").find("1 May 2024") != std::string::npos);

  BuildOptions o = options_for(dir, "preview");
  o.read_history = false;
  Diagnostics diags;
  BuildResult r = build_site(o, diags);
  for (const auto& d : diags.all()) MESSAGE(format_diagnostic(d));
  REQUIRE_FALSE(diags.has_errors());
  fs::path site = dir.path() / "preview";
  CHECK_FALSE(fs::exists(site / "history"));
  CHECK_FALSE(fs::exists(site / "changes"));
  CHECK(fs::exists(site / "updates/feed.xml"));  // a feed of updates, not of changes
  CHECK(r.pages_by_kind.count("revision") == 0);
  CHECK(r.pages_by_kind.count("commit") == 0);
  CHECK(r.content_as_at == "20 December 2016");  // the milestone completed last
  std::string home = read_file(site / "index.html");
  CHECK(home.find("as at <time datetime=\"2016-12-20\">20 December 2016</time>, the latest date in the content") !=
        std::string::npos);
  CHECK(home.find("changes/index.html") == std::string::npos);  // no navigation to missing pages
  std::string action = read_file(site / "actions/a1.html");
  CHECK(action.find("First published") == std::string::npos);
  CHECK(action.find("revisions") == std::string::npos);
  check_site(site);
}

TEST_CASE("build --no-history: git is not read at all") {
  // A repository link to nowhere: a build that looked for git would warn about it.
  TempDir dir;
  write_minimal_portal(dir);
  dir.write("content/.git", "gitdir: /nonexistent/scrutiny-test-repository\n");
  Diagnostics with_diags;
  build_site(options_for(dir, "full"), with_diags);
  REQUIRE(with_diags.warning_count() > 0);

  BuildOptions o = options_for(dir, "preview");
  o.read_history = false;
  Diagnostics diags;
  build_site(o, diags);
  for (const auto& d : diags.all()) MESSAGE(format_diagnostic(d));
  CHECK(diags.all().empty());
  CHECK(fs::exists(dir.path() / "preview/index.html"));
}

TEST_CASE("scrutiny build --no-history says what it left out and where the as-at date came from") {
  TempDir dir;
  write_minimal_portal(dir);
  std::ostringstream out, err;
  int code = run_command_line({"build", "--no-history", "--content", (dir.path() / "content").string(), "--theme",
                               (kSource / "themes/default").string(), "--out", (dir.path() / "site").string()},
                              out, err);
  CHECK(code == 0);
  CHECK(out.str().find("Built without history (--no-history)") != std::string::npos);
  CHECK(out.str().find("as at 20 December 2016, the latest date in the content") != std::string::npos);
  CHECK(err.str().empty());
  std::ostringstream check_out, check_err;
  CHECK(run_command_line({"check", "--no-history"}, check_out, check_err) == 2);  // check never reads git
}
