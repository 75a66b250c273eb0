#pragma once
// Renders view data through a theme's Mustache templates into whole HTML pages.

#include <map>
#include <set>
#include <string>

#include <kainjow/mustache.hpp>

#include "diagnostic.h"
#include "theme.h"
#include "view_data.h"

namespace scrutiny {

// Compiled templates for one thread (kainjow's renderer keeps state, so threads don't share).
class PageRenderer {
 public:
  explicit PageRenderer(const Theme& theme);
  // A copy compiles nothing: kainjow's compiled templates copy whole, several times cheaper than
  // parsing them again, so a build compiles once and gives each worker a copy. Copying reads
  // the original alone, so several threads may copy one that none renders with.
  PageRenderer(const PageRenderer&) = default;

  // Template errors found while compiling, as diagnostics naming the template file.
  static void check_templates(const Theme& theme, Diagnostics& diags);

  // Renders `page_template` with `view`, then the layout around it with `layout_view`
  // (which receives the page as {{{content}}}), and below it `shared_layout` when given: a
  // name not in `layout_view` is looked up there, as if the two were one object (LayoutViews).
  // Templates named _x are partials: {{> _x}}.
  std::string render_page(const std::string& page_template, ViewData view, ViewData layout_view,
                          const ViewData* shared_layout = nullptr);
  std::string render(const std::string& template_name, ViewData view);

 private:
  // `inner_size`: the size of what the template includes whole from `view` (the page inside
  // the layout), when known, to make room for.
  std::string render_over(const std::string& template_name, ViewData& view, const ViewData* below,
                          size_t inner_size = 0);
  void add_partials(ViewData& view) const;

  const Theme& theme_;
  struct Compiled {
    kainjow::mustache::mustache mustache;
    size_t last_size = 0;        // of its last output, to reserve as much for the next
    size_t last_inner_size = 0;  // of the inner_size given for it
  };
  std::map<std::string, Compiled> compiled_;
  std::set<std::string> needs_partials_;  // templates still holding a {{> }} kainjow includes
};

}  // namespace scrutiny
