#pragma once
// Resolves every reference between documents into typed relations, both ways, and the order
// readers expect documents in: the one place the build works out who refers to whom.

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "diagnostic.h"
#include "document.h"

namespace scrutiny {

// Which field of a document made a reference. Pages, exports and history read these rather
// than matching ids themselves, so "actions answering a recommendation" means one thing.
enum class Relation : uint8_t {
  made_by,         // `inspection`: a recommendation -> the inspection that made it
  in_themes,       // `themes`: a recommendation -> the themes it falls under
  responds_to,     // `inspections`: a plan -> the inspections it answers
  in_plan,         // `plan`: a theme (or an action without a theme) -> its plan
  in_theme,        // `theme`: an action -> its theme
  answers,         // `recommendations`: an action -> the recommendations it answers
  reports_on,      // `reports_on`: an update -> what it reports on
  reports_status,  // `statuses`: an update -> the actions whose status it reports (reported in)
  evidences,       // `evidences`: a measure -> the themes, actions and findings it evidences
  reports_measure, // `[[measures]]`: an update -> the measures whose values it reports
  mentions,        // `[[id]]` in the body: any document -> any document
};
inline constexpr size_t kRelationCount = 11;
inline constexpr size_t kDocTypeCount = static_cast<size_t>(DocType::measure) + 1;

// The ids documents had before their files were renamed, each with the id the document has
// now ("actions/a18" -> "actions/a18-ehe-business-case"). Read from history, so asked for only
// when a reference names no document.
using FormerIds = std::function<std::unordered_map<std::string, std::string>(const std::vector<Document>&)>;

// Documents by id, with who refers to whom, by which relation, and in which order readers
// expect them. Built once from the loaded documents; read-only afterwards.
class LinkGraph {
 public:
  // `body_refs[i]` are the [[id]] references in documents[i]'s body. Reports duplicate ids,
  // unknown ids and references to a document of the wrong type. References to
  // `unreadable_ids`, the ids of files that failed to parse, are not reported: those files'
  // own errors are. A reference to an id in `former_ids` is told the document's id now.
  static LinkGraph build(const std::vector<Document>& documents,
                         const std::vector<std::vector<Ref>>& body_refs, Diagnostics& diags,
                         const std::vector<std::string>& unreadable_ids = {},
                         const FormerIds& former_ids = {});

  // Index of the document with this id, or -1.
  int find(std::string_view id) const;
  // Documents of `type` that refer to documents[target] in front matter or body, in document order.
  const std::vector<size_t>& referrers(size_t target) const { return referrers_[target]; }
  std::vector<size_t> referrers(size_t target, DocType type) const;
  // Documents that documents[source] refers to (front matter and body), without repeats.
  const std::vector<size_t>& references(size_t source) const { return references_[source]; }

  // Documents that refer to documents[target] by `relation`, in reading order, without repeats.
  const std::vector<size_t>& referrers(size_t target, Relation relation) const {
    return typed_referrers_[target][static_cast<size_t>(relation)];
  }
  // Documents that documents[source] refers to by `relation`, in reading order, without repeats.
  const std::vector<size_t>& references(size_t source, Relation relation) const {
    return typed_references_[source][static_cast<size_t>(relation)];
  }
  // Documents of `type` that refer to documents[target] by any relation, in reading order.
  std::vector<size_t> referrers_in_reading_order(size_t target, DocType type) const;

  // Every document of `type` in the order readers expect: actions by number, recommendations
  // by inspection, kind in report order (Document::kind_rank) and number, themes by number, updates and inspections newest first, the
  // rest by title; ties in document order.
  const std::vector<size_t>& in_reading_order(DocType type) const {
    return in_reading_order_[static_cast<size_t>(type)];
  }
  // Position of documents[i] in the reading order of all documents (types in DocType order).
  size_t reading_rank(size_t i) const { return rank_[i]; }

 private:
  void order_for_reading(const std::vector<Document>& documents);

  // Each document's type, copied rather than pointed to so a Portal can be moved (into the
  // build model) without leaving the graph pointing at its old documents.
  std::vector<DocType> types_;
  std::unordered_map<std::string, size_t> by_id_;
  std::vector<std::vector<size_t>> referrers_;
  std::vector<std::vector<size_t>> references_;
  using ByRelation = std::array<std::vector<size_t>, kRelationCount>;
  std::vector<ByRelation> typed_referrers_;
  std::vector<ByRelation> typed_references_;
  std::vector<size_t> rank_;
  std::array<std::vector<size_t>, kDocTypeCount> in_reading_order_;
};

// Numbered actions first, in plan order (A1.2 before A1.10); unnumbered ones after, by id.
bool action_before(const Document& a, const Document& b);

// The id `id` most likely meant, for "did you mean" hints: one with the same number or start
// ("a18" for "a18-ehe-business-case"), else the closest in spelling (a swap of two
// characters is one slip), else one whose title holds the id's words; empty when none fits.
// `other_ids` are candidates without a document, such as unreadable files' ids.
std::string closest_id(std::string_view id, const std::vector<Document>& documents,
                       const std::vector<std::string>& other_ids = {});

}  // namespace scrutiny
