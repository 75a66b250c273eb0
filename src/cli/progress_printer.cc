#include "progress_printer.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <unistd.h>

#include "counted_noun.h"

namespace scrutiny {

namespace {

std::string seconds_text(double seconds) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f s", seconds);
  return text;
}

// "[#########-----------] 120/315"
std::string bar(size_t done, size_t total) {
  constexpr size_t kWidth = 24;
  size_t filled = total ? done * kWidth / total : 0;
  return "[" + std::string(filled, '#') + std::string(kWidth - filled, '-') + "] " + std::to_string(done) + "/" +
         std::to_string(total);
}

}  // namespace

ProgressStyle progress_style_for(const std::ostream& err, bool quiet) {
  if (quiet) return ProgressStyle::quiet;
  // Only the real standard error can be a terminal; a stream a test passes never is.
  if (&err != &std::cerr || !::isatty(STDERR_FILENO)) return ProgressStyle::lines;
  const char* term = std::getenv("TERM");
  if (term && std::strcmp(term, "dumb") == 0) return ProgressStyle::lines;
  return ProgressStyle::terminal;
}

std::string describe_step(const BuildProgress& step) {
  switch (step.step) {
    case BuildStep::documents:
      return "Read " + counted_noun(step.done, "document", "documents") + " in " + seconds_text(step.seconds) + ".";
    case BuildStep::history:
      return "Read the history of " + counted_noun(step.done, "commit", "commits") + " in " + seconds_text(step.seconds) +
             ".";
    case BuildStep::pages:
      return "Wrote " + counted_noun(step.done, "page", "pages") + " in " + seconds_text(step.seconds) + ".";
  }
  return {};
}

std::string step_timings(const std::vector<BuildProgress>& steps) {
  std::string text;
  for (const BuildProgress& s : steps) {
    if (!text.empty()) text += ", ";
    switch (s.step) {
      case BuildStep::documents: text += "reading " + counted_noun(s.done, "document", "documents"); break;
      case BuildStep::history: text += "the history of " + counted_noun(s.done, "commit", "commits"); break;
      case BuildStep::pages: text += "writing " + counted_noun(s.done, "page", "pages"); break;
    }
    text += " " + seconds_text(s.seconds);
  }
  return text;
}

void ProgressPrinter::operator()(const BuildProgress& p) {
  if (style_ == ProgressStyle::quiet) return;
  if (style_ == ProgressStyle::lines) {
    if (p.finished) err_ << describe_step(p) << "\n" << std::flush;
    return;
  }
  if (p.finished) {
    show(describe_step(p));
    return;
  }
  if (p.step == BuildStep::pages && p.done > 0 && p.done < p.total) {
    // A redraw for every page would cost more than the page; ten a second is plenty to watch.
    auto now = std::chrono::steady_clock::now();
    if (now - last_shown_ < std::chrono::milliseconds(100)) return;
    last_shown_ = now;
  }
  switch (p.step) {
    case BuildStep::documents: show("Reading documents..."); break;
    case BuildStep::history: show("Reading the history..."); break;
    case BuildStep::pages: show("Writing pages " + bar(p.done, p.total)); break;
  }
}

void ProgressPrinter::show(const std::string& line) {
  // Carriage return, then erase to the end of the line: the new text replaces the old.
  err_ << "\r\033[K" << line << std::flush;
  line_shown_ = true;
}

void ProgressPrinter::clear() {
  if (!line_shown_) return;
  err_ << "\r\033[K" << std::flush;
  line_shown_ = false;
}

}  // namespace scrutiny
