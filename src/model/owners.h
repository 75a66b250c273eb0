#pragma once
// How a lead and supporting owners read on a page: "Lead: Head of Service; with Principal Social Worker".

#include <string>
#include <vector>

#include "document.h"

namespace scrutiny {

// "X" for one owner; "Lead: X; with Y" (or "with Y and Z") when others support the lead.
std::string owners_text(const std::vector<std::string>& owners);

// An action's or milestone's owners, the lead first; the single `owner` when `owners` was
// never filled in (a document built in code rather than read).
std::vector<std::string> owners_of(const Document& action);
std::vector<std::string> owners_of(const Milestone& milestone);

// What `owner` does in `owners`: "Lead" for the first, "Supporting" for the others, empty when absent.
std::string owner_role(const std::vector<std::string>& owners, const std::string& owner);

}  // namespace scrutiny
