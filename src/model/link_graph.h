#pragma once
// Resolves every reference between documents and keeps the reverse edges (backlinks).

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "diagnostic.h"
#include "document.h"

namespace scrutiny {

// Documents by id, with who refers to whom.
class LinkGraph {
 public:
  // `body_refs[i]` are the [[id]] references in documents[i]'s body. Reports duplicate ids,
  // unknown ids and references to a document of the wrong type. References to
  // `unreadable_ids`, the ids of files that failed to parse, are not reported: those files'
  // own errors are.
  static LinkGraph build(const std::vector<Document>& documents,
                         const std::vector<std::vector<Ref>>& body_refs, Diagnostics& diags,
                         const std::vector<std::string>& unreadable_ids = {});

  // Index of the document with this id, or -1.
  int find(std::string_view id) const;
  // Documents of `type` that refer to documents[target] in front matter or body, in document order.
  const std::vector<size_t>& referrers(size_t target) const { return referrers_[target]; }
  std::vector<size_t> referrers(size_t target, DocType type) const;
  // Documents that documents[source] refers to (front matter and body), without repeats.
  const std::vector<size_t>& references(size_t source) const { return references_[source]; }

 private:
  // Each document's type, copied rather than pointed to so a Portal can be moved (into the
  // build model) without leaving the graph pointing at its old documents.
  std::vector<DocType> types_;
  std::unordered_map<std::string, size_t> by_id_;
  std::vector<std::vector<size_t>> referrers_;
  std::vector<std::vector<size_t>> references_;
};

// The id `id` most likely meant, for "did you mean" hints: one with the same number or start
// ("a18" for "a18-ehe-business-case"), else the closest in spelling (a swap of two
// characters is one slip), else one whose title holds the id's words; empty when none fits.
// `other_ids` are candidates without a document, such as unreadable files' ids.
std::string closest_id(std::string_view id, const std::vector<Document>& documents,
                       const std::vector<std::string>& other_ids = {});

}  // namespace scrutiny
