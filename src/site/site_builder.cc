#include "site_builder.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <future>
#include <memory>
#include <mutex>
#include <optional>

#include "author_roles.h"
#include "build_model.h"
#include "cache_file.h"
#include "cache_file_writer.h"
#include "committed_content.h"
#include "content_source.h"
#include "contradictions.h"
#include "document_history.h"
#include "input_boundary.h"
#include "former_ids.h"
#include "history_index.h"
#include "history_pages.h"
#include "history_snapshot.h"
#include "open_data.h"
#include "output_folder.h"
#include "page_key.h"
#include "page_kinds.h"
#include "page_manifest.h"
#include "page_renderer.h"
#include "page_views.h"
#include "parsed_revisions.h"
#include "portal.h"
#include "program_identity.h"
#include "search_index.h"
#include "sha256.h"
#include "site_files.h"
#include "theme.h"
#include "withdrawn_revisions.h"

namespace scrutiny {
namespace fs = std::filesystem;

namespace {

// In the cache folder: a digest of withdrawn.toml as the site in place was built with it.
constexpr const char* kWithdrawalsFile = "withdrawals";

// Times the build's steps and tells the listener, one call at a time.
class StepReporter {
 public:
  StepReporter(const BuildProgressListener& listener, BuildResult& result) : listener_(listener), result_(result) {}

  void begin(BuildStep step, size_t total = 0) {
    current_ = BuildProgress{step, 0, total, false, 0};
    start_ = std::chrono::steady_clock::now();
    tell(current_);
  }
  // Safe from several threads at once.
  void advance() {
    size_t done = ++done_;
    if (listener_) tell(BuildProgress{current_.step, done, current_.total, false, 0});
  }
  void finish(size_t count) {
    current_.done = current_.total = count;
    current_.finished = true;
    current_.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    result_.steps.push_back(current_);
    tell(current_);
    done_ = 0;
  }

 private:
  void tell(const BuildProgress& p) {
    if (!listener_) return;
    std::lock_guard lock(mutex_);
    listener_(p);
  }

