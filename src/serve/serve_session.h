#pragma once
// `scrutiny serve`: builds, serves, watches the content and rebuilds on each change.

#include <chrono>
#include <memory>
#include <mutex>
#include <ostream>
#include <string>
#include <thread>

#include "content_watcher.h"
#include "preview_builds.h"
#include "preview_server.h"
#include "site_builder.h"

namespace scrutiny {

// What `scrutiny serve` is asked to do.
struct ServeOptions {
  BuildOptions build;                // content, theme, base URL; its out_dir is not used
  std::string address = "127.0.0.1";  // loopback: only this computer can see the preview
  int port = 1313;                   // 0: any free port (tests)
  std::chrono::milliseconds quiet_for{50};  // a burst of changes closer than this is one change
};

// One serve run: the first build, the server on its own thread and the watcher on another.
class ServeSession {
 public:
  ServeSession(ServeOptions options, std::ostream& log);
  ~ServeSession();  // stops, and removes every build's folder
  ServeSession(const ServeSession&) = delete;
  ServeSession& operator=(const ServeSession&) = delete;

  // Builds once, binds and starts serving and watching. False, with `problem` set, when it
  // cannot serve (port taken, no temporary folder, no inotify); content errors are not a
  // reason: the error page shows them.
  bool start(std::string& problem);
  int port() const { return server_.port(); }
  std::string address_url() const;  // "http://127.0.0.1:1313/"

  // Stops serving and watching; safe from any thread, any number of times.
  void stop();

  PreviewBuilds& builds() { return builds_; }

 private:
  void watch();
  void report(const PreviewState& state, const std::string& cause);

  ServeOptions options_;
  std::ostream& log_;
  std::mutex log_mutex_;
  PreviewBuilds builds_;
  PreviewServer server_;
  std::unique_ptr<ContentWatcher> watcher_;
  std::thread server_thread_;
  std::thread watch_thread_;
  std::once_flag stopped_;
};

}  // namespace scrutiny
