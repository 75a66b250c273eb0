#pragma once
// Machine-readable exports of the whole portal (docs/open-data.md): data/portal.json and
// data/actions.csv, data/milestones.csv, data/recommendations.csv, data/measures.csv,
// data/decisions.csv.

#include <string>
#include <vector>

#include "diagnostic.h"
#include "output_folder.h"
#include "page_views.h"
#include "portal.h"
#include "slippage.h"

namespace scrutiny {

// The version of portal.json's layout; raised when a field changes meaning or goes away.
inline constexpr int kOpenDataSchemaVersion = 1;

// One exported file: its path under the site root and its bytes.
struct OpenDataFile {
  std::string path;
  std::string content;
};

// Every export, in the order above. Deterministic: the same portal gives the same bytes.
// Overdue flags need portal.as_at; without it they are null (JSON) or empty (CSV).
// A CSV row that does not fit its header (a bug, never the content's fault) is an error.
// Original target dates and moves come from `slips`; without history (the default) they are
// null (JSON) or empty (CSV).
std::vector<OpenDataFile> open_data_files(const Portal& portal, Diagnostics& diags,
                                          const DeadlineSlippage& slips = DeadlineSlippage());

// Writes open_data_files() into the site, each as it is made: they are never all held at once.
void write_open_data(const Portal& portal, OutputFolder& out, Diagnostics& diags,
                     const DeadlineSlippage& slips = DeadlineSlippage());

}  // namespace scrutiny
