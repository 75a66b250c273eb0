#pragma once
// The files beside the pages that crawlers read: sitemap.xml and robots.txt.

#include <vector>

#include "build_model.h"
#include "output_folder.h"
#include "page_kind.h"

namespace scrutiny {

// robots.txt always; sitemap.xml only with a base URL, since a sitemap needs absolute URLs.
// Each page's lastmod is its document's last commit, or for the generator's own pages (lists,
// progress, the timeline, which change whenever content does) the date the site stands at.
void write_site_files(const BuildModel& model, const std::vector<Route>& routes, OutputFolder& out,
                      Diagnostics& diags);

}  // namespace scrutiny
