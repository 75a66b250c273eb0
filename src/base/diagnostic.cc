#include "diagnostic.h"

#include <algorithm>
#include <tuple>

namespace scrutiny {

void Diagnostics::error(std::string file, int line, std::string key, std::string message) {
  add({Severity::error, std::move(file), line, std::move(key), std::move(message)});
}

void Diagnostics::warning(std::string file, int line, std::string key, std::string message) {
  add({Severity::warning, std::move(file), line, std::move(key), std::move(message)});
}

void Diagnostics::add(Diagnostic d) { items_.push_back(std::move(d)); }

void Diagnostics::append(const Diagnostics& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

bool Diagnostics::has_errors() const { return error_count() > 0; }

size_t Diagnostics::error_count() const {
  return std::count_if(items_.begin(), items_.end(),
                       [](const Diagnostic& d) { return d.severity == Severity::error; });
}

size_t Diagnostics::warning_count() const { return items_.size() - error_count(); }

std::vector<Diagnostic> Diagnostics::sorted() const {
  std::vector<Diagnostic> out = items_;
  std::stable_sort(out.begin(), out.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.file, a.line) < std::tie(b.file, b.line);
  });
  return out;
}

std::string format_diagnostic(const Diagnostic& d) {
  std::string out = d.file.empty() ? std::string("scrutiny") : d.file;
  if (d.line > 0) out += ":" + std::to_string(d.line);
  out += d.severity == Severity::error ? ": error: " : ": warning: ";
  if (!d.key.empty()) out += d.key + ": ";
  out += d.message;
  return out;
}

}  // namespace scrutiny
