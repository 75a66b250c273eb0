#include "former_ids.h"

#include <unordered_set>

#include "document_reader.h"

namespace scrutiny {

std::unordered_map<std::string, std::string> former_ids(const HistoryIndex& index,
                                                        const std::vector<Document>& documents) {
  std::unordered_map<std::string, std::string> out;
  if (!index.available()) return out;
  std::unordered_set<std::string> current;
  for (const Document& d : documents) current.insert(d.id);
  for (const Document& d : documents)
    for (const FileRevision& r : index.revisions_of(d.source_path)) {
      if (r.path == d.source_path) continue;
      std::string id = default_id(r.path);
      if (!current.count(id)) out.emplace(std::move(id), d.id);
    }
  return out;
}

}  // namespace scrutiny
