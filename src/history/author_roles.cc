#include "author_roles.h"

#include <algorithm>
#include <set>

namespace scrutiny {
namespace {

std::string lower(std::string s) {
  for (char& ch : s)
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  return s;
}

// Email addresses are matched without regard to case, as mail servers treat them.
const AuthorRole* role_of(const PortalConfig& config, const CommitInfo& c) {
  if (!c.author_email.empty()) {
    const std::string email = lower(c.author_email);
    for (const AuthorRole& r : config.author_roles)
      if (r.author.find('@') != std::string::npos && lower(r.author) == email) return &r;
  }
  for (const AuthorRole& r : config.author_roles)
    if (r.author.find('@') == std::string::npos && r.author == c.author_name) return &r;
  return nullptr;
}

// A TOML key in quotes, with the characters TOML would not take bare escaped.
std::string quoted_key(const std::string& s) {
  std::string out = "\"";
  for (char ch : s) {
    if (ch == '"' || ch == '\\') out += '\\';
    out += ch;
  }
  return out + "\"";
}

}  // namespace

std::string author_shown_as(const PortalConfig& config, const CommitInfo& c) {
  if (const AuthorRole* r = role_of(config, c)) return r->role;
  if (config.show_author_names && !c.author_name.empty()) return c.author_name;
  return config.default_author_role;
}

void report_unmapped_authors(const PortalConfig& config, const std::vector<CommitInfo>& commits,
                             Diagnostics& diags) {
  if (config.show_author_names) return;
  // Named by email (the key that identifies an author best); the name is given too, to help
  // the officer know who it is, but only in the warning, which is never published.
  std::set<std::string> seen;
  std::vector<std::string> lines;
  for (auto c = commits.rbegin(); c != commits.rend(); ++c) {  // oldest first: the order they joined
    if (role_of(config, *c)) continue;
    const std::string key = c->author_email.empty() ? c->author_name : lower(c->author_email);
    if (key.empty() || !seen.insert(key).second) continue;
    std::string who = c->author_email.empty() ? c->author_name : c->author_name + " <" + c->author_email + ">";
    lines.push_back(who + ": add " + quoted_key(key) + " = \"ROLE\"");
  }
  if (lines.empty()) return;
  std::string message = std::to_string(lines.size()) + (lines.size() == 1 ? " commit author is" : " commit authors are") +
                        " not in [author_roles], so their changes are shown as made by \"" +
                        config.default_author_role + "\". Under [author_roles] at the end of this file, "
                        "give each the role readers should see (such as \"Programme Office\"):";
  for (const std::string& l : lines) message += "\n  " + l;
  diags.warning(config.file, 0, "author_roles", message);
}

}  // namespace scrutiny
