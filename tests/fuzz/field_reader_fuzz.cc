// Field reading: any file's bytes go through read_document, which reads every field of every
// document type with FieldReader (dates, statuses, references, [[milestones]] tables...).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "diagnostic.h"
#include "document_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view raw(reinterpret_cast<const char*>(data), size);
  scrutiny::Diagnostics diags;
  (void)scrutiny::read_document("content/actions/fuzz.md", "actions/fuzz.md", raw, diags);
  for (const scrutiny::Diagnostic& d : diags.sorted()) (void)scrutiny::format_diagnostic(d);
  return 0;
}
