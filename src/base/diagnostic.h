#pragma once
// Errors and warnings are values with a location, gathered over a whole run and
// reported together, never thrown across the program.

#include <string>
#include <vector>

namespace scrutiny {

enum class Severity { error, warning };

// One problem found in the input: where it is, which key if any, and what to do.
struct Diagnostic {
  Severity severity = Severity::error;
  std::string file;  // path as the user knows it (relative to the working directory)
  int line = 0;      // 1-based; 0 when the problem is about the file as a whole
  std::string key;   // front matter key, empty when none applies
  std::string message;
};

// Collects diagnostics from every stage of a run.
class Diagnostics {
 public:
  void error(std::string file, int line, std::string key, std::string message);
  void warning(std::string file, int line, std::string key, std::string message);
  void add(Diagnostic d);
  void append(const Diagnostics& other);

  bool has_errors() const;
  size_t error_count() const;
  size_t warning_count() const;
  // Ordered by file, then line, so output is stable whatever order stages ran in.
  std::vector<Diagnostic> sorted() const;
  const std::vector<Diagnostic>& all() const { return items_; }

 private:
  std::vector<Diagnostic> items_;
};

// "content/actions/a01.md:7: error: status: unknown status "done"; use one of ..."
std::string format_diagnostic(const Diagnostic& d);

}  // namespace scrutiny
