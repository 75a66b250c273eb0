#pragma once
// withdrawn.toml: the revisions a portal has withdrawn from its published history, each with
// the date and the reason readers are given.

#include <optional>
#include <string>
#include <vector>

#include "content_source.h"
#include "date.h"
#include "diagnostic.h"

namespace scrutiny {

// One [[withdrawn]] entry, as written: the commit is not yet looked up in git.
struct Withdrawal {
  std::string commit;    // 7 to 40 hex digits, lower case
  std::string document;  // path relative to the content folder; empty for every file the commit changed
  Date date;             // when it was withdrawn
  std::string reason;    // shown to readers
  std::string file;      // withdrawn.toml as the user knows it
  int line = 0;          // the entry's [[withdrawn]] line
};

// Reads the entries; each bad one is reported at its line and left out.
std::vector<Withdrawal> read_withdrawals(const std::optional<SourceFile>& file, Diagnostics& diags);

}  // namespace scrutiny
