#include "site_builder.h"

#include <atomic>
#include <map>
#include <memory>
#include <thread>

#include "history_index.h"
#include "history_pages.h"
#include "markdown.h"
#include "open_data.h"
#include "output_folder.h"
#include "page_renderer.h"
#include "page_views.h"
#include "progress.h"
#include "progress_pages.h"
#include "portal.h"
#include "search_index.h"
#include "search_pages.h"
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

// A document whose id matches a generated page (say "actions/status/complete") would be
// overwritten by it, or overwrite it: refuse the build instead.
bool unique_paths(const Portal& portal, const std::vector<PageView>& pages, Diagnostics& diags) {
  std::map<std::string, const PageView*> seen;
  bool ok = true;
  for (const PageView& p : pages) {
    auto [it, inserted] = seen.emplace(p.path, &p);
    if (inserted) continue;
    ok = false;
    std::string file;
    for (const Document& d : portal.documents)
      if (document_page_path(d.id) == p.path) file = d.display_path;
    diags.error(file.empty() ? p.path : file, 1, "id",
                "this document's page would be " + p.path + ", which the generator writes for its own "
                "pages: give the document another id or file name");
  }
  return ok;
}

}  // namespace

BuildResult build_site(const BuildOptions& options, Diagnostics& diags) {
  BuildResult result;
  // The output folder is settled and locked before any content is read, so a build that had
  // to wait for another into the same folder publishes the content as it is once that one ends.
  std::unique_ptr<OutputFolder> out;
  if (options.write) {
    fs::path destination =
        OutputFolder::resolve_destination(options.out_dir, {options.content_dir, options.theme_dir}, diags);
    if (destination.empty()) return result;
    out = std::make_unique<OutputFolder>(destination, diags, options.notice);
    if (!out->ok()) return result;
  }
  Portal portal = load_portal(options.content_dir, diags);
  if (!options.base_url.empty())
    portal.config.base_url = normalise_base_url(options.base_url, "--base-url", 0, diags);
  Theme theme = load_theme(options.theme_dir, options.content_dir, diags);
  PageRenderer::check_templates(theme, diags);
  if (diags.has_errors() || !options.write) return result;
  HistoryIndex index;
  SiteHistory history;
  SiteFacts facts;
  if (options.read_history) {
    index = HistoryIndex::open(options.content_dir, diags);
    history.index = &index;
    history.documents = read_histories(portal, index);
    history.moved = moved_deadlines(portal, index, history.documents);
    // "As at" is the date of the commit the site is built from, never the clock's.
    if (const CommitInfo* head = index.head())
      portal.as_at = Date::from_unix(head->commit_time, head->commit_offset);
  } else {
    // No git: every document has an empty history, and "as at" is the content's own latest
    // date (still never the clock's, so the same content gives the same site).
    history.documents.resize(portal.documents.size());
    portal.without_history = true;
    portal.as_at = latest_recorded_date(portal.documents);
    facts.as_at_from_content = true;
    if (portal.as_at) result.content_as_at = portal.as_at->long_form();
  }
  if (portal.as_at) {
    facts.as_at_iso = portal.as_at->iso();
    facts.as_at_text = portal.as_at->long_form();
  }

  std::vector<PageView> pages(portal.documents.size());
  std::vector<std::vector<PageView>> revision_pages(portal.documents.size());
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
    add_history_to_document_page(portal, history, i, pages[i]);
    add_timeline_to_document_page(portal, history, i, pages[i]);
    revision_pages[i] = document_history_pages(portal, history, i);
  });
  for (const PageView& p : pages) ++result.pages_by_kind[p.template_name];
  for (PageView& p : list_pages(portal)) {
    ++result.pages_by_kind["list"];
    pages.push_back(std::move(p));
  }
  for (PageView& p : search_pages(portal)) {
    ++result.pages_by_kind[p.template_name];
    pages.push_back(std::move(p));
  }
  for (auto& list : revision_pages)
    for (PageView& p : list) {
      ++result.pages_by_kind[p.template_name];
      pages.push_back(std::move(p));
    }
  for (PageView& p : progress_pages(portal)) {
    ++result.pages_by_kind[p.template_name];
    pages.push_back(std::move(p));
  }
  if (options.read_history)
    for (PageView& p : change_pages(portal, history)) {
      ++result.pages_by_kind[p.template_name];
      pages.push_back(std::move(p));
    }
  pages.push_back(home_page(portal, facts));
  pages.push_back(not_found_page(portal));
  result.pages = pages.size();
  if (!unique_paths(portal, pages, diags)) return result;

  render_pages(portal, theme, pages, *out, diags);
  for (const auto& [path, asset] : theme.assets)
    asset.file.empty() ? out->write(path, asset.builtin, diags) : out->copy_file(asset.file, path, diags);
  write_site_files(portal, pages, *out, diags);
  write_open_data(portal, facts, *out, diags);
  out->write(kSearchIndexPath, search_index_json(portal), diags);
  if (options.read_history) out->write("changes/feed.xml", changes_feed(portal, history), diags);
  out->write("updates/feed.xml", updates_feed(portal, history), diags);
  if (diags.has_errors()) return result;
  result.files = out->files_written();
  out->commit(diags);
  return result;
}

}  // namespace scrutiny
