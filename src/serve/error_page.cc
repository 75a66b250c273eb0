#include "error_page.h"

#include "markdown.h"  // escape_html

namespace scrutiny {

std::string error_page_html(const std::vector<Diagnostic>& errors, const std::string& last_good_href) {
  const std::string count = std::to_string(errors.size()) + (errors.size() == 1 ? " error" : " errors");
  std::string html =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>" + count + " in the content - scrutiny serve</title>\n"
      "<style>body{font-family:sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem;line-height:1.5;"
      "color:#111;background:#fff}code{background:#f3f3f3;padding:0 .2em}li{margin:.5rem 0}"
      "a{color:#1a4e8a}a:focus{outline:3px solid #111;outline-offset:2px}</style>\n"
      "</head>\n<body>\n<main>\n<h1>The site was not rebuilt: " + count + " in the content</h1>\n"
      "<p>Fix each one and save: this page reloads by itself when the content builds again.</p>\n<ul>\n";
  for (const Diagnostic& d : errors) {
    std::string where = d.file.empty() ? "" : d.file + (d.line > 0 ? ":" + std::to_string(d.line) : "");
    html += "<li>";
    if (!where.empty()) html += "<code>" + escape_html(where) + "</code>: ";
    if (!d.key.empty()) html += "<code>" + escape_html(d.key) + "</code>: ";
    html += escape_html(d.message) + "</li>\n";
  }
  html += "</ul>\n";
  if (last_good_href.empty())
    html += "<p>No build has succeeded yet, so there is no earlier site to show.</p>\n";
  else
    html += "<p><a href=\"" + escape_html(last_good_href) + "\">See this page as it was in the last good build</a>.</p>\n";
  html += "</main>\n</body>\n</html>\n";
  return html;
}

}  // namespace scrutiny
