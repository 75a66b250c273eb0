#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <regex>
#include <set>

#include "document_history.h"
#include "document_reader.h"
#include "portal.h"
#include "withdrawn_revisions.h"
#include "site_builder.h"
#include "test_support.h"

using namespace scrutiny;
using namespace scrutiny::test;
namespace fs = std::filesystem;

namespace {

Document parse(const std::string& text) {
  Diagnostics diags;
  auto d = read_document("a.md", "actions/a1.md", text, diags);
  REQUIRE(d);
  return *d;
}

const std::string kAction =
    "+++\ntype = \"action\"\ntitle = \"Audit\"\ntheme = \"plan/themes/a\"\n"
    "recommendations = [\"recommendations/r1\"]\nowner = \"Head of Service\"\n"
    "start_date = 2016-09-01\ntarget_date = TARGET\nstatus = \"STATUS\"\n"
    "[[milestones]]\ntitle = \"First audit\"\ntarget_date = MILESTONE\nstatus = \"not-started\"\n+++\nBODY\n";

std::string action(const std::string& target, const std::string& status, const std::string& milestone,
                   const std::string& body = "We will audit decisions.") {
  std::string s = kAction;
  for (auto [from, to] : {std::pair<std::string, std::string>{"TARGET", target}, {"STATUS", status},
                          {"MILESTONE", milestone}, {"BODY", body}})
    s.replace(s.find(from), from.size(), to);
  return s;
}

}  // namespace

TEST_CASE("history: changed front matter fields are listed in plain words") {
  Document a = parse(action("2017-03-31", "on-track", "2016-12-31"));
  Document b = parse(action("2017-09-30", "complete\"\ncompleted = 2017-09-01\nx = \"", "2016-12-31"));
  auto changes = compare_documents(a, b);
  REQUIRE(changes.size() >= 3);
  CHECK(changes[0].field == "status");
  CHECK(changes[0].from == "On track");
  CHECK(changes[0].to == "Complete");
  CHECK(changes[1].field == "target date");
  CHECK(changes[1].from == "31 March 2017");
  CHECK(changes[1].to == "30 September 2017");
  CHECK(changes[2].field == "completed");
}

