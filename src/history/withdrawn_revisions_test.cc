#include "withdrawn_revisions.h"

#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "site_builder.h"
#include "test_support.h"

using namespace scrutiny;
using namespace scrutiny::test;
namespace fs = std::filesystem;

namespace {

// A name that must never reach the site once its revision is withdrawn.
const std::string kSentinel = "Zebedee Quartermaine-Withdrawn";

std::string git_in(const fs::path& dir, const std::string& args, const std::string& date = "2024-02-20T10:00:00+00:00") {
  const std::string cmd = "cd '" + dir.string() + "' && GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null "
                          "GIT_AUTHOR_NAME='Programme Office' GIT_AUTHOR_EMAIL=ipo@example.org "
                          "GIT_COMMITTER_NAME='Programme Office' GIT_COMMITTER_EMAIL=ipo@example.org "
                          "GIT_AUTHOR_DATE=" + date + " GIT_COMMITTER_DATE=" + date +
                          " git -c commit.gpgsign=false " + args + " 2>/dev/null";
  std::string out;
  FILE* pipe = popen(cmd.c_str(), "r");
  REQUIRE(pipe);
  char buf[256];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
  REQUIRE(pclose(pipe) == 0);
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

const std::string kUpdateHead =
    "+++\ntype = \"update\"\ntitle = \"November 2016 update\"\ndate = 2016-11-15\n"
    "meeting = \"People Scrutiny Committee\"\nreports_on = [\"recommendations/r1\"]\n"
    "[[statuses]]\naction = \"actions/a1\"\nstatus = \"on-track\"\n+++\n";

// Three revisions of updates/u1.md: published, then a mistake naming a child, then corrected.
// Returns the mistaken commit's id.
std::string history_with_a_mistake(const TempDir& dir) {
  write_minimal_portal(dir);
  const fs::path content = dir.path() / "content";
  // This history ends in November 2016: a milestone completed later would be warned about.
  std::string action = test::read_file(content / "actions/a1.md");
  action.replace(action.find("completed = 2016-12-20"), 22, "completed = 2016-11-10");
  dir.write("content/actions/a1.md", action);
  dir.write("content/portal.toml", "title = \"Test portal\"\nauthority = \"Test Council\"\n[author_roles]\n"
                                   "\"ipo@example.org\" = \"Programme Office\"\n");
  git_in(content, "init -q -b main");
  git_in(content, "add -A");
  git_in(content, "commit -q -m 'Publish the portal'", "2016-11-16T10:00:00+00:00");
  dir.write("content/updates/u1.md", kUpdateHead + "Progress on [[actions/a1]] is good. The review of " + kSentinel +
                                         "'s case found delay.\n");
  dir.write("content/about.md", "# About this portal\n\nWhat it is, kept up to date.\n");
  git_in(content, "commit -q -am 'Add the case review'", "2016-11-20T10:00:00+00:00");
  const std::string mistake = git_in(content, "rev-parse HEAD");
  dir.write("content/updates/u1.md", kUpdateHead + "Progress on [[actions/a1]] is good. A case review found delay.\n");
  git_in(content, "commit -q -am 'Remove personal details from the update'", "2016-11-21T10:00:00+00:00");
  return mistake;
}

// Every file of the site, with its path, concatenated.
std::string whole_site(const fs::path& site) {
  std::string all;
  for (const auto& e : fs::recursive_directory_iterator(site))
    if (e.is_regular_file()) all += e.path().generic_string() + "\n" + read_file(e.path());
  return all;
}

}  // namespace

TEST_CASE("withdrawn revisions: without withdrawn.toml the mistaken text is published (the test's premise)") {
  TempDir dir;
  history_with_a_mistake(dir);
  CHECK(whole_site(build_cleanly(build_options(dir))).find(kSentinel) != std::string::npos);
}

TEST_CASE("withdrawn revisions: a withdrawn revision's text is nowhere in the site; its page says why") {
  TempDir dir;
  const std::string mistake = history_with_a_mistake(dir);
  dir.write("content/withdrawn.toml", "[[withdrawn]]\ncommit = \"" + mistake.substr(0, 9) +
                                          "\"\ndocument = \"updates/u1.md\"\ndate = 2016-11-22\n"
                                          "reason = \"It named a child by mistake.\"\n");
  git_in(dir.path() / "content", "add -A");
  git_in(dir.path() / "content", "commit -q -m 'Withdraw the revision that named a child'", "2016-11-22T10:00:00+00:00");

  Diagnostics diags;
  BuildOptions o = build_options(dir);
  build_site(o, diags);
  for (const auto& d : diags.all()) MESSAGE(format_diagnostic(d));
  REQUIRE(diags.all().empty());
  const std::string site = whole_site(o.out_dir);
  CHECK(site.find(kSentinel) == std::string::npos);
  CHECK(site.find("Zebedee") == std::string::npos);
  CHECK(site.find("Quartermaine") == std::string::npos);

  // Same address as before, so links to it still work.
  const std::string page = read_file(o.out_dir / ("history/updates/u1/" + mistake.substr(0, 12) + ".html"));
  CHECK(page.find("<strong>This revision was withdrawn on <time datetime=\"2016-11-22\">22 November 2016</time>:"
                  "</strong> It named a child by mistake.") != std::string::npos);
  CHECK(page.find("revision-text") == std::string::npos);
  CHECK(page.find("This is an earlier version") == std::string::npos);

  // The next revision compares with the last one still published: the first.
  std::string next;
  for (const auto& e : fs::directory_iterator(o.out_dir / "history/updates/u1")) {
    const std::string text = read_file(e.path());
    if (text.find("Remove personal details from the update") != std::string::npos &&
        text.find("revision-text") != std::string::npos && text.find("Description</dt><dd><a") != std::string::npos &&
        text.find(">Remove personal details") != std::string::npos)
      next = text;
  }
  REQUIRE_FALSE(next.empty());
  // Compared with the withdrawn revision, "The review of" would show as removed.
  CHECK(next.find("review of") == std::string::npos);
  CHECK(next.find("<ins") != std::string::npos);

  // The history list and the change say so; the change's other document stays published.
  CHECK(read_file(o.out_dir / "history/updates/u1/index.html").find("<td>edited, withdrawn</td>") != std::string::npos);
  const std::string change = read_file(o.out_dir / ("changes/" + mistake.substr(0, 12) + ".html"));
  CHECK(change.find("Add the case review") != std::string::npos);
  CHECK(change.find("(edited, withdrawn)") != std::string::npos);
  CHECK(read_file(o.out_dir / ("history/about/" + mistake.substr(0, 12) + ".html")).find("kept up to date") !=
        std::string::npos);
}

TEST_CASE("withdrawn revisions: a whole change withdrawn hides its message in its page and the feed") {
  TempDir dir;
  const std::string mistake = history_with_a_mistake(dir);
  const fs::path content = dir.path() / "content";
  // A message that repeats the mistake: withdrawing the whole commit hides it too.
  dir.write("content/about.md", "# About this portal\n\nWhat it is.\n");
  dir.write("content/updates/u1.md", kUpdateHead + "Progress on [[actions/a1]] is good. " + kSentinel + " again.\n");
  git_in(content, "commit -q -am 'Note the review of " + kSentinel + "'", "2016-11-23T10:00:00+00:00");
  const std::string second = git_in(content, "rev-parse HEAD");
  dir.write("content/updates/u1.md", kUpdateHead + "Progress on [[actions/a1]] is good.\n");
  dir.write("content/about.md", "# About this portal\n\nWhat it is, corrected.\n");
  dir.write("content/withdrawn.toml",
            "[[withdrawn]]\ncommit = \"" + mistake + "\"\ndocument = \"updates/u1.md\"\ndate = 2016-11-24\n"
            "reason = \"It named a child by mistake.\"\n\n[[withdrawn]]\ncommit = \"" + second.substr(0, 7) +
            "\"\ndate = 2016-11-24\nreason = \"It named a child by mistake.\"\n");
  git_in(content, "add -A");
  git_in(content, "commit -q -m 'Correct the update and withdraw the mistakes'", "2016-11-24T10:00:00+00:00");

  Diagnostics diags;
  BuildOptions o = build_options(dir);
  build_site(o, diags);
  for (const auto& d : diags.all()) MESSAGE(format_diagnostic(d));
  REQUIRE(diags.all().empty());
  const std::string site = whole_site(o.out_dir);
  CHECK(site.find("Zebedee") == std::string::npos);
  const std::string change = read_file(o.out_dir / ("changes/" + second.substr(0, 12) + ".html"));
  CHECK(change.find("<h1>Withdrawn change</h1>") != std::string::npos);
  CHECK(change.find("This change was withdrawn on <time datetime=\"2016-11-24\">24 November 2016</time>:") !=
        std::string::npos);
  const std::string feed = read_file(o.out_dir / "changes/feed.xml");
  CHECK(feed.find("<title>Withdrawn change</title>") != std::string::npos);
  CHECK(feed.find("<summary>This change was withdrawn on 24 November 2016: It named a child by mistake.</summary>") !=
        std::string::npos);
}

TEST_CASE("withdrawn revisions: bad entries are errors at their lines, in check as in build") {
  TempDir dir;
  const std::string mistake = history_with_a_mistake(dir);
  const fs::path content = dir.path() / "content";
  const std::string head = git_in(content, "rev-parse HEAD");
  dir.write("content/withdrawn.toml",
            "[[withdrawn]]\ncommit = \"0000000\"\ndate = 2016-11-22\nreason = \"Unknown commit.\"\n"   // 1
            "[[withdrawn]]\ncommit = \"" + mistake + "\"\ndate = \"22 November 2016\"\nreason = \"Bad date.\"\n"  // 5
            "[[withdrawn]]\ncommit = \"" + mistake + "\"\ndate = 2016-11-22\n"                           // 9
            "[[withdrawn]]\ncommit = \"" + mistake + "\"\ndocument = \"plan/p.md\"\ndate = 2016-11-22\nreason = \"x\"\n"  // 12
            "[[withdrawn]]\ncommit = \"" + head + "\"\ndate = 2016-11-22\nreason = \"Current text.\"\n"    // 17
            "[[withdrawn]]\ncommit = \"not-a-commit\"\ndate = 2016-11-22\nreason = \"x\"\n");            // 21
  // withdrawn.toml is not committed: --working-tree reads the content folder as it is.
  Run checked = run({"check", "--working-tree", "--content", content.string()});
  INFO(checked.err);
  CHECK(checked.status == 1);
  const std::string file = (content / "withdrawn.toml").generic_string();
  for (const char* where : {":1: error: commit: no commit 0000000", ":7: error: withdrawn[2].date: ",
                            ":9: error: withdrawn[3].reason: missing required field",
                            ":12: error: document: commit ", ":17: error: commit: commit ",
                            ":22: error: withdrawn[6].commit: \"not-a-commit\" is not a commit id"}) {
    INFO(where);
    CHECK(checked.err.find(file + where) != std::string::npos);
  }
  CHECK(checked.err.find("holds the current text of") != std::string::npos);

  // A build stops at the mistakes in the file itself, before it reads git, and writes nothing.
  BuildOptions on_disk = build_options(dir);
  on_disk.working_tree = true;
  Diagnostics diags;
  build_site(on_disk, diags);
  CHECK(diags.error_count() == 3);
  CHECK_FALSE(fs::exists(build_options(dir).out_dir));
  // With those put right, it finds the rest.
  dir.write("content/withdrawn.toml",
            "[[withdrawn]]\ncommit = \"0000000\"\ndate = 2016-11-22\nreason = \"Unknown commit.\"\n"
            "[[withdrawn]]\ncommit = \"" + head + "\"\ndate = 2016-11-22\nreason = \"Current text.\"\n");
  Diagnostics git_diags;
  build_site(on_disk, git_diags);
  CHECK(git_diags.error_count() == 2);
  CHECK_FALSE(fs::exists(build_options(dir).out_dir));
}
