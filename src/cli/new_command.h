#pragma once
// `scrutiny new TYPE [PATH]`: a new document from its type's archetype.

#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "date.h"
#include "document.h"

namespace scrutiny {

// `args` are the words after `new`: TYPE, optionally PATH (under the content folder) and
// --content DIR. Writes the document and prints its path; never overwrites. Returns 0 on
// success, 1 when it cannot (the file exists, a document it refers to is missing), 2 for bad usage.
int run_new_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

// Draws a `type` document for `content_dir` from its archetype and writes it at `rel_path`
// (empty: a free name), printing its path on `out`. False, with the reason on `err`, when it cannot.
bool write_new_document(const std::filesystem::path& content_dir, DocType type, const std::string& rel_path,
                        const Date& today, std::ostream& out, std::ostream& err);

// Today's date, in UTC: new documents start from it.
Date today_utc();

}  // namespace scrutiny
