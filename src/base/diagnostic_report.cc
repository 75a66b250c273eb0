#include "diagnostic_report.h"

#include <cstdint>
#include <cstdio>

#include "json_writer.h"

namespace scrutiny {

std::optional<ReportFormat> parse_report_format(std::string_view name) {
  if (name == "text") return ReportFormat::text;
  if (name == "json") return ReportFormat::json;
  if (name == "github") return ReportFormat::github;
  if (name == "gitlab") return ReportFormat::gitlab;
  return std::nullopt;
}

std::string github_escape_data(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '%') out += "%25";
    else if (c == '\r') out += "%0D";
    else if (c == '\n') out += "%0A";
    else out += c;
  }
  return out;
}

std::string github_escape_property(std::string_view text) {
  std::string out;
  for (char c : github_escape_data(text)) {
    if (c == ':') out += "%3A";
    else if (c == ',') out += "%2C";
    else out += c;
  }
  return out;
}

std::string diagnostic_fingerprint(const Diagnostic& d) {
  // Fields are separated by a byte none of them holds, so ("ab", "c") and ("a", "bc") differ.
  std::string text = d.file + '\0' + std::to_string(d.line) + '\0' + d.key + '\0' + d.message;
  uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
  return hex;
}

namespace {

const char* severity_name(Severity s) { return s == Severity::error ? "error" : "warning"; }

void write_json(const std::vector<Diagnostic>& diags, std::ostream& out) {
  size_t errors = 0;
  for (const Diagnostic& d : diags) errors += d.severity == Severity::error;
  JsonWriter w(true);
  w.begin_object();
  w.key("errors").value(static_cast<long long>(errors));
  w.key("warnings").value(static_cast<long long>(diags.size() - errors));
  w.key("diagnostics").begin_array();
  for (const Diagnostic& d : diags) {
    w.begin_object();
    w.key("file");
    d.file.empty() ? w.null() : w.value(d.file);
    w.key("line");
    d.line > 0 ? w.value(d.line) : w.null();
    w.key("severity").value(severity_name(d.severity));
    w.key("key");
    d.key.empty() ? w.null() : w.value(d.key);
    w.key("message").value(d.message);
    w.end_object();
  }
  w.end_array();
  w.end_object();
  out << w.finish();
}

// ::error file=F,line=N,title=KEY::MESSAGE
void write_github(const std::vector<Diagnostic>& diags, std::ostream& out) {
  for (const Diagnostic& d : diags) {
    std::string properties;
    auto add = [&](const char* name, const std::string& value) {
      properties += (properties.empty() ? " " : ",") + std::string(name) + "=" +
                    github_escape_property(value);
    };
    if (!d.file.empty()) add("file", d.file);
    if (!d.file.empty() && d.line > 0) add("line", std::to_string(d.line));
    add("title", d.key.empty() ? "scrutiny" : "scrutiny: " + d.key);
    out << "::" << severity_name(d.severity) << properties << "::" << github_escape_data(d.message)
        << "\n";
  }
}

void write_gitlab(const std::vector<Diagnostic>& diags, std::ostream& out,
                  const std::string& unplaced_path) {
  JsonWriter w(true);
  w.begin_array();
  for (const Diagnostic& d : diags) {
    w.begin_object();
    w.key("description").value(d.key.empty() ? d.message : d.key + ": " + d.message);
    w.key("check_name").value(d.key.empty() ? "scrutiny" : "scrutiny/" + d.key);
    w.key("fingerprint").value(diagnostic_fingerprint(d));
    w.key("severity").value(d.severity == Severity::error ? "major" : "minor");
    w.key("location").begin_object();
    w.key("path").value(d.file.empty() ? unplaced_path : d.file);
    w.key("lines").begin_object().key("begin").value(d.line > 0 ? d.line : 1).end_object();
    w.end_object();
    w.end_object();
  }
  w.end_array();
  out << w.finish();
}

}  // namespace

void write_report(const std::vector<Diagnostic>& diags, ReportFormat format, std::ostream& out,
                  const std::string& unplaced_path) {
  switch (format) {
    case ReportFormat::text:
      for (const Diagnostic& d : diags) out << format_diagnostic(d) << "\n";
      break;
    case ReportFormat::json:
      write_json(diags, out);
      break;
    case ReportFormat::github:
      write_github(diags, out);
      break;
    case ReportFormat::gitlab:
      write_gitlab(diags, out, unplaced_path);
      break;
  }
}

}  // namespace scrutiny
