#pragma once
// Bounds on what scrutiny reads, so no input can crash it or exhaust memory
// (see "Limits" in docs/content-model.md).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace scrutiny {

// One document file: over a hundred times the largest real committee paper in Markdown.
inline constexpr std::uintmax_t kMaxDocumentBytes = 1024 * 1024;
// portal.toml holds a handful of settings.
inline constexpr std::uintmax_t kMaxPortalSettingsBytes = 64 * 1024;
// Levels of TOML nesting in one statement: parts of a table name or dotted key, and [ or {
// inside a value. Real documents use three or four.
inline constexpr int kMaxTomlNesting = 32;

// Diagnostic text for a document file over kMaxDocumentBytes: its size, the limit, what to do.
std::string document_too_large_message(std::uintmax_t size);
// Diagnostic text for a portal.toml over kMaxPortalSettingsBytes.
std::string portal_settings_too_large_message(std::uintmax_t size);
// The same for another settings file at the content folder's top (withdrawn.toml).
std::string settings_too_large_message(std::uintmax_t size, const std::string& name);

// The 1-based line of the first TOML statement nesting deeper than kMaxTomlNesting, if any.
// Cheap and conservative: it never counts less than the depth toml++ would build or recurse
// to, so text it passes is safe to parse.
std::optional<int> find_deep_toml_nesting(std::string_view toml);

// Diagnostic text for find_deep_toml_nesting's finding.
std::string deep_toml_nesting_message();

}  // namespace scrutiny
