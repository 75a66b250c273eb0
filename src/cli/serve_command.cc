#include "serve_command.h"

#include <csignal>
#include <optional>
#include <pthread.h>

#include "option_value.h"
#include "serve_session.h"

namespace scrutiny {

namespace {

const char* const kServeUsage =
    "Usage: scrutiny serve [--content DIR] [--theme DIR] [--port N] [--bind ADDRESS]\n"
    "                      [--no-history]\n"
    "\n"
    "Builds the content as it is on disk, committed or not, and serves it at\n"
    "http://127.0.0.1:1313/ for your browser. Each time you save a file in the content\n"
    "(or theme) folder the site is rebuilt and the pages open in the browser reload. While\n"
    "the content has errors, every page shows them, with a link to the last good build.\n"
    "Stop it with Ctrl+C. Nothing is written beside the content: the builds go to a\n"
    "temporary folder, removed when serve stops.\n"
    "\n"
    "  --content DIR     the content folder (default: content)\n"
    "  --theme DIR       a theme folder whose files replace the built-in theme's\n"
    "  --port N          the port to serve on (default: 1313)\n"
    "  --bind ADDRESS    the address to serve on (default: 127.0.0.1, this computer only;\n"
    "                    0.0.0.0 lets every computer that can reach this one see the preview)\n"
    "  --no-history      do not read git: quicker, without history, revision or change pages\n";

std::optional<std::string> parse(const std::vector<std::string>& args, ServeOptions& options) {
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--no-history") {
      options.build.read_history = false;
      continue;
    }
    auto read = read_option_value(args, i, [](std::string_view name) {
      return name == "--content" || name == "--theme" || name == "--port" || name == "--bind";
    });
    if (const std::string* error = std::get_if<std::string>(&read)) return *error;
    const auto& [name, value] = std::get<OptionValue>(read);
    if (name == "--content") {
      options.build.content_dir = value;
    } else if (name == "--theme") {
      options.build.theme_dir = value;
    } else if (name == "--bind") {
      options.address = value;
    } else {
      size_t used = 0;
      int port = -1;
      try {
        port = std::stoi(value, &used);
      } catch (...) {
      }
      if (used != value.size() || port < 1 || port > 65535)
        return "--port " + value + " is not a port: give a number from 1 to 65535 (1024 and up need no special rights)";
      options.port = port;
    }
  }
  return std::nullopt;
}

}  // namespace

int run_serve_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  for (const auto& a : args)
    if (a == "--help" || a == "-h") {
      out << kServeUsage;
      return 0;
    }
  ServeOptions options;
  if (std::optional<std::string> problem = parse(args, options)) {
    err << "scrutiny serve: " << *problem << "\n\n" << kServeUsage;
    return 2;
  }
  // SIGINT and SIGTERM are blocked in every thread (the server's and the watcher's inherit
  // this mask) and taken here with sigwait, so stopping is ordinary code, not a signal handler,
  // and the temporary builds are always removed.
  sigset_t stop_signals, before;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, &before);
  int status = 0;
  {
    ServeSession session(options, err);
    std::string problem;
    if (!session.start(problem)) {
      err << "scrutiny serve: " << problem << "\n";
      status = 1;
    } else {
      int signal = 0;
      sigwait(&stop_signals, &signal);
    }
  }
  if (status == 0) err << "Stopped; the preview builds are removed.\n";
  pthread_sigmask(SIG_SETMASK, &before, nullptr);
  return status;
}

}  // namespace scrutiny
