// Generates a portal valid for scrutiny's content model, with its history, for whole-build
// benchmarks (scripts/bench-vs-hugo):
//
//   generate_portal --docs N --commits M --repo DIR
//
// DIR becomes a git repository whose content/ folder holds N documents (one plan, themes,
// inspections, recommendations, actions with 2 to 6 milestones, updates with statuses, a few
// pages) after M commits that add documents, change statuses, move target dates, edit bodies
// and rename a few files (tests/bench/portal_generator.h). The same N and M give the same repository
// every time; a repository already generated with them is kept.

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "portal_generator.h"

int main(int argc, char** argv) {
  scrutiny::PortalShape shape;
  shape.content_model = true;
  std::string repo;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i], value = argv[i + 1];
    if (a == "--docs") shape.documents = std::strtoul(value.c_str(), nullptr, 10);
    else if (a == "--commits") shape.commits = std::strtoul(value.c_str(), nullptr, 10);
    else if (a == "--repo") repo = value;
    else repo.clear(), i = argc;
  }
  if (argc % 2 == 0 || repo.empty() || shape.documents < 12 || shape.commits == 0) {
    std::fprintf(stderr, "usage: generate_portal --docs N --commits M --repo DIR  (N at least 12)\n");
    return 2;
  }
  auto t0 = std::chrono::steady_clock::now();
  std::string error;
  if (!scrutiny::generate_portal_repository(repo, shape, error)) {
    std::fprintf(stderr, "generate_portal: %s\n", error.c_str());
    return 1;
  }
  std::printf("%zu documents, %zu commits in %s (%.1f s)\n", shape.documents, shape.commits, repo.c_str(),
              std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  return 0;
}
