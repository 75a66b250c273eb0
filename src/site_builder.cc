#include "site_builder.h"

#include <atomic>
#include <thread>

#include "markdown.h"
#include "output_folder.h"
#include "page_renderer.h"
#include "page_views.h"
#include "portal.h"
#include "site_files.h"
#include "site_path.h"
#include "theme.h"

namespace scrutiny {
namespace fs = std::filesystem;

namespace {

// Renders pages on every core, each worker with its own compiled templates.
void render_pages(const Portal& portal, const Theme& theme, std::vector<PageView>& pages,
                  OutputFolder& out, Diagnostics& diags) {
  unsigned threads = std::max(1u, std::min<unsigned>(std::thread::hardware_concurrency(), pages.size()));
  std::atomic<size_t> next{0};
  std::vector<Diagnostics> worker_diags(threads);
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      PageRenderer renderer(theme);
      for (size_t i; (i = next.fetch_add(1)) < pages.size();) {
        PageView& page = pages[i];
        std::string html = renderer.render_page(page.template_name, page.view, layout_view(portal, page));
        out.write(page.path, html, worker_diags[t]);
      }
    });
  }
  for (auto& th : pool) th.join();
  for (const auto& d : worker_diags) diags.append(d);
}

}  // namespace

BuildResult build_site(const BuildOptions& options, Diagnostics& diags) {
  BuildResult result;
  Portal portal = load_portal(options.content_dir, diags);
  if (!options.base_url.empty())
    portal.config.base_url = normalise_base_url(options.base_url, "--base-url", 0, diags);
  Theme theme = load_theme(options.theme_dir, options.content_dir / kThemeOverrideDir, diags);
  PageRenderer::check_templates(theme, diags);
  if (diags.has_errors() || !options.write) return result;
  if (!OutputFolder::check_destination(options.out_dir, diags)) return result;

  OutputFolder out(options.out_dir);
  if (!out.ok()) {
    diags.error(options.out_dir.generic_string(), 0, "", "cannot create a staging folder beside the output folder");
    return result;
  }

  SiteFacts facts;
  std::vector<PageView> pages(portal.documents.size());
  parallel_for(portal.documents.size(), [&](size_t i) {
    std::string from = document_page_path(portal.doc(i).id);
    LinkResolver resolve = [&](const std::string& id, LinkTarget& target) {
      int t = portal.links.find(id);
      if (t < 0) return false;
      target.title = portal.doc(t).title;
      target.href = relative_href(from, document_page_path(portal.doc(t).id));
      return true;
    };
    pages[i] = document_page(portal, i, portal.bodies[i].render_html(resolve));
  });
  for (const PageView& p : pages) ++result.pages_by_kind[p.template_name];
  for (PageView& p : list_pages(portal)) {
    ++result.pages_by_kind["list"];
    pages.push_back(std::move(p));
  }
  pages.push_back(home_page(portal, facts));
  pages.push_back(not_found_page(portal));
  result.pages = pages.size();

  render_pages(portal, theme, pages, out, diags);
  for (const auto& [path, source] : theme.assets) out.copy_file(source, path, diags);
  write_site_files(portal, pages, out, diags);
  if (diags.has_errors()) return result;
  result.files = out.files_written();
  out.commit(diags);
  return result;
}

}  // namespace scrutiny
