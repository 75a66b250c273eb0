#pragma once
// The ids documents had before their files were renamed, from history.

#include <string>
#include <unordered_map>
#include <vector>

#include "document.h"
#include "history_index.h"

namespace scrutiny {

// For each document whose file had another path in an earlier commit (git log --follow), the
// id that path gave ("actions/a18") with the document's id now; the first document in
// `documents` order wins when two once had the same path. Ids that still name a document are
// left out.
std::unordered_map<std::string, std::string> former_ids(const HistoryIndex& index,
                                                        const std::vector<Document>& documents);

}  // namespace scrutiny
