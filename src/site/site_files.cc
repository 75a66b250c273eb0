#include "site_files.h"

#include <algorithm>

#include "markdown.h"

namespace scrutiny {

void write_site_files(const Portal& portal, const std::vector<Route>& routes, OutputFolder& out,
                      Diagnostics& diags) {
  const std::string& base = portal.config.base_url;
  std::string robots = "User-agent: *\nAllow: /\n";
  if (!base.empty()) {
    robots += "Sitemap: " + base + "sitemap.xml\n";
    std::vector<std::string> paths;
    for (const Route& r : routes)
      if (r.path != "404.html") paths.push_back(r.path);
    std::sort(paths.begin(), paths.end());
    std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                      "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
    for (const std::string& p : paths) xml += "  <url><loc>" + escape_html(base + p) + "</loc></url>\n";
    xml += "</urlset>\n";
    out.write("sitemap.xml", xml, diags);
  }
  out.write("robots.txt", robots, diags);
}

}  // namespace scrutiny
