#pragma once
// Site-wide settings from content/portal.toml.

#include <optional>
#include <string>

#include "content_source.h"
#include "diagnostic.h"

namespace scrutiny {

// The settings every page shares.
struct PortalConfig {
  std::string title;
  std::string authority;
  std::string language = "en-GB";
  std::string base_url;  // empty, or absolute and ending in '/'
  std::string description;
  std::string contact_email;
  bool show_author_emails = false;
};

// Reads portal.toml; a missing file or field is reported with what to add.
PortalConfig read_portal_config(const std::optional<SourceFile>& file, const std::string& content_display,
                                Diagnostics& diags);

// Checks and normalises a base URL (adds the trailing slash); empty result with a diagnostic if bad.
std::string normalise_base_url(const std::string& url, const std::string& file, int line, Diagnostics& diags);

}  // namespace scrutiny
