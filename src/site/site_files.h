#pragma once
// The files beside the pages that crawlers read: sitemap.xml and robots.txt.

#include <vector>

#include "output_folder.h"
#include "page_kind.h"
#include "portal.h"

namespace scrutiny {

// robots.txt always; sitemap.xml only with a base URL, since a sitemap needs absolute URLs.
void write_site_files(const Portal& portal, const std::vector<Route>& routes, OutputFolder& out,
                      Diagnostics& diags);

}  // namespace scrutiny
