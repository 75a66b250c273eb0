#include <algorithm>
#include <cctype>
#include <string_view>
#include <tuple>

#include "page_views.h"
#include "progress.h"
#include "site_path.h"

namespace scrutiny {
namespace {

// Splits "A1.10" into text and number parts so A1.2 sorts before A1.10.
std::vector<std::pair<std::string, long long>> natural_key(const std::string& s) {
  std::vector<std::pair<std::string, long long>> out;
  size_t i = 0;
  while (i < s.size()) {
    std::string text;
    while (i < s.size() && !std::isdigit(static_cast<unsigned char>(s[i]))) text += s[i++];
    long long num = -1;
    if (i < s.size()) {
      num = 0;
      while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) num = num * 10 + (s[i++] - '0');
    }
    out.emplace_back(text, num);
  }
  return out;
}

}  // namespace

ViewData date_view(const Date& d) {
  ViewData v;
  v.set("iso", d.iso());
  v.set("text", d.long_form());
  return v;
}

ViewData as_at_view(const Portal& portal) {
  if (!portal.as_at) return ViewData(false);
  ViewData v = date_view(*portal.as_at);
  // Each set, true or false: a missing key would be looked up in the page around it.
  v.set("latest_commit", portal.as_at_basis == AsAtBasis::latest_commit);
  v.set("from_content", portal.as_at_basis == AsAtBasis::latest_content);
  v.set("build_date", portal.as_at_basis == AsAtBasis::build_date);
  v.set("chosen", portal.as_at_basis == AsAtBasis::chosen);
  return v;
}

ViewData status_view(Status s) {
  ViewData v;
  v.set("value", std::string(status_value(s)));
  v.set("label", std::string(status_label(s)));
  return v;
}

void default_false(ViewData& v, std::initializer_list<const char*> keys) {
  for (const char* key : keys)
    if (!v.get(key)) v.set(key, false);
}

ViewData list_of(std::vector<ViewData> items) {
  ViewData list{ViewData::type::list};
  for (auto& item : items) list.push_back(item);
  return list;
}

ViewData link_view(const Portal& portal, size_t i, const std::string& from) {
  const Document& d = portal.doc(i);
  ViewData v;
  v.set("title", d.title);
  v.set("href", relative_href(from, document_page_path(d.id)));
  v.set("type", std::string(doc_type_value(d.type)));
  if (!d.summary.empty()) v.set("summary", d.summary);
  if (d.status) v.set("status", status_view(*d.status));
  if (!d.number_label.empty()) v.set("number", d.number_label);
  else if (d.number) v.set("number", std::to_string(*d.number));
  if (d.date) v.set("date", date_view(*d.date));
  if (portal.as_at && is_overdue(d, *portal.as_at)) v.set("overdue", true);
  default_false(v, {"overdue"});
  default_false(v, {"summary", "status", "number", "date", "owner", "target_date", "completed",
                    "meeting", "reported_status", "note", "published", "judgement", "kind_label",
                    "lead", "theme"});
  return v;
}

std::vector<size_t> documents_of_type(const Portal& portal, DocType type) {
  std::vector<size_t> out;
  for (size_t i = 0; i < portal.documents.size(); ++i)
    if (portal.doc(i).type == type) out.push_back(i);
  return out;
}

std::vector<size_t> updates_newest_first(const Portal& portal) {
  std::vector<size_t> updates = documents_of_type(portal, DocType::update);
  std::stable_sort(updates.begin(), updates.end(),
                   [&](size_t a, size_t b) { return portal.doc(a).date > portal.doc(b).date; });
  return updates;
}

bool action_before(const Document& a, const Document& b) {
  // Numbered actions first, in plan order; unnumbered ones after, by id.
  return std::make_tuple(a.number_label.empty(), natural_key(a.number_label), a.id) <
         std::make_tuple(b.number_label.empty(), natural_key(b.number_label), b.id);
}

bool recommendation_before(const Portal& portal, const Document& a, const Document& b) {
  auto published = [&](const Document& r) {
    int i = portal.links.find(r.inspection.id);
    return i >= 0 && portal.doc(i).published ? *portal.doc(i).published : Date{};
  };
  auto key = [&](const Document& r) {
    return std::make_tuple(published(r), r.inspection.id, r.number.value_or(1LL << 40), r.id);
  };
  return key(a) < key(b);
}

}  // namespace scrutiny
