#include <doctest/doctest.h>

#include <map>
#include <string_view>

#include "portal.h"
#include "search_index.h"
#include "test_support.h"

using namespace scrutiny;
using namespace scrutiny::test;

namespace {

Portal load(const TempDir& dir) {
  Diagnostics diags;
  Portal portal = load_portal(dir.path() / "content", diags);
  for (const auto& d : diags.all()) MESSAGE(format_diagnostic(d));
  REQUIRE_FALSE(diags.has_errors());
  return portal;
}

// The index as the browser reads it: shard keys from the manifest, and per stem its shard,
// forms and postings (document -> weight), decoded here as search.js decodes them.
struct Stem {
  std::string shard;
  std::string forms;
  std::map<size_t, unsigned long long> postings;
};
struct ReadIndex {
  std::vector<std::string> keys;
  std::map<std::string, Stem> stems;
  std::map<std::string, std::string> files;  // path -> text
};

// The JSON strings in `text`, in order (the index holds no numbers inside its arrays).
std::vector<std::string> strings_in(std::string_view text) {
  std::vector<std::string> out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '"') continue;
    std::string s;
    for (++i; i < text.size() && text[i] != '"'; ++i) {
      if (text[i] == '\\') ++i;
      s += text[i];
    }
    out.push_back(s);
  }
  return out;
}

std::vector<unsigned long long> numbers_in(std::string_view text) {
  static const std::string_view digits = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";
  std::vector<unsigned long long> out;
  unsigned long long n = 0;
  for (char c : text) {
    size_t d = digits.find(c);
    REQUIRE(d != std::string_view::npos);
    if (d >= 32) {
      n = n * 32 + (d - 32);
    } else {
      out.push_back(n * 32 + d);
      n = 0;
    }
  }
  return out;
}

ReadIndex read_index(const std::vector<SearchFile>& files) {
  ReadIndex r;
  for (const SearchFile& f : files) r.files[f.path] = f.text;
  REQUIRE(r.files.count("search/index.js"));
  const std::string& manifest = r.files["search/index.js"];
  size_t shards = manifest.find("\"shards\":[");
  REQUIRE(shards != std::string::npos);
  r.keys = strings_in(manifest.substr(shards + 9, manifest.find(']', shards) - shards - 9));
  for (const std::string& key : r.keys) {
    std::string path = "search/" + search_shard_file(key);
    REQUIRE_MESSAGE(r.files.count(path), path);
    std::vector<std::string> s = strings_in(r.files[path]);
    REQUIRE(s.size() % 3 == 1);  // the shard's name, then triples
    for (size_t k = 1; k + 2 < s.size(); k += 3) {
      Stem& stem = r.stems[s[k]];
      stem.shard = key;
      stem.forms = s[k + 1];
      std::vector<unsigned long long> n = numbers_in(s[k + 2]);
      long long doc = -1;
      for (size_t j = 0; j < n.size(); ++j) {
        doc += static_cast<long long>(n[j] / 2) + 1;
        stem.postings[static_cast<size_t>(doc)] = n[j] % 2 ? n[++j] : 1;
      }
    }
  }
  return r;
}

size_t doc_index(const Portal& portal, const std::string& id) {
  int i = portal.links.find(id);
  REQUIRE(i >= 0);
  return static_cast<size_t>(i);
}

}  // namespace

TEST_CASE("search_words: folded, split at punctuation, numbers and possessives kept whole") {
  using V = std::vector<std::string>;
  CHECK(search_words("Graded Care Profile") == V{"graded", "care", "profile"});
  CHECK(search_words("Café – naïve, ŁÓDŹ!") == V{"cafe", "naive", "lodz"});
  CHECK(search_words("See 3.2 and FV23.2.") == V{"see", "3.2", "and", "fv23.2"});
  CHECK(search_words("children's and children’s") == V{"children's", "and", "children's"});
  CHECK(search_words("end. 1,000 multi-agency 'quoted'") == V{"end", "1", "000", "multi", "agency", "quoted"});
  CHECK(search_words("cafe\xcc\x81") == V{"cafe"});  // a combining accent is dropped
  CHECK(search_words("Ωmega").size() == 1);
  CHECK(search_words("").empty());
}

TEST_CASE("EnglishStemmer: Snowball English, numbers left alone") {
  EnglishStemmer s;
  CHECK(s.stem("neglected") == "neglect");
  CHECK(s.stem("neglect") == "neglect");
  CHECK(s.stem("inspections") == "inspect");
  CHECK(s.stem("children's") == "children");
  CHECK(s.stem("fv23.2") == "fv23.2");
  CHECK(s.stem("2016s") == "2016s");
}

