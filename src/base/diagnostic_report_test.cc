#include "diagnostic_report.h"

#include <doctest/doctest.h>

#include <sstream>

using namespace scrutiny;

namespace {

std::string report(const std::vector<Diagnostic>& diags, ReportFormat format,
                   const std::string& unplaced = ".") {
  std::ostringstream out;
  write_report(diags, format, out, unplaced);
  return out.str();
}

const std::vector<Diagnostic> kDiags = {
    {Severity::error, "content/actions/a01.md", 7, "status", "unknown status \"done\"; use one of: on-track"},
    {Severity::warning, "content/updates/u1.md", 0, "", "no body"},
    {Severity::error, "", 0, "", "theme not found"},
};

}  // namespace

TEST_CASE("report: format names") {
  CHECK(parse_report_format("text") == ReportFormat::text);
  CHECK(parse_report_format("json") == ReportFormat::json);
  CHECK(parse_report_format("github") == ReportFormat::github);
  CHECK(parse_report_format("gitlab") == ReportFormat::gitlab);
  CHECK_FALSE(parse_report_format("JSON"));
  CHECK_FALSE(parse_report_format(""));
}

TEST_CASE("report: text is the usual one line per diagnostic") {
  CHECK(report(kDiags, ReportFormat::text) ==
        "content/actions/a01.md:7: error: status: unknown status \"done\"; use one of: on-track\n"
        "content/updates/u1.md: warning: no body\n"
        "scrutiny: error: theme not found\n");
}

TEST_CASE("report: JSON lists every diagnostic, with null where there is no file, line or key") {
  CHECK(report(kDiags, ReportFormat::json) ==
        "{\n"
        "  \"errors\": 2,\n"
        "  \"warnings\": 1,\n"
        "  \"diagnostics\": [\n"
        "    {\n"
        "      \"file\": \"content/actions/a01.md\",\n"
        "      \"line\": 7,\n"
        "      \"severity\": \"error\",\n"
        "      \"key\": \"status\",\n"
        "      \"message\": \"unknown status \\\"done\\\"; use one of: on-track\"\n"
        "    },\n"
        "    {\n"
        "      \"file\": \"content/updates/u1.md\",\n"
        "      \"line\": null,\n"
        "      \"severity\": \"warning\",\n"
        "      \"key\": null,\n"
        "      \"message\": \"no body\"\n"
        "    },\n"
        "    {\n"
        "      \"file\": null,\n"
        "      \"line\": null,\n"
        "      \"severity\": \"error\",\n"
        "      \"key\": null,\n"
        "      \"message\": \"theme not found\"\n"
        "    }\n"
        "  ]\n"
        "}\n");
  std::string empty = report({}, ReportFormat::json);
  CHECK(empty.find("\"errors\": 0") != std::string::npos);
  CHECK(empty.find("\"diagnostics\": []") != std::string::npos);
}

TEST_CASE("report: GitHub workflow commands, escaped as GitHub unescapes them") {
  CHECK(github_escape_data("50% done\r\nnext: a, b") == "50%25 done%0D%0Anext: a, b");
  CHECK(github_escape_property("50% done\r\nnext: a, b") == "50%25 done%0D%0Anext%3A a%2C b");
  CHECK(report(kDiags, ReportFormat::github) ==
        "::error file=content/actions/a01.md,line=7,title=scrutiny%3A status::unknown status "
        "\"done\"; use one of: on-track\n"
        "::warning file=content/updates/u1.md,title=scrutiny::no body\n"
        "::error title=scrutiny::theme not found\n");
  // A message cannot end the command early or start a new one on the next line, and a file
  // name cannot add a property.
  std::vector<Diagnostic> nasty = {
      {Severity::error, "content/a,line=1:b.md", 3, "x", "100%\n::error::forged"}};
  CHECK(report(nasty, ReportFormat::github) ==
        "::error file=content/a%2Cline=1%3Ab.md,line=3,title=scrutiny%3A x::100%25%0A::error::forged\n");
}

TEST_CASE("report: GitLab Code Quality issues with stable fingerprints") {
  std::string r = report(kDiags, ReportFormat::gitlab, "content");
  CHECK(r.rfind("[\n  {\n    \"description\": \"status: unknown status \\\"done\\\"; use one of: on-track\",\n"
                "    \"check_name\": \"scrutiny/status\",\n"
                "    \"fingerprint\": \"" + diagnostic_fingerprint(kDiags[0]) + "\",\n"
                "    \"severity\": \"major\",\n"
                "    \"location\": {\n"
                "      \"path\": \"content/actions/a01.md\",\n"
                "      \"lines\": {\n"
                "        \"begin\": 7\n"
                "      }\n"
                "    }\n"
                "  },\n", 0) == 0);
  // A warning is minor; a whole-file problem is on line 1; one with no file is reported at
  // the path given for it.
  CHECK(r.find("\"severity\": \"minor\",\n    \"location\": {\n      \"path\": \"content/updates/u1.md\",\n"
               "      \"lines\": {\n        \"begin\": 1\n") != std::string::npos);
  CHECK(r.find("\"check_name\": \"scrutiny\",") != std::string::npos);
  CHECK(r.find("\"path\": \"content\",") != std::string::npos);
  CHECK(report({}, ReportFormat::gitlab) == "[]\n");

  // The fingerprint is the same every time (FNV-1a), and differs when any part differs.
  CHECK(diagnostic_fingerprint(kDiags[0]) == diagnostic_fingerprint(kDiags[0]));
  CHECK(diagnostic_fingerprint({Severity::error, "", 0, "", ""}) == "d7bd267fec4dfea5");
  Diagnostic moved = kDiags[0];
  moved.line = 8;
  CHECK(diagnostic_fingerprint(moved) != diagnostic_fingerprint(kDiags[0]));
  CHECK(diagnostic_fingerprint({Severity::error, "ab", 1, "c", "m"}) !=
        diagnostic_fingerprint({Severity::error, "a", 1, "bc", "m"}));
}
