#include "owners.h"

#include <algorithm>

namespace scrutiny {

std::string owners_text(const std::vector<std::string>& owners) {
  if (owners.empty()) return "";
  if (owners.size() == 1) return owners.front();
  std::string out = "Lead: " + owners.front() + "; with ";
  for (size_t i = 1; i < owners.size(); ++i) {
    if (i > 1) out += i + 1 == owners.size() ? " and " : ", ";
    out += owners[i];
  }
  return out;
}

std::vector<std::string> owners_of(const Document& action) {
  if (!action.owners.empty() || action.owner.empty()) return action.owners;
  return {action.owner};
}

std::vector<std::string> owners_of(const Milestone& milestone) {
  if (!milestone.owners.empty() || milestone.owner.empty()) return milestone.owners;
  return {milestone.owner};
}

std::string owner_role(const std::vector<std::string>& owners, const std::string& owner) {
  auto it = std::find(owners.begin(), owners.end(), owner);
  if (it == owners.end()) return "";
  return it == owners.begin() ? "Lead" : "Supporting";
}

}  // namespace scrutiny
