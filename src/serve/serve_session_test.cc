#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <fstream>
#include <ifaddrs.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <sstream>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

#include <httplib.h>

#include "error_page.h"
#include "serve_session.h"
#include "served_path.h"
#include "test_support.h"

using namespace scrutiny;
using namespace scrutiny::test;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

ServeOptions serve_options(const TempDir& dir) {
  ServeOptions o;
  o.build.content_dir = dir.path() / "content";
  o.build.read_history = false;  // a temporary folder is not a repository
  o.port = 0;                     // any free port
  return o;
}

// Waits (at most 10 s) for the build after `seen` to be published.
std::shared_ptr<const PreviewState> next_build(ServeSession& session, unsigned seen) {
  auto state = session.builds().wait_after(seen, 10s);
  REQUIRE(state->generation > seen);
  return state;
}

// Rewrites a file the way an editor saves it: the whole file at once.
void save(const fs::path& file, const std::string& text) { std::ofstream(file, std::ios::binary) << text; }

// The minimal portal's action under another title.
std::string action_titled(const TempDir& dir, const std::string& title) {
  std::string text = read_file(dir.path() / "content/actions/a1.md");
  return text.replace(text.find("Audit decisions"), 15, title);
}

// A port no one is listening on just now.
int free_port() {
  int sock = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof address;
  REQUIRE(bind(sock, reinterpret_cast<sockaddr*>(&address), size) == 0);
  REQUIRE(getsockname(sock, reinterpret_cast<sockaddr*>(&address), &size) == 0);
  close(sock);
  return ntohs(address.sin_port);
}

}  // namespace

TEST_CASE("serve: pages carry the reload script; saving a document sends a reload and serves the change") {
  TempDir dir;
  write_minimal_portal(dir);
  fs::path action = dir.path() / "content/actions/a1.md";
  std::ostringstream log;
  ServeSession session(serve_options(dir), log);
  std::string problem;
  REQUIRE_MESSAGE(session.start(problem), problem);
  httplib::Client client("127.0.0.1", session.port());

  auto page = client.Get("/actions/a1.html");
  REQUIRE(page);
  CHECK(page->status == 200);
  CHECK(page->body.find("Audit decisions") != std::string::npos);
  CHECK(page->body.find("<script src=\"/__scrutiny/reload.js\" data-generation=\"1\"></script>\n</body>") !=
        std::string::npos);
  auto script = client.Get("/__scrutiny/reload.js");
  REQUIRE(script);
  CHECK(script->get_header_value("Content-Type").find("text/javascript") == 0);
  CHECK(script->body.find("EventSource") != std::string::npos);
  CHECK(client.Get("/")->body.find("/__scrutiny/reload.js") != std::string::npos);

  // The browser's event stream, opened before the save.
  std::string events;
  std::thread listener([&] {
    httplib::Client sse("127.0.0.1", session.port());
    sse.set_read_timeout(10, 0);
    sse.Get("/__scrutiny/events?since=1", [&](const char* data, size_t n) {
      events.append(data, n);
      return events.find("\n\n") == std::string::npos || events.rfind(":", 0) == 0;
    });
  });
  std::this_thread::sleep_for(100ms);
  save(action, action_titled(dir, "Audit every decision"));
  listener.join();
  CHECK(events.find("event: reload\ndata: 2\n\n") != std::string::npos);
  page = client.Get("/actions/a1.html");
  REQUIRE(page);
  CHECK(page->body.find("Audit every decision") != std::string::npos);
  CHECK(page->body.find("data-generation=\"2\"") != std::string::npos);
  // A page loaded before a build it has not heard of reloads at once.
  auto missed = client.Get("/__scrutiny/events?since=1");
  REQUIRE(missed);
  CHECK(missed->body == "event: reload\ndata: 2\n\n");
  session.stop();  // the log is written by the watcher's thread
  CHECK(log.str().find("Rebuilt after " + action.generic_string() + " changed") != std::string::npos);
}

TEST_CASE("serve: a folder made after the start is watched too") {
  TempDir dir;
  write_minimal_portal(dir);
  std::ostringstream log;
  ServeSession session(serve_options(dir), log);
  std::string problem;
  REQUIRE_MESSAGE(session.start(problem), problem);
  fs::create_directories(dir.path() / "content/actions/more");
  auto after_folder = next_build(session, 1);
  save(dir.path() / "content/actions/more/a2.md", action_titled(dir, "Second action"));
  next_build(session, after_folder->generation);
  httplib::Client client("127.0.0.1", session.port());
  auto page = client.Get("/actions/more/a2.html");
  REQUIRE(page);
  CHECK(page->status == 200);
  CHECK(page->body.find("Second action") != std::string::npos);
}

