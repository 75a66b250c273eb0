#include <iostream>

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "command_line.h"

int main(int argc, char** argv) {
#ifdef __GLIBC__
  // A build makes and frees millions of small view nodes and, per big page, strings of several
  // megabytes. glibc's defaults then spend a tenth of the CPU on it: freeing a big page's view
  // merges every fastbin chunk (malloc_consolidate), the heap is trimmed after each big page
  // and faulted in again for the next, and multi-megabyte strings are mmapped and zeroed anew
  // each time. Without fastbins (the per-thread cache still serves small sizes), with the heap
  // kept and big strings taken from it, the same work costs less; peak memory barely moves.
  mallopt(M_MXFAST, 0);
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
#endif
  std::vector<std::string> args(argv + 1, argv + argc);
  return scrutiny::run_command_line(args, std::cout, std::cerr);
}
