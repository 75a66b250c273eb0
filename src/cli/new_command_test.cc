#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "command_line.h"
#include "test_support.h"

using namespace scrutiny;
using namespace scrutiny::test;
namespace fs = std::filesystem;

namespace {

// A copy of the sample portal's content in a fresh folder.
struct SamplePortal {
  TempDir dir;
  fs::path content = dir.path() / "content";
  SamplePortal() { fs::copy(fs::path(SCRUTINY_SOURCE_DIR) / "content", content, fs::copy_options::recursive); }
  Run new_document(const std::string& type, const std::string& path = "") const {
    std::vector<std::string> args = {"new", type, "--content", content.string()};
    if (!path.empty()) args.push_back(path);
    return run(args);
  }
  Run check() const { return run({"check", "--content", content.string()}); }
};

}  // namespace

TEST_CASE("new: every type passes check as written, with the next number and the obvious ids") {
  struct Expected {
    const char* type;
    const char* path;      // a fixed part of the path it picks
    const char* contains;  // a line the portal's facts decide
  };
  const Expected cases[] = {
      {"inspection", "inspections/", "kind = \"focused-visit\"\n"},
      // The latest inspection is the 2023 focused visit, whose last area for improvement is 3.
      {"recommendation", "recommendations/2023-focused-visit-r4.md",
       "inspection = \"inspections/2023-focused-visit\"\n"},
      {"plan", "plan/improvement-plan-", "inspections = [\"inspections/2023-focused-visit\"]\n"},
      // The current plan (the 2016 plan is closed) has priority areas 1 to 3.
      {"theme", "plan/themes/theme-4.md", "plan = \"plan/improvement-plan-2023\"\n"},
      {"action", "actions/a42.md", "recommendations = [\"recommendations/2023-afi-3\"]\n"},
      {"update", "updates/", "meeting = \"Children's Services Improvement Board\"\n"},
      {"page", "new-page.md", "type = \"page\"\n"},
  };
  for (const Expected& e : cases) {
    INFO("type: " << std::string(e.type));
    SamplePortal portal;
    Run made = portal.new_document(e.type);
    INFO(made.err);
    REQUIRE(made.status == 0);
    CHECK(made.out.find((portal.content / e.path).generic_string()) == 0);
    REQUIRE(made.out.back() == '\n');
    fs::path written = made.out.substr(0, made.out.size() - 1);
    std::string text = read_file(written);
    CHECK(text.find(e.contains) != std::string::npos);
    CHECK(text.find("\n# ") != std::string::npos);  // notes on the fields
    CHECK(text.find("{{") == std::string::npos);
    Run checked = portal.check();
    INFO(checked.err);
    CHECK(checked.status == 0);
    CHECK(checked.out.find("no errors, 0 warnings") != std::string::npos);
  }
}

TEST_CASE("new: a theme goes to the plan still open, not to a later one already closed") {
  SamplePortal portal;
  auto edit = [&](const std::string& rel, const std::string& from, const std::string& to) {
    std::string text = read_file(portal.content / rel);
    size_t at = text.find(from);
    REQUIRE(at != std::string::npos);
    std::ofstream(portal.content / rel, std::ios::binary) << text.replace(at, from.size(), to);
  };
  edit("plan/improvement-plan-2016.md", "closed = 2018-09-25\n", "");
  edit("plan/improvement-plan-2023.md", "approved = 2023-07-14\n", "approved = 2023-07-14\nclosed = 2024-01-31\n");
  Run made = portal.new_document("theme");
  INFO(made.err);
  REQUIRE(made.status == 0);
  CHECK(read_file(made.out.substr(0, made.out.size() - 1)).find("plan = \"plan/improvement-plan-2016\"\n") !=
        std::string::npos);
}

TEST_CASE("new: numbers follow the highest already there, for recommendations, themes and action files") {
  SamplePortal portal;
  REQUIRE(portal.new_document("theme").status == 0);
  Run second = portal.new_document("theme");
  REQUIRE(second.status == 0);
  CHECK(second.out == (portal.content / "plan/themes/theme-5.md").generic_string() + "\n");
  CHECK(read_file(portal.content / "plan/themes/theme-5.md").find("number = 5\n") != std::string::npos);
  REQUIRE(portal.new_document("recommendation").status == 0);
  CHECK(read_file(portal.content / "recommendations/2023-focused-visit-r4.md").find("\nnumber = 4\n") !=
        std::string::npos);
  REQUIRE(portal.new_document("recommendation").status == 0);
  CHECK(read_file(portal.content / "recommendations/2023-focused-visit-r5.md").find("\nnumber = 5\n") !=
        std::string::npos);
  REQUIRE(portal.new_document("action").status == 0);
  CHECK(portal.new_document("action").out == (portal.content / "actions/a43.md").generic_string() + "\n");
  CHECK(portal.check().status == 0);
}

TEST_CASE("new: the portal's archetypes/TYPE.md replaces the built-in one and is never read as a document") {
  SamplePortal portal;
  // Not TOML until filled in: were archetypes/ read as documents, check would fail.
  const std::string archetype = "+++\ntype = \"page\"\ntitle = \"Minutes of {{today}}\"\norder = {{year}}\n+++\nOurs.\n";
  fs::create_directories(portal.content / "archetypes");
  std::ofstream(portal.content / "archetypes/page.md") << archetype;
  Run made = portal.new_document("page", "minutes/first");
  REQUIRE(made.status == 0);
  CHECK(made.out == (portal.content / "minutes/first.md").generic_string() + "\n");
  std::string text = read_file(portal.content / "minutes/first.md");
  CHECK(text.rfind("+++\ntype = \"page\"\ntitle = \"Minutes of 2", 0) == 0);
  CHECK(text.find("Ours.") != std::string::npos);
  CHECK(portal.check().status == 0);
  // Other types still come from the built-in archetypes.
  REQUIRE(portal.new_document("update").status == 0);
  CHECK(portal.check().status == 0);
}

TEST_CASE("new: never overwrites, and says what to write first when a reference cannot be filled") {
  SamplePortal portal;
  const std::string before = read_file(portal.content / "actions/a01.md");
  Run clash = portal.new_document("action", "actions/a01.md");
  CHECK(clash.status == 1);
  CHECK(clash.err.find("actions/a01.md already exists") != std::string::npos);
  CHECK(read_file(portal.content / "actions/a01.md") == before);

  TempDir empty;
  empty.write("content/portal.toml", "title = \"T\"\nauthority = \"A\"\n");
  Run lonely = run({"new", "action", "--content", (empty.path() / "content").string()});
  CHECK(lonely.status == 1);
  CHECK(lonely.err.find("write one first with scrutiny new theme") != std::string::npos);
  CHECK_FALSE(fs::exists(empty.path() / "content/actions"));

  CHECK(run({"new"}).status == 2);
  CHECK(run({"new", "memo"}).status == 2);
  CHECK(portal.new_document("page", "../outside.md").status == 2);
}
