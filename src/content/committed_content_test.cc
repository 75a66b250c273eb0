#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>

#include "committed_content.h"
#include "content_source.h"
#include "input_limits.h"
#include "test_support.h"

using namespace scrutiny;
using namespace scrutiny::test;
namespace fs = std::filesystem;

namespace {

// Runs git with `args` in `dir`, with no user or system configuration.
void git(const fs::path& dir, const std::string& args) {
  const std::string command = "cd '" + dir.string() +
                              "' && GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null git -c user.name=T "
                              "-c user.email=t@example.org -c commit.gpgsign=false " + args + " >/dev/null 2>&1";
  REQUIRE(std::system(command.c_str()) == 0);
}

std::string changes(const std::vector<UncommittedFile>& files) {
  std::string out;
  for (const UncommittedFile& f : files)
    out += f.rel + (f.change == UncommittedFile::Change::modified ? " M\n"
                    : f.change == UncommittedFile::Change::added  ? " A\n"
                                                                   : " D\n");
  return out;
}

std::string paths(const ContentSource& source) {
  std::string out;
  for (const SourceFile& f : source.documents) out += f.source_path + "\n";
  return out;
}

}  // namespace

TEST_CASE("committed content: documents, settings and theme as HEAD holds them, not as the disk does") {
  TempDir dir;  // the repository; the content folder is a subfolder of it, as in a monorepo
  dir.write("README.md", "Not content.\n");
  dir.write("site/portal.toml", "title = \"T\"\n");
  dir.write("site/a.md", "# A committed\n");
  dir.write("site/b.md", "# B\n");
  dir.write("site/c.md", "# C\n");
  dir.write("site/_draft.md", "# Skipped by name\n");
  dir.write("site/notes.txt", "not a document\n");
  dir.write("site/theme/templates/page.mustache", "committed template\n");
  dir.write("site/theme/assets/extra.css", "committed css\n");
  dir.write("site/.gitignore", "ignored.md\n");
  git(dir.path(), "init -q -b main");
  git(dir.path(), "add -A");
  git(dir.path(), "commit -qm one");

  dir.write("site/a.md", "# A edited, not committed\n");
  fs::remove(dir.path() / "site/c.md");
  dir.write("site/d.md", "# D, new\n");
  dir.write("site/ignored.md", "# ignored by git\n");
  dir.write("site/notes.txt", "changed, but not something a build reads\n");
  dir.write("site/theme/assets/extra.css", "edited css\n");
  dir.write("site/e.md", "# E, staged only\n");
  git(dir.path(), "add site/e.md");

  const fs::path content = dir.path() / "site";
  std::optional<CommittedContent> committed = CommittedContent::open(content);
  REQUIRE(committed);
  CHECK(committed->commit_id().size() == 40);
  CHECK(committed->has_folder());

  Diagnostics diags;
  ContentSource source = read_content(*committed, content, diags);
  CHECK(diags.all().empty());
  CHECK(paths(source) == "a.md\nb.md\nc.md\n");
  CHECK(source.documents[0].text == "# A committed\n");
  CHECK(source.documents[0].display_path == (content / "a.md").generic_string());  // as read from disk
  REQUIRE(source.portal);
  CHECK(source.portal->text == "title = \"T\"\n");

  CHECK(changes(committed->uncommitted_files()) ==
        "a.md M\nc.md D\nd.md A\ne.md A\nnotes.txt M\ntheme/assets/extra.css M\n");
  CHECK(changes(content_inputs(committed->uncommitted_files())) ==
        "a.md M\nc.md D\nd.md A\ne.md A\ntheme/assets/extra.css M\n");

  auto theme_files = committed->list_files("theme", [](const std::string&, bool) { return false; });
  REQUIRE(theme_files.size() == 2);
  CHECK(theme_files[0].rel == "assets/extra.css");
  auto css = committed->read_file(theme_files[0], "x", 100, document_too_large_message, diags);
  REQUIRE(css);
  CHECK(*css == "committed css\n");

  // The same folder from disk, marked where it differs from HEAD.
  ContentSource disk = read_content(content, diags);
  mark_uncommitted(disk, content_inputs(committed->uncommitted_files()));
  CHECK(paths(disk) == "a.md\nb.md\nd.md\ne.md\nignored.md\n");
  CHECK(disk.documents[0].uncommitted);
  CHECK_FALSE(disk.documents[1].uncommitted);
  CHECK(disk.documents[2].uncommitted);
  CHECK_FALSE(disk.documents[4].uncommitted);  // ignored: neither committed nor a change to publish

  Diagnostics warned;
  warn_uncommitted(content_inputs(committed->uncommitted_files()), content, warned);
  REQUIRE(warned.all().size() == 1);
  const std::string message = warned.all()[0].message;
  CHECK(warned.all()[0].severity == Severity::warning);
  CHECK(message.find("5 files have changes that are not committed") != std::string::npos);
  CHECK(message.find((content / "a.md").generic_string() + " (changed)") != std::string::npos);
  CHECK(message.find((content / "c.md").generic_string() + " (deleted)") != std::string::npos);
  CHECK(message.find((content / "d.md").generic_string() + " (new)") != std::string::npos);
  CHECK(message.find("Commit them to publish them, or preview them with scrutiny serve (or build --working-tree)") != std::string::npos);
}

