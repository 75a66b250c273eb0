#include <doctest/doctest.h>

#include <cstdlib>
#include <set>

#include "build_model.h"
#include "history_index.h"
#include "history_pages.h"
#include "page_key.h"
#include "page_kinds.h"
#include "portal.h"
#include "test_support.h"
#include "theme.h"

using namespace scrutiny;
using namespace scrutiny::test;

namespace {

std::string key_of(const ViewData& data) {
  PageKeyHasher h;
  h.add(data);
  return h.key();
}

}  // namespace

TEST_CASE("page key: the same data gives the same key, whatever order its keys were set in") {
  ViewData a;
  a.set("title", "Audit decisions");
  a.set("overdue", true);
  ViewData b;
  b.set("overdue", true);
  b.set("title", "Audit decisions");
  CHECK(key_of(a).size() == 32);
  CHECK(key_of(a) == key_of(b));

  // Each difference a template could show gives another key.
  ViewData c = a;
  c.set("overdue", false);
  ViewData d = a;
  d.set("title", "Audit decisions ");
  ViewData e = a;
  e.set("summary", false);
  ViewData f = a;
  f.set("title", ViewData(ViewData::type::list));
  for (const ViewData* other : {&c, &d, &e, &f}) CHECK(key_of(*other) != key_of(a));

  ViewData list_ab{ViewData::type::list}, list_ba{ViewData::type::list};
  list_ab.push_back(ViewData("a"));
  list_ab.push_back(ViewData("b"));
  list_ba.push_back(ViewData("b"));
  list_ba.push_back(ViewData("a"));
  CHECK(key_of(list_ab) != key_of(list_ba));
}

TEST_CASE("page key: pieces are taken with their lengths, and code cannot be digested") {
  PageKeyHasher ab_c, a_bc;
  ab_c.add("ab");
  ab_c.add("c");
  a_bc.add("a");
  a_bc.add("bc");
  CHECK(ab_c.key() != a_bc.key());

  // Numbers take one byte up to 127 and more beyond, and each still gives its own key.
  std::set<std::string> keys;
  const uint64_t numbers[] = {0, 1, 127, 128, 255, 256, 16383, 16384, uint64_t{1} << 56, ~uint64_t{0}};
  for (uint64_t n : numbers) {
    PageKeyHasher h;
    h.add(n);
    keys.insert(h.key());
  }
  CHECK(keys.size() == std::size(numbers));

  ViewData with_lambda;
  with_lambda.set("title", "x");
  with_lambda.set("shout", kainjow::mustache::lambda{[](const std::string& s) { return s; }});
  CHECK(key_of(with_lambda).empty());
}

TEST_CASE("page key: a body's references lead to their documents' titles, or when unsure to every title") {
  TempDir dir;
  write_minimal_portal(dir);
  Diagnostics diags;
  Portal portal = load_portal(dir.path() / "content", diags);
  REQUIRE_FALSE(diags.has_errors());
  auto links_key = [&](std::string_view markdown, const std::string& all_links) {
    PageKeyHasher h;
    add_links_to_key(portal, markdown, all_links, h);
    return h.key();
  };
  const std::string body = "Answers [[recommendations/r1|the recommendation]] and [[nothing/here]].";
  const std::string plain = links_key(body, "titles, before");
  // What a reference shows is in the key; the titles of documents it does not name are not.
  CHECK(plain == links_key(body, "titles, after"));
  const size_t r1 = static_cast<size_t>(portal.links.find("recommendations/r1"));
  portal.documents[r1].title = "Improve the oversight of managers";
  CHECK(links_key(body, "titles, after") != plain);

  // Markdown could make a reference the plain scan does not see (an escaped bracket, an
  // entity), or one it cannot read as an id (split by emphasis): then every title counts.
  for (std::string_view unsure : {"See \\[\\[actions/a1]].", "See &#91;&#91;actions/a1]].", "See [[*actions/a1*]]."}) {
    INFO(unsure);
    CHECK(links_key(unsure, "titles, before") != links_key(unsure, "titles, after"));
  }
  CHECK(links_key("See [[actions/a1]].", "titles, before") == links_key("See [[actions/a1]].", "titles, after"));
}

