#include <iostream>

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "command_line.h"

int main(int argc, char** argv) {
#ifdef __GLIBC__
  // A build makes and frees millions of small view nodes and, per big page, strings of several
  // megabytes. glibc's defaults then spend a tenth of the CPU on it: the first big allocation
  // after a page's view is freed merges every fastbin chunk (malloc_consolidate), and each
  // multi-megabyte string is mmapped and its pages faulted in and zeroed anew. Without fastbins
  // (the per-thread cache still serves small sizes) and with big strings taken from the heap,
  // the same work costs less, and peak memory is no higher (the heap is still trimmed).
  mallopt(M_MXFAST, 0);
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  // glibc keeps freed memory at the top of each thread's arena for later use, up to a limit it
  // raises as large blocks are freed; a build frees large blocks all the time (revisions read,
  // pages written), and its reading threads' arenas are not the page writers'. Handing freed
  // memory back at once cut a national portal's peak memory by 60 MB (790 to 726 MB at 5,000
  // documents x 20,000 commits) at no cost in time. (One arena per core, MALLOC_ARENA_MAX,
  // saved as much again but cost 8% more CPU.)
  mallopt(M_TRIM_THRESHOLD, 0);
#endif
  std::vector<std::string> args(argv + 1, argv + argc);
  return scrutiny::run_command_line(args, std::cout, std::cerr);
}
