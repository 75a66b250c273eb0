#include "since_last_meeting_view.h"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>

#include "site_builder.h"
#include "test_support.h"

using namespace scrutiny;
using namespace scrutiny::test;
namespace fs = std::filesystem;

namespace {

std::string action(const std::string& target, const std::string& status) {
  return "+++\ntype = \"action\"\ntitle = \"Audit <decisions> & records\"\ntheme = \"plan/themes/a\"\n"
         "recommendations = [\"recommendations/r1\"]\nowner = \"Head of Service\"\nstart_date = 2016-09-01\n"
         "target_date = " + target + "\nstatus = \"" + status + "\"\n+++\nWe will audit decisions.\n";
}

// Two meetings of one committee; between them the audit slipped six months and went off track
// and, `with_measure`, the second was told a lower rate of repeat plans and a visits measure was
// recorded with its first value.
struct Site {
  TempDir dir;
  fs::path site;
  explicit Site(std::optional<AsAtChoice> as_at = std::nullopt, bool read_history = true, bool with_measure = false,
                const std::string& glossary = "") {
    write_minimal_portal(dir, "repo");
    if (!glossary.empty()) dir.write("repo/glossary.md", glossary);
    fs::path repo = dir.path() / "repo";
    dir.write("repo/actions/a1.md", action("2017-03-31", "on-track"));
    if (with_measure)
      dir.write("repo/measures/repeat-plans.md",
                "+++\ntype = \"measure\"\ntitle = \"Repeat child protection plans\"\nunit = \"%\"\n"
                "better = \"lower\"\n[[values]]\ndate = 2016-03-31\nvalue = 22.6\n+++\nHow it is counted.\n");
    git_dated(repo, "init -q -b main", "2016-09-20T10:00:00+01:00");
    git_dated(repo, "add -A", "2016-09-20T10:00:00+01:00");
    git_dated(repo, "commit -q -m 'Publish the plan'", "2016-09-20T10:00:00+01:00");
    dir.write("repo/actions/a1.md", action("2017-09-30", "off-track"));
    dir.write("repo/updates/u2.md",
              "+++\ntype = \"update\"\ntitle = \"March 2017 update\"\ndate = 2017-03-01\n"
              "meeting = \"People Scrutiny Committee\"\n[[statuses]]\naction = \"actions/a1\"\n"
              "status = \"off-track\"\n" +
                  std::string(with_measure ? "[[measures]]\nmeasure = \"measures/repeat-plans\"\nvalue = 19\n"
                                             "date = 2016-09-30\n"
                                           : "") +
                  "+++\nThe audit has slipped.\n");
    if (with_measure)
      dir.write("repo/measures/visits.md",
                "+++\ntype = \"measure\"\ntitle = \"Visits in time\"\nunit = \"%\"\nbetter = \"higher\"\n"
                "[[values]]\ndate = 2016-03-31\nvalue = 51.3\n+++\nHow it is counted.\n");
    git_dated(repo, "add -A", "2017-03-02T10:00:00+00:00");
    git_dated(repo, "commit -q -m 'March report'", "2017-03-02T10:00:00+00:00");
    BuildOptions o;
    o.content_dir = repo;
    o.theme_dir = fs::path(SCRUTINY_SOURCE_DIR) / "themes/default";
    o.out_dir = site = dir.path() / "site";
    o.as_at = as_at;
    o.read_history = read_history;
    Diagnostics diags;
    build_site(o, diags);
    if (diags.has_errors())
      for (const auto& d : diags.all()) MESSAGE(format_diagnostic(d));
    REQUIRE_FALSE(diags.has_errors());
  }
};

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("since the last meeting: the update page names the previous meeting and lists what changed") {
  Site s;
  std::string page = read_file(s.site / "updates/u2.html");
  CHECK(has(page, "<h2 id=\"since-heading\">Since the last meeting, on <time datetime=\"2016-11-15\">15 November "
                  "2016</time></h2>"));
  CHECK(has(page, "previous update to the People Scrutiny Committee, <a href=\"u1.html\">November 2016 update</a>"));
  CHECK(has(page, "up to this one: 1 status change and 1 deadline moved.</p>"));
  // From and to, in words and not colour alone.
  CHECK(has(page, "Audit &lt;decisions&gt; &amp; records</a></th><td data-label=\"Was\"><strong class=\"tag "
                  "tag--on-track\">On track</strong></td><td data-label=\"Now\"><strong class=\"tag "
                  "tag--off-track\">Off track</strong>"));
  CHECK(has(page, "<td data-label=\"To\"><time datetime=\"2017-09-30\">30 September 2017</time></td>"
                  "<td data-label=\"Moved by\">183 days later</td>"));
  CHECK(html_wellformedness_problems(page).empty());
  CHECK_FALSE(has(page, "Measures that moved"));  // none moved: no empty section

  std::string first = read_file(s.site / "updates/u1.html");
  CHECK(has(first, "This is the first progress update to the People Scrutiny Committee in this portal"));
}

TEST_CASE("since the last meeting: the home page's first section names what needs attention and how late") {
  Site s(AsAtChoice{Date{2017, 10, 14}, AsAtBasis::chosen});
  std::string home = read_file(s.site / "index.html");
  // Where it stands comes before anything else on the page.
  const size_t standing = home.find("<h2 id=\"standing-heading\">Where the plan stands</h2>");
  REQUIRE(standing != std::string::npos);
  CHECK(home.find("<h2", home.find("<main")) == standing);
  CHECK(has(home, "Last update: <a href=\"updates/u2.html\"><time datetime=\"2017-03-01\">1 March 2017</time></a>, "
                  "People Scrutiny Committee."));
  CHECK(has(home, "<strong class=\"tag tag--off-track\">Off track</strong> <strong class=\"tag tag--overdue\">"
                  "14 days overdue</strong> <a href=\"actions/a1.html\">Audit &lt;decisions&gt; &amp; records</a>"));
  // Then the latest meeting's summary, linking to the whole section.
  const size_t since = home.find("<h2 id=\"since-heading\">Since the last meeting</h2>");
  REQUIRE(since != std::string::npos);
  CHECK(since > standing);
  CHECK(has(home, "compared with its previous meeting on <time datetime=\"2016-11-15\">15 November 2016</time>: "
                  "1 status change and 1 deadline moved."));
  CHECK(has(home, "records</a>: now Off track (was On track)</li>"));
  CHECK(has(home, "<a href=\"updates/u2.html#since-heading\">"));
  CHECK(html_wellformedness_problems(home).empty());
}

TEST_CASE("since the last meeting: each updates feed entry carries it, escaped once more for XML") {
  Site s;
  std::string feed = read_file(s.site / "updates/feed.xml");
  const size_t entry = feed.find("<title>March 2017 update</title>");
  REQUIRE(entry != std::string::npos);
  const size_t content = feed.find("<content type=\"html\">", entry);
  REQUIRE(content != std::string::npos);
  const std::string html = feed.substr(content, feed.find("</content>", content) - content);
  CHECK(has(html, "&lt;h2&gt;Since the last meeting&lt;/h2&gt;"));
  // The title's own markup characters, escaped in the HTML and again in the XML.
  CHECK(has(html, "Audit &amp;lt;decisions&amp;gt; &amp;amp; records&lt;/a&gt;: now Off track (was On track)"));
  CHECK(has(html, "target date moved from 31 March 2017 to 30 September 2017, 183 days later"));
  CHECK(html.find('<', 1) == std::string::npos);  // no raw markup inside the element
  // The first update to the committee says so.
  CHECK(has(feed, "The first progress update to the People Scrutiny Committee in this portal."));
}

TEST_CASE("since the last meeting: built without history, the update page says what it leaves out") {
  Site s(std::nullopt, false);
  std::string page = read_file(s.site / "updates/u2.html");
  CHECK(has(page, "up to this one: 1 status change.</p>"));  // from the two reports; no deadline
  CHECK(has(page, "This site was built without its history, so this shows only"));
  CHECK(has(page, "new findings and measures' new values; deadlines moved"));
  CHECK_FALSE(has(page, "Deadlines moved"));
}

TEST_CASE("since the last meeting: measures that moved, on the update page, the home page and in the feed") {
  Site s(std::nullopt, true, true);
  std::string page = read_file(s.site / "updates/u2.html");
  CHECK(has(page, "up to this one: 1 status change, 1 deadline moved and 2 measures with new values.</p>"));
  CHECK(has(page, "<h3>Measures that moved</h3>"));
  // From and to with the date of each value, and whether that is better, in words.
  CHECK(has(page, "<a href=\"../measures/repeat-plans.html\">Repeat child protection plans</a></th>"
                  "<td data-label=\"Was\">22.6% (March 2016)</td><td data-label=\"Now\">19% (September 2016)</td>"
                  "<td data-label=\"Change\">better (lower is better)</td>"));
  CHECK(has(page, "Visits in time</a></th><td data-label=\"Was\">None recorded</td><td data-label=\"Now\">51.3% "
                  "(March 2016)</td><td data-label=\"Change\">its first value</td>"));
  CHECK(html_wellformedness_problems(page).empty());

  std::string home = read_file(s.site / "index.html");
  CHECK(has(home, "<p>Measures that moved:</p>"));
  CHECK(has(home, "<li><a href=\"measures/repeat-plans.html\">Repeat child protection plans</a>: 22.6% (March 2016) "
                  "to 19% (September 2016), better (lower is better)</li>"));
  CHECK(has(home, "<li><a href=\"measures/visits.html\">Visits in time</a>: 51.3% (March 2016), its first value</li>"));
  CHECK(html_wellformedness_problems(home).empty());

  std::string feed = read_file(s.site / "updates/feed.xml");
  CHECK(has(feed, "Repeat child protection plans&lt;/a&gt;: 22.6% (March 2016) to 19% (September 2016), better "
                  "(lower is better)&lt;/li&gt;"));
}

TEST_CASE("home page: the status words of where the plan stands link to the glossary's entries") {
  // No entry for "At risk": that word stays plain text.
  Site s(AsAtChoice{Date{2017, 10, 14}, AsAtBasis::chosen}, true, false,
         "# Glossary\n\n**Off track.** Will miss its date.\n\n**On track.** Going as planned.\n\n"
         "**Overdue.** Past its target date.\n");
  std::string home = read_file(s.site / "index.html");
  CHECK(has(home, "<li><a class=\"tag-link\" href=\"glossary.html#term-on-track\"><strong class=\"tag "
                  "tag--on-track\">On track</strong></a> 0</li>"));
  CHECK(has(home, "<li><strong class=\"tag tag--at-risk\">At risk</strong> 0</li>"));
  CHECK(has(home, "data-first-screen>At risk, <a href=\"glossary.html#term-off-track\">off track</a> or "
                  "<a href=\"glossary.html#term-overdue\">overdue</a></h3>"));
  // The attention list's rows are not links to the glossary: its heading is, once.
  CHECK(has(home, "<li data-first-screen><strong class=\"tag tag--off-track\">Off track</strong>"));
  CHECK(html_wellformedness_problems(home).empty());
}
