#pragma once
// Who made a change, as readers see it: a role from portal.toml's [author_roles], never a
// person's email and, unless the portal chooses, never their name.

#include <string>
#include <vector>

#include "diagnostic.h"
#include "history_index.h"
#include "portal_config.h"

namespace scrutiny {

// The role shown for commit `c`: the [author_roles] line matching its author's email
// (ignoring case) or, failing that, its author's name; else git's author name when the
// portal shows names; else default_author_role.
std::string author_shown_as(const PortalConfig& config, const CommitInfo& c);

// One warning, at portal.toml, naming once each author no [author_roles] line matches, with
// the lines to add. Nothing when every author is mapped or the portal shows names.
void report_unmapped_authors(const PortalConfig& config, const std::vector<CommitInfo>& commits,
                             Diagnostics& diags);

}  // namespace scrutiny
