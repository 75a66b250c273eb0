#include <doctest/doctest.h>

#include <sstream>

#include "progress_printer.h"
#include "test_support.h"

using namespace scrutiny;
using namespace scrutiny::test;

TEST_CASE("build progress: plain lines with counts and times when not on a terminal") {
  TempDir dir;
  write_minimal_portal(dir);
  Run r = run({"build", "--no-history", "--content", (dir.path() / "content").string(), "--out",
               (dir.path() / "site").string()});
  REQUIRE(r.status == 0);
  CHECK(r.err.find("Read 7 documents in ") != std::string::npos);
  CHECK(r.err.find("Wrote ") != std::string::npos);
  CHECK(r.err.find('\r') == std::string::npos);  // no terminal control in a log
  CHECK(r.err.find('\033') == std::string::npos);
  CHECK(r.out.find("Built ") == 0);
  CHECK(r.out.find("Time per step: reading 7 documents ") != std::string::npos);
  CHECK(r.out.find(", writing ") != std::string::npos);
}

TEST_CASE("build --quiet prints nothing on success, and only errors on failure") {
  TempDir dir;
  write_minimal_portal(dir);
  const std::string content = (dir.path() / "content").string(), site = (dir.path() / "site").string();
  // Outside git, a build with history warns that pages will have none: --quiet leaves that out.
  Run loud = run({"build", "--content", content, "--out", site});
  CHECK(loud.err.find("warning: ") != std::string::npos);
  Run quiet = run({"build", "--quiet", "--content", content, "--out", site});
  CHECK(quiet.status == 0);
  CHECK(quiet.out.empty());
  CHECK(quiet.err.empty());
  Run check = run({"check", "-q", "--content", content});
  CHECK(check.status == 0);
  CHECK(check.out.empty());
  CHECK(check.err.empty());

  dir.write("content/actions/a1.md", "+++\ntype = \"action\"\ntitle = \"No theme\"\n+++\n");
  Run failed = run({"build", "--quiet", "--content", content, "--out", site});
  CHECK(failed.status == 1);
  CHECK(failed.out.empty());
  CHECK(failed.err.find("a1.md") != std::string::npos);
  CHECK(failed.err.find(": error: ") != std::string::npos);
  CHECK(failed.err.find("Read ") == std::string::npos);
  CHECK(failed.err.find(": warning: ") == std::string::npos);
}

TEST_CASE("build --format json keeps progress off standard output") {
  TempDir dir;
  write_minimal_portal(dir);
  Run r = run({"build", "--format", "json", "--no-history", "--content", (dir.path() / "content").string(), "--out",
               (dir.path() / "site").string()});
  REQUIRE(r.status == 0);
  CHECK(r.out.find("Read ") == std::string::npos);
  CHECK(r.out.find("Time per step") == std::string::npos);
  CHECK(r.err.find("Read 7 documents") != std::string::npos);
  CHECK(r.err.find("Time per step") != std::string::npos);
}

TEST_CASE("build progress on a terminal: one line rewritten in place, rubbed out at the end") {
  std::ostringstream err;
  {
    ProgressPrinter printer(err, ProgressStyle::terminal);
    printer(BuildProgress{BuildStep::documents, 0, 0, false, 0});
    printer(BuildProgress{BuildStep::documents, 7, 7, true, 0.01});
    printer(BuildProgress{BuildStep::pages, 0, 40, false, 0});
    printer(BuildProgress{BuildStep::pages, 40, 40, true, 0.25});
  }
  const std::string text = err.str();
  CHECK(text.find('\n') == std::string::npos);
  CHECK(text.find("\r\033[KReading documents...") == 0);
  CHECK(text.find("\r\033[KRead 7 documents in 0.01 s.") != std::string::npos);
  CHECK(text.find("\r\033[KWriting pages [------------------------] 0/40") != std::string::npos);
  CHECK(text.find("\r\033[KWrote 40 pages in 0.25 s.") != std::string::npos);
  CHECK(text.substr(text.size() - 4) == "\r\033[K");
  CHECK(progress_style_for(err, false) == ProgressStyle::lines);
  CHECK(progress_style_for(err, true) == ProgressStyle::quiet);
}

TEST_CASE("build progress: the history step counts commits") {
  BuildProgress history{BuildStep::history, 130, 130, true, 0.2};
  CHECK(describe_step(history) == "Read the history of 130 commits in 0.20 s.");
  CHECK(step_timings({BuildProgress{BuildStep::documents, 1, 1, true, 0.01}, history}) ==
        "reading 1 document 0.01 s, the history of 130 commits 0.20 s");
}
