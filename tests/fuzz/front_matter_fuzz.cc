// Front matter: any UTF-8 text is split into TOML and body, and every node's line is found.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "front_matter.h"
#include "utf8.h"

namespace {

void visit(const scrutiny::FrontMatter& fm, const toml::node& node) {
  (void)scrutiny::file_line(fm, node);
  if (const toml::table* t = node.as_table())
    for (auto&& [key, value] : *t) visit(fm, value);
  else if (const toml::array* a = node.as_array())
    for (const toml::node& value : *a) visit(fm, value);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  // parse_front_matter's contract: valid UTF-8 with LF line ends (read_document ensures it).
  if (scrutiny::find_invalid_utf8(text) || text.find('\r') != std::string_view::npos) return -1;
  scrutiny::Diagnostics diags;
  scrutiny::FrontMatter fm = scrutiny::parse_front_matter("fuzz.md", text, diags);
  if (fm.valid) visit(fm, fm.table);
  for (const scrutiny::Diagnostic& d : diags.all()) (void)scrutiny::format_diagnostic(d);
  return 0;
}
