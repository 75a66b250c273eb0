#pragma once
// Two documents that would be published under the same number: two actions numbered alike in
// one plan, two recommendations of one kind numbered alike in one inspection, or a copy a file
// manager made ("a17 - Copy.md").

#include <vector>

#include "diagnostic.h"
#include "document.h"
#include "link_graph.h"

namespace scrutiny {

// Reports each document whose number (or, for a file named as a copy, whose title) another
// document of its type already has in the same plan or inspection.
void check_duplicate_numbers(const std::vector<Document>& documents, const LinkGraph& links,
                             Diagnostics& diags);

}  // namespace scrutiny
