#include "author_roles.h"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>

#include "site_builder.h"
#include "test_support.h"

using namespace scrutiny;
using namespace scrutiny::test;
namespace fs = std::filesystem;

namespace {

CommitInfo commit_by(const std::string& name, const std::string& email) {
  CommitInfo c;
  c.author_name = name;
  c.author_email = email;
  return c;
}

PortalConfig config_with_roles() {
  PortalConfig config;
  config.file = "content/portal.toml";
  config.author_roles = {{"Improvement@Council.example", "Programme Office", 9},
                         {"Democratic Services", "Democratic Services", 10}};
  return config;
}

// Commits `dir` as `name <email>`, on a fixed date.
void commit_as(const fs::path& dir, const std::string& name, const std::string& email, const std::string& message) {
  const std::string env = "cd '" + dir.string() + "' && GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null "
                          "GIT_AUTHOR_NAME='" + name + "' GIT_AUTHOR_EMAIL='" + email +
                          "' GIT_COMMITTER_NAME='" + name + "' GIT_COMMITTER_EMAIL='" + email +
                          "' GIT_AUTHOR_DATE=2024-02-20T10:00:00+00:00 GIT_COMMITTER_DATE=2024-02-20T10:00:00+00:00 ";
  REQUIRE(std::system((env + "git init -q -b main >/dev/null 2>&1; " + env + "git add -A && " + env +
                       "git -c commit.gpgsign=false commit -q -m '" + message + "'").c_str()) == 0);
}

std::string whole_site(const fs::path& site) {
  std::string all;
  for (const auto& e : fs::recursive_directory_iterator(site))
    if (e.is_regular_file()) all += read_file(e.path());
  return all;
}

}  // namespace

TEST_CASE("author roles: by email ignoring case, then by name, else the default or the name") {
  PortalConfig config = config_with_roles();
  CHECK(author_shown_as(config, commit_by("Jane Smith", "improvement@council.example")) == "Programme Office");
  CHECK(author_shown_as(config, commit_by("Someone", "ds@council.example")) == "Council officer");
  CHECK(author_shown_as(config, commit_by("Democratic Services", "ds@council.example")) == "Democratic Services");
  // A name is matched exactly: an email-like key never matches a name, nor a name an email.
  CHECK(author_shown_as(config, commit_by("improvement@council.example", "")) == "Council officer");
  config.default_author_role = "Children's Services";
  CHECK(author_shown_as(config, commit_by("Jane Smith", "jane@council.example")) == "Children's Services");
  config.show_author_names = true;
  CHECK(author_shown_as(config, commit_by("Jane Smith", "jane@council.example")) == "Jane Smith");
  CHECK(author_shown_as(config, commit_by("Jane Smith", "IMPROVEMENT@council.example")) == "Programme Office");
}

TEST_CASE("author roles: one warning at portal.toml naming each unmapped author once, with what to add") {
  PortalConfig config = config_with_roles();
  std::vector<CommitInfo> commits = {commit_by("Jane Smith", "Jane.Smith@council.example"),  // newest
                                     commit_by("Jane Smith", "jane.smith@council.example"),
                                     commit_by("Improvement Office", "improvement@council.example"),
                                     commit_by("Bob Jones", "bob@council.example")};
  Diagnostics diags;
  report_unmapped_authors(config, commits, diags);
  REQUIRE(diags.all().size() == 1);
  const Diagnostic& d = diags.all()[0];
  CHECK(d.severity == Severity::warning);
  CHECK(d.file == "content/portal.toml");
  CHECK(d.key == "author_roles");
  CHECK(d.message.find("2 commit authors are not in [author_roles]") != std::string::npos);
  CHECK(d.message.find("\"Council officer\"") != std::string::npos);
  // Oldest first, each once.
  const size_t bob = d.message.find("Bob Jones <bob@council.example>: add \"bob@council.example\" = \"ROLE\"");
  const size_t jane = d.message.find("add \"jane.smith@council.example\" = \"ROLE\"");
  CHECK(bob != std::string::npos);
  CHECK(jane != std::string::npos);
  CHECK(bob < jane);
  CHECK(d.message.find("jane.smith", jane + 40) == std::string::npos);

  Diagnostics none;
  config.show_author_names = true;
  report_unmapped_authors(config, commits, none);
  CHECK(none.all().empty());
}

TEST_CASE("author roles: no person's name or email anywhere in a built site, and check lists them") {
  TempDir dir;
  write_minimal_portal(dir);
  const fs::path content = dir.path() / "content";
  commit_as(content, "Jane Smith", "jane.smith@council.example", "Publish the portal");
  dir.write("content/about.md", "# About this portal\n\nWhat it is, and who runs it.\n");
  commit_as(content, "Robert Example", "robert.example@council.example", "fix typo");

  const BuildOptions o = build_options(dir, content);
  Diagnostics diags;
  build_site(o, diags);
  REQUIRE_FALSE(diags.has_errors());
  REQUIRE(diags.all().size() == 1);
  CHECK(diags.all()[0].key == "author_roles");
  std::string site = whole_site(o.out_dir);
  for (const char* personal : {"Jane", "Smith", "jane.smith", "Robert", "robert.example", "council.example"}) {
    INFO(personal);
    CHECK(site.find(personal) == std::string::npos);
  }
  CHECK(site.find("by Council officer") != std::string::npos);
  CHECK(site.find("<author><name>Council officer</name></author>") != std::string::npos);
  CHECK(read_file(o.out_dir / "history/about/index.html").find("<td>Council officer</td>") != std::string::npos);

  Run checked = run({"check", "--content", content.string()});
  INFO(checked.out);
  INFO(checked.err);
  CHECK(checked.status == 0);
  CHECK(checked.out.find("no errors, 1 warning") != std::string::npos);
  CHECK(checked.err.find("portal.toml: warning: author_roles: 2 commit authors are not in [author_roles]") !=
        std::string::npos);
  CHECK(checked.err.find("\"jane.smith@council.example\" = \"ROLE\"") != std::string::npos);

  // Mapped, the roles show; the emails and names still do not; check is clean.
  dir.write("content/portal.toml",
            "title = \"Test portal\"\nauthority = \"Test Council\"\n[author_roles]\n"
            "\"jane.smith@council.example\" = \"Programme Office\"\n\"Robert Example\" = \"Performance Team\"\n");
  commit_as(content, "Jane Smith", "jane.smith@council.example", "Map authors to roles");
  Diagnostics mapped;
  build_site(o, mapped);
  CHECK(mapped.all().empty());
  site = whole_site(o.out_dir);
  CHECK(site.find("jane.smith") == std::string::npos);
  CHECK(site.find("Robert") == std::string::npos);
  CHECK(site.find("by Programme Office") != std::string::npos);
  CHECK(site.find("by Performance Team") != std::string::npos);
  CHECK(run({"check", "--content", content.string()}).out.find("0 warnings") != std::string::npos);
}
