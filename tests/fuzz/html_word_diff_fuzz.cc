// The HTML word diff: two versions of a body (the input split at its first NUL byte) are
// rendered as the history pages render them and compared; the raw bytes are compared too,
// as HTML that no renderer made, which must not crash it either.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "html_word_diff.h"
#include "markdown.h"

namespace {

std::string render(std::string_view markdown) {
  scrutiny::MarkdownBody body(markdown, 1);
  return body.render_html([](const std::string& id, scrutiny::LinkTarget& out) {
    out.title = "Document " + id;
    out.href = "../" + id + "/";
    return true;
  });
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  size_t nul = input.find('\0');
  std::string_view old_text, new_text;
  if (nul == std::string_view::npos) {
    old_text = input.substr(0, size / 2);
    new_text = input.substr(size / 2);
  } else {
    old_text = input.substr(0, nul);
    new_text = input.substr(nul + 1);
  }
  std::string old_html = render(old_text), new_html = render(new_text);
  (void)scrutiny::html_word_diff(old_html, new_html);
  // Identical versions give the new version unchanged (html_word_diff.h).
  if (scrutiny::html_word_diff(new_html, new_html) != new_html) std::abort();
  (void)scrutiny::html_word_diff(old_text, new_text);
  return 0;
}
