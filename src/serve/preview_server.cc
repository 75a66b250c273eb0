#include "preview_server.h"

#include <fstream>
#include <sstream>
#include <thread>
#include <sys/socket.h>

#include <httplib.h>

#include "error_page.h"
#include "served_path.h"

namespace scrutiny {
namespace fs = std::filesystem;

namespace {

// The script serve adds to each page. It asks for the builds after the page's own and reloads
// on the first; EventSource reconnects by itself when serve restarts.
constexpr const char* kReloadScript = R"js(// scrutiny serve: reloads this page when the site is rebuilt.
(function () {
  var script = document.currentScript;
  var since = script && script.dataset.generation ? script.dataset.generation : '0';
  var events = new EventSource('/__scrutiny/events?since=' + encodeURIComponent(since));
  events.addEventListener('reload', function () {
    events.close();
    location.reload();
  });
})();
)js";

const std::string kLastGood = std::string(kServePrefix) + "last-good";

std::string read_whole(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

bool wants_html(const httplib::Request& req, const std::optional<fs::path>& file) {
  if (file) return file->extension() == ".html";
  // A missing page: a browser asking for a page, not a stylesheet or an image.
  return req.get_header_value("Accept").find("text/html") != std::string::npos || req.path.back() == '/' ||
         fs::path(req.path).extension() == ".html";
}

// Answers `url_path` from `site`, the site's 404.html when there is no such file. `mount` is
// where the site is on the server: "" or the last good build's folder.
void answer_from(const PreviewSite& site, const std::string& mount, const std::string& url_path, unsigned generation,
                 httplib::Response& res) {
  std::optional<fs::path> file = served_file(site.folder(), url_path);
  if (!file) {
    res.status = 404;
    std::optional<fs::path> missing = served_file(site.folder(), "/404.html");
    std::string body = missing ? read_whole(*missing) : "<!DOCTYPE html><html lang=\"en\"><title>Not found</title><h1>Not found</h1></html>";
    res.set_content(with_reload_script(std::move(body), generation), "text/html; charset=utf-8");
    return;
  }
  if (file->filename() == "index.html" && url_path.back() != '/' && fs::path(url_path).filename() != "index.html") {
    // "/actions" is the folder: its page's relative links need the address to end in "/".
    res.set_redirect(mount + url_path + "/", 301);
    return;
  }
  std::string body = read_whole(*file);
  if (file->extension() == ".html") body = with_reload_script(std::move(body), generation);
  res.set_content(std::move(body), content_type_for(*file));
}

}  // namespace

std::string with_reload_script(std::string html, unsigned generation) {
  std::string tag = "<script src=\"" + std::string(kServePrefix) + "reload.js\" data-generation=\"" +
                    std::to_string(generation) + "\"></script>\n";
  size_t body_end = html.rfind("</body>");
  if (body_end == std::string::npos) body_end = html.rfind("</html>");
  if (body_end == std::string::npos) return html + tag;
  html.insert(body_end, tag);
  return html;
}

PreviewServer::PreviewServer(PreviewBuilds& builds) : builds_(builds), server_(std::make_unique<httplib::Server>()) {
  // Each open page holds one connection for its event stream: room for many tabs.
  server_->new_task_queue = [] { return new httplib::ThreadPool(64); };
  // httplib's default also sets SO_REUSEPORT, which would let a second serve share the port
  // silently; SO_REUSEADDR alone lets a restarted serve take its port back at once.
  server_->set_socket_options([](socket_t sock) {
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  server_->set_default_headers({{"Cache-Control", "no-store"}});

  server_->Get(std::string(kServePrefix) + "reload.js", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(kReloadScript, "text/javascript; charset=utf-8");
  });

  server_->Get(std::string(kServePrefix) + "events", [this](const httplib::Request& req, httplib::Response& res) {
    unsigned since = 0;
    try {
      since = static_cast<unsigned>(std::stoul(req.get_param_value("since")));
    } catch (...) {
      since = builds_.current()->generation;
    }
    res.set_header("X-Accel-Buffering", "no");
    res.set_chunked_content_provider("text/event-stream", [this, since](size_t, httplib::DataSink& sink) {
      std::shared_ptr<const PreviewState> state = builds_.wait_after(since, std::chrono::seconds(15));
      if (builds_.stopping()) return false;
      if (state->generation > since) {
        std::string event = "event: reload\ndata: " + std::to_string(state->generation) + "\n\n";
        sink.write(event.data(), event.size());
        sink.done();
        return true;
      }
      // A comment now and then: a connection that has gone is noticed, and proxies keep it open.
      static const std::string keep_alive = ": waiting for a change\n\n";
      return sink.write(keep_alive.data(), keep_alive.size());
    });
  });

  server_->Get(kLastGood + "(/.*)?", [this](const httplib::Request& req, httplib::Response& res) {
    std::shared_ptr<const PreviewState> state = builds_.current();
    if (!state->site) {
      res.status = 404;
      res.set_content(with_reload_script(error_page_html(state->errors, ""), state->generation),
                      "text/html; charset=utf-8");
      return;
    }
    std::string rest = req.path.substr(kLastGood.size());
    if (rest.empty()) return res.set_redirect(kLastGood + "/", 301);
    answer_from(*state->site, kLastGood, rest, state->generation, res);
  });

  server_->Get(".*", [this](const httplib::Request& req, httplib::Response& res) {
    std::shared_ptr<const PreviewState> state = builds_.current();
    std::optional<fs::path> file;
    if (state->site) file = served_file(state->site->folder(), req.path);
    if (!state->errors.empty() && wants_html(req, file)) {
      res.status = 500;
      std::string last_good = state->site ? kLastGood + req.path : "";
      res.set_content(with_reload_script(error_page_html(state->errors, last_good), state->generation),
                      "text/html; charset=utf-8");
      return;
    }
    if (!state->site) {
      res.status = 503;
      res.set_content("The site is being built.\n", "text/plain; charset=utf-8");
      return;
    }
    answer_from(*state->site, "", req.path, state->generation, res);
  });
}

PreviewServer::~PreviewServer() { stop(); }

bool PreviewServer::bind(const std::string& address, int port, std::string& problem) {
  if (port == 0) {
    port_ = server_->bind_to_any_port(address);
    if (port_ > 0) return true;
  } else if (server_->bind_to_port(address, port)) {
    port_ = port;
    return true;
  }
  problem = port == 0 ? "cannot listen on " + address + ": check the address (--bind)"
                      : "cannot listen on " + address + " port " + std::to_string(port) +
                            ": another program (perhaps another scrutiny serve) is using that port, or the address "
                            "is not one of this computer's. Pick another with --port, or stop the other program.";
  return false;
}

void PreviewServer::run() {
  server_->listen_after_bind();
  finished_ = true;
}

void PreviewServer::wait_until_running() const {
  while (!server_->is_running() && !finished_) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

void PreviewServer::stop() {
  builds_.stop_waiting();
  if (server_->is_running()) server_->stop();
}

}  // namespace scrutiny
