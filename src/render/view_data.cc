#include "view_data.h"

#include <cstdint>
#include <unordered_map>

#include "counted_noun.h"
#include "page_views.h"
#include "progress.h"
#include "site_path.h"

namespace scrutiny {
namespace {

// kainjow's data keeps its object, list and string private and offers only copying setters. An
// explicit instantiation may name a private member (C++20 [temp.spec.general] paragraph 6),
// so these reach them without changing kainjow.
using ObjectMember = std::unique_ptr<kainjow::mustache::object> kainjow::mustache::data::*;
using ListMember = std::unique_ptr<kainjow::mustache::list> kainjow::mustache::data::*;
using StringMember = std::unique_ptr<std::string> kainjow::mustache::data::*;
ObjectMember object_member();
ListMember list_member();
StringMember string_member();
template <ObjectMember object, ListMember list, StringMember string>
struct DataAccess {
  friend ObjectMember object_member() { return object; }
  friend ListMember list_member() { return list; }
  friend StringMember string_member() { return string; }
};
template struct DataAccess<&kainjow::mustache::data::obj_, &kainjow::mustache::data::list_,
                           &kainjow::mustache::data::str_>;

}  // namespace

ViewData::ViewData(std::string&& text) : Data(type::string) { *(this->*string_member()) = std::move(text); }

void ViewData::set(const std::string& name, ViewData value) {
  if (!is_object()) return;  // as kainjow's set
  (this->*object_member())->insert_or_assign(name, std::move(value));
}

void ViewData::reserve(size_t n) {
  if (!is_list()) return;
  kainjow::mustache::list& items = *(this->*list_member());
  if (n <= items.capacity()) return;
  // Moved one by one: the vector's own growth would copy them.
  kainjow::mustache::list grown;
  grown.reserve(n);
  for (Data& item : items) grown.emplace_back(std::move(item));
  items.swap(grown);
}

void ViewData::push_back(ViewData value) {
  if (!is_list()) return;  // as kainjow's push_back
  kainjow::mustache::list& items = *(this->*list_member());
  if (items.size() == items.capacity()) reserve(items.empty() ? 4 : 2 * items.size());
  items.emplace_back(std::move(value));
}

const std::string& ViewData::link_mark() {
  // Not a name a template could hold: Mustache names are written, and this is a control byte.
  static const std::string mark = "\x1flink";
  return mark;
}

const ViewData::Data& ViewData::link_defaults() {
  static const Data defaults = [] {
    ViewData d;
    for (const char* key : {"summary", "status", "number", "date", "overdue", "owner", "target_date", "completed",
                            "meeting", "reported_status", "note", "published", "judgement", "kind_label", "lead",
                            "theme", "slippage"})
      d.set(key, false);
    return Data(std::move(d));
  }();
  return defaults;
}

const ViewData::Data* ViewData::link_default(const Data& data, const std::string& name) {
  if (!data.is_object() || !data.get(link_mark())) return nullptr;
  return link_defaults().get(name);
}

const kainjow::mustache::object* ViewData::object_of(const Data& data) {
  return data.is_object() ? (data.*object_member()).get() : nullptr;
}

ViewData date_view(const Date& d) {
  auto build = [&] {
    ViewData v;
    v.set("iso", d.iso());
    v.set("text", d.long_form());
    return v;
  };
  // Pages show the same dates again and again (a milestone's target on every list that holds
  // it): each is built once per thread and copied, which takes the table's size and its keys'
  // hashes from the first, where building works them out and words the date again. Bounded,
  // for a server that builds for days: past that many dates, the rest are built each time.
  constexpr size_t kMaxKept = 8192;
  thread_local std::unordered_map<uint64_t, ViewData::Data> built;
  if (d.month < 0 || d.month > 0xfff || d.day < 0 || d.day > 0xfff) return build();
  const uint64_t key = static_cast<uint64_t>(static_cast<uint32_t>(d.year)) << 32 |
                       static_cast<uint64_t>(d.month) << 20 | static_cast<uint64_t>(d.day) << 8 |
                       static_cast<uint64_t>(d.precision);
  if (auto it = built.find(key); it != built.end()) return ViewData(it->second);
  ViewData v = build();
  if (built.size() < kMaxKept) built.emplace(key, v);
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

std::string slippage_words(const Slippage& s) {
  std::string out = s.moves == 1 ? "moved once" : s.moves == 2 ? "moved twice" : "moved " + std::to_string(s.moves) + " times";
  const int days = s.days();
  if (days == 0) return out + ", back to the original date";
  out += ", " + counted_noun(static_cast<size_t>(days < 0 ? -days : days), "day", "days") + (days < 0 ? " earlier" : " later");
  return s.moves > 1 ? out + " in all" : out;
}

ViewData slippage_view(const Slippage* s, const std::optional<Date>& completed) {
  if (!s) return ViewData(false);
  ViewData v;
  v.set("original", date_view(s->original));
  v.set("moves", std::to_string(s->moves));
  v.set("days", std::to_string(s->days()));
  v.set("words", slippage_words(*s));
  if (std::optional<int> late = s->completed_after_original(completed))
    v.set("completed_late", counted_noun(static_cast<size_t>(*late), "day", "days") + " after its original target");
  else v.set("completed_late", false);
  return v;
}

ViewData status_view(Status s) {
  // Built once for each status and copied: a copy takes its table's size and its keys' hashes
  // from the original, where building hashes each key and grows the table as it goes, and
  // pages give tens of thousands of statuses (each row, link and change has one).
  static const std::vector<ViewData::Data> views = [] {
    std::vector<ViewData::Data> out;
    for (Status each : all_statuses()) {
      const size_t at = static_cast<size_t>(each);
      if (out.size() <= at) out.resize(at + 1);
      ViewData v;
      v.set("value", std::string(status_value(each)));
      v.set("label", std::string(status_label(each)));
      out[at] = std::move(v);
    }
    return out;
  }();
  return ViewData(views.at(static_cast<size_t>(s)));
}

void default_false(ViewData& v, std::initializer_list<const char*> keys) {
  for (const char* key : keys)
    if (!v.get(key)) v.set(key, false);
}

ViewData list_of(std::vector<ViewData> items) {
  ViewData list{ViewData::type::list};
  list.reserve(items.size());
  for (ViewData& item : items) list.push_back(std::move(item));
  return list;
}

ViewData link_view(const Portal& portal, size_t i, const std::string& from) {
  const Document& d = portal.doc(i);
  ViewData v;
  v.set("title", d.title);
  v.set("href", relative_href(from, document_page_path(d.id)));
  v.set("type", std::string(doc_type_value(d.type)));
  // What a link lacks is false (ViewData::link_defaults): a false entry set in each of the
  // thousands of links a big page lists cost an entry to build, digest and destroy.
  if (!d.summary.empty()) v.set("summary", d.summary);
  if (d.status) v.set("status", status_view(*d.status));
  if (!d.number_label.empty()) v.set("number", d.number_label);
  else if (d.number) v.set("number", std::to_string(*d.number));
  if (d.date) v.set("date", date_view(*d.date));
  if (portal.as_at && is_overdue(d, *portal.as_at)) v.set("overdue", true);
  v.set(ViewData::link_mark(), true);
  return v;
}

ViewData plan_scope_view(const Portal& portal, const std::string& from) {
  if (portal.plans.current < 0) return ViewData(false);
  auto plan_item = [&](size_t p) {
    ViewData item = link_view(portal, p, from);
    const Document& d = portal.doc(p);
    item.set("approved", d.approved ? date_view(*d.approved) : ViewData(false));
    item.set("closed", plan_closed(d, portal.as_at) ? date_view(*d.closed) : ViewData(false));
    return item;
  };
  ViewData v;
  v.set("current", plan_item(static_cast<size_t>(portal.plans.current)));
  std::vector<ViewData> earlier;
  for (size_t k = 0; k < portal.plans.earlier.size(); ++k) {
    ViewData item = plan_item(portal.plans.earlier[k]);
    item.set("last", k + 1 == portal.plans.earlier.size());
    earlier.push_back(std::move(item));
  }
  v.set("has_earlier", !earlier.empty());
  v.set("earlier_label", earlier.size() == 1 ? "Earlier plan" : "Earlier plans");
  v.set("earlier", list_of(std::move(earlier)));
  return v;
}

std::vector<size_t> documents_of_type(const Portal& portal, DocType type) {
  std::vector<size_t> out;
  for (size_t i = 0; i < portal.documents.size(); ++i)
    if (portal.doc(i).type == type) out.push_back(i);
  return out;
}

std::string kind_label(const Portal& portal, const Document& d) {
  const InspectionVocabulary& vocab = portal.config.vocabulary;
  if (d.type == DocType::inspection) {
    if (const InspectionKind* k = vocab.inspection_kind(d.kind)) return k->label;
  } else if (const FindingKind* k = vocab.finding_kind(d.kind)) {
    return k->label;
  }
  return d.kind;
}

std::string finding_label(const Portal& portal, const Document& finding) {
  std::string label = kind_label(portal, finding);
  return finding.number ? label + " " + std::to_string(*finding.number) : label;
}

}  // namespace scrutiny
