#include "site_files.h"

#include <algorithm>

#include "markdown.h"

namespace scrutiny {

void write_site_files(const BuildModel& model, const std::vector<Route>& routes, OutputFolder& out,
                      Diagnostics& diags) {
  const std::string& base = model.portal.config.base_url;
  std::string robots = "User-agent: *\nAllow: /\n";
  if (!base.empty()) {
    robots += "Sitemap: " + base + "sitemap.xml\n";
    std::vector<std::pair<std::string, std::string>> pages;  // path, lastmod
    for (const Route& r : routes) {
      if (r.path == "404.html" || !r.kind->in_sitemap) continue;
      std::string lastmod = model.portal.as_at ? model.portal.as_at->iso() : "";
      if (r.document_page && model.has_history() && !model.history.documents[r.subject].revisions.empty())
        lastmod = commit_date(model.index->commits()[model.history.documents[r.subject].revisions.front().commit]).iso();
      pages.emplace_back(r.path, lastmod);
    }
    std::sort(pages.begin(), pages.end());
    std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                      "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
    for (const auto& [p, lastmod] : pages)
      xml += "  <url><loc>" + escape_html(base + p) + "</loc>" +
             (lastmod.empty() ? "" : "<lastmod>" + lastmod + "</lastmod>") + "</url>\n";
    xml += "</urlset>\n";
    out.write("sitemap.xml", xml, diags);
  }
  out.write("robots.txt", robots, diags);
}

}  // namespace scrutiny
