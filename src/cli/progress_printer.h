#pragma once
// Shows a build's progress on standard error while it runs, and times each step for the summary.

#include <chrono>
#include <ostream>
#include <string>
#include <vector>

#include "site_builder.h"

namespace scrutiny {

// How progress is shown: one line rewritten in place (a terminal), a plain line per finished
// step (a log file, CI), or not at all (--quiet).
enum class ProgressStyle { terminal, lines, quiet };

// The style for a stream: `terminal` only when it is standard error and that is a terminal
// that understands carriage returns.
ProgressStyle progress_style_for(const std::ostream& err, bool quiet);

// A BuildProgressListener that writes to `err` in one style.
class ProgressPrinter {
 public:
  ProgressPrinter(std::ostream& err, ProgressStyle style) : err_(err), style_(style) {}
  ~ProgressPrinter() { clear(); }

  void operator()(const BuildProgress& p);
  // Rubs out the terminal line, so what follows starts on a clean line.
  void clear();

 private:
  void show(const std::string& line);

  std::ostream& err_;
  ProgressStyle style_;
  bool line_shown_ = false;
  std::chrono::steady_clock::time_point last_shown_;
};

// "Read 52 documents in 0.03 s." and the like: what a finished step did.
std::string describe_step(const BuildProgress& step);

// "reading 52 documents 0.03 s, the history of 130 commits 0.21 s, writing 315 pages 0.28 s":
// the summary's time per step.
std::string step_timings(const std::vector<BuildProgress>& steps);

}  // namespace scrutiny