  const BuildProgressListener& listener_;
  BuildResult& result_;
  BuildProgress current_;
  std::chrono::steady_clock::time_point start_;
  std::atomic<size_t> done_{0};
  std::mutex mutex_;
};

// Keeps what this build read of git for the next one: in serve's memory, or in the file beside
// the output folder (still under its lock). A history that cannot be kept (a shallow clone's)
// leaves no file, so none goes stale.
void keep_history(const HistoryIndex& index, const fs::path& file, const BuildOptions& options, Diagnostics& diags) {
  HistorySnapshot snapshot = index.snapshot();
  if (options.kept_history) {
    *options.kept_history = std::move(snapshot);
    return;
  }
  if (file.empty()) return;
  std::error_code ec;
  if (snapshot.empty()) {
    fs::remove(file, ec);
    return;
  }
  std::string problem;
  if (!snapshot.save(file, problem))
    diags.warning(display_join(file.parent_path(), ""), 0, "",
                  "cannot keep the history read for the next build (" + problem +
                      "): the site was built, and the next build reads the whole history again");
}

// What parsing an old revision reads besides its blob and paths: this program (its built-in
// vocabulary and rules) and portal.toml (the portal's vocabulary). Empty when this program's
// file cannot be told, and then no parsed revision is kept or reused.
std::string revision_inputs(const ContentSource& source) {
  const std::string program = program_identity();
  if (program.empty()) return {};
  Sha256 sha;
  auto add = [&sha](std::string_view part) {
    sha.update(std::to_string(part.size()) + ":");
    sha.update(part);
  };
  add("scrutiny parsed revisions");
  add(program);
  add(source.portal ? "portal.toml" : "no portal.toml");
  if (source.portal) add(source.portal->text);
  return sha.hex();
}

// The old revisions the last build parsed: from serve's memory or the file beside the output
// folder. --cold (reuse_history false) reads every revision again; a missing, damaged or
// foreign file is read from git without a word. Used only when parsed for the same inputs
// (revision_inputs), which are known only once the content is read.
std::optional<ParsedRevisions> kept_revisions(const BuildOptions& options, const fs::path& file) {
  if (!options.reuse_history || program_identity().empty()) return std::nullopt;
  std::string problem;
  if (options.kept_revisions) return ParsedRevisions::decode(*options.kept_revisions, problem);
  if (!file.empty()) return ParsedRevisions::load(file, problem);
  return std::nullopt;
}

// What the last builds into the folder left to be reused, read while the content is: tens of
// megabytes at national scale, which a rebuild would otherwise wait for.
struct KeptFromLastBuilds {
  std::optional<ParsedRevisions> revisions;
  std::optional<PageManifest> in_place;  // the site in place's page manifest
  std::optional<PageManifest> spare;     // the spare site's
};

// Keeps the revisions this build parsed for the next one, as keep_history keeps the history:
// in serve's memory, or by putting in place the file `written` already holds (revisions_writer).
void keep_revisions(const BuildModel& model, CacheFileWriter* written, const fs::path& file,
                    const std::string& inputs, const BuildOptions& options, Diagnostics& diags) {
  if (inputs.empty()) return;
  if (options.kept_revisions) {
    *options.kept_revisions = encode_parsed_revisions(model.portal, model.history.documents, inputs);
    return;
  }
  if (written && !written->commit())
    diags.warning(display_join(file.parent_path(), ""), 0, "",
                  "cannot keep the revisions read for the next build (" + written->problem() +
                      "): the site was built, and the next build reads every revision again");
}

}  // namespace

BuildResult build_site(const BuildOptions& options, Diagnostics& diags) {
  BuildResult result;
  // The output folder is settled and locked before any content is read, so a build that had
  // to wait for another into the same folder publishes the content as it is once that one ends.
  std::unique_ptr<OutputFolder> out;
  fs::path destination;
  // The previous build's page manifest, trusted only for the very site it describes.
  std::optional<PageManifest> previous;
  if (options.write) {
    destination =
        OutputFolder::resolve_destination(options.out_dir, {options.content_dir, options.theme_dir}, diags);
    if (destination.empty()) return result;
    out = std::make_unique<OutputFolder>(destination, diags, options.notice);
    if (!out->ok()) return result;
    // serve builds each preview into a folder of its own, linking unchanged files from the one
    // being served; build rewrites the spare site in place (taken just before writing, below).
    if (options.previous && options.reuse_unchanged_files) {
      out->reuse_unchanged_files(options.previous->site);
      previous = options.previous->manifest;  // kept there should this build fail
      if (!out->previous_site() || previous->site != *out->previous_site()) previous.reset();
    }
  }
  // What the last build into this folder (or serve's last build) read of git, so that only the
  // commits made since are read. Written under the output folder's lock; a missing, damaged or
  // foreign file is simply read again from git.
  fs::path history_file;
  std::optional<HistorySnapshot> known_history;
  if (options.read_history && options.kept_history) {
    if (options.reuse_history) known_history = *options.kept_history;
  } else if (options.read_history && out) {
    history_file = OutputFolder::cache_folder(destination) / "history-index";
    std::string problem;
    if (options.reuse_history) known_history = HistorySnapshot::load(history_file, problem);
  }
  const HistorySnapshot* known = known_history ? &*known_history : nullptr;
  // Beside it, the old revisions it parsed (serve keeps them in memory instead).
  fs::path revisions_file;
  if (options.read_history && out && !options.kept_revisions)
    revisions_file = OutputFolder::cache_folder(destination) / "parsed-revisions";
  // Read on a thread of its own while the content is read and checked; each part is trusted
  // only once checked below. The build waits for it before returning, whatever happens.
  std::future<KeptFromLastBuilds> kept_future = std::async(std::launch::async, [&] {
    KeptFromLastBuilds kept;
    if (options.read_history && options.write) kept.revisions = kept_revisions(options, revisions_file);
    if (out && !options.previous && options.reuse_unchanged_files) {
      const fs::path cache = OutputFolder::cache_folder(destination);
      kept.in_place = read_page_manifest(cache);
      kept.spare = read_page_manifest(cache, kSpareManifestFile);
    }
    return kept;
  });

  // Git's history is read on threads of its own while the content is read and checked (at
  // national scale its walk takes a second, the content a third of one); what opening it said
  // is reported below, with the rest. The build waits for it before returning, whatever happens.
  Diagnostics opening;
  std::future<HistoryIndex> opening_index;
  if (options.read_history)
    opening_index = std::async(std::launch::async, [&] { return HistoryIndex::open(options.content_dir, opening, known); });
  std::optional<HistoryIndex> history_read;
  auto opened_index = [&]() -> HistoryIndex& {
    if (!history_read) history_read.emplace(opening_index.get());
    return *history_read;
  };

  StepReporter steps(options.progress, result);
  steps.begin(BuildStep::documents);
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
  // What is withdrawn (withdrawn.toml as read), to tell a build that withdraws something new.
  std::string withdrawals;
  if (source.withdrawn) {
    Sha256 digest;
    digest.update(source.withdrawn->text);
    withdrawals = digest.hex(16);
  }
  // Digested as read, for the pages' keys: a document's whole file, whatever its fields are.
  ContentDigests content_digests;
  if (options.write) content_digests = digest_content(source);
  const std::string revisions_read_for = options.write && options.read_history ? revision_inputs(source) : "";
  // A reference to a renamed document's old id is told its id now, by check and build alike,
  // from the history the build reads anyway.
  FormerIds renamed;
  if (options.read_history)
    renamed = [&](const std::vector<Document>& documents) { return former_ids(opened_index(), documents); };
  Portal portal = load_portal(std::move(source), diags, renamed);
  for (const Document& d : portal.documents) result.uncommitted_documents += d.uncommitted;
  std::string base_url;
  if (!options.base_url.empty()) base_url = normalise_base_url(options.base_url, "--base-url", 0, diags);
  PageRegistry kinds = builtin_page_kinds();
  kinds.insert(kinds.end(), options.extra_kinds.begin(), options.extra_kinds.end());
  Theme theme = load_theme(options.theme_dir, options.content_dir, diags, from_commit);
  require_templates(theme, required_templates(kinds), diags);
  PageRenderer::check_templates(theme, diags);

  // Git is read by check, and by a build of content without errors (not with --no-history),
  // so check reports unmapped authors and bad withdrawn.toml entries as a build would. History
  // pages are made only for a site that will be written. Without them (check, --no-history,
  // content with errors) the kinds that need history have no routes; theirs lie under history/
  // and changes/, which no document may use (document_reader.cc), so check still reports every
  // collision a build would meet.
  std::optional<HistoryIndex> index;
  const bool with_history = options.write && options.read_history && !diags.has_errors();
  if (options.read_history && (!options.write || !diags.has_errors())) {
    if (with_history) {
      steps.finish(portal.documents.size());
      steps.begin(BuildStep::history);
    }
    // Outside a repository check stays quiet, as it always has; build says what it leaves out.
    HistoryIndex opened = std::move(opened_index());
    result.history_commits_read = opened.commits_read();
    if (options.write) diags.append(opening);
    if (opened.available()) {
      report_unmapped_authors(portal.config, opened.commits(), diags);
      WithdrawnRevisions checked(portal, opened, diags);
    }
    // Judged at the date a build stands at by default, so check and build warn alike.
    if (const CommitInfo* head = opened.head(); head && !options.as_at)
      check_completed_dates(portal.documents, Date::from_unix(head->commit_time, head->commit_offset), diags);
    if (options.write && !diags.has_errors()) index = std::move(opened);
  }
  if (options.as_at) check_completed_dates(portal.documents, options.as_at->date, diags);
  // A commit made between reading the content and its history would mix two commits' sites.
  if (index && from_commit && index->head() && index->head()->id != from_commit->commit_id())
    diags.error(display_join(options.content_dir, ""), 0, "",
                "a commit was made while the site was being built: build again");
  const size_t documents = portal.documents.size();
  KeptFromLastBuilds kept = kept_future.get();
  std::optional<ParsedRevisions> parsed;
  if (index && kept.revisions && !revisions_read_for.empty() && kept.revisions->inputs() == revisions_read_for)
    parsed = std::move(kept.revisions);
  kept.revisions.reset();
  std::unique_ptr<const BuildModel> model = make_build_model(std::move(portal), base_url, std::move(index),
                                                             options.as_at, parsed ? &*parsed : nullptr);
  // The kept revisions are written again only when enough of them would change: a new commit
  // adds a revision or two, which the next builds read from git again rather than each build
  // writing tens of megabytes (47 MB at 2,000 documents x 8,000 commits) for them. One kept
  // but not taken (withdrawn since, or no longer in the history) always means writing them
  // again, so a withdrawn revision's text leaves the cache folder at the next build.
  bool keep_parsed = true;
  if (parsed) {
    result.revisions_kept = parsed->taken();
    size_t parsed_now = 0;
    for (const DocumentHistory& h : model->history.documents)
      for (const DocumentRevision& r : h.revisions) parsed_now += r.document != nullptr;
    const size_t read_again = parsed_now - std::min(parsed_now, parsed->taken());
    keep_parsed = parsed->taken() < parsed->size() || read_again * 64 > parsed_now;
  }
  parsed.reset();
  const Portal& site = model->portal;
  // Without history, rendering the bodies belongs to reading the documents.
  steps.finish(with_history && model->index ? model->index->commits().size() : documents);
  if (site.as_at && site.as_at_basis == AsAtBasis::latest_content) result.content_as_at = site.as_at->long_form();

  // Every page is known before any is rendered, so check reports every collision build would.
  const std::vector<Route> routes = compute_routes(*model, kinds);
  check_routes(routes, diags);
  for (const Route& r : routes) ++result.pages_by_kind[r.kind->template_name];
  result.pages = routes.size();
  if (diags.has_errors() || !options.write) return result;

  // The kept revisions go to their file while the pages are written, on a thread of their own:
  // encoded once every page was written, they were a second on one core, with all their bytes
  // in memory at once (116 MB at 5,000 documents x 20,000 commits, the build's highest use of
  // it). The model they are read from no longer changes. Not begun before the routes are known
  // good, so a build refused for them does not wait for it. The file is put in place only once
  // the site is published (keep_revisions); on every other way out of the build the future's
  // destructor waits for the thread, then the writer's removes the temporary file, and the
  // file kept before is left as it was.
  std::optional<CacheFileWriter> revisions_writer;
  std::future<void> revisions_written;
  if (keep_parsed && model->index && !revisions_file.empty() && !revisions_read_for.empty())
    revisions_written = std::async(std::launch::async, [&] {
      revisions_writer.emplace(revisions_file);
      write_parsed_revisions(site, model->history.documents, revisions_read_for, *revisions_writer);
    });

  // The spare's manifest and the site in place's, each trusted only for the very site it
  // describes.
  std::optional<PageManifest> spare;
  if (!options.previous) {
    out->take_spare(diags);
    if (!out->ok()) return result;
    const fs::path cache = OutputFolder::cache_folder(destination);
    if (kept.in_place && out->previous_site() && kept.in_place->site == *out->previous_site())
      previous = std::move(kept.in_place);
    if (kept.spare && out->spare_site() && kept.spare->site == *out->spare_site()) spare = std::move(kept.spare);
    // After a withdrawal this build is the first to make, the site it replaces still shows
    // the withdrawn text: it is removed, not kept beside the output as the spare. Unknown
    // (no record of what the site in place withdrew) counts as new.
    std::string problem;
    std::optional<std::string> withdrawn_before = read_cache_file(cache / kWithdrawalsFile, 64, problem);
    if (!withdrawals.empty() && withdrawn_before != withdrawals) out->remove_replaced_site();
  }

  steps.begin(BuildStep::pages, routes.size());
  // Streaming: each worker builds one page's view, renders it, writes it and drops it, so
  // memory grows with the workers, not with the pages. The templates are compiled once, by the
  // first worker that renders, and each worker renders with its own copy.
  const LayoutParts layout = layout_parts(*model, kinds);
  const PageInputs inputs = page_inputs(*model, theme, layout, content_digests);
  const unsigned workers = worker_count(routes.size());
  std::optional<PageRenderer> compiled;
  std::once_flag compile_once;
  std::vector<std::optional<PageRenderer>> renderers(workers);
  std::vector<std::optional<LayoutViews>> layouts(workers);
  std::vector<Diagnostics> worker_diags(workers);
  std::vector<std::vector<std::pair<std::string, PageManifest::Page>>> recorded(workers);
  std::atomic<size_t> not_built{0}, not_rendered{0};
  // The files that are not pages (the theme's assets, the sitemap, open data, the search index,
  // the feeds) are made while the pages are: in a rebuild, where most pages are kept unbuilt,
  // they would otherwise be a good part of its time.
  std::future<Diagnostics> other_files = std::async(std::launch::async, [&] {
    Diagnostics d;
    for (const auto& [path, asset] : theme.assets)
      if (asset.committed) out->write(path, *asset.committed, d);
      else if (asset.file.empty()) out->write(path, asset.builtin, d);
      else out->copy_file(asset.file, path, d);
    write_site_files(*model, routes, *out, d);
    write_open_data(site, *out, d, model->history.slippage);
    for (const SearchFile& f : search_index_files(site)) out->write(f.path, f.text, d);
    if (model->has_history()) out->write(kChangesFeedPath, changes_feed(site, model->history), d);
    out->write(kUpdatesFeedPath, updates_feed(site, model->since_last_meeting), d);
    return d;
  });
  parallel_for_workers(routes.size(), workers, [&](unsigned w, size_t i) {
    const Route& route = routes[i];
    PageManifest::Page record;
    // The previous site's file, linked unread, when the page's key is the one it was written for.
    // Or the spare's, untouched, when the page is the same as two builds ago.
    auto keep_previous = [&] {
      if (record.key.empty()) return false;
      const PageManifest::Page* in_spare = spare ? spare->find(route.path) : nullptr;
      if (in_spare && in_spare->key == record.key && out->keep_spare_file(route.path, in_spare->file)) {
        record.file = in_spare->file;
      } else {
        const PageManifest::Page* in_previous = previous ? previous->find(route.path) : nullptr;
        if (!in_previous || in_previous->key != record.key ||
            !out->link_previous(route.path, in_previous->file, worker_diags[w], &record.file))
          return false;
      }
      recorded[w].emplace_back(route.path, std::move(record));
      steps.advance();
      return true;
    };
    record.key = key_from_inputs(*model, inputs, route);
    if (keep_previous()) {
      ++not_built;
      return;
    }
    PageView page = route.kind->view(*model, route);
    page.path = route.path;
    add_glossary_hrefs(model->glossary, page);
    page.template_name = route.kind->template_name;
    page.section = route.kind->section;
    // A page keyed by its view has the whole layout in its key; one keyed by its inputs is
    // rendered over its folder's shared part of the layout, built once for the run.
    ViewData around;
    const ViewData* shared_layout = nullptr;
    if (record.key.empty()) {
      around = layout_view(site, layout, page);
      record.key = key_from_view(inputs, page.template_name, page.view, around);
      if (keep_previous()) {
        ++not_rendered;
        return;
      }
    } else {
      if (!layouts[w]) layouts[w].emplace(site, layout);
      around = layouts[w]->own(page);
      shared_layout = &layouts[w]->shared(page);
    }
    if (!renderers[w]) {  // compiled only once a worker renders
      std::call_once(compile_once, [&] { compiled.emplace(theme); });
      renderers[w].emplace(*compiled);
    }
    out->write(route.path,
               renderers[w]->render_page(page.template_name, std::move(page.view), std::move(around), shared_layout),
               worker_diags[w], &record.file);
    if (!record.key.empty() && record.file.inode != 0) recorded[w].emplace_back(route.path, std::move(record));
    steps.advance();
  });
  for (const Diagnostics& d : worker_diags) diags.append(d);
  diags.append(other_files.get());
  // The last builds' manifests are not read again: tens of megabytes at national scale, freed
  // before this build's manifest is made, which reuses their memory.
  previous.reset();
  spare.reset();
  result.pages_not_built = not_built;
  result.pages_not_rendered = not_rendered;
  if (diags.has_errors()) return result;
  result.files = out->files_written();
  result.files_reused = out->files_reused();
  PageManifest manifest;
  std::optional<FileIdentity> this_site = out->this_site();
  if (this_site) {
    manifest.site = *this_site;
    for (auto& pages : recorded)
      for (auto& [path, page] : pages) manifest.pages.emplace(std::move(path), std::move(page));
  }
  const bool published = out->commit(diags);
  if (revisions_written.valid()) revisions_written.get();  // the file whole before it is put in place
  if (published && model->index) {
    keep_history(*model->index, history_file, options, diags);
    if (keep_parsed)
      keep_revisions(*model, revisions_writer ? &*revisions_writer : nullptr, revisions_file, revisions_read_for,
                     options, diags);
  }
  if (published && this_site) {
    // Under the lock still, so the manifest is the committed site's, never a later build's.
    if (options.previous) {
      *options.previous = {destination, std::move(manifest)};
    } else {
      // The site replaced is the spare now, and its manifest goes with it.
      const fs::path cache = OutputFolder::cache_folder(destination);
      std::error_code ec;
      fs::rename(cache / kPageManifestFile, cache / kSpareManifestFile, ec);
      if (ec) fs::remove(cache / kSpareManifestFile, ec);
      write_page_manifest(cache, manifest);
      std::string problem;
      replace_cache_file(cache / kWithdrawalsFile, withdrawals, problem);
    }
  }
  steps.finish(routes.size());
  return result;
}

}  // namespace scrutiny
