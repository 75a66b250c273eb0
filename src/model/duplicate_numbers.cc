#include "duplicate_numbers.h"

#include <map>
#include <string>

#include "copied_file.h"

namespace scrutiny {
namespace {

// The plan an action belongs to, through its theme or named itself; its theme's id when
// that is unknown.
std::string plan_of(const Document& action, const std::vector<Document>& documents, const LinkGraph& links) {
  int theme = action.theme.id.empty() ? -1 : links.find(action.theme.id);
  if (theme >= 0 && !documents[theme].plan.id.empty()) return documents[theme].plan.id;
  return action.theme.id.empty() ? action.plan.id : action.theme.id;
}

// The group within which a document's number must be unique, and the number as shown;
// empty when the document has no number to clash.
std::pair<std::string, std::string> numbering(const Document& d, const std::vector<Document>& documents,
                                              const LinkGraph& links) {
  switch (d.type) {
    case DocType::action:
      if (d.number_label.empty()) return {};
      return {"action in plan " + plan_of(d, documents, links), d.number_label};
    case DocType::recommendation:
      if (!d.number) return {};
      return {d.kind + " in inspection " + d.inspection.id, std::to_string(*d.number)};
    case DocType::theme:
      if (!d.number) return {};
      return {"theme in plan " + d.plan.id, std::to_string(*d.number)};
    default: return {};
  }
}

std::string copy_advice(const Document& copy, const Document& original, const std::string& what) {
  return "this file looks like a copy of " + original.display_path + " made by a file manager (" + what +
         "), so the site would publish the same " + std::string(doc_type_value(copy.type)) +
         " twice: delete the copy, or give it its own number and title";
}

}  // namespace

void check_duplicate_numbers(const std::vector<Document>& documents, const LinkGraph& links,
                             Diagnostics& diags) {
  std::map<std::pair<std::string, std::string>, size_t> numbered;
  std::map<std::pair<DocType, std::string>, size_t> titled;
  for (size_t i = 0; i < documents.size(); ++i) {
    const Document& d = documents[i];
    // A document sharing another's id is reported as such (LinkGraph::build), once.
    if (d.type == DocType::page || links.find(d.id) != static_cast<int>(i)) continue;
    auto key = numbering(d, documents, links);
    if (!key.first.empty()) {
      auto [it, inserted] = numbered.emplace(key, i);
      if (!inserted) {
        const Document* here = &d;
        const Document* first = &documents[it->second];
        // Report on the copy, whichever sorts first, as that is the file to delete.
        if (!looks_like_copy(here->source_path) && looks_like_copy(first->source_path)) std::swap(here, first);
        std::string message =
            looks_like_copy(here->source_path)
                ? copy_advice(*here, *first, "the same number, " + key.second)
            : here->title == first->title
                ? "this file and " + first->display_path + " are the same " + std::string(doc_type_value(d.type)) +
                      " (the same number, " + key.second + ", and the same title), so one is most likely "
                      "a copy of the other and the site would publish it twice: delete the copy"
                : std::string(doc_type_value(d.type)) + " number " + key.second + " is also used by " +
                      first->display_path + " in the same " +
                      (d.type == DocType::recommendation ? "inspection" : "plan") +
                      ": give each its own number (if one file is a copy of the other, delete it)";
        diags.error(here->display_path, here->number_line > 0 ? here->number_line : 1, "number", message);
        continue;
      }
    }
    auto [it, inserted] = titled.emplace(std::make_pair(d.type, d.title), i);
    if (!inserted && looks_like_copy(d.source_path))
      diags.error(d.display_path, 1, "", copy_advice(d, documents[it->second], "the same title"));
  }
}

}  // namespace scrutiny
