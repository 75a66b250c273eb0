// Body references: every [[id]] and [[id|text]] outside code is found, with a line in range.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "markdown.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view markdown(reinterpret_cast<const char*>(data), size);
  constexpr int kFirstLine = 5;
  scrutiny::MarkdownBody body(markdown, kFirstLine);
  long lines = 1;
  for (char c : markdown) lines += c == '\n' || c == '\r';
  for (const scrutiny::Ref& r : body.references())
    if (r.id.empty() || r.line < kFirstLine || r.line >= kFirstLine + lines) std::abort();
  (void)body.plain_text();
  return 0;
}