TEST_CASE("committed content: a committed link is refused, an oversized blob is never read") {
  TempDir dir;
  dir.write("portal.toml", "title = \"T\"\n");
  dir.write("a.md", "# A\n");
  dir.write("big.md", std::string(kMaxDocumentBytes + 1, 'x'));
  fs::create_symlink("/etc/passwd", dir.path() / "passwd.md");
  fs::create_symlink("a.md", dir.path() / "inside.md");
  git(dir.path(), "init -q -b main");
  git(dir.path(), "add -A");
  git(dir.path(), "commit -qm one");
  std::optional<CommittedContent> committed = CommittedContent::open(dir.path());
  REQUIRE(committed);
  Diagnostics diags;
  ContentSource source = read_content(*committed, dir.path(), diags);
  CHECK(paths(source) == "a.md\n");
  std::vector<Diagnostic> all = diags.sorted();
  REQUIRE(all.size() == 3);
  CHECK(all[0].file == (dir.path() / "big.md").generic_string());
  CHECK(all[0].message == document_too_large_message(kMaxDocumentBytes + 1));
  CHECK(all[1].file == (dir.path() / "inside.md").generic_string());
  CHECK(all[1].message.find("committed as a symbolic link") != std::string::npos);
  CHECK(all[2].file == (dir.path() / "passwd.md").generic_string());
  CHECK(all[2].message.find("replace the link with the file it points to") != std::string::npos);
}

TEST_CASE("committed content: nothing outside a repository, before the first commit; a folder not committed") {
  TempDir dir;
  dir.write("content/a.md", "# A\n");
  CHECK_FALSE(CommittedContent::open(dir.path() / "content"));
  git(dir.path(), "init -q -b main");
  CHECK_FALSE(CommittedContent::open(dir.path() / "content"));  // no commit yet

  dir.write("README.md", "The repository's first file.\n");
  git(dir.path(), "add README.md");
  git(dir.path(), "commit -qm one");
  std::optional<CommittedContent> committed = CommittedContent::open(dir.path() / "content");
  REQUIRE(committed);
  CHECK_FALSE(committed->has_folder());
  Diagnostics diags;
  ContentSource source = read_content(*committed, dir.path() / "content", diags);
  CHECK(source.documents.empty());
  REQUIRE(diags.error_count() == 1);
  CHECK(diags.all()[0].message.find("nothing in this folder is committed yet") != std::string::npos);
  CHECK(changes(committed->uncommitted_files()) == "a.md A\n");
}
