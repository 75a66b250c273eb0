#include "site_builder.h"

#include <memory>
#include <optional>

#include "build_model.h"
#include "committed_content.h"
#include "content_source.h"
#include "input_boundary.h"
#include "history_index.h"
#include "history_pages.h"
#include "open_data.h"
#include "output_folder.h"
#include "page_kinds.h"
#include "page_renderer.h"
#include "page_views.h"
#include "portal.h"
#include "search_index.h"
#include "site_files.h"
#include "theme.h"

namespace scrutiny {
namespace fs = std::filesystem;

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
  // In a repository the site is what HEAD holds, so the same commit always gives the same site
  // and no uncommitted edit goes live under a committed date; --no-history never reads git.
  std::optional<CommittedContent> committed;
  if (options.read_history) committed = CommittedContent::open(options.content_dir);
  ContentSource source;
  if (committed && !options.working_tree) {
    source = read_content(*committed, options.content_dir, diags);
    warn_uncommitted(content_inputs(committed->uncommitted_files()), options.content_dir, diags);
  } else {
    source = read_content(options.content_dir, diags);
    if (committed) mark_uncommitted(source, content_inputs(committed->uncommitted_files()));
  }
  const CommittedContent* from_commit = committed && !options.working_tree ? &*committed : nullptr;
  Portal portal = load_portal(std::move(source), diags);
  for (const Document& d : portal.documents) result.uncommitted_documents += d.uncommitted;
  std::string base_url;
  if (!options.base_url.empty()) base_url = normalise_base_url(options.base_url, "--base-url", 0, diags);
  PageRegistry kinds = builtin_page_kinds();
  kinds.insert(kinds.end(), options.extra_kinds.begin(), options.extra_kinds.end());
  Theme theme = load_theme(options.theme_dir, options.content_dir, diags, from_commit);
  require_templates(theme, required_templates(kinds), diags);
  PageRenderer::check_templates(theme, diags);

  // History is read only for a site that will be written, and not with --no-history. Without
  // it (check, --no-history, content with errors) the kinds that need it have no routes; theirs
  // lie under history/ and changes/, which no document may use (document_reader.cc), so check
  // still reports every collision a build would meet.
  std::optional<HistoryIndex> index;
  if (options.write && options.read_history && !diags.has_errors())
    index = HistoryIndex::open(options.content_dir, diags);
  // A commit made between reading the content and its history would mix two commits' sites.
  if (index && from_commit && index->head() && index->head()->id != from_commit->commit_id())
    diags.error(display_join(options.content_dir, ""), 0, "",
                "a commit was made while the site was being built: build again");
  std::unique_ptr<const BuildModel> model = make_build_model(std::move(portal), base_url, std::move(index), options.as_at);
  const Portal& site = model->portal;
  if (site.as_at && site.as_at_basis == AsAtBasis::latest_content) result.content_as_at = site.as_at->long_form();

  // Every page is known before any is rendered, so check reports every collision build would.
  const std::vector<Route> routes = compute_routes(*model, kinds);
  check_routes(routes, diags);
  for (const Route& r : routes) ++result.pages_by_kind[r.kind->template_name];
  result.pages = routes.size();
  if (diags.has_errors() || !options.write) return result;

  // Streaming: each worker builds one page's view, renders it, writes it and drops it, so
  // memory grows with the workers, not with the pages. Each worker compiles the templates once.
  const LayoutParts layout = layout_parts(*model, kinds);
  const unsigned workers = worker_count(routes.size());
  std::vector<std::optional<PageRenderer>> renderers(workers);
  std::vector<Diagnostics> worker_diags(workers);
  parallel_for_workers(routes.size(), workers, [&](unsigned w, size_t i) {
    const Route& route = routes[i];
    if (!renderers[w]) renderers[w].emplace(theme);
    PageView page = route.kind->view(*model, route);
    page.path = route.path;
    page.template_name = route.kind->template_name;
    page.section = route.kind->section;
    ViewData around = layout_view(site, layout, page);
    out->write(route.path, renderers[w]->render_page(page.template_name, std::move(page.view), std::move(around)),
               worker_diags[w]);
  });
  for (const Diagnostics& d : worker_diags) diags.append(d);

  for (const auto& [path, asset] : theme.assets)
    if (asset.committed) out->write(path, *asset.committed, diags);
    else if (asset.file.empty()) out->write(path, asset.builtin, diags);
    else out->copy_file(asset.file, path, diags);
  write_site_files(site, routes, *out, diags);
  write_open_data(site, *out, diags);
  out->write(kSearchIndexPath, search_index_json(site), diags);
  if (model->has_history()) out->write("changes/feed.xml", changes_feed(site, model->history), diags);
  out->write("updates/feed.xml", updates_feed(site, model->history), diags);
  if (diags.has_errors()) return result;
  result.files = out->files_written();
  out->commit(diags);
  return result;
}

}  // namespace scrutiny