TEST_CASE("serve: content errors show on an accessible page in place of every page; the last good build stays") {
  TempDir dir;
  write_minimal_portal(dir);
  fs::path action = dir.path() / "content/actions/a1.md";
  std::string good = read_file(action);
  std::ostringstream log;
  ServeSession session(serve_options(dir), log);
  std::string problem;
  REQUIRE_MESSAGE(session.start(problem), problem);
  httplib::Client client("127.0.0.1", session.port());

  save(action, "+++\ntype = \"action\"\ntitle = \"Broken\"\ntheme = \"plan/themes/nowhere\"\nstatus = \"done\"\n+++\n");
  auto state = next_build(session, 1);
  REQUIRE(state->errors.size() >= 2);
  for (const char* path : {"/actions/a1.html", "/", "/recommendations/r1.html", "/no/such/page.html"}) {
    CAPTURE(path);
    auto page = client.Get(path, {{"Accept", "text/html"}});
    REQUIRE(page);
    CHECK(page->status == 500);
    const std::string& html = page->body;
    CHECK(html.find("<html lang=\"en\">") != std::string::npos);
    CHECK(html.find("<title>" + std::to_string(state->errors.size()) + " errors in the content") != std::string::npos);
    CHECK(html.find("<h1>") != std::string::npos);
    for (const Diagnostic& d : state->errors)
      CHECK(html.find("<li><code>" + d.file + ":" + std::to_string(d.line) + "</code>") != std::string::npos);
    CHECK(html.find("href=\"/__scrutiny/last-good" + std::string(path) + "\"") != std::string::npos);
    CHECK(html.find("/__scrutiny/reload.js") != std::string::npos);
    CHECK(html_wellformedness_problems(html).empty());
  }
  // Stylesheets and images still come from the last good build, so it looks right.
  auto last_good = client.Get("/__scrutiny/last-good/actions/a1.html");
  REQUIRE(last_good);
  CHECK(last_good->status == 200);
  CHECK(last_good->body.find("Audit decisions") != std::string::npos);

  save(action, good);
  next_build(session, state->generation);
  auto fixed = client.Get("/actions/a1.html");
  REQUIRE(fixed);
  CHECK(fixed->status == 200);
  CHECK(fixed->body.find("Audit decisions") != std::string::npos);
  session.stop();  // the log is written by the watcher's thread
  CHECK(log.str().find("Not rebuilt after " + action.generic_string() + " changed: ") != std::string::npos);
}

TEST_CASE("serve: content with errors from the start says there is no earlier build") {
  TempDir dir;
  write_minimal_portal(dir);
  save(dir.path() / "content/actions/a1.md", "+++\ntype = \"action\"\n+++\n");
  std::ostringstream log;
  ServeSession session(serve_options(dir), log);
  std::string problem;
  REQUIRE_MESSAGE(session.start(problem), problem);
  httplib::Client client("127.0.0.1", session.port());
  auto page = client.Get("/", {{"Accept", "text/html"}});
  REQUIRE(page);
  CHECK(page->status == 500);
  CHECK(page->body.find("No build has succeeded yet") != std::string::npos);
  CHECK(page->body.find("a1.md") != std::string::npos);
}

TEST_CASE("serve: only files inside the site are served") {
  TempDir dir;
  write_minimal_portal(dir);
  dir.write("secret.txt", "root:x:0:0");
  std::ostringstream log;
  ServeSession session(serve_options(dir), log);
  std::string problem;
  REQUIRE_MESSAGE(session.start(problem), problem);
  fs::path site = session.builds().current()->site->folder();
  CHECK(served_file(site, "/index.html"));
  CHECK(served_file(site, "/") == fs::canonical(site / "index.html"));
  for (const std::string& bad : std::vector<std::string>{"/../secret.txt", "/actions/../../secret.txt", "/..", "/./index.html", "/a\\..\\b",
                          "index.html", "", "/actions\r\nSet-Cookie: x=1", std::string("/index.html\0.txt", 16)})
    CHECK_MESSAGE(!served_file(site, bad), bad);
  CHECK(served_file(site, "/actions") == fs::canonical(site / "actions/index.html"));
  // A link inside the site that leads out of it is not followed.
  fs::create_symlink(dir.path() / "secret.txt", site / "leak.txt");
  CHECK(!served_file(site, "/leak.txt"));

  // Over HTTP, raw and percent-encoded.
  httplib::Client client("127.0.0.1", session.port());
  auto folder = client.Get("/actions");  // its page's relative links need the trailing "/"
  REQUIRE(folder);
  CHECK(folder->status == 301);
  CHECK(folder->get_header_value("Location") == "/actions/");
  for (const char* bad : {"/../../../../secret.txt", "/%2e%2e/%2e%2e/secret.txt", "/..%2fsecret.txt",
                          "/__scrutiny/last-good/../../secret.txt", "/leak.txt", "/../../../../../../etc/passwd"}) {
    CAPTURE(bad);
    auto res = client.Get(bad);
    REQUIRE(res);
    CHECK(res->status != 200);
    CHECK(res->body.find("root:x") == std::string::npos);
  }
}

