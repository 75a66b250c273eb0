#include <array>

#include "document.h"

namespace scrutiny {
namespace {

struct TypeName { DocType type; std::string_view value; std::string_view plural; };
constexpr std::array<TypeName, 8> kTypes = {{
    {DocType::inspection, "inspection", "Inspections"},
    {DocType::recommendation, "recommendation", "Recommendations"},
    {DocType::plan, "plan", "Plans"},
    {DocType::theme, "theme", "Themes"},
    {DocType::action, "action", "Actions"},
    {DocType::update, "update", "Updates"},
    {DocType::page, "page", "Pages"},
    {DocType::measure, "measure", "Measures"},
}};

}  // namespace

std::optional<DocType> parse_doc_type(std::string_view value) {
  for (const auto& t : kTypes)
    if (t.value == value) return t.type;
  return std::nullopt;
}

std::string_view doc_type_value(DocType t) { return kTypes[static_cast<size_t>(t)].value; }
std::string_view doc_type_plural(DocType t) { return kTypes[static_cast<size_t>(t)].plural; }

}  // namespace scrutiny
