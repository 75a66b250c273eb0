#include "search_index.h"

#include "json_writer.h"
#include "site_path.h"

namespace scrutiny {

std::string_view type_label(DocType type) {
  switch (type) {
    case DocType::inspection: return "Inspection";
    case DocType::recommendation: return "Recommendation";
    case DocType::plan: return "Improvement plan";
    case DocType::theme: return "Theme";
    case DocType::action: return "Action";
    case DocType::update: return "Progress update";
    case DocType::page: return "Page";
  }
  return "Page";
}

std::string first_words(std::string_view text, size_t max_words) {
  std::string out;
  size_t words = 0, i = 0;
  auto space = [](char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; };
  while (words < max_words) {
    while (i < text.size() && space(text[i])) ++i;
    if (i >= text.size()) break;
    size_t start = i;
    while (i < text.size() && !space(text[i])) ++i;
    if (!out.empty()) out += ' ';
    out.append(text.substr(start, i - start));
    ++words;
  }
  return out;
}

std::string search_index_json(const Portal& portal, size_t max_words) {
  JsonWriter json(false);
  json.begin_object();
  json.key("version").value(1);
  json.key("types").begin_object();
  for (DocType t : {DocType::inspection, DocType::recommendation, DocType::plan, DocType::theme,
                    DocType::action, DocType::update, DocType::page})
    json.key(doc_type_value(t)).value(type_label(t));
  json.end_object();
  json.key("fields").begin_array().value("url").value("title").value("type").value("text").end_array();
  json.key("documents").begin_array();
  for (size_t i = 0; i < portal.documents.size(); ++i) {
    const Document& d = portal.doc(i);
    std::string text = d.summary;
    if (i < portal.bodies.size()) {
      if (!text.empty()) text += ' ';
      text += portal.bodies[i].plain_text();
    }
    json.begin_array()
        .value(document_page_path(d.id))
        .value(d.title)
        .value(doc_type_value(d.type))
        .value(first_words(text, max_words))
        .end_array();
  }
  json.end_array();
  json.end_object();
  return json.finish();
}

}  // namespace scrutiny
