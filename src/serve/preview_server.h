#pragma once
// The HTTP server of `scrutiny serve`: the latest preview build, its errors, and live reload.

#include <atomic>
#include <memory>
#include <string>

#include "preview_builds.h"

namespace httplib {
class Server;
}

namespace scrutiny {

// Where the reload script and the event stream live: a folder no site page can use, since
// document ids may not start with "_".
inline constexpr const char* kServePrefix = "/__scrutiny/";

// Serves what `builds` publishes. Every HTML page gets a script (a file, so the page's
// Content-Security-Policy allows it) that reloads it when the next build is published, through
// Server-Sent Events from /__scrutiny/events. While the latest build failed, every HTML request
// gets the error page instead, and the last good site stays at /__scrutiny/last-good/.
class PreviewServer {
 public:
  explicit PreviewServer(PreviewBuilds& builds);
  ~PreviewServer();
  PreviewServer(const PreviewServer&) = delete;
  PreviewServer& operator=(const PreviewServer&) = delete;

  // Binds `address` (an IP address or host name) and `port` (0: any free port). False, with
  // `problem` set in words for the officer, when that is not possible (say, the port is taken).
  bool bind(const std::string& address, int port, std::string& problem);
  int port() const { return port_; }

  // Answers requests until stop(); call after bind().
  void run();
  // Returns once run() is answering requests (or has failed to start).
  void wait_until_running() const;
  // Safe from another thread (not from a signal handler: use a thread that waits for one).
  void stop();

 private:
  PreviewBuilds& builds_;
  std::unique_ptr<httplib::Server> server_;
  int port_ = 0;
  std::atomic<bool> finished_{false};
};

// Adds serve's reload script to an HTML page, just before </body>, marked with the build
// generation the page came from (so a build published before the script connects still reloads it).
std::string with_reload_script(std::string html, unsigned generation);

}  // namespace scrutiny
