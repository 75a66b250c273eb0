#pragma once
// Site-wide settings from content/portal.toml.

#include <optional>
#include <string>
#include <vector>

#include "content_source.h"
#include "diagnostic.h"
#include "inspection_vocabulary.h"

namespace scrutiny {

// One line of portal.toml's [author_roles]: the git author it matches and the role shown.
struct AuthorRole {
  std::string author;  // an email address (has '@'), else an author name as git records it
  std::string role;    // "Programme Office"
  int line = 0;
};

// The settings every page shares.
struct PortalConfig {
  std::string title;
  std::string authority;
  std::string language = "en-GB";
  std::string base_url;  // empty, or absolute and ending in '/'
  std::string description;
  std::string contact_email;
  std::string file;  // portal.toml as the user knows it, for messages about these settings
  // Commit authors are shown as roles, never by email: mapped by [author_roles], otherwise
  // default_author_role, or git's author name when show_author_names is set.
  std::vector<AuthorRole> author_roles;
  std::string default_author_role = "Council officer";
  bool show_author_names = false;
  // The built-in judgement scales and kinds, and those portal.toml adds.
  InspectionVocabulary vocabulary = builtin_inspection_vocabulary();
};

// Reads portal.toml; a missing file or field is reported with what to add.
PortalConfig read_portal_config(const std::optional<SourceFile>& file, const std::string& content_display,
                                Diagnostics& diags);

// Checks and normalises a base URL (adds the trailing slash); empty result with a diagnostic if bad.
std::string normalise_base_url(const std::string& url, const std::string& file, int line, Diagnostics& diags);

}  // namespace scrutiny
