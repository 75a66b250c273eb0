// Markdown rendering with links: any body renders, references resolve through a resolver
// whose titles and addresses carry markup, and no markup from the input or the resolver
// reaches the HTML (raw HTML is never passed through, titles are escaped).
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "markdown.h"

namespace {

bool contains_script(const std::string& html) {
  std::string lower(html);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower.find("<script") != std::string::npos;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view markdown(reinterpret_cast<const char*>(data), size);
  scrutiny::MarkdownBody body(markdown, 1);
  // Ids of even length are known documents; the rest are not, and stay as text.
  scrutiny::LinkResolver resolve = [](const std::string& id, scrutiny::LinkTarget& out) {
    if (id.size() % 2) return false;
    out.title = "<script>alert(1)</script> \"" + id + "\"";
    out.href = "../" + id + "/\"><script>";
    return true;
  };
  std::string html = body.render_html(resolve);
  if (contains_script(html)) std::abort();
  return 0;
}
