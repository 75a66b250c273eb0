#include "search_pages.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "page_kinds.h"
#include "search_index.h"
#include "site_path.h"
#include "status.h"
#include "utf8.h"

namespace scrutiny {
namespace {

constexpr const char* kDigitsGroup = "0–9";
constexpr const char* kOtherGroup = "Other";

// Base letters of U+00C0..U+00FF ('*' for the two signs there) and U+0100..U+017F.
constexpr std::string_view kLatin1 = "AAAAAAACEEEEIIIIDNOOOOO*OUUUUYTSAAAAAAACEEEEIIIIDNOOOOO*OUUUUYTY";
constexpr std::string_view kLatinExtendedA =
    "AAAAAACCCCCCCCDDDDEEEEEEEEEEGGGGGGGGHHHHIIIIIIIIIIIIJJKKKLLLLLLLLLLNNNNNNNNNOOOOOOOORRRRRRSSSSSSSSTTTTTTUUUUUUUUUUUUWWYYYZZZZZZS";
static_assert(kLatin1.size() == 0x40 && kLatinExtendedA.size() == 0x80);

// 'A'..'Z' for a letter scrutiny files by its base letter, '#' for a digit, ' ' for
// punctuation and spaces to skip, 0 for anything else.
char base_letter(char32_t cp) {
  if (cp < 0x80) {
    if (cp >= 'a' && cp <= 'z') return static_cast<char>(cp - 'a' + 'A');
    if (cp >= 'A' && cp <= 'Z') return static_cast<char>(cp);
    if (cp >= '0' && cp <= '9') return '#';
    return ' ';
  }
  if (cp >= 0xa0 && cp < 0xc0) return ' ';
  if (cp >= 0xc0 && cp < 0x100) return kLatin1[cp - 0xc0] == '*' ? ' ' : kLatin1[cp - 0xc0];
  if (cp >= 0x100 && cp < 0x180) return kLatinExtendedA[cp - 0x100];
  if (cp >= 0x2000 && cp < 0x2070) return ' ';  // general punctuation: quotes, dashes
  return 0;
}

// Titles compared as readers expect: case and accents ignored, then as written.
std::string sort_key(const std::string& title) {
  std::string key;
  for (size_t i = 0; i < title.size();) {
    size_t start = i;
    char32_t cp = next_code_point(title, i);
    char b = base_letter(cp);
    if (b >= 'A' && b <= 'Z') key += static_cast<char>(b - 'A' + 'a');
    else key.append(title, start, i - start);
  }
  return key;
}

std::string letter_id(const std::string& letter) {
  if (letter == kDigitsGroup) return "letter-0-9";
  if (letter == kOtherGroup) return "letter-other";
  return "letter-" + std::string(1, static_cast<char>(letter[0] - 'A' + 'a'));
}

PageView search_page(const Portal& portal) {
  PageView page;
  page.path = kSearchPagePath;
  page.title = "Search";
  page.breadcrumbs = {crumb_of(kHomeKind), {page.title, ""}};
  ViewData& v = page.view;
  v.set("title", page.title);
  v.set("action", relative_href(page.path, kSearchPagePath));
  v.set("index_href", relative_href(page.path, std::string(kSearchDir) + "index.js"));
  v.set("root", root_prefix(page.path));
  v.set("script_src", relative_href(page.path, "assets/search.js"));
  v.set("a_z_href", relative_href(page.path, kAToZPagePath));
  v.set("document_count", std::to_string(portal.documents.size()));

  // The filters' choices, for the script to show; without it the same documents are reached
  // through the list pages linked below the form.
  auto option = [](std::string value, std::string label) {
    ViewData o;
    o.set("value", std::move(value));
    o.set("label", std::move(label));
    return o;
  };
  std::vector<ViewData> types, statuses, plans, themes;
  for (DocType t : {DocType::inspection, DocType::recommendation, DocType::plan, DocType::theme, DocType::action,
                    DocType::update, DocType::page, DocType::measure})
    if (!documents_of_type(portal, t).empty()) types.push_back(option(std::string(doc_type_value(t)), std::string(type_label(t))));
  std::set<Status> used;
  for (const Document& d : portal.documents)
    if (d.status) used.insert(*d.status);
  for (Status s : used) statuses.push_back(option(std::string(status_value(s)), std::string(status_label(s))));
  for (size_t p : documents_of_type(portal, DocType::plan)) plans.push_back(option(portal.doc(p).id, portal.doc(p).title));
  for (size_t t : documents_of_type(portal, DocType::theme)) themes.push_back(option(portal.doc(t).id, portal.doc(t).title));
  v.set("has_statuses", !statuses.empty());
  v.set("has_plans", !plans.empty());
  v.set("has_themes", !themes.empty());
  v.set("types", list_of(std::move(types)));
  v.set("statuses", list_of(std::move(statuses)));
  v.set("plans", list_of(std::move(plans)));
  v.set("themes", list_of(std::move(themes)));

  std::vector<ViewData> browse;
  auto link = [&](std::string label, const std::string& to) {
    ViewData l;
    l.set("label", std::move(label));
    l.set("href", relative_href(page.path, to));
    browse.push_back(std::move(l));
  };
  if (!documents_of_type(portal, DocType::inspection).empty()) link("Inspections", kInspectionsListKind.place->path);
  if (!documents_of_type(portal, DocType::recommendation).empty())
    link("Recommendations", kRecommendationsListKind.place->path);
  for (size_t p : documents_of_type(portal, DocType::plan))
    link("Improvement plan: " + portal.doc(p).title + ", with its " + portal.doc(p).grouping_plural,
         document_page_path(portal.doc(p).id));
  if (!documents_of_type(portal, DocType::action).empty())
    link("Actions by status, " + grouping_words(portal, portal.plans.current).singular + " and owner",
         kActionsFilterKind.place->path);
  if (!documents_of_type(portal, DocType::update).empty()) link("Progress updates", kUpdatesListKind.place->path);
  link("A to Z of every document", kAToZPagePath);
  v.set("browse", list_of(std::move(browse)));
  return page;
}

PageView a_to_z_page(const Portal& portal) {
  PageView page;
  page.path = kAToZPagePath;
  page.title = "A to Z of every document";
  page.breadcrumbs = {crumb_of(kHomeKind), {"A to Z", ""}};
  ViewData& v = page.view;
  v.set("title", page.title);
  v.set("search_href", relative_href(page.path, kSearchPagePath));
  v.set("document_count", std::to_string(portal.documents.size()));

  std::map<std::string, std::vector<size_t>> by_letter;
  for (size_t i = 0; i < portal.documents.size(); ++i) by_letter[a_to_z_letter(portal.doc(i).title)].push_back(i);

  std::vector<std::string> order;
  for (char c = 'A'; c <= 'Z'; ++c) order.emplace_back(1, c);
  order.emplace_back(kDigitsGroup);
  order.emplace_back(kOtherGroup);

  std::vector<ViewData> letters, groups;
  for (const std::string& letter : order) {
    auto it = by_letter.find(letter);
    bool used = it != by_letter.end();
    // "Other" is only listed when something is filed there; every listed letter shows,
    // linked or not, so readers see at a glance which letters have no documents.
    if (!used && letter == kOtherGroup) continue;
    ViewData jump;
    jump.set("label", letter);
    if (used) jump.set("href", "#" + letter_id(letter));
    else jump.set("href", false);
    letters.push_back(std::move(jump));
    if (!used) continue;

    std::vector<size_t>& docs = it->second;
    std::vector<std::pair<std::string, size_t>> keyed;
    for (size_t i : docs) keyed.emplace_back(sort_key(portal.doc(i).title), i);
    std::sort(keyed.begin(), keyed.end(), [&](const auto& a, const auto& b) {
      return std::tie(a.first, portal.doc(a.second).id) < std::tie(b.first, portal.doc(b.second).id);
    });
    std::vector<ViewData> items;
    for (const auto& [key, i] : keyed) {
      ViewData item = link_view(portal, i, page.path);
      item.set("type_label", std::string(type_label(portal.doc(i).type)));
      items.push_back(std::move(item));
    }
    ViewData group;
    group.set("label", letter);
    group.set("id", letter_id(letter));
    group.set("items", list_of(std::move(items)));
    groups.push_back(std::move(group));
  }
  v.set("has_groups", !groups.empty());
  v.set("letters", list_of(std::move(letters)));
  v.set("groups", list_of(std::move(groups)));
  return page;
}

}  // namespace

std::string a_to_z_letter(const std::string& title) {
  for (size_t i = 0; i < title.size();) {
    char b = base_letter(next_code_point(title, i));
    if (b == ' ') continue;
    if (b == '#') return kDigitsGroup;
    if (b == 0) return kOtherGroup;
    return std::string(1, b);
  }
  return kOtherGroup;
}

const PageKind kSearchKind{
    "search", "search", "search", std::nullopt, false,
    [](const BuildModel&) { return single_route(kSearchPagePath); },
    [](const BuildModel& m, const Route&) { return search_page(m.portal); }};

const PageKind kAToZKind{
    "a_z", "a_z", "search", std::nullopt, false,
    [](const BuildModel&) { return single_route(kAToZPagePath); },
    [](const BuildModel& m, const Route&) { return a_to_z_page(m.portal); }};

}  // namespace scrutiny