TEST_CASE("search index: every word of every document, under its stem, with its forms") {
  TempDir dir;
  write_minimal_portal(dir);
  std::string body;
  for (int i = 0; i < 500; ++i) body += "word" + std::to_string(i) + (i % 40 == 39 ? "\n\n" : " ");
  dir.write("content/actions/a1.md",
            "+++\ntype = \"action\"\ntitle = \"Audit decisions\"\nsummary = \"Short summary.\"\n"
            "theme = \"plan/themes/a\"\nrecommendations = [\"recommendations/r1\"]\nowner = \"Head\"\n"
            "start_date = 2016-09-01\ntarget_date = 2017-03-31\nstatus = \"on-track\"\n+++\n" + body +
            "\n\nNeglected children. See [[recommendations/r1]].\n");
  dir.write("content/glossary.md", "+++\ntype = \"page\"\ntitle = \"Glossary\"\n+++\nNeglect: harm by omission.\n");
  Portal portal = load(dir);
  // The build renders bodies (and rewrites their links) before the index is made.
  for (auto& b : portal.bodies) b.render_html([](const std::string&, LinkTarget&) { return false; });
  ReadIndex index = read_index(search_index_files(portal));
  size_t a1 = doc_index(portal, "actions/a1"), glossary = doc_index(portal, "glossary");
  // The last of 500 words is there: nothing is cut.
  REQUIRE(index.stems.count("word499"));
  CHECK(index.stems["word499"].postings.count(a1));
  // "Neglected" and "Neglect" share one stem, which lists both documents and both forms.
  REQUIRE(index.stems.count("neglect"));
  CHECK(index.stems["neglect"].postings.count(a1));
  CHECK(index.stems["neglect"].postings.count(glossary));
  CHECK(index.stems["neglect"].forms == "|ed");
  CHECK_FALSE(index.stems.count("neglected"));
  // One file per document, holding its text for excerpts, and nothing else of the site.
  CHECK(index.files.count("search/d/" + std::to_string(a1) + ".js"));
  CHECK(index.files["search/d/" + std::to_string(a1) + ".js"].find("word499") != std::string::npos);
  size_t documents = 0;
  for (const auto& [path, text] : index.files) documents += path.rfind("search/d/", 0) == 0;
  CHECK(documents == portal.documents.size());
}

TEST_CASE("search index: titles, ids and numbers weigh more than the summary, the summary more than the body") {
  TempDir dir;
  write_minimal_portal(dir);
  dir.write("content/actions/a2.md",
            "+++\ntype = \"action\"\ntitle = \"Graded care profile\"\nnumber = \"FV23.2\"\n"
            "summary = \"Roll out the profile in every team.\"\n"
            "theme = \"plan/themes/a\"\nrecommendations = [\"recommendations/r1\"]\nowner = \"Head\"\n"
            "start_date = 2016-09-01\ntarget_date = 2017-03-31\nstatus = \"on-track\"\n+++\n"
            "The profile and the team; FV23.2 again.\n");
  dir.write("content/about.md", "+++\ntype = \"page\"\ntitle = \"About\"\n+++\nA team uses the graded care profile.\n");
  Portal portal = load(dir);
  ReadIndex index = read_index(search_index_files(portal));
  size_t a2 = doc_index(portal, "actions/a2"), about = doc_index(portal, "about");
  auto weight = [&](const std::string& stem, size_t doc) { return index.stems[stem].postings[doc]; };
  CHECK(weight("grade", about) == kSearchWeightBody);
  CHECK(weight("grade", a2) == kSearchWeightTitle);
  CHECK(weight("team", a2) == kSearchWeightSummary + kSearchWeightBody);
  CHECK(weight("profil", a2) == kSearchWeightTitle + kSearchWeightSummary + kSearchWeightBody);
  CHECK(weight("fv23.2", a2) == kSearchWeightId + kSearchWeightBody);
  CHECK(weight("a2", a2) == kSearchWeightId);
  CHECK(weight("profil", a2) > weight("profil", about));
}

TEST_CASE("search index: a stem's weight in a document sums every form of it, up to the most a posting holds") {
  TempDir dir;
  write_minimal_portal(dir);
  std::string many;
  for (int k = 0; k < kSearchMaxWeight + 50; ++k) many += "audit ";
  dir.write("content/p1.md", "+++\ntype = \"page\"\ntitle = \"Audits\"\n+++\n" + many + "\n");
  dir.write("content/p2.md", "+++\ntype = \"page\"\ntitle = \"Care\"\n+++\nNeglected, neglect, NEGLECTED.\n");
  Portal portal = load(dir);
  ReadIndex index = read_index(search_index_files(portal));
  auto weight = [&](const std::string& stem, const std::string& id) {
    return index.stems[stem].postings[doc_index(portal, id)];
  };
  CHECK(weight("audit", "p1") == kSearchMaxWeight);  // every occurrence, capped
  CHECK(weight("neglect", "p2") == 3 * kSearchWeightBody);
  CHECK(index.stems["neglect"].forms == "|ed");
}