TEST_CASE("serve: listens on loopback only unless told otherwise") {
  CHECK(ServeOptions{}.address == "127.0.0.1");
  CHECK(ServeOptions{}.port == 1313);
  TempDir dir;
  write_minimal_portal(dir);
  std::ostringstream log;
  ServeSession session(serve_options(dir), log);
  std::string problem;
  REQUIRE_MESSAGE(session.start(problem), problem);
  CHECK(httplib::Client("127.0.0.1", session.port()).Get("/"));
  // Every other address of this machine is refused.
  ifaddrs* addresses = nullptr;
  REQUIRE(getifaddrs(&addresses) == 0);
  int tried = 0;
  for (ifaddrs* a = addresses; a; a = a->ifa_next) {
    if (!a->ifa_addr || a->ifa_addr->sa_family != AF_INET) continue;
    char text[INET_ADDRSTRLEN];
    inet_ntop(AF_INET, &reinterpret_cast<sockaddr_in*>(a->ifa_addr)->sin_addr, text, sizeof text);
    if (std::string(text).rfind("127.", 0) == 0) continue;
    ++tried;
    httplib::Client other(text, session.port());
    other.set_connection_timeout(1, 0);
    CHECK_MESSAGE(!other.Get("/"), text);
  }
  freeifaddrs(addresses);
  MESSAGE("non-loopback addresses tried: " << tried);
}

TEST_CASE("serve: a port already in use is reported in words") {
  TempDir dir;
  write_minimal_portal(dir);
  std::ostringstream log;
  ServeSession first(serve_options(dir), log);
  std::string problem;
  REQUIRE_MESSAGE(first.start(problem), problem);
  ServeOptions same = serve_options(dir);
  same.port = first.port();
  ServeSession second(same, log);
  CHECK(!second.start(problem));
  CHECK(problem.find("port " + std::to_string(first.port())) != std::string::npos);
  CHECK(problem.find("is using that port") != std::string::npos);
}

TEST_CASE("serve: the reload script goes only into served pages, never into a build") {
  CHECK(with_reload_script("<html><body><p>x</p></body></html>", 7) ==
        "<html><body><p>x</p><script src=\"/__scrutiny/reload.js\" data-generation=\"7\"></script>\n</body></html>");
  TempDir dir;
  write_minimal_portal(dir);
  CHECK(run({"build", "--content", (dir.path() / "content").string(), "--out", (dir.path() / "site").string()}).status == 0);
  for (const auto& e : fs::recursive_directory_iterator(dir.path() / "site"))
    if (e.is_regular_file()) CHECK_MESSAGE(read_file(e.path()).find("__scrutiny") == std::string::npos, e.path());
}

TEST_CASE("scrutiny serve: stops on SIGTERM and SIGINT and removes its builds") {
  for (int stop_signal : {SIGTERM, SIGINT}) {
    CAPTURE(stop_signal);
    TempDir dir, tmp;
    write_minimal_portal(dir);
    int pipe_fds[2];
    REQUIRE(pipe(pipe_fds) == 0);
    // A port from the OS, freed for the child: a tiny race, far smaller than a fixed port's.
    int port = free_port();
    pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
      dup2(pipe_fds[1], STDERR_FILENO);
      close(pipe_fds[0]);
      setenv("TMPDIR", tmp.path().c_str(), 1);
      std::string content = (dir.path() / "content").string(), port_text = std::to_string(port);
      execl(SCRUTINY_BINARY, SCRUTINY_BINARY, "serve", "--no-history", "--content", content.c_str(), "--port",
            port_text.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    close(pipe_fds[1]);
    std::string said;
    char buffer[4096];
    while (said.find("(press Ctrl+C to stop)") == std::string::npos) {
      ssize_t n = read(pipe_fds[0], buffer, sizeof buffer);
      if (n <= 0) break;
      said.append(buffer, static_cast<size_t>(n));
    }
    INFO(said);
    CHECK(said.find("at http://127.0.0.1:" + std::to_string(port) + "/") != std::string::npos);
    CHECK(!fs::is_empty(tmp.path()));  // the build is there while serving
    auto page = httplib::Client("127.0.0.1", port).Get("/");
    REQUIRE(page);
    CHECK(page->status == 200);
    kill(child, stop_signal);
    int status = 0;
    waitpid(child, &status, 0);
    for (ssize_t n; (n = read(pipe_fds[0], buffer, sizeof buffer)) > 0;) said.append(buffer, static_cast<size_t>(n));
    close(pipe_fds[0]);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    CHECK(said.find("Stopped; the preview builds are removed.") != std::string::npos);
    CHECK(fs::is_empty(tmp.path()));
  }
}