TEST_CASE("page key: each commit's part is digested once, and changes exactly when how pages show it does") {
  // Two commits by two authors; then portal.toml names the first author's role, which every
  // page listing the first commit shows in place of the address.
  TempDir dir;
  write_minimal_portal(dir);
  const std::string content = (dir.path() / "content").string();
  const std::string git = "cd '" + content + "' && GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null git ";
  REQUIRE(std::system((git + "init -q && " + git + "add -A && " + git +
                       "-c user.name=T -c user.email=t@example.org commit -qm one").c_str()) == 0);
  dir.write("content/actions/a1.md", read_file(dir.path() / "content/actions/a1.md") + "\nMore.\n");
  REQUIRE(std::system((git + "-c user.name=U -c user.email=u@example.org commit -qam two").c_str()) == 0);

  auto inputs_now = [&] {
    Diagnostics diags;
    Portal portal = load_portal(content, diags);
    std::optional<HistoryIndex> index = HistoryIndex::open(content, diags);
    REQUIRE_FALSE(diags.has_errors());
    auto model = make_build_model(std::move(portal), "", std::move(index));
    PageInputs in = page_inputs(*model, Theme{}, layout_parts(*model, builtin_page_kinds()), ContentDigests{});
    REQUIRE(in.commits.size() == model->history.index->commits().size());
    std::map<std::string, std::string> by_summary;  // each commit's digest
    for (size_t c = 0; c < in.commits.size(); ++c) by_summary[model->history.index->commits()[c].summary] = in.commits[c];
    return std::pair{in, by_summary};
  };
  const auto [before, commits_before] = inputs_now();
  REQUIRE(commits_before.size() == 2);
  CHECK(commits_before.at("one") != commits_before.at("two"));
  CHECK(inputs_now().second == commits_before);  // the same history, the same digests

  dir.write("content/portal.toml",
            read_file(dir.path() / "content/portal.toml") + "[author_roles]\n\"t@example.org\" = \"Testing Office\"\n");
  const auto [after, commits_after] = inputs_now();
  CHECK(commits_after.at("one") != commits_before.at("one"));  // shown as the Testing Office now
  CHECK(commits_after.at("two") == commits_before.at("two"));  // U is shown as before
  // The revision pages of every document (each has a revision in "one") take the change.
  REQUIRE(after.documents.size() == before.documents.size());
  for (size_t i = 0; i < after.documents.size(); ++i) CHECK(after.documents[i] != before.documents[i]);
}

TEST_CASE("page key: a new revision changes the keys of its own page and the one it follows, no other") {
  // a1 is edited in three commits; a fourth edit then adds a revision. Each revision page links
  // its neighbours and shows its changes against the one before, so of the older revision
  // pages only that of "three", newest until then, takes the change; the commit pages of the
  // earlier edits keep their keys. The history page, which lists every revision, does not.
  TempDir dir;
  write_minimal_portal(dir);
  const std::string content = (dir.path() / "content").string();
  const std::string a1 = "content/actions/a1.md";
  git_dated(content, "init -q", "2016-09-01T10:00:00+00:00");
  git_dated(content, "add -A", "2016-09-01T10:00:00+00:00");
  git_dated(content, "commit -qm one", "2016-09-01T10:00:00+00:00");
  dir.write(a1, read_file(dir.path() / a1) + "\nEdit two.\n");
  git_dated(content, "commit -qam two", "2016-10-01T10:00:00+00:00");
  dir.write(a1, read_file(dir.path() / a1) + "\nEdit three.\n");
  git_dated(content, "commit -qam three", "2016-10-02T10:00:00+00:00");

  // Every page's key by its path, and the paths of a1's revision and commit pages by commit.
  struct Keys {
    std::map<std::string, std::string> by_path;
    std::map<std::string, std::string> revision_page, commit_page;
  };
  auto keys_now = [&] {
    Diagnostics diags;
    Portal portal = load_portal(content, diags);
    std::optional<HistoryIndex> index = HistoryIndex::open(content, diags);
    REQUIRE_FALSE(diags.has_errors());
    auto model = make_build_model(std::move(portal), "", std::move(index));
    PageInputs in = page_inputs(*model, Theme{}, layout_parts(*model, builtin_page_kinds()), ContentDigests{});
    Keys keys;
    for (const Route& r : compute_routes(*model, builtin_page_kinds()))
      keys.by_path[r.path] = key_from_inputs(*model, in, r);
    const int i = model->portal.links.find("actions/a1");
    REQUIRE(i >= 0);
    for (const DocumentRevision& r : model->history.documents[static_cast<size_t>(i)].revisions) {
      const CommitInfo& c = model->history.index->commits()[r.commit];
      keys.revision_page[c.summary] = revision_page_path(model->portal.doc(static_cast<size_t>(i)), c);
      keys.commit_page[c.summary] = commit_page_path(c);
    }
    return keys;
  };
  const Keys before = keys_now();
  REQUIRE(before.revision_page.size() == 3);

  dir.write(a1, read_file(dir.path() / a1) + "\nEdit four.\n");
  git_dated(content, "commit -qam four", "2016-10-03T10:00:00+00:00");
  const Keys after = keys_now();
  REQUIRE(after.revision_page.size() == 4);
  for (const char* commit : {"one", "two", "three"}) {
    INFO(commit);
    const std::string& revision = before.revision_page.at(commit);
    const std::string& changes = before.commit_page.at(commit);
    REQUIRE(!before.by_path.at(revision).empty());
    CHECK((after.by_path.at(revision) != before.by_path.at(revision)) == (std::string(commit) == "three"));
    CHECK(after.by_path.at(changes) == before.by_path.at(changes));
  }
  CHECK(after.by_path.at("history/actions/a1/index.html") != before.by_path.at("history/actions/a1/index.html"));
}
