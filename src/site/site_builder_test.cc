#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <tuple>
#include <set>
#include <sstream>
#include <sys/stat.h>

#include "as_at.h"
#include "command_line.h"
#include "input_limits.h"
#include "output_folder.h"
#include "page_kind.h"
#include "parsed_revisions.h"
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

// Builds with `o` into the folder its last build left, then the same content cold into a folder
// of its own (dir/cold), and checks the two sites are the same, file for file.
BuildResult rebuild_as_cold(const BuildOptions& o, const TempDir& dir, const std::string& what) {
  INFO(what);
  Diagnostics diags;
  BuildResult rebuilt = build_site(o, diags);
  REQUIRE_FALSE(diags.has_errors());
  BuildOptions cold = o;
  cold.out_dir = dir.path() / "cold";
  cold.reuse_unchanged_files = false;
  fs::remove_all(cold.out_dir);
  build_site(cold, diags);
  REQUIRE_FALSE(diags.has_errors());
  CHECK(snapshot(o.out_dir) == snapshot(cold.out_dir));
  return rebuilt;
}

// The sample portal's history (sample-history/) replayed into a repository, dir/repo.
fs::path replay_sample_history(const TempDir& dir) {
  const fs::path repo = dir.path() / "repo";
  std::string replay = "'" + (kSource / "scripts/replay-sample-history").string() + "' '" + repo.string() +
                       "' >/dev/null 2>&1";
  REQUIRE(std::system(replay.c_str()) == 0);
  return repo;
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
  // No staging folder is left behind; the lock file stays on purpose.
  std::set<std::string> entries;
  for (const auto& e : fs::directory_iterator(dir.path())) entries.insert(e.path().filename().string());
  CHECK(entries == std::set<std::string>{".site.cache", ".site.lock", "content", "site"});
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

TEST_CASE("build: links in the theme override to /etc/passwd and /proc/self/environ publish nothing") {
  TempDir dir;
  write_minimal_portal(dir);
  fs::create_directories(dir.path() / "content/.git");
  fs::create_directories(dir.path() / "content/theme/assets");
  fs::create_directories(dir.path() / "content/theme/templates");
  fs::create_symlink("/etc/passwd", dir.path() / "content/theme/assets/leak.css");
  fs::create_symlink("/proc/self/environ", dir.path() / "content/theme/templates/_body.mustache");
  Diagnostics diags;
  build_site(options_for(dir), diags);
  REQUIRE(diags.error_count() == 2);
  CHECK(diags.sorted()[0].file == (dir.path() / "content/theme/assets/leak.css").generic_string());
  CHECK(diags.sorted()[1].file == (dir.path() / "content/theme/templates/_body.mustache").generic_string());
  CHECK_FALSE(fs::exists(dir.path() / "site"));
}

TEST_CASE("build: every page carries a Content-Security-Policy, and no inline script or style it would block") {
  TempDir dir;
  write_minimal_portal(dir);
  dir.write("content/about.md", "# About\n\n| left | centre | right |\n|:--|:-:|--:|\n| a | b | c |\n");
  Diagnostics diags;
  build_site(options_for(dir), diags);
  REQUIRE_FALSE(diags.has_errors());
  const std::set<std::string> allowed = {"text-align: left", "text-align: center", "text-align: right"};
  size_t pages = 0, aligned = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir.path() / "site")) {
    if (e.path().extension() != ".html") continue;
    ++pages;
    INFO(e.path().generic_string());
    std::string html = read_file(e.path());
    size_t csp = html.find("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                           "script-src 'self'; style-src 'self'; ");
    REQUIRE(csp != std::string::npos);
    // A meta policy governs only what comes after it.
    CHECK(csp < html.find("<link"));
    CHECK(csp < html.find("<title"));
    CHECK(html.find("<style") == std::string::npos);
    for (size_t at = 0; (at = html.find("<script", at)) != std::string::npos; ++at)
      CHECK(html.compare(at, 12, "<script src=") == 0);
    for (size_t at = 0; (at = html.find(" style=\"", at)) != std::string::npos; ++at) {
      size_t end = html.find('"', at + 8);
      CHECK(allowed.count(html.substr(at + 8, end - at - 8)));
      ++aligned;
    }
  }
  CHECK(pages > 10);
  CHECK(aligned == 6);  // the table's three header and three body cells
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
  // about history depends on how this checkout was cloned, and one about authors on who made
  // this project's own commits (content/ is read here with this repository's history, not the
  // sample's, whose authors portal.toml maps).
  for (const auto& d : diags.all())
    CHECK_MESSAGE((d.message.find("history") != std::string::npos || d.key == "author_roles"), format_diagnostic(d));
  size_t documents = 0;
  for (const auto& [kind, n] : r.pages_by_kind) documents += kind == "list" ? 0 : n;
  CHECK(documents >= 60);
  check_site(o.out_dir);
  // Counts are written out in words: "1 action", "3 actions", never "action(s)". (Pages about
  // commits quote this repository's own commit messages, which are not the generator's words.)
  for (const auto& [path, text] : snapshot(o.out_dir)) {
    if (path.rfind("changes/", 0) == 0 || path.rfind("history/", 0) == 0 || !path.ends_with(".html")) continue;
    INFO(path);
    CHECK(text.find("(s)") == std::string::npos);
  }
  CHECK(read_file(o.out_dir / "plan/improvement-plan-2016.html").find(" actions</span>") != std::string::npos);
  // Each update links the one before and the one after it; the first and last only one way.
  std::string update = read_file(o.out_dir / "updates/2017-03-28-improvement-board.html");
  CHECK(update.find(R"(Previous update: <a href="2016-11-29-improvement-board.html">)") != std::string::npos);
  CHECK(update.find(R"(Next update: <a href="2017-07-11-people-scrutiny.html">)") != std::string::npos);
  std::string first = read_file(o.out_dir / "updates/2016-11-29-improvement-board.html");
  CHECK(first.find("Previous update:") == std::string::npos);
  CHECK(first.find("Next update:") != std::string::npos);
  CHECK(read_file(o.out_dir / "updates/2024-02-14-people-scrutiny.html").find("Next update:") == std::string::npos);
  // The updates list links its feed, and every page's head names it for feed readers.
  CHECK(read_file(o.out_dir / "updates/index.html").find(R"(<a href="feed.xml">)") != std::string::npos);
  CHECK(update.find(R"(<link rel="alternate" type="application/atom+xml" title="Progress updates – )") !=
        std::string::npos);
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

TEST_CASE("check and build: a file name too long for its page is reported at the file") {
  TempDir dir;
  write_minimal_portal(dir);
  const std::string theme = (kSource / "themes/default").string();
  const std::string content = (dir.path() / "content").string();
  // A 250-character name makes a page named with 255 bytes, the most file systems allow.
  const std::string longest(250, 'p');
  dir.write("content/" + longest + ".md", "# Longest name\n");
  // In a repository, so that its history pages (history/<id>/...) are written too.
  const std::string git = "cd '" + content + "' && GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null "
                          "git -c user.name=T -c user.email=t@example.org ";
  REQUIRE(std::system((git + "init -q && " + git + "add -A && " + git + "commit -qm one").c_str()) == 0);
  {
    Diagnostics diags;
    build_site(options_for(dir), diags);
    REQUIRE_FALSE(diags.has_errors());
    CHECK(fs::exists(dir.path() / "site" / (longest + ".html")));
    CHECK(fs::exists(dir.path() / "site/history" / longest / "index.html"));
  }
  // One more character (a 251-character name, 254 bytes with .md) cannot have a page.
  fs::remove(dir.path() / "content" / (longest + ".md"));
  const std::string too_long(251, 'q');
  dir.write("content/" + too_long + ".md", "# Too long a name\n");
  // Committed, as build and check read what HEAD holds.
  REQUIRE(std::system((git + "add -A && " + git + "commit -qm two").c_str()) == 0);
  for (const char* command : {"check", "build"}) {
    std::ostringstream out, err;
    std::vector<std::string> args = {command, "--content", content, "--theme", theme};
    if (std::string(command) == "build") args.insert(args.end(), {"--out", (dir.path() / "site").string()});
    CHECK(run_command_line(args, out, err) == 1);
    INFO(err.str());
    CHECK(err.str().find(too_long + ".md:1: error: ") != std::string::npos);
    CHECK(err.str().find("can be at most 250 characters long (one has 251)") != std::string::npos);
    CHECK(err.str().find("disk space") == std::string::npos);
    CHECK(err.str().find("staging") == std::string::npos);
  }
  // Set in front matter, the id is reported at its line.
  fs::remove(dir.path() / "content" / (too_long + ".md"));
  dir.write("content/about.md", "+++\ntitle = \"About\"\nid = \"" + too_long + "\"\n+++\nText.\n");
  REQUIRE(std::system((git + "add -A && " + git + "commit -qm three").c_str()) == 0);
  std::ostringstream out, err;
  CHECK(run_command_line({"check", "--content", content, "--theme", theme}, out, err) == 1);
  CHECK(err.str().find("about.md:3: error: id: each part of an id") != std::string::npos);
}

TEST_CASE("check and build: oversized files and over-deep front matter are reported, never read") {
  TempDir dir;
  write_minimal_portal(dir);
  std::string settings = read_file(dir.path() / "content/portal.toml");
  dir.write("content/portal.toml", settings + "# " + std::string(kMaxPortalSettingsBytes, '-') + "\n");
  dir.write("content/big.md", "# Big\n\n" + std::string(2 * kMaxDocumentBytes, 'w') + "\n");
  std::string deep = "+++\ntype = \"page\"\ntitle = \"Deep\"\nx";
  for (int i = 0; i < 50000; ++i) deep += ".a";
  dir.write("content/deep.md", deep + " = 1\n+++\n");
  std::ostringstream out, err;
  CHECK(run_command_line({"check", "--content", (dir.path() / "content").string(), "--theme",
                          (kSource / "themes/default").string()}, out, err) == 1);
  const std::string e = err.str();
  CHECK(e.find("content/big.md: error: this file is 2.0 MiB (2097160 bytes), over the limit of 1 MiB for one "
               "document: split it") != std::string::npos);
  CHECK(e.find("content/portal.toml: error: this file is 64.") != std::string::npos);
  CHECK(e.find("over the limit of 64 KiB for portal.toml") != std::string::npos);
  CHECK(e.find("content/deep.md:4: error: front matter is nested more than 32 levels") != std::string::npos);
  CHECK(e.find("not found") == std::string::npos);  // portal.toml is there, only too large
  Diagnostics diags;
  build_site(options_for(dir), diags);
  CHECK(diags.error_count() == 3);
  CHECK_FALSE(fs::exists(dir.path() / "site"));
}

TEST_CASE("build: a nested index.md and a .MD file are documents like any other") {
  TempDir dir;
  write_minimal_portal(dir);
  dir.write("content/guides/index.md", "# Guides\n\nSee [[guides/notes]].\n");
  dir.write("content/guides/Notes.MD", "# Notes\n\nBack to [[guides/index]].\n");
  Diagnostics diags;
  build_site(options_for(dir), diags);
  for (const auto& d : diags.all()) MESSAGE(format_diagnostic(d));
  REQUIRE_FALSE(diags.has_errors());
  CHECK(read_file(dir.path() / "site/guides/index.html").find("href=\"notes.html\">Notes</a>") != std::string::npos);
  CHECK(read_file(dir.path() / "site/guides/notes.html").find("href=\"index.html\">Guides</a>") != std::string::npos);
  check_site(dir.path() / "site");
}

TEST_CASE("check: an index.md whose page is a generated list says which list") {
  TempDir dir;
  write_minimal_portal(dir);
  dir.write("content/actions/index.md", "# All our actions\n");
  std::ostringstream out, err;
  CHECK(run_command_line({"check", "--content", (dir.path() / "content").string(), "--theme",
                          (kSource / "themes/default").string()}, out, err) == 1);
  CHECK(err.str().find("content/actions/index.md:1: error: this file's path cannot be used as its id: its page "
                       "would be actions/index.html, the generator's list of all actions") != std::string::npos);
}

TEST_CASE("check: an unknown id in a reference whose text holds HTML is reported at its line") {
  TempDir dir;
  write_minimal_portal(dir);
  dir.write("content/notes.md", "# Notes\n\nFirst line.\nSee [[actions/zzz|<b>x</b>]].\n");
  std::ostringstream out, err;
  CHECK(run_command_line({"check", "--content", (dir.path() / "content").string(), "--theme",
                          (kSource / "themes/default").string()}, out, err) == 1);
  CHECK(err.str().find("content/notes.md:4: error: unknown id \"actions/zzz\"") != std::string::npos);
}

TEST_CASE("check: a 20,000-part key in portal.toml is reported at its line") {
  TempDir dir;
  write_minimal_portal(dir);
  std::string settings = read_file(dir.path() / "content/portal.toml");
  std::string key = "x";
  for (int i = 0; i < 20000; ++i) key += ".a";  // 40 KB: under the size limit
  dir.write("content/portal.toml", settings + key + " = 1\n");
  const int line = static_cast<int>(std::count(settings.begin(), settings.end(), '\n')) + 1;
  std::ostringstream out, err;
  CHECK(run_command_line({"check", "--content", (dir.path() / "content").string(), "--theme",
                          (kSource / "themes/default").string()}, out, err) == 1);
  CHECK(err.str().find("content/portal.toml:" + std::to_string(line) + ": error: this setting is nested more than 32") !=
        std::string::npos);
}

namespace {

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
  CHECK(home.find("as at <time datetime=\"2016-12-20\">20 December 2016</time> (the latest date in the content): "
                  "this preview was built without its history.") != std::string::npos);
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
  CHECK(err.str().find("warning") == std::string::npos);  // git is not read, so nothing warns of it
  CHECK(err.str().find("history of") == std::string::npos);
  std::ostringstream check_out, check_err;
  CHECK(run_command_line({"check", "--no-history"}, check_out, check_err) == 2);  // check never reads git
}

namespace {

// Runs git with `args` in `dir`, with no user or system configuration.
void git_in(const TempDir& dir, const std::string& args) {
  const std::string command = "cd '" + dir.path().string() +
                              "' && GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null git -c user.name=T "
                              "-c user.email=t@example.org -c commit.gpgsign=false " + args + " >/dev/null 2>&1";
  REQUIRE(std::system(command.c_str()) == 0);
}

Run build_or_check(const TempDir& dir, const std::string& command, std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {command, "--content", (dir.path() / "content").string()};
  if (command == "build") args.insert(args.end(), {"--out", (dir.path() / "site").string()});
  args.insert(args.end(), extra.begin(), extra.end());
  return run(args);
}

size_t count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("build and check: what is committed is published; --working-tree shows the rest, marked") {
  TempDir dir;
  write_minimal_portal(dir);
  dir.write("content/glossary.md", "# Glossary\n\nCommitted words.\n");
  commit_everything(dir);
  // An edit, a new document and a deletion, none of them committed.
  dir.write("content/about.md", "# About, edited\n\nNot committed yet.\n");
  dir.write("content/draft.md", "# A new draft\n");
  fs::remove(dir.path() / "content/glossary.md");
  const std::string about = (dir.path() / "content/about.md").generic_string();
  const std::string draft = (dir.path() / "content/draft.md").generic_string();
  const std::string glossary = (dir.path() / "content/glossary.md").generic_string();

  Run built = build_or_check(dir, "build");
  INFO(built.err);
  REQUIRE(built.status == 0);
  CHECK(count(built.err, "not committed") == 1);  // one warning names them all
  CHECK(built.err.find("3 files have changes that are not committed") != std::string::npos);
  CHECK(built.err.find(about + " (changed), " + draft + " (new), " + glossary + " (deleted)") != std::string::npos);
  CHECK(built.err.find("Commit them to publish them, or preview them with scrutiny serve (or build --working-tree)") != std::string::npos);
  const fs::path site = dir.path() / "site";
  std::string about_page = read_file(site / "about.html");
  CHECK(about_page.find("About this portal") != std::string::npos);  // the committed title
  CHECK(about_page.find("edited") == std::string::npos);
  CHECK(about_page.find("Not yet committed") == std::string::npos);
  CHECK_FALSE(fs::exists(site / "draft.html"));
  CHECK(fs::exists(site / "glossary.html"));  // deleted on disk, but HEAD still holds it
  CHECK(read_file(site / "glossary.html").find("Committed words.") != std::string::npos);

  // check reads what build publishes: the same warning, and an error only on disk is not found.
  std::string action = read_file(dir.path() / "content/actions/a1.md");
  action.replace(action.find("status = \""), 10, "status = \"zz9");
  dir.write("content/actions/a1.md", action);
  Run checked = build_or_check(dir, "check");
  INFO(checked.err);
  CHECK(checked.status == 0);
  CHECK(checked.err.find("4 files have changes that are not committed") != std::string::npos);
  Run checked_on_disk = build_or_check(dir, "check", {"--working-tree"});
  CHECK(checked_on_disk.status == 1);
  CHECK(checked_on_disk.err.find("zz9") != std::string::npos);
  CHECK(checked_on_disk.err.find("not committed") == std::string::npos);
  git_in(dir, "checkout -- content/actions/a1.md");

  Run preview = build_or_check(dir, "build", {"--working-tree"});
  INFO(preview.err);
  REQUIRE(preview.status == 0);
  CHECK(preview.err.find("not committed") == std::string::npos);
  CHECK(preview.out.find("Built the files on disk (--working-tree): 2 documents are not yet committed, and marked "
                         "so on their pages.") != std::string::npos);
  about_page = read_file(site / "about.html");
  CHECK(about_page.find("About, edited") != std::string::npos);
  CHECK(about_page.find("<strong>Not yet committed:</strong> this page shows " + about) != std::string::npos);
  CHECK(read_file(site / "draft.html").find("Not yet committed") != std::string::npos);
  CHECK_FALSE(fs::exists(site / "glossary.html"));
  CHECK(read_file(site / "actions/a1.html").find("Not yet committed") == std::string::npos);
  check_site(site);
}

TEST_CASE("build: a content folder outside git, or with --no-history, is built from its files") {
  TempDir dir;
  write_minimal_portal(dir);
  Run outside = build_or_check(dir, "build");
  REQUIRE(outside.status == 0);
  CHECK(outside.err.find("not committed") == std::string::npos);
  CHECK(fs::exists(dir.path() / "site/about.html"));

  commit_everything(dir);
  dir.write("content/about.md", "# About, edited\n");
  Run quick = build_or_check(dir, "build", {"--no-history"});
  REQUIRE(quick.status == 0);
  CHECK(quick.err.find("warning") == std::string::npos);
  CHECK(read_file(dir.path() / "site/about.html").find("About, edited") != std::string::npos);
}

TEST_CASE("build: the content folder's theme/ comes from the same commit as the documents") {
  TempDir dir;
  write_minimal_portal(dir);
  dir.write("content/theme/assets/extra.css", "/* committed */\n");
  commit_everything(dir);
  dir.write("content/theme/assets/extra.css", "/* edited */\n");
  Run built = build_or_check(dir, "build");
  REQUIRE(built.status == 0);
  CHECK(built.err.find("content/theme/assets/extra.css (changed)") != std::string::npos);
  CHECK(read_file(dir.path() / "site/assets/extra.css") == "/* committed */\n");
  REQUIRE(build_or_check(dir, "build", {"--working-tree"}).status == 0);
  CHECK(read_file(dir.path() / "site/assets/extra.css") == "/* edited */\n");
}

TEST_CASE("build --as-at: the commit's date by default, a chosen date, or today's; pages say which") {
  TempDir dir;
  write_minimal_portal(dir);
  commit_everything(dir);  // dated 1 May 2024
  // actions/a1 is due 2017-03-31 and on track: overdue from 1 April 2017.
  auto build_as_at = [&](std::vector<std::string> extra) {
    Run r = build_or_check(dir, "build", std::move(extra));
    INFO(r.err);
    REQUIRE(r.status == 0);
    return std::make_pair(read_file(dir.path() / "site/index.html"), read_file(dir.path() / "site/overdue.html"));
  };

  auto [home, overdue] = build_as_at({});
  CHECK(home.find("as at <time datetime=\"2024-05-01\">1 May 2024</time> (the date of the latest commit).") !=
        std::string::npos);
  CHECK(overdue.find("as at <time datetime=\"2024-05-01\">1 May 2024</time> (the date of the latest commit).") !=
        std::string::npos);
  CHECK(overdue.find("actions/a1.html") != std::string::npos);

  std::tie(home, overdue) = build_as_at({"--as-at", "2017-03-31"});
  CHECK(home.find("as at <time datetime=\"2017-03-31\">31 March 2017</time> (the date chosen for this build).") !=
        std::string::npos);
  CHECK(overdue.find("actions/a1.html") == std::string::npos);  // due that day, not yet overdue
  std::tie(home, overdue) = build_as_at({"--as-at=2017-04-01"});
  CHECK(overdue.find("actions/a1.html") != std::string::npos);
  CHECK(read_file(dir.path() / "site/data/portal.json").find("\"as_at\": \"2017-04-01\"") != std::string::npos);
  CHECK(read_file(dir.path() / "site/actions/a1.html").find("Overdue") != std::string::npos);

  const Date before = today_by_the_clock();
  std::tie(home, overdue) = build_as_at({"--as-at", "today"});
  const Date after = today_by_the_clock();
  const bool today_shown = home.find("<time datetime=\"" + before.iso() + "\">" + before.long_form() +
                                     "</time> (the build date).") != std::string::npos ||
                           home.find("<time datetime=\"" + after.iso() + "\">" + after.long_form() +
                                     "</time> (the build date).") != std::string::npos;
  CHECK(today_shown);
  CHECK(before.year >= 2024);
}

TEST_CASE("build and check --as-at: anything but today or YYYY-MM-DD is a usage error") {
  TempDir dir;
  write_minimal_portal(dir);
  for (const char* command : {"build", "check"}) {
    for (const char* bad : {"yesterday", "2017-02-30", "31/03/2017", "2017-3-31", "Today"}) {
      Run r = build_or_check(dir, command, {"--as-at", bad});
      CHECK(r.status == 2);
      CHECK(r.err.find("option --as-at takes today or a date as YYYY-MM-DD (such as 2026-03-31), not '" +
                       std::string(bad) + "'") != std::string::npos);
      CHECK_FALSE(fs::exists(dir.path() / "site"));
    }
    CHECK(build_or_check(dir, command, {"--as-at"}).status == 2);
    CHECK(build_or_check(dir, command, {"--as-at", "2017-04-01"}).status == 0);
    fs::remove_all(dir.path() / "site");
  }
  Run quick = build_or_check(dir, "build", {"--no-history", "--as-at", "2017-04-01"});
  CHECK(quick.out.find("as at 1 April 2017 (--as-at).") != std::string::npos);
}

TEST_CASE("build: rebuilding after each commit of the sample's history gives exactly the cold build's site") {
  TempDir dir;
  const fs::path repo = replay_sample_history(dir);
  std::vector<std::string> commits;
  {
    std::string list = (dir.path() / "commits").string();
    REQUIRE(std::system(("git -C '" + repo.string() + "' rev-list --reverse HEAD >'" + list + "'").c_str()) == 0);
    std::istringstream in(read_file(list));
    for (std::string line; std::getline(in, line);) commits.push_back(line);
  }
  REQUIRE(commits.size() > 10);
  BuildOptions rebuild;
  rebuild.content_dir = repo;
  rebuild.theme_dir = kSource / "themes/default";
  rebuild.out_dir = dir.path() / "site";
  size_t reused = 0, skipped = 0, steps = 0, steps_with_pages_kept = 0;
  // Every third commit and the last; between them one build with other options (no history),
  // whose site the next rebuild must not take anything stale from.
  std::vector<size_t> chosen;
  for (size_t i = 0; i + 1 < commits.size(); i += 3) chosen.push_back(i);
  chosen.push_back(commits.size() - 1);
  for (size_t i : chosen) {
    INFO("commit " << i << " " << commits[i]);
    REQUIRE(std::system(("git -C '" + repo.string() + "' checkout -q " + commits[i]).c_str()) == 0);
    if (i == 6) {
      BuildOptions no_history = rebuild;
      no_history.read_history = false;
      Diagnostics diags;
      build_site(no_history, diags);
      REQUIRE_FALSE(diags.has_errors());
    }
    Diagnostics diags;
    BuildResult rebuilt = build_site(rebuild, diags);
    REQUIRE_FALSE(diags.has_errors());
    BuildOptions cold = rebuild;
    cold.out_dir = dir.path() / ("cold-" + std::to_string(i));
    cold.reuse_unchanged_files = false;
    BuildResult fresh = build_site(cold, diags);
    REQUIRE_FALSE(diags.has_errors());
    CHECK(fresh.files_reused == 0);
    CHECK(snapshot(rebuild.out_dir) == snapshot(cold.out_dir));
    if (steps >= 2) CHECK(rebuilt.files_reused > 0);  // from the third build on, there is a spare to rewrite
    CHECK(rebuilt.files_reused < rebuilt.files);
    CHECK(fresh.pages_not_built + fresh.pages_not_rendered == 0);
    // Pages whose keys are unchanged are kept unbuilt. Not after the build without history,
    // whose site has no revision pages to keep, nor after commits that change what every page
    // shows (portal.toml, the glossary's terms, a page in every footer).
    MESSAGE("commit " << i << ": " << rebuilt.pages_not_built << " pages not built, " << rebuilt.pages_not_rendered
                      << " not rendered, of " << rebuilt.pages);
    steps_with_pages_kept += rebuilt.pages_not_built > 0;
    reused += rebuilt.files_reused;
    skipped += rebuilt.pages_not_built;
    ++steps;
    fs::remove_all(cold.out_dir);
  }
  CHECK(steps >= 5);
  CHECK(steps_with_pages_kept >= steps / 2);
  MESSAGE("files reused over " << steps << " rebuilds: " << reused << ", of them pages not built: " << skipped);
}

namespace {

// The path of one revision page of `id` in `site` (they are named by commit, not known here).
std::vector<fs::path> revision_pages(const fs::path& site, const std::string& id) {
  std::vector<fs::path> pages;
  for (const auto& e : fs::directory_iterator(site / "history" / id))
    if (e.path().filename() != "index.html") pages.push_back(e.path());
  std::sort(pages.begin(), pages.end());
  return pages;
}

// The pages of the kinds that declare their inputs (PageKind::inputs), which a rebuild keeps
// unbuilt when nothing they read changed.
size_t keyed_pages(const BuildResult& r) {
  size_t n = 0;
  for (const char* kind : {"revision", "commit", "history", "filtered", "update", "action", "changes", "recommendation",
                           "inspection", "theme", "page"})
    n += r.pages_by_kind.at(kind);
  return n;
}

bool any_contains(const std::vector<fs::path>& files, const std::string& text) {
  for (const fs::path& f : files)
    if (read_file(f).find(text) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("build: a page is kept unbuilt only while nothing it reads has changed, and a rebuild equals a cold build") {
  TempDir dir;
  write_minimal_portal(dir);
  // The action's body links the recommendation, so its revision pages show the recommendation's title.
  std::string action = read_file(dir.path() / "content/actions/a1.md");
  action.replace(action.find("We will audit decisions."), 24, "We will audit decisions ([[recommendations/r1]]).");
  dir.write("content/actions/a1.md", action);
  commit_everything(dir);
  action.replace(action.find("We will audit"), 13, "We will audit every month");
  dir.write("content/actions/a1.md", action);
  git_in(dir, "commit -q -am 'Audit monthly'");
  fs::copy(kSource / "themes/default", dir.path() / "theme", fs::copy_options::recursive);

  BuildOptions o = options_for(dir);
  o.theme_dir = dir.path() / "theme";
  const fs::path site = o.out_dir;
  auto rebuild = [&](const std::string& what) { return rebuild_as_cold(o, dir, what); };
  BuildResult first = rebuild("the first build");
  CHECK(first.pages_not_built + first.pages_not_rendered == 0);
  CHECK(fs::exists(dir.path() / ".site.cache/page-keys"));
  BuildResult again = rebuild("nothing changed");
  const size_t revisions = first.pages_by_kind.at("revision");
  CHECK(revisions >= 8);
  CHECK(again.pages_not_built == keyed_pages(first));
  CHECK(again.pages_not_built + again.pages_not_rendered == again.pages);  // every page kept

  // The same content named another way (from another folder) changes no page.
  {
    const fs::path before = fs::current_path();
    fs::current_path(dir.path());
    BuildOptions relative = o;
    relative.content_dir = "content";
    relative.out_dir = "site";
    Diagnostics diags;
    BuildResult named_again = build_site(relative, diags);
    fs::current_path(before);
    REQUIRE_FALSE(diags.has_errors());
    CHECK(named_again.pages_not_built == keyed_pages(first));
    CHECK(named_again.pages_not_built + named_again.pages_not_rendered == named_again.pages);
  }

  // Each input of a revision page, changed in turn: each time every revision page of the
  // action shows the change, as a cold build's do.
  std::string recommendation = read_file(dir.path() / "content/recommendations/r1.md");
  recommendation.replace(recommendation.find("Improve oversight"), 17, "Improve the oversight of managers");
  dir.write("content/recommendations/r1.md", recommendation);
  git_in(dir, "commit -q -am 'Retitle the recommendation'");
  rebuild("a linked document's title");
  CHECK(any_contains(revision_pages(site, "actions/a1"), "Improve the oversight of managers"));

  dir.write("content/portal.toml", read_file(dir.path() / "content/portal.toml") +
                                       "[author_roles]\n\"t@example.org\" = \"Testing Office\"\n");
  git_in(dir, "commit -q -am 'Name the testing office'");
  BuildResult roles = rebuild("an author's role");
  CHECK(any_contains(revision_pages(site, "actions/a1"), "Testing Office"));

  std::string layout = read_file(dir.path() / "theme/templates/layout.mustache");
  layout.replace(layout.find("</body>"), 7, "<p>An edited layout.</p></body>");
  dir.write("theme/templates/layout.mustache", layout);
  BuildResult relaid = rebuild("the theme's layout");
  CHECK(relaid.pages_not_built + relaid.pages_not_rendered == 0);
  for (const fs::path& page : revision_pages(site, "actions/a1")) CHECK(read_file(page).find("An edited layout.") != std::string::npos);

  std::string first_commit;
  {
    const fs::path list = dir.path() / "first-commit";
    REQUIRE(std::system(("git -C '" + dir.path().string() + "' rev-list --max-parents=0 HEAD >'" + list.string() + "'").c_str()) == 0);
    first_commit = read_file(list).substr(0, 12);
  }
  dir.write("content/withdrawn.toml", "[[withdrawn]]\ncommit = \"" + first_commit +
                                          "\"\ndocument = \"actions/a1.md\"\ndate = 2024-05-02\n"
                                          "reason = \"Withdrawn to test page keys.\"\n");
  git_in(dir, "add content/withdrawn.toml");
  git_in(dir, "commit -q -m 'Withdraw the first revision'");
  rebuild("a withdrawn note");
  CHECK(any_contains(revision_pages(site, "actions/a1"), "Withdrawn to test page keys."));

  // A commit that changes one document leaves the other documents' revision pages unbuilt.
  std::string update = read_file(dir.path() / "content/updates/u1.md");
  dir.write("content/updates/u1.md", update + "\nMore progress.\n");
  git_in(dir, "commit -q -am 'More progress'");
  BuildResult one_edit = rebuild("one document's body");
  CHECK(one_edit.pages_not_built > 0);
  CHECK(one_edit.pages_not_built < keyed_pages(one_edit));
  CHECK(roles.pages_not_built == 0);  // portal.toml is in every key

  // What the action and milestone lists read besides the action's own file: a deadline moved
  // (its slippage comes from the history) and its theme's title.
  action = read_file(dir.path() / "content/actions/a1.md");
  action.replace(action.find("target_date = 2016-12-31"), 24, "target_date = 2017-01-31");
  dir.write("content/actions/a1.md", action);
  git_in(dir, "commit -q -am 'Move the first audit'");
  rebuild("a milestone's deadline moved");
  CHECK(read_file(site / "milestones/index.html").find("31 January 2017") != std::string::npos);
  std::string theme = read_file(dir.path() / "content/plan/themes/a.md");
  theme.replace(theme.find("title = \"") + 9, 0, "Renamed ");
  dir.write("content/plan/themes/a.md", theme);
  git_in(dir, "commit -q -am 'Rename the theme'");
  rebuild("a theme's title");
  CHECK(read_file(site / "milestones/index.html").find("Renamed ") != std::string::npos);
  CHECK(read_file(site / "actions/index.html").find("Renamed ") != std::string::npos);

  // Only the as-at date moves, past a milestone's deadline: the lists show it overdue.
  action = read_file(dir.path() / "content/actions/a1.md");
  action.replace(action.find("+++\nWe will audit"), 0,
                 "[[milestones]]\ntitle = \"Second audit\"\ntarget_date = 2017-06-30\nstatus = \"on-track\"\n");
  dir.write("content/actions/a1.md", action);
  git_in(dir, "commit -q -am 'Plan a second audit'");
  o.as_at = AsAtChoice{Date{2017, 5, 1}};
  rebuild("before the second audit is due");
  CHECK(read_file(site / "milestones/overdue.html").find("Second audit") == std::string::npos);
  o.as_at = AsAtChoice{Date{2017, 7, 1}};
  rebuild("after the second audit was due");
  CHECK(read_file(site / "milestones/overdue.html").find("Second audit") != std::string::npos);
}

TEST_CASE("build: the page manifest is trusted only for the very site it describes") {
  TempDir dir;
  write_minimal_portal(dir);
  commit_everything(dir);
  BuildOptions o = options_for(dir);
  auto build = [&](const BuildOptions& options) {
    Diagnostics diags;
    BuildResult r = build_site(options, diags);
    REQUIRE_FALSE(diags.has_errors());
    return r;
  };
  build(o);
  BuildOptions cold = o;
  cold.out_dir = dir.path() / "cold";
  cold.reuse_unchanged_files = false;
  build(cold);
  const fs::path site = o.out_dir;
  const fs::path manifest = dir.path() / ".site.cache/page-keys";
  REQUIRE(fs::exists(manifest));

  // A page edited in the published site is written again, not kept.
  const fs::path revision = revision_pages(site, "actions/a1").front();
  const std::string written = read_file(revision);
  {
    std::ofstream edit(revision, std::ios::app);
    edit << "<!-- edited by hand -->";
  }
  BuildResult after_edit = build(o);
  CHECK(read_file(revision) == written);
  CHECK(after_edit.pages_not_built == keyed_pages(after_edit) - 1);

  // A manifest cut short or changed is not used; the site is still a cold build's. Pages are
  // kept from the spare by its own manifest, so both are cut.
  REQUIRE(fs::exists(dir.path() / ".site.cache/spare-keys"));
  for (const char* file : {"page-keys", "spare-keys"}) {
    std::string text = read_file(dir.path() / ".site.cache" / file);
    dir.write(std::string(".site.cache/") + file, text.substr(0, text.size() / 2));
  }
  BuildResult cut = build(o);
  CHECK(cut.pages_not_built + cut.pages_not_rendered == 0);
  CHECK(snapshot(site) == snapshot(cold.out_dir));

  // Nor one describing another site: here copies of the site and the spare put in their places.
  build(o);
  for (const char* folder : {"site", ".site.spare"}) {
    const fs::path moved = dir.path() / (std::string("moved") + folder);
    fs::rename(dir.path() / folder, moved);
    fs::copy(moved, dir.path() / folder, fs::copy_options::recursive);
  }
  BuildResult copied = build(o);
  CHECK(copied.pages_not_built + copied.pages_not_rendered == 0);
  CHECK(snapshot(site) == snapshot(cold.out_dir));

  // --cold builds every page but leaves a manifest for the next build.
  BuildOptions cold_in_place = o;
  cold_in_place.reuse_unchanged_files = false;
  CHECK(build(cold_in_place).pages_not_built == 0);
  CHECK(build(o).pages_not_built > 0);
  CHECK(snapshot(site) == snapshot(cold.out_dir));
}

namespace {

// Commits the content folder's changes, one minute after commit_everything's commit times `n`.
void commit_content(const TempDir& dir, int n, const std::string& message) {
  std::string date = "'2024-05-01T12:" + std::string(n < 10 ? "0" : "") + std::to_string(n) + ":00Z' ";
  std::string env = "cd '" + dir.path().string() +
                    "' && GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null GIT_AUTHOR_NAME=A "
                    "GIT_AUTHOR_EMAIL=a@example.org GIT_COMMITTER_NAME=A GIT_COMMITTER_EMAIL=a@example.org "
                    "GIT_AUTHOR_DATE=" + date + "GIT_COMMITTER_DATE=" + date;
  REQUIRE(std::system((env + "git add -A content && " + env + "git -c commit.gpgsign=false commit -q -m '" +
                       message + "'").c_str()) == 0);
}

}  // namespace

TEST_CASE("build: the history read is kept beside --out, and the next build reads only newer commits") {
  TempDir dir;
  write_minimal_portal(dir);
  commit_everything(dir);
  BuildOptions options = options_for(dir);
  const fs::path kept = dir.path() / ".site.cache" / "history-index";
  CHECK(OutputFolder::cache_folder(dir.path() / "site") == dir.path() / ".site.cache");
  CHECK(OutputFolder::cache_folder("site") == fs::path(".") / ".site.cache");

  Diagnostics diags;
  BuildResult first = build_site(options, diags);
  REQUIRE_FALSE(diags.has_errors());
  CHECK(first.history_commits_read == 1);
  REQUIRE(fs::is_regular_file(kept));
  CHECK_FALSE(fs::exists(dir.path() / "site" / ".site.cache"));  // nothing published with the site
  // The history, the parsed revisions, the pages' keys and what was withdrawn; no temporary
  // file left.
  CHECK(std::distance(fs::directory_iterator(kept.parent_path()), fs::directory_iterator()) == 4);

  dir.write("content/about.md", "# About\n\nEdited once.\n");
  commit_content(dir, 1, "Edit about");
  dir.write("content/about.md", "# About\n\nEdited twice.\n");
  commit_content(dir, 2, "Edit about again");
  BuildResult second = build_site(options, diags);
  REQUIRE_FALSE(diags.has_errors());
  CHECK(second.history_commits_read == 2);
  CHECK(build_site(options, diags).history_commits_read == 0);

  // The same site as a cold build, which reads every commit and rewrites the file.
  BuildOptions cold = options_for(dir, "cold");
  cold.reuse_history = false;
  cold.reuse_unchanged_files = false;
  CHECK(build_site(cold, diags).history_commits_read == 3);
  CHECK(snapshot(dir.path() / "site") == snapshot(dir.path() / "cold"));
  options.reuse_history = false;
  CHECK(build_site(options, diags).history_commits_read == 3);
  options.reuse_history = true;

  // Damaged, or from another content folder: read again from git, quietly, and rewritten.
  fs::resize_file(kept, fs::file_size(kept) - 3);
  Diagnostics damaged;
  CHECK(build_site(options, damaged).history_commits_read == 3);
  Diagnostics again;
  CHECK(build_site(options, again).history_commits_read == 0);
  CHECK(damaged.warning_count() == again.warning_count());  // no word about the damaged file
  REQUIRE_FALSE(damaged.has_errors());

  // check writes nothing, and leaves the file alone.
  fs::remove(kept);
  BuildOptions check = options;
  check.write = false;
  build_site(check, diags);
  CHECK_FALSE(fs::exists(kept));
}

TEST_CASE("build: the revisions parsed are kept beside --out and taken, unless portal.toml changed what parsing gives") {
  TempDir dir;
  write_minimal_portal(dir);
  // A scale of the portal's own: the words a revision's judgement shows are portal.toml's.
  const std::string scale =
      "[[judgement_scales]]\nid = \"peer\"\nwords = [\n  { value = \"strong\", label = \"LABEL\" },\n"
      "  { value = \"weak\", label = \"Weak\" },\n]\n\n[[inspection_kinds]]\nvalue = \"peer-review\"\n"
      "label = \"Peer review\"\nby = \"Peers\"\njudgement_scale = \"peer\"\nreview = true\n";
  const std::string settings = read_file(dir.path() / "content/portal.toml");
  dir.write("content/portal.toml", settings + "\n" + replace_first(scale, "LABEL", "Strong"));
  const std::string review =
      "+++\ntype = \"inspection\"\ntitle = \"Peer review 2017\"\nkind = \"peer-review\"\n"
      "start_date = 2017-01-09\nend_date = 2017-01-13\npublished = 2017-02-01\noverall_judgement = \"weak\"\n+++\n"
      "What the peers found.\n";
  dir.write("content/inspections/peer.md", review);
  commit_everything(dir);
  dir.write("content/inspections/peer.md", replace_first(review, "\"weak\"", "\"strong\""));
  commit_content(dir, 1, "Judged strong on a second look");

  BuildOptions o = options_for(dir);
  const fs::path kept = dir.path() / ".site.cache" / "parsed-revisions";
  auto rebuild = [&](const std::string& what) {
    INFO(what);
    Diagnostics diags;
    BuildResult rebuilt = build_site(o, diags);
    REQUIRE_FALSE(diags.has_errors());
    BuildOptions cold = options_for(dir, "cold");
    cold.reuse_history = false;
    cold.reuse_unchanged_files = false;
    fs::remove_all(cold.out_dir);
    CHECK(build_site(cold, diags).revisions_kept == 0);
    REQUIRE_FALSE(diags.has_errors());
    CHECK(snapshot(o.out_dir) == snapshot(cold.out_dir));
    return rebuilt;
  };
  CHECK(rebuild("the first build").revisions_kept == 0);
  REQUIRE(fs::is_regular_file(kept));
  CHECK(any_contains(revision_pages(o.out_dir, "inspections/peer"), "Strong"));

  // An edit of one document: every other revision is taken as kept, none read twice.
  dir.write("content/about.md", "# About this portal\n\nWhat it is, and who runs it.\n");
  commit_content(dir, 2, "Say who runs it");
  const BuildResult edited = rebuild("one document edited");
  CHECK(edited.revisions_kept >= 9);  // every revision before the edit

  // portal.toml renames a judgement: the old revisions are parsed again, and their pages show
  // the new words, as a cold build's do.
  dir.write("content/portal.toml", settings + "\n" + replace_first(scale, "LABEL", "Strong throughout"));
  commit_content(dir, 3, "Rename a judgement");
  CHECK(rebuild("portal.toml's vocabulary").revisions_kept == 0);
  CHECK(any_contains(revision_pages(o.out_dir, "inspections/peer"), "Strong throughout"));
  CHECK(rebuild("nothing changed").revisions_kept == edited.revisions_kept + 1);  // with the edit's

  // Damaged: read from git without a word, and written again.
  fs::resize_file(kept, fs::file_size(kept) - 3);
  Diagnostics damaged;
  CHECK(build_site(o, damaged).revisions_kept == 0);
  Diagnostics again;
  CHECK(build_site(o, again).revisions_kept == edited.revisions_kept + 1);
  CHECK(damaged.warning_count() == again.warning_count());  // no word about the damaged file

  // serve keeps them in memory instead, for builds into other folders.
  std::string in_memory;
  BuildOptions serve = options_for(dir, "preview-1");
  serve.kept_revisions = &in_memory;
  CHECK(build_site(serve, again).revisions_kept == 0);
  CHECK_FALSE(in_memory.empty());
  serve.out_dir = dir.path() / "preview-2";
  CHECK(build_site(serve, again).revisions_kept == edited.revisions_kept + 1);
  CHECK_FALSE(fs::exists(dir.path() / ".preview-2.cache" / "parsed-revisions"));
  REQUIRE_FALSE(again.has_errors());
}

TEST_CASE("build: the revisions kept do not depend on how --content is spelt") {
  TempDir dir;
  const fs::path repo = replay_sample_history(dir);
  BuildOptions o;
  o.content_dir = repo;
  o.theme_dir = kSource / "themes/default";
  o.out_dir = dir.path() / "site";
  Diagnostics diags;
  CHECK(build_site(o, diags).revisions_kept == 0);
  REQUIRE_FALSE(diags.has_errors());
  std::string problem;
  std::optional<ParsedRevisions> written = ParsedRevisions::load(dir.path() / ".site.cache/parsed-revisions", problem);
  REQUIRE_MESSAGE(written, problem);
  CHECK(written->size() > 200);

  // The same content and output named from another folder (an officer's laptop, then CI):
  // every revision is taken as kept, none read from git and parsed again.
  const fs::path before = fs::current_path();
  fs::current_path(dir.path());
  BuildOptions relative = o;
  relative.content_dir = "repo";
  relative.out_dir = "site";
  BuildResult named_again = build_site(relative, diags);
  fs::current_path(before);
  REQUIRE_FALSE(diags.has_errors());
  CHECK(named_again.revisions_kept == written->size());

  BuildOptions cold = o;
  cold.out_dir = dir.path() / "cold";
  cold.reuse_history = false;
  cold.reuse_unchanged_files = false;
  CHECK(build_site(cold, diags).revisions_kept == 0);
  REQUIRE_FALSE(diags.has_errors());
  CHECK(snapshot(o.out_dir) == snapshot(cold.out_dir));
}

TEST_CASE("build: the kept revisions are written again only when many would change, and stay exact") {
  TempDir dir;
  write_minimal_portal(dir);
  commit_everything(dir);
  for (int k = 0; k < 70; ++k) {  // 70 revisions of one page, so one more changes few
    dir.write("content/about.md", "# About this portal\n\nEdit " + std::to_string(k) + ".\n");
    char date[32];
    std::snprintf(date, sizeof date, "2024-05-02T%02d:%02d:00Z", 10 + k / 60, k % 60);
    git_dated(dir.path(), "commit -q -am 'Edit " + std::to_string(k) + "'", date);
  }
  BuildOptions o = options_for(dir);
  const fs::path kept = dir.path() / ".site.cache" / "parsed-revisions";
  auto build = [&] {
    Diagnostics diags;
    BuildResult r = build_site(o, diags);
    REQUIRE_FALSE(diags.has_errors());
    return r;
  };
  CHECK(build().revisions_kept == 0);
  const std::string written = read_file(kept);
  const size_t all = build().revisions_kept;
  CHECK(all >= 77);
  CHECK(read_file(kept) == written);  // nothing new: not written again

  dir.write("content/actions/a1.md", read_file(dir.path() / "content/actions/a1.md") + "\nAudited twice.\n");
  git_dated(dir.path(), "commit -q -am 'Audit twice'", "2024-05-03T10:00:00Z");
  CHECK(build().revisions_kept == all);
  CHECK(read_file(kept) == written);  // one new revision of 78: read from git again next time
  CHECK(build().revisions_kept == all);

  BuildOptions cold = options_for(dir, "cold");
  cold.reuse_history = false;
  cold.reuse_unchanged_files = false;
  Diagnostics diags;
  build_site(cold, diags);
  REQUIRE_FALSE(diags.has_errors());
  CHECK(snapshot(o.out_dir) == snapshot(cold.out_dir));

  // --cold reads every revision and writes the file again, with the new one.
  BuildOptions cold_here = o;
  cold_here.reuse_history = false;
  CHECK(build_site(cold_here, diags).revisions_kept == 0);
  CHECK(read_file(kept) != written);
  CHECK(build().revisions_kept == all + 1);

  // A revision withdrawn: its text leaves the kept revisions at the next build.
  const std::string mistaken = "Edit 33.";
  REQUIRE(read_file(kept).find(mistaken) != std::string::npos);
  std::string commit;
  {
    const fs::path found = dir.path() / "found";
    REQUIRE(std::system(("git -C '" + dir.path().string() + "' log -1 --format=%H --grep='^Edit 33$' >'" +
                         found.string() + "'").c_str()) == 0);
    commit = read_file(found).substr(0, 12);
  }
  dir.write("content/about.md", read_file(dir.path() / "content/about.md") + "\nRevised.\n");
  dir.write("content/withdrawn.toml", "[[withdrawn]]\ncommit = \"" + commit +
                                          "\"\ndocument = \"about.md\"\ndate = 2024-05-04\n"
                                          "reason = \"Withdrawn to test the kept revisions.\"\n");
  git_dated(dir.path(), "add content/withdrawn.toml", "2024-05-04T10:00:00Z");
  git_dated(dir.path(), "commit -q -am 'Withdraw edit 33'", "2024-05-04T10:00:00Z");
  // The build that withdraws it takes the spare and removes the site it replaces (which still
  // shows the text) rather than keep it as the next spare; the build after keeps one again.
  auto holds = [&](const fs::path& folder) {
    for (const auto& e : fs::recursive_directory_iterator(folder))
      if (e.is_regular_file() && read_file(e.path()).find(mistaken) != std::string::npos) return true;
    return false;
  };
  const fs::path spare = dir.path() / ".site.spare";
  REQUIRE(fs::exists(spare / "index.html"));
  CHECK(build().revisions_kept == all);
  CHECK(read_file(kept).find(mistaken) == std::string::npos);
  CHECK_FALSE(fs::exists(spare));
  CHECK_FALSE(holds(dir.path() / ".site.cache"));
  dir.write("content/about.md", read_file(dir.path() / "content/about.md") + "\nRevised again.\n");
  git_dated(dir.path(), "commit -q -am 'Revise again'", "2024-05-05T10:00:00Z");
  build();
  CHECK(fs::exists(spare / "index.html"));  // the withdrawal is not new now: the spare is kept
  CHECK_FALSE(holds(spare));
}

TEST_CASE("build: a build that fails while the kept revisions are written leaves the old file, and nothing beside it") {
  TempDir dir;
  write_minimal_portal(dir);
  commit_everything(dir);
  BuildOptions o = options_for(dir);
  const fs::path cache = dir.path() / ".site.cache";
  const fs::path kept = cache / "parsed-revisions";
  auto inode = [](const fs::path& file) {
    struct stat st {};
    REQUIRE(::stat(file.c_str(), &st) == 0);
    return st.st_ino;
  };
  auto left_beside = [&] {
    std::set<std::string> names;
    for (const auto& e : fs::directory_iterator(cache))
      if (e.path().filename().string().find(".new-") != std::string::npos) names.insert(e.path().filename().string());
    return names;
  };
  Diagnostics first;
  build_site(o, first);
  REQUIRE_FALSE(first.has_errors());
  const std::string written = read_file(kept);
  const ino_t written_inode = inode(kept);

  // Every revision parsed again (--cold), so they are written again while the pages are; then
  // a page of a kind that would write outside the site is refused as it is written.
  static const PageKind kEscaping{
      "escaping", "not_found", "", std::nullopt, false,
      [](const BuildModel&) {
        Route r;
        r.path = "../escaped.html";
        return std::vector<Route>{r};
      },
      [](const BuildModel&, const Route& r) {
        PageView page;
        page.path = r.path;
        page.title = "Escaped";
        return page;
      }};
  BuildOptions failing = o;
  failing.reuse_history = false;
  failing.extra_kinds = {&kEscaping};
  Diagnostics failed;
  build_site(failing, failed);
  REQUIRE(failed.has_errors());
  bool refused = false;
  for (const Diagnostic& d : failed.all()) refused |= d.message.find("refused to write outside") != std::string::npos;
  CHECK(refused);
  CHECK(read_file(kept) == written);
  CHECK(inode(kept) == written_inode);
  CHECK(left_beside().empty());
  CHECK_FALSE(fs::exists(dir.path() / "escaped.html"));
  // A first build into a folder, failing so, leaves no cache folder either.
  BuildOptions first_failing = failing;
  first_failing.out_dir = dir.path() / "fresh";
  Diagnostics failed_first;
  build_site(first_failing, failed_first);
  REQUIRE(failed_first.has_errors());
  CHECK_FALSE(fs::exists(dir.path() / ".fresh.cache"));

  // The same build without it: the revisions written as the pages were are put in place, whole.
  failing.extra_kinds.clear();
  Diagnostics again;
  CHECK(build_site(failing, again).revisions_kept == 0);
  REQUIRE_FALSE(again.has_errors());
  CHECK(inode(kept) != written_inode);
  CHECK(read_file(kept) == written);
  CHECK(left_beside().empty());
  CHECK(build_site(o, again).revisions_kept > 0);
}

TEST_CASE("build: an update's page is rebuilt when what changed before its meeting changes, though nothing it links did") {
  TempDir dir;
  write_minimal_portal(dir);
  // An action no update names, in the plan since before u1's meeting, and a report committed
  // ahead of its meeting: commits made before that meeting change what it says changed since u1.
  dir.write("content/actions/a2.md", action_document("Train managers", "theme = \"plan/themes/a\"", "on-track"));
  dir.write("content/updates/u2.md",
            "+++\ntype = \"update\"\ntitle = \"June 2024 update\"\ndate = 2024-06-20\n"
            "meeting = \"People Scrutiny Committee\"\nreports_on = [\"recommendations/r1\"]\n+++\nMore progress.\n");
  git_dated(dir.path(), "init -q -b main", "2016-10-01T10:00:00Z");
  git_dated(dir.path(), "add -A", "2016-10-01T10:00:00Z");
  git_dated(dir.path(), "commit -q -m 'Add the portal'", "2016-10-01T10:00:00Z");
  auto set_status = [&](const std::string& from, const std::string& to, const std::string& date) {
    std::string action = read_file(dir.path() / "content/actions/a2.md");
    action.replace(action.find("status = \"" + from + "\""), 11 + from.size(), "status = \"" + to + "\"");
    dir.write("content/actions/a2.md", action);
    git_dated(dir.path(), "commit -q -am 'Train managers: " + to + "'", date);
  };
  set_status("on-track", "off-track", "2024-05-05T10:00:00Z");
  BuildOptions o = options_for(dir);
  rebuild_as_cold(o, dir, "the first build");
  const std::string before = read_file(o.out_dir / "updates/u2.html");
  CHECK(before.find("Off track") != std::string::npos);

  // The same number of changes since u1, one of them different.
  set_status("off-track", "at-risk", "2024-05-10T10:00:00Z");
  BuildResult rebuilt = rebuild_as_cold(o, dir, "a status changed again before the meeting");
  CHECK(rebuilt.pages_not_built > 0);
  CHECK(read_file(o.out_dir / "updates/u2.html") != before);
  CHECK(read_file(o.out_dir / "updates/u2.html").find("At risk") != std::string::npos);
}

TEST_CASE("build: an action's page is rebuilt when a document it shows through another changes") {
  TempDir dir;
  write_minimal_portal(dir);
  // a1's page shows a2 through a decision of u2, and a measure's latest value, reported by u3:
  // neither u2's nor u3's file, nor the measure's, changes below.
  dir.write("content/actions/a2.md", action_document("Train managers", "theme = \"plan/themes/a\"", "on-track"));
  dir.write("content/measures/m1.md",
            "+++\ntype = \"measure\"\ntitle = \"Audits on time\"\nunit = \"%\"\nbetter = \"higher\"\n"
            "evidences = [\"actions/a1\"]\n+++\n");
  dir.write("content/updates/u2.md",
            "+++\ntype = \"update\"\ntitle = \"December 2016 update\"\ndate = 2016-12-15\n"
            "meeting = \"Improvement Board\"\n[[decisions]]\ntext = \"Audit and train together.\"\n"
            "actions = [\"actions/a1\", \"actions/a2\"]\n+++\n");
  dir.write("content/updates/u3.md",
            "+++\ntype = \"update\"\ntitle = \"January 2017 update\"\ndate = 2017-01-15\n"
            "meeting = \"Improvement Board\"\n[[measures]]\nmeasure = \"measures/m1\"\nvalue = 61\n+++\n");
  commit_everything(dir);
  // A theme may show anything its templates are given: this one, each decision's actions' status.
  fs::copy(kSource / "themes/default", dir.path() / "theme", fs::copy_options::recursive);
  std::string layout = read_file(dir.path() / "theme/templates/action.mustache");
  layout.replace(layout.find("<li>{{text}}"), 12, "<li>{{text}}{{#actions}} {{title}}: {{#status}}{{value}}{{/status}}{{/actions}}");
  dir.write("theme/templates/action.mustache", layout);
  BuildOptions o = options_for(dir);
  o.theme_dir = dir.path() / "theme";
  auto rebuild = [&](const std::string& what) { return rebuild_as_cold(o, dir, what); };
  rebuild("the first build");
  const fs::path page = o.out_dir / "actions/a1.html";
  CHECK(read_file(page).find("61") != std::string::npos);

  std::string a2 = read_file(dir.path() / "content/actions/a2.md");
  a2.replace(a2.find("status = \"on-track\""), 19, "status = \"off-track\"");
  dir.write("content/actions/a2.md", a2);
  git_dated(dir.path(), "commit -q -am 'Training off track'", "2024-05-02T10:00:00Z");
  const std::string before = read_file(page);
  BuildResult status = rebuild("the status of an action in a decision about it");
  CHECK(status.pages_not_built > 0);
  CHECK(read_file(page) != before);
  CHECK(read_file(page).find("Train managers: off-track") != std::string::npos);

  std::string u3 = read_file(dir.path() / "content/updates/u3.md");
  u3.replace(u3.find("value = 61"), 10, "value = 87");
  dir.write("content/updates/u3.md", u3);
  git_dated(dir.path(), "commit -q -am 'Correct the figure'", "2024-05-03T10:00:00Z");
  rebuild("a measure's latest value");
  CHECK(read_file(page).find("87") != std::string::npos);

  // Only the as-at date moves, past the day work starts: the timeline no longer calls it planned.
  o.as_at = AsAtChoice{Date{2016, 8, 25}};
  rebuild("before work starts");
  CHECK(read_file(page).find("Work starts (planned)") != std::string::npos);
  o.as_at = AsAtChoice{Date{2016, 9, 5}};
  rebuild("after work started");
  CHECK(read_file(page).find("Work starts (planned)") == std::string::npos);
}

namespace {

// Commits n edits to content/actions/a1.md, one a day from 2 May 2024 + `first_day` days.
void commit_daily_edits(const TempDir& dir, int first_day, int n) {
  const std::string command =
      "cd '" + dir.path().string() + "' && export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null && " +
      "for i in $(seq " + std::to_string(first_day) + " " + std::to_string(first_day + n - 1) + "); do " +
      "echo \"Edit $i.\" >> content/actions/a1.md && " +
      "GIT_AUTHOR_DATE=\"@$((1714651200 + i * 86400)) +0000\" GIT_COMMITTER_DATE=\"@$((1714651200 + i * 86400)) +0000\" " +
      "git -c user.name=T -c user.email=t@example.org -c commit.gpgsign=false commit -q -am \"Edit $i\" || exit 1; done";
  REQUIRE(std::system(command.c_str()) == 0);
}

}  // namespace

TEST_CASE("build: a page of the changes list keeps the changes it first showed, so a new commit rewrites only the index") {
  TempDir dir;
  write_minimal_portal(dir);
  commit_everything(dir);                  // 1 May 2024
  commit_daily_edits(dir, 0, 119);         // 2 May to 28 August: 120 commits in all
  BuildOptions o = options_for(dir);
  const fs::path changes = o.out_dir / "changes";
  rebuild_as_cold(o, dir, "120 commits");
  // Pages counted from the oldest hold 50 each; the index, the newest 50 to 99.
  CHECK_FALSE(fs::exists(changes / "page-2.html"));
  const std::string oldest = read_file(changes / "page-1.html");
  CHECK(oldest.find("<h1>Changes from 1 May 2024 to 19 June 2024</h1>") != std::string::npos);
  CHECK(oldest.find("Add the portal") != std::string::npos);
  CHECK(oldest.find(">Edit 48<") != std::string::npos);
  CHECK(oldest.find(">Edit 49<") == std::string::npos);
  CHECK(oldest.find("href=\"index.html\">Newer changes") != std::string::npos);
  CHECK(oldest.find("Older changes") == std::string::npos);
  const std::string index = read_file(changes / "index.html");
  CHECK(index.find(">Edit 49<") != std::string::npos);
  CHECK(index.find(">Edit 118<") != std::string::npos);
  CHECK(index.find(">Edit 48<") == std::string::npos);
  CHECK(index.find("href=\"page-1.html\">Older changes") != std::string::npos);

  // One more commit: the numbered page is kept unbuilt, byte for byte.
  commit_daily_edits(dir, 119, 1);
  BuildResult one_more = rebuild_as_cold(o, dir, "a 121st commit");
  CHECK(read_file(changes / "page-1.html") == oldest);
  CHECK(read_file(changes / "index.html").find(">Edit 119<") != std::string::npos);
  CHECK(one_more.pages_not_built >= 1);

  // At 150, a second numbered page takes the index's oldest 50, and the first links it.
  commit_daily_edits(dir, 120, 29);
  rebuild_as_cold(o, dir, "150 commits");
  const std::string second = read_file(changes / "page-2.html");
  CHECK(second.find(">Edit 49<") != std::string::npos);
  CHECK(second.find(">Edit 98<") != std::string::npos);
  CHECK(second.find("href=\"page-1.html\">Older changes") != std::string::npos);
  CHECK(read_file(changes / "page-1.html").find("href=\"page-2.html\">Newer changes") != std::string::npos);
  CHECK(read_file(changes / "index.html").find(">Edit 98<") == std::string::npos);
  CHECK(read_file(changes / "index.html").find("href=\"page-2.html\">Older changes") != std::string::npos);
  CHECK_FALSE(fs::exists(changes / "page-3.html"));
}

TEST_CASE("build: a recommendation's page is rebuilt when what it shows through another document changes") {
  TempDir dir;
  write_minimal_portal(dir);
  dir.write("content/actions/a2.md",
            "+++\ntype = \"action\"\ntitle = \"Train managers\"\ntheme = \"plan/themes/a\"\n"
            "recommendations = [\"recommendations/r1\"]\nowner = \"Head of Service\"\n"
            "start_date = 2017-08-01\ntarget_date = 2017-09-30\nstatus = \"on-track\"\n"
            "[[milestones]]\ntitle = \"Second audit\"\ntarget_date = 2017-06-30\nstatus = \"not-started\"\n+++\n");
  dir.write("content/measures/m1.md",
            "+++\ntype = \"measure\"\ntitle = \"Audits on time\"\nunit = \"%\"\nbetter = \"higher\"\n"
            "evidences = [\"recommendations/r1\"]\n+++\n");
  dir.write("content/updates/u3.md",
            "+++\ntype = \"update\"\ntitle = \"January 2017 update\"\ndate = 2017-01-15\n"
            "meeting = \"Improvement Board\"\n[[measures]]\nmeasure = \"measures/m1\"\nvalue = 61\n+++\n");
  commit_everything(dir);
  BuildOptions o = options_for(dir);
  o.as_at = AsAtChoice{Date{2017, 2, 1}};
  auto rebuild = [&](const std::string& what) { return rebuild_as_cold(o, dir, what); };
  rebuild("the first build");
  const fs::path page = o.out_dir / "recommendations/r1.html";
  CHECK(read_file(page).find("next due 30 June 2017: Second audit") != std::string::npos);
  CHECK(read_file(page).find("latest 61%") != std::string::npos);
  BuildResult again = rebuild("nothing changed");
  CHECK(again.pages_not_built == keyed_pages(again));

  // Only the as-at date moves, past the milestone's target date.
  o.as_at = AsAtChoice{Date{2017, 7, 15}};
  rebuild("a milestone now overdue");
  CHECK(read_file(page).find("1 overdue") != std::string::npos);
  CHECK(read_file(page).find("Action starts (planned)") != std::string::npos);
  // And past the day an action's work starts alone: the summary stays, the timeline's mark goes.
  o.as_at = AsAtChoice{Date{2017, 8, 15}};
  rebuild("an action's work now started");
  CHECK(read_file(page).find("1 overdue") != std::string::npos);
  CHECK(read_file(page).find("Action starts (planned)") == std::string::npos);

  // The measure's latest value, from an update: neither the measure's file nor this one changes.
  std::string u3 = read_file(dir.path() / "content/updates/u3.md");
  u3.replace(u3.find("value = 61"), 10, "value = 87");
  dir.write("content/updates/u3.md", u3);
  git_dated(dir.path(), "commit -q -am 'Correct the figure'", "2024-05-02T10:00:00Z");
  rebuild("a measure's latest value");
  CHECK(read_file(page).find("latest 87%") != std::string::npos);

  // The inspection's date of publication, shown beside its link.
  std::string inspection = read_file(dir.path() / "content/inspections/2016.md");
  inspection.replace(inspection.find("published = 2016-07-07"), 22, "published = 2016-07-08");
  dir.write("content/inspections/2016.md", inspection);
  git_dated(dir.path(), "commit -q -am 'Correct the date'", "2024-05-03T10:00:00Z");
  rebuild("the inspection's date");
  CHECK(read_file(page).find("8 July 2016") != std::string::npos);
}

TEST_CASE("build: inspection and theme pages are rebuilt when what they show through another document changes") {
  TempDir dir;
  write_minimal_portal(dir);
  const std::string a2 = action_document("Train managers", "theme = \"plan/themes/a\"", "on-track");
  dir.write("content/actions/a2.md",
            replace_first(a2, "recommendations = [\"recommendations/r1\"]", "origin = \"The board asked for it.\""));
  commit_everything(dir);
  BuildOptions o = options_for(dir);
  auto rebuild = [&](const std::string& what) { return rebuild_as_cold(o, dir, what); };
  rebuild("the first build");
  const fs::path inspection = o.out_dir / "inspections/2016.html";
  const fs::path theme = o.out_dir / "plan/themes/a.html";
  CHECK(read_file(inspection).find("answered by 1 action<") != std::string::npos);
  BuildResult again = rebuild("nothing changed");
  CHECK(again.pages_not_built == keyed_pages(again));

  // A second action now answers the recommendation: neither its file nor the inspection's changes.
  dir.write("content/actions/a2.md", a2);
  git_dated(dir.path(), "commit -q -am 'Training answers r1'", "2024-05-02T10:00:00Z");
  rebuild("a new action answering one of its recommendations");
  CHECK(read_file(inspection).find("answered by 2 actions<") != std::string::npos);

  // The plan names its groupings anew: the theme's file does not change.
  std::string plan = read_file(dir.path() / "content/plan/p.md");
  plan.replace(plan.find("approved ="), 10, "grouping = \"priority area\"\napproved =");
  dir.write("content/plan/p.md", plan);
  git_dated(dir.path(), "commit -q -am 'Priority areas'", "2024-05-03T10:00:00Z");
  rebuild("the plan's grouping word");
  CHECK(read_file(theme).find("Priority area") != std::string::npos);
}
