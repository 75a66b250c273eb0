#include "former_ids.h"

#include <doctest/doctest.h>

#include <cstdlib>
#include <string>

#include "test_support.h"

using namespace scrutiny;

namespace {

// The minimal portal, committed, then its action's file renamed to a name that shares
// nothing with the old one, in a second commit; the update still names the old id.
void rename_the_action(const test::TempDir& dir) {
  test::write_minimal_portal(dir);
  test::commit_everything(dir);
  std::string env = "cd '" + dir.path().string() +
                    "' && GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null GIT_AUTHOR_NAME=A "
                    "GIT_AUTHOR_EMAIL=a@example.org GIT_COMMITTER_NAME=A GIT_COMMITTER_EMAIL=a@example.org "
                    "GIT_AUTHOR_DATE='2024-05-02T12:00:00Z' GIT_COMMITTER_DATE='2024-05-02T12:00:00Z' ";
  REQUIRE(std::system((env + "git mv content/actions/a1.md content/actions/audit-decisions.md && " + env +
                       "git -c commit.gpgsign=false commit -q -m 'Rename the action'").c_str()) == 0);
}

}  // namespace

TEST_CASE("renames: the ids documents had before their files were renamed") {
  test::TempDir dir;
  rename_the_action(dir);
  Diagnostics ignored;
  HistoryIndex index = HistoryIndex::open(dir.path() / "content", ignored);
  Document action;
  action.id = "actions/audit-decisions";
  action.source_path = "actions/audit-decisions.md";
  auto ids = former_ids(index, {action});
  REQUIRE(ids.size() == 1);
  CHECK(ids.at("actions/a1") == "actions/audit-decisions");
  // An old id that still names a document is no former id.
  Document again = action;
  again.id = "actions/a1";
  again.source_path = "actions/a1.md";
  CHECK(former_ids(index, {action, again}).empty());
}

TEST_CASE("renames: a stale reference to a renamed file is told the new id, by check and build alike") {
  test::TempDir dir;
  rename_the_action(dir);
  std::string content = (dir.path() / "content").string();
  test::Run check = test::run({"check", "--content", content});
  test::Run build = test::run({"build", "--content", content, "--out", (dir.path() / "site").string()});
  CHECK(check.status == 1);
  CHECK(build.status == 1);
  const std::string expected =
      "content/updates/u1.md:8: error: statuses[1].action: unknown id \"actions/a1\": no document has this id "
      "now: its file was renamed, and the document is now \"actions/audit-decisions\": change the reference to "
      "\"actions/audit-decisions\"";
  CHECK(check.err.find(expected) != std::string::npos);
  CHECK(check.err.find("updates/u1.md:11: error: unknown id \"actions/a1\": no document has this id now") !=
        std::string::npos);
  // Both print the same errors.
  auto errors = [](const std::string& err) {
    std::string out;
    for (size_t pos = 0, end; pos < err.size(); pos = end + 1) {
      end = err.find('\n', pos);
      if (end == std::string::npos) end = err.size();
      std::string line = err.substr(pos, end - pos);
      if (line.find(": error: ") != std::string::npos) out += line + "\n";
    }
    return out;
  };
  CHECK_FALSE(errors(check.err).empty());
  CHECK(errors(check.err) == errors(build.err));
  // Without history there is nothing to tell renames by.
  test::Run quick =
      test::run({"build", "--content", content, "--out", (dir.path() / "site").string(), "--no-history"});
  CHECK(quick.err.find("unknown id \"actions/a1\"") != std::string::npos);
  CHECK(quick.err.find("was renamed") == std::string::npos);
}
