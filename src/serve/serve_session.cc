#include "serve_session.h"

#include <cstdio>

namespace scrutiny {
namespace fs = std::filesystem;

namespace {

std::string seconds_text(double seconds) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f s", seconds);
  return text;
}

// "content/actions/a01.md" or "content/actions/a01.md and 3 more files". An editor's temporary
// files, gone by now, are left out unless nothing else changed (a file was deleted).
std::string describe_changes(const std::vector<fs::path>& all) {
  std::vector<fs::path> changed;
  std::error_code ec;
  for (const fs::path& p : all)
    if (fs::is_regular_file(p, ec)) changed.push_back(p);
  if (changed.empty()) changed = all;
  if (changed.empty()) return "a change";
  std::string text = changed.front().generic_string();
  if (changed.size() > 1)
    text += " and " + std::to_string(changed.size() - 1) + (changed.size() == 2 ? " more file" : " more files");
  return text;
}

}  // namespace

ServeSession::ServeSession(ServeOptions options, std::ostream& log)
    : options_(std::move(options)), log_(log), builds_(options_.build), server_(builds_) {}

ServeSession::~ServeSession() { stop(); }

std::string ServeSession::address_url() const {
  std::string host = options_.address.find(':') != std::string::npos ? "[" + options_.address + "]" : options_.address;
  return "http://" + host + ":" + std::to_string(port()) + "/";
}

bool ServeSession::start(std::string& problem) {
  if (!builds_.ok()) {
    problem = builds_.problem();
    return false;
  }
  // Watching starts before the first build, so a save during it is not missed.
  std::vector<fs::path> roots = {options_.build.content_dir};
  if (!options_.build.theme_dir.empty()) roots.push_back(options_.build.theme_dir);
  watcher_ = std::make_unique<ContentWatcher>(roots);
  if (!watcher_->ok()) {
    problem = watcher_->problem();
    return false;
  }
  if (!server_.bind(options_.address, options_.port, problem)) return false;
  builds_.set_base_url(address_url());
  report(*builds_.rebuild(), "");
  server_thread_ = std::thread([this] { server_.run(); });
  server_.wait_until_running();  // else a stop() straight away could miss it
  watch_thread_ = std::thread([this] { watch(); });
  std::lock_guard lock(log_mutex_);
  log_ << "Serving " << options_.build.content_dir.generic_string() << " at " << address_url()
       << " (press Ctrl+C to stop). Pages reload when you save a change.\n" << std::flush;
  return true;
}

void ServeSession::watch() {
  for (;;) {
    std::vector<fs::path> changed = watcher_->wait_for_changes(options_.quiet_for);
    if (changed.empty()) return;  // stopped
    report(*builds_.rebuild(), describe_changes(changed));
  }
}

void ServeSession::report(const PreviewState& state, const std::string& cause) {
  std::lock_guard lock(log_mutex_);
  std::string after = cause.empty() ? "" : " after " + cause + " changed";
  if (state.errors.empty()) {
    log_ << (cause.empty() ? "Built" : "Rebuilt" + after + ":") << " " << state.pages << " pages in "
         << seconds_text(state.seconds)
         << (state.pages_skipped > 0 ? " (" + std::to_string(state.pages_skipped) + " unchanged, kept)" : "") << ".\n"
         << std::flush;
    return;
  }
  for (const Diagnostic& d : state.errors) log_ << format_diagnostic(d) << "\n";
  log_ << "Not rebuilt" << after << ": " << state.errors.size() << (state.errors.size() == 1 ? " error" : " errors")
       << ", shown in the browser too. "
       << (state.site ? "The last good build stays at " + address_url() + std::string(kServePrefix).substr(1) +
                            "last-good/.\n"
                      : "Fix them and save: the site is built as soon as they are fixed.\n")
       << std::flush;
}

void ServeSession::stop() {
  std::call_once(stopped_, [this] {
    if (watcher_) watcher_->stop();
    server_.stop();
    if (watch_thread_.joinable()) watch_thread_.join();
    if (server_thread_.joinable()) server_thread_.join();
  });
}

}  // namespace scrutiny
