#pragma once
// libgit2, started once for the whole program, the same way for every reader of git.

namespace scrutiny {

// Starts libgit2 on first call (later calls return at once; safe from any thread). Every use
// of libgit2 calls it first, so its global options are set before any thread reads an object.
void start_libgit2();

}  // namespace scrutiny
