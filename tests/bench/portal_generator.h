#pragma once
// Generated portals for benchmarks: a git repository of N documents and M commits, the same
// every time (fixed-seed PRNG), written through `git fast-import`.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>

namespace scrutiny {

// What to generate.
struct PortalShape {
  size_t documents = 5000;
  size_t commits = 20000;
  // false: `type = "page"` documents of random words in five folders, with renames and
  // deletions anywhere (the history benchmark's repository). true: a portal valid for the
  // content model (one plan, themes, inspections, recommendations, actions with 2 to 6
  // milestones, updates with statuses, a few pages) whose commits change statuses, move target
  // dates, edit bodies, add documents and rename a few files (keeping their ids).
  bool content_model = false;
};

// Writes the whole history as a `git fast-import` stream, branch refs/heads/main.
void write_portal_history(const PortalShape& shape, std::FILE* out);

// Generates the repository at `repo` (git init, fast-import, checkout, gc), unless a previous
// run left the same shape there; the content is in `repo`/content. Returns false, with a
// message in `error`, when git fails.
bool generate_portal_repository(const std::filesystem::path& repo, const PortalShape& shape,
                                std::string& error);

}  // namespace scrutiny