TEST_CASE("search index: shards split until small, each stem in the shard its key names") {
  TempDir dir;
  write_minimal_portal(dir);
  std::string body;
  for (int i = 0; i < 300; ++i) body += "pro" + std::to_string(i) + "x prize" + std::to_string(i) + " ";
  dir.write("content/about.md", "+++\ntype = \"page\"\ntitle = \"About\"\n+++\nProfile programme " + body + "\n");
  Portal portal = load(dir);
  std::vector<SearchFile> files = search_index_files(portal, 400);
  ReadIndex index = read_index(files);
  CHECK(index.keys.size() > 20);
  for (const auto& [stem, entry] : index.stems) CHECK_MESSAGE(search_shard_key(stem, index.keys) == entry.shard, stem);
  // Big groups split: "pr" became "pro", "pri", then "pro1", "pro2", then "pro10"...; small
  // ones did not.
  CHECK(std::find(index.keys.begin(), index.keys.end(), "pr") == index.keys.end());
  CHECK(std::find(index.keys.begin(), index.keys.end(), "pro10") != index.keys.end());
  CHECK(std::find(index.keys.begin(), index.keys.end(), "pro9") != index.keys.end());
  CHECK(std::find(index.keys.begin(), index.keys.end(), "au") != index.keys.end());
  for (const std::string& key : index.keys) {
    const std::string& text = index.files["search/" + search_shard_file(key)];
    CHECK_MESSAGE((text.size() < 600 || key.size() >= kSearchMaxKeyLength || strings_in(text).size() == 4), key);
  }
  // The default size keeps a small portal in a few shards keyed by two letters.
  TempDir small;
  write_minimal_portal(small);
  ReadIndex whole = read_index(search_index_files(load(small)));
  for (const std::string& key : whole.keys) CHECK(key.size() <= 2);
  // A word's exact shard is one file; the same bytes every time.
  CHECK(search_shards_for("programm", false, index.keys).size() == 1);
  std::vector<SearchFile> again = search_index_files(portal, 400);
  REQUIRE(again.size() == files.size());
  for (size_t k = 0; k < files.size(); ++k) CHECK((again[k].path == files[k].path && again[k].text == files[k].text));
}

TEST_CASE("search index: a prefix loads every shard holding a term it starts") {
  TempDir dir;
  write_minimal_portal(dir);
  std::string body;
  for (int i = 0; i < 300; ++i) body += "pro" + std::to_string(i) + "x ";
  dir.write("content/about.md", "+++\ntype = \"page\"\ntitle = \"About\"\n+++\nProfile programme " + body + "\n");
  Portal portal = load(dir);
  ReadIndex index = read_index(search_index_files(portal, 400));
  for (const char* prefix : {"pr", "pro", "pro1", "prof", "progr"}) {
    std::vector<std::string> shards = search_shards_for(prefix, true, index.keys);
    for (const auto& [stem, entry] : index.stems)
      if (stem.rfind(prefix, 0) == 0)
        CHECK_MESSAGE(std::find(shards.begin(), shards.end(), entry.shard) != shards.end(), prefix, " ", stem);
  }
  // Without the prefix, only the word's own shard.
  CHECK(search_shards_for("pro", true, index.keys).size() > 1);
  CHECK(search_shards_for("pro", false, index.keys).size() == 1);
}

TEST_CASE("search index: shard files have safe names, filters list each facet's documents") {
  CHECK(search_shard_file("ne") == "t-ne.js");
  CHECK(search_shard_file("3.") == "t-3_2e.js");
  CHECK(search_shard_file("\xc3\xa9") == "t-_c3_a9.js");
  TempDir dir;
  write_minimal_portal(dir);
  Portal portal = load(dir);
  ReadIndex index = read_index(search_index_files(portal));
  const std::string& facets = index.files["search/facets.js"];
  CHECK(facets.rfind("scrutinySearch.add(\"facets\",{", 0) == 0);
  for (const char* part : {"\"type\":{", "\"action\":", "\"status\":{\"on-track\":", "\"plan\":{\"plan/p\":",
                           "\"theme\":{\"plan/themes/a\":"})
    CHECK_MESSAGE(facets.find(part) != std::string::npos, part);
}

TEST_CASE("search index: text from front matter and bodies is escaped for scripts and HTML") {
  TempDir dir;
  write_minimal_portal(dir);
  dir.write("content/about.md",
            "+++\ntype = \"page\"\ntitle = \"</script><script>alert(\\\"x\\\")</script>\"\n+++\n"
            "Back\\\\slash and `</script>` in code.\n");
  Portal portal = load(dir);
  for (const SearchFile& f : search_index_files(portal)) CHECK_MESSAGE(f.text.find("</") == std::string::npos, f.path);
}