TEST_CASE("history: a site built from a repository shows revisions, diffs, moved deadlines and the as-at date") {
  TempDir dir;
  write_minimal_portal(dir, "repo");
  fs::path repo = dir.path() / "repo";
  dir.write("repo/actions/a1.md", action("2017-03-31", "on-track", "2016-12-31"));
  git_dated(repo, "init -q -b main", "2016-09-20T10:00:00+01:00");
  git_dated(repo, "add -A", "2016-09-20T10:00:00+01:00");
  git_dated(repo, "commit -q -m 'Publish the plan'", "2016-09-20T10:00:00+01:00");
  dir.write("repo/actions/a1.md", action("2017-09-30", "off-track", "2017-01-31", "We will audit all decisions."));
  git_dated(repo, "commit -q -am 'Move the audit dates'", "2017-02-01T09:30:00+00:00");

  BuildOptions o = build_options(dir, repo);
  o.base_url = "https://example.org/improvement";
  const fs::path site = build_cleanly(o);

  std::string home = read_file(site / "index.html");
  CHECK(home.find("as at <time datetime=\"2017-02-01\">1 February 2017</time>") != std::string::npos);

  std::string page = read_file(site / "actions/a1.html");
  CHECK(page.find("First published <time datetime=\"2016-09-20\">") != std::string::npos);
  CHECK(page.find("last updated <time datetime=\"2017-02-01\">") != std::string::npos);
  CHECK(page.find("history/actions/a1/index.html") != std::string::npos);

  std::string history = read_file(site / "history/actions/a1/index.html");
  CHECK(history.find("Move the audit dates") != std::string::npos);
  CHECK(history.find("Publish the plan") != std::string::npos);
  CHECK(history.find("ipo@example.org") == std::string::npos);  // names, never emails

  std::string moved = read_file(site / "changes/moved-deadlines.html");
  CHECK(moved.find("<time datetime=\"2017-03-31\">31 March 2017</time></td><td><time datetime=\"2017-09-30\">") !=
        std::string::npos);
  CHECK(moved.find("183 days later") != std::string::npos);
  CHECK(moved.find("Milestone: First audit") != std::string::npos);

  // The newest revision page lists the changed fields and marks the changed words.
  bool found = false;
  for (const auto& e : fs::directory_iterator(site / "history/actions/a1")) {
    std::string text = read_file(e.path());
    if (text.find("target date</strong>: 31 March 2017 → 30 September 2017") == std::string::npos) continue;
    found = true;
    CHECK(text.find("<strong>status</strong>: On track → Off track") != std::string::npos);
    CHECK(text.find("inserted: </span>all") != std::string::npos);
  }
  CHECK(found);
  CHECK(fs::exists(site / "changes/index.html"));
  CHECK(fs::exists(site / "updates/feed.xml"));

  // Feed and entry ids are RFC 4151 tag URIs, distinct from each other; every page's head
  // names both feeds for feed readers.
  std::string feed = read_file(site / "changes/feed.xml");
  const std::regex tag_uri(R"(^tag:[a-z0-9.@_-]+,\d{4}(-\d{2}(-\d{2})?)?:[!-~]+$)");
  std::set<std::string> ids;
  for (size_t at = feed.find("<id>"); at != std::string::npos; at = feed.find("<id>", at + 1)) {
    std::string id = feed.substr(at + 4, feed.find("</id>", at) - at - 4);
    CHECK_MESSAGE(std::regex_match(id, tag_uri), id);
    CHECK(ids.insert(id).second);
  }
  CHECK(ids.size() == 3);  // the feed and its two commits
  CHECK(ids.count("tag:example.org,2016:changes/feed.xml") == 1);
  CHECK(page.find(R"(<link rel="alternate" type="application/atom+xml" title="Changes – )") != std::string::npos);
  CHECK(page.find(R"(href="../changes/feed.xml">)") != std::string::npos);
  CHECK(page.find(R"(href="../updates/feed.xml">)") != std::string::npos);

  // Past revisions point search engines at the current page and stay out of the sitemap,
  // whose dates are each page's last change.
  size_t revision_pages = 0;
  for (const auto& e : fs::directory_iterator(site / "history/actions/a1")) {
    if (e.path().filename() == "index.html") continue;
    ++revision_pages;
    std::string text = read_file(e.path());
    CHECK(text.find(R"(<meta name="robots" content="noindex">)") != std::string::npos);
    // Titled by date and author (a role: the test portal maps nobody, so the default one).
    CHECK((text.find("<h1>Audit: revision of 20 September 2016 by Council officer</h1>") != std::string::npos ||
           text.find("<h1>Audit: revision of 1 February 2017 by Council officer</h1>") != std::string::npos));
    CHECK(text.find(R"(<link rel="canonical" href="https://example.org/improvement/actions/a1.html">)") !=
          std::string::npos);
  }
  CHECK(revision_pages == 2);
  CHECK(page.find("noindex") == std::string::npos);
  std::string sitemap = read_file(site / "sitemap.xml");
  CHECK(sitemap.find("<loc>https://example.org/improvement/actions/a1.html</loc><lastmod>2017-02-01</lastmod>") !=
        std::string::npos);
  CHECK(sitemap.find("<loc>https://example.org/improvement/index.html</loc><lastmod>2017-02-01</lastmod>") !=
        std::string::npos);
  // The history page is listed, and no revision page beside it.
  size_t first = sitemap.find("history/actions/a1/");
  CHECK(sitemap.compare(first, 29, "history/actions/a1/index.html") == 0);
  CHECK(sitemap.find("history/actions/a1/", first + 1) == std::string::npos);
}

TEST_CASE("history: an action begun as a copy of another moves no deadline and holds none of its statuses") {
  TempDir dir;
  write_minimal_portal(dir, "repo");
  const fs::path repo = dir.path() / "repo";
  dir.write("repo/actions/a1.md", action("2017-03-31", "on-track", "2016-12-31"));
  git_dated(repo, "init -q -b main", "2016-09-20T10:00:00+01:00");
  git_dated(repo, "add -A", "2016-09-20T10:00:00+01:00");
  git_dated(repo, "commit -q -m 'Publish the plan'", "2016-09-20T10:00:00+01:00");
  dir.write("repo/actions/a1.md", action("2017-03-31", "off-track", "2016-12-31"));
  git_dated(repo, "commit -q -am 'Audit off track'", "2017-01-15T10:00:00+00:00");
  // An officer starts a new action from a copy of the first, with later dates.
  dir.write("repo/actions/a2.md", action("2018-03-31", "not-started", "2017-12-31", "We will audit decisions again."));
  git_dated(repo, "add -A", "2017-02-01T10:00:00+00:00");
  git_dated(repo, "commit -q -m 'A second audit'", "2017-02-01T10:00:00+00:00");

  Diagnostics diags;
  Portal portal = load_portal(repo, diags);
  HistoryIndex index = HistoryIndex::open(repo, diags);
  WithdrawnRevisions withdrawn(portal, index, diags);
  REQUIRE_FALSE(diags.has_errors());
  const std::vector<DocumentHistory> histories = read_histories(portal, index, withdrawn);
  const size_t a2 = static_cast<size_t>(portal.links.find("actions/a2"));
  // git follows the copy into the first action's file: those revisions are shown, not its own.
  REQUIRE(histories[a2].revisions.size() == 3);
  CHECK(histories[a2].revisions[0].change == 'C');
  CHECK(histories[a2].own() == 1);
  CHECK(histories[static_cast<size_t>(portal.links.find("actions/a1"))].own() == 2);

  CHECK(moved_deadlines(portal, index, histories).empty());
  const std::vector<StatusSpell> spells = status_history(portal, a2, index, histories[a2]);
  REQUIRE(spells.size() == 1);
  CHECK(spells[0].status == Status::not_started);
  CHECK(spells[0].since == Date{2017, 2, 1});
}
