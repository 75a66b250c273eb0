#include <doctest/doctest.h>

#include <filesystem>

#include "page_renderer.h"
#include "test_support.h"
#include "theme.h"

using namespace scrutiny;
using namespace scrutiny::test;
namespace fs = std::filesystem;

namespace {

const fs::path kDefaultTheme = fs::path(SCRUTINY_SOURCE_DIR) / "themes/default";

// A content repository (with .git) holding a minimal portal, and a private folder beside it.
struct Repository {
  TempDir dir;
  Repository() {
    write_minimal_portal(dir, "repo/content");
    fs::create_directories(dir.path() / "repo/.git");
    dir.write("private/key.css", "PRIVATE KEY");
    dir.write("private/page.mustache", "PRIVATE TEMPLATE");
  }
  fs::path content() const { return dir.path() / "repo/content"; }
  void link(const fs::path& target, const std::string& rel) const {
    fs::create_directories((content() / rel).parent_path());
    fs::create_symlink(target, content() / rel);
  }
};

// The one error of loading the default theme with `repo`'s overrides.
Diagnostic only_error(const Repository& repo, Theme* out = nullptr) {
  Diagnostics diags;
  Theme theme = load_theme(kDefaultTheme, repo.content(), diags);
  REQUIRE(diags.all().size() == 1);
  if (out) *out = theme;
  return diags.all()[0];
}

bool published(const Theme& theme, const std::string& text) {
  for (const auto& [name, source] : theme.templates)
    if (source.find(text) != std::string::npos) return true;
  for (const auto& [path, asset] : theme.assets)
    if ((asset.file.empty() ? std::string(asset.builtin) : read_file(asset.file)).find(text) != std::string::npos)
      return true;
  return false;
}

}  // namespace

TEST_CASE("theme override: every kind of link leading out of the repository is refused") {
  Repository repo;
  Theme theme;
  SUBCASE("one asset file") {
    repo.link("/etc/passwd", "theme/assets/leak.css");
    Diagnostic d = only_error(repo, &theme);
    CHECK(d.file == (repo.content() / "theme/assets/leak.css").generic_string());
    CHECK(d.message.find("outside the repository (to /etc/passwd)") != std::string::npos);
    CHECK_FALSE(theme.assets.count("assets/leak.css"));
    CHECK_FALSE(published(theme, "root:x:0:0"));
  }
  SUBCASE("one template file, even from /proc") {
    repo.link("/proc/self/environ", "theme/templates/_body.mustache");
    Diagnostic d = only_error(repo, &theme);
    CHECK(d.file == (repo.content() / "theme/templates/_body.mustache").generic_string());
    CHECK(d.message.find("outside the repository") != std::string::npos);
    std::string original = read_file(kDefaultTheme / "templates/_body.mustache");
    if (!original.empty() && original.back() == '\n') original.pop_back();
    CHECK(*theme.find_template("_body") == original);
  }
  SUBCASE("the assets folder") {
    repo.link(repo.dir.path() / "private", "theme/assets");
    Diagnostic d = only_error(repo, &theme);
    CHECK(d.file == (repo.content() / "theme/assets").generic_string());
    CHECK_FALSE(published(theme, "PRIVATE KEY"));
  }
  SUBCASE("the templates folder") {
    repo.link(repo.dir.path() / "private", "theme/templates");
    Diagnostic d = only_error(repo, &theme);
    CHECK(d.file == (repo.content() / "theme/templates").generic_string());
    CHECK_FALSE(published(theme, "PRIVATE TEMPLATE"));
  }
  SUBCASE("the theme folder itself") {
    fs::create_directories(repo.dir.path() / "elsewhere/assets");
    fs::copy_file(repo.dir.path() / "private/key.css", repo.dir.path() / "elsewhere/assets/key.css");
    repo.link("../../elsewhere", "theme");
    Diagnostic d = only_error(repo, &theme);
    CHECK(d.file == (repo.content() / "theme").generic_string());
    CHECK(d.message.find("copy the file into the repository") != std::string::npos);
    CHECK_FALSE(published(theme, "PRIVATE KEY"));
  }
}

TEST_CASE("theme override: links that stay inside the repository are followed") {
  Repository repo;
  repo.dir.write("repo/branding/logo.svg", "<svg></svg>");
  repo.link("../../../branding/logo.svg", "theme/assets/logo.svg");
  Diagnostics diags;
  Theme theme = load_theme(kDefaultTheme, repo.content(), diags);
  CHECK(diags.all().empty());
  REQUIRE(theme.assets.count("assets/logo.svg"));
  CHECK(read_file(theme.assets["assets/logo.svg"].file) == "<svg></svg>");
}

TEST_CASE("--theme may be anywhere, but a link inside it may not leave it") {
  TempDir dir;
  write_minimal_portal(dir);
  fs::copy(kDefaultTheme, dir.path() / "mine", fs::copy_options::recursive);
  fs::create_symlink(dir.path() / "mine", dir.path() / "theme-link");
  Diagnostics fine;
  load_theme(dir.path() / "theme-link", dir.path() / "content", fine);
  CHECK(fine.all().empty());

  fs::create_symlink("/etc/passwd", dir.path() / "mine/assets/passwd.css");
  Diagnostics diags;
  Theme theme = load_theme(dir.path() / "theme-link", dir.path() / "content", diags);
  REQUIRE(diags.all().size() == 1);
  CHECK(diags.all()[0].file == (dir.path() / "theme-link/assets/passwd.css").generic_string());
  CHECK(diags.all()[0].message.find("outside the theme folder") != std::string::npos);
  CHECK_FALSE(theme.assets.count("assets/passwd.css"));
}

TEST_CASE("a broken template is named by its full path, with the line of the problem") {
  TempDir dir;
  write_minimal_portal(dir);
  dir.write("content/theme/templates/page.mustache", "<h1>{{title}}</h1>\n<p>\n{{#items}}x\n</p>\n");
  Diagnostics diags;
  Theme theme = load_theme(kDefaultTheme, dir.path() / "content", diags);
  REQUIRE(diags.all().empty());
  PageRenderer::check_templates(theme, diags);
  REQUIRE(diags.all().size() == 1);
  CHECK(diags.all()[0].file == (dir.path() / "content/theme/templates/page.mustache").generic_string());
  CHECK(diags.all()[0].line == 3);
  CHECK(diags.all()[0].message.find("Unclosed section \"items\"") != std::string::npos);
  CHECK(diags.all()[0].message.find(" at ") == std::string::npos);
}
