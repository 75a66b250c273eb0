// Benchmark: the size of data/search-index.json for large portals.
//
//   search_index_perftest [CONTENT_DIR] [--docs N,N,...] [--write FILE]
//
// Loads CONTENT_DIR (default: content, the sample) and measures its index. Then generates
// portals of N documents (default 1,000 and 10,000) in memory, shaped like the sample: the same
// mix of types, titles, summaries and bodies of the sample's lengths (each generated document
// copies the lengths of a sample document picked by a fixed-seed PRNG), words drawn from the
// sample's own words at their frequencies. Random words compress worse than prose, so the
// gzip figures are on the high side. Prints, per word limit, the index's bytes, bytes per
// 1,000 documents and gzip -9 bytes, and the time search_index_json takes. --write FILE saves
// the largest generated portal's index, to time the search script on it in a browser.

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "deterministic_rng.h"
#include "diagnostic.h"
#include "portal.h"
#include "search_index.h"

namespace fs = std::filesystem;
using namespace scrutiny;

namespace {

using Rng = scrutiny::DeterministicRng;

std::vector<std::string> words_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

// The sample's shape: per document, its type and how many words its title, summary and
// body have; and every word it uses, repeated as often as it occurs.
struct Shape {
  DocType type;
  size_t title_words, summary_words, body_words;
};

struct Model {
  std::vector<Shape> shapes;
  std::vector<std::string> words;
};

Model model_of(const Portal& portal) {
  Model m;
  for (size_t i = 0; i < portal.documents.size(); ++i) {
    const Document& d = portal.doc(i);
    auto title = words_of(d.title), summary = words_of(d.summary), body = words_of(portal.bodies[i].plain_text());
    m.shapes.push_back({d.type, title.size(), summary.size(), body.size()});
    for (auto* list : {&title, &summary, &body}) m.words.insert(m.words.end(), list->begin(), list->end());
  }
  return m;
}

std::string sentence(const Model& m, Rng& rng, size_t n) {
  std::string out;
  for (size_t k = 0; k < n; ++k) {
    if (k) out += ' ';
    out += m.words[rng.below(m.words.size())];
  }
  return out;
}

const char* folder_of(DocType t) {
  switch (t) {
    case DocType::inspection: return "inspections/";
    case DocType::recommendation: return "recommendations/";
    case DocType::plan: return "plan/";
    case DocType::theme: return "plan/themes/";
    case DocType::action: return "actions/";
    case DocType::update: return "updates/";
    case DocType::page: return "";
  }
  return "";
}

Portal generate(const Model& m, size_t n, uint64_t seed) {
  Rng rng(seed);
  Portal p;
  p.documents.reserve(n);
  p.bodies.reserve(n);
  char id[32];
  for (size_t i = 0; i < n; ++i) {
    const Shape& s = m.shapes[rng.below(m.shapes.size())];
    Document d;
    d.type = s.type;
    std::snprintf(id, sizeof id, "%05zu", i + 1);
    d.id = std::string(folder_of(s.type)) + (s.type == DocType::action ? "a" : "d") + id;
    d.title = sentence(m, rng, std::max<size_t>(1, s.title_words));
    d.summary = sentence(m, rng, s.summary_words);
    // Paragraphs of about 60 words, as the sample's bodies have.
    std::string body;
    for (size_t left = s.body_words; left > 0;) {
      size_t take = std::min<size_t>(left, 40 + rng.below(40));
      body += sentence(m, rng, take) + "\n\n";
      left -= take;
    }
    p.documents.push_back(std::move(d));
    p.bodies.emplace_back(body, 1);
  }
  return p;
}

size_t gzip_size(const std::string& text) {
  fs::path tmp = fs::temp_directory_path() / ("scrutiny-search-index-" + std::to_string(::getpid()) + ".json");
  std::ofstream(tmp, std::ios::binary) << text;
  std::string cmd = "gzip -9 -c '" + tmp.string() + "' | wc -c";
  size_t bytes = 0;
  if (FILE* f = ::popen(cmd.c_str(), "r")) {
    if (std::fscanf(f, "%zu", &bytes) != 1) bytes = 0;
    ::pclose(f);
  }
  fs::remove(tmp);
  return bytes;
}

std::string thousands(size_t n) {
  std::string s = std::to_string(n);
  for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) s.insert(static_cast<size_t>(i), ",");
  return s;
}

void report(const char* label, const Portal& portal, const std::vector<size_t>& limits) {
  size_t n = portal.documents.size();
  std::printf("| %s | %s |", label, thousands(n).c_str());
  for (size_t words : limits) {
    auto start = std::chrono::steady_clock::now();
    std::string json = search_index_json(portal, words);
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    size_t gz = gzip_size(json);
    std::printf(" %s (%s gz) %.0f ms |", thousands(json.size() * 1000 / n).c_str(), thousands(gz * 1000 / n).c_str(), ms);
    if (words == kSearchTextWords)
      std::fprintf(stderr, "%s, %zu documents, %zu words: %s bytes (%s gzipped)\n", label, n, words,
                   thousands(json.size()).c_str(), thousands(gz).c_str());
  }
  std::printf("\n");
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  fs::path content = "content";
  std::vector<size_t> sizes = {1000, 10000};
  fs::path write_to;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--docs" && i + 1 < argc) {
      sizes.clear();
      std::istringstream in(argv[++i]);
      for (std::string n; std::getline(in, n, ',');) sizes.push_back(std::stoul(n));
    } else if (a == "--write" && i + 1 < argc) {
      write_to = argv[++i];
    } else if (a == "--help" || a == "-h") {
      std::puts("usage: search_index_perftest [CONTENT_DIR] [--docs N,N,...] [--write FILE]");
      return 0;
    } else {
      content = a;
    }
  }

  Diagnostics diags;
  Portal sample = load_portal(content, diags);
  if (diags.has_errors() || sample.documents.empty()) {
    for (const auto& d : diags.sorted()) std::cerr << format_diagnostic(d) << "\n";
    std::cerr << "search_index_perftest: cannot load " << content << " (run it from the source tree)\n";
    return 1;
  }
  Model model = model_of(sample);

  const std::vector<size_t> limits = {0, 40, 80, 150, 300};  // kSearchTextWords is one of them
  std::printf("Bytes of data/search-index.json per 1,000 documents (gzip -9 in brackets) and time to build it, by words of text kept per document:\n\n");
  std::printf("| portal | documents |");
  for (size_t w : limits) std::printf(" %zu words%s |", w, w == kSearchTextWords ? " (used)" : "");
  std::printf("\n| --- | ---: |");
  for (size_t k = 0; k < limits.size(); ++k) std::printf(" ---: |");
  std::printf("\n");
  report("sample", sample, limits);
  // How much of the sample's text each limit keeps: words, and documents kept whole.
  size_t total_words = 0;
  for (const Shape& sh : model.shapes) total_words += sh.summary_words + sh.body_words;
  std::printf("| sample: text kept | words (documents whole) |");
  for (size_t w : limits) {
    size_t kept = 0, whole = 0;
    for (const Shape& sh : model.shapes) {
      kept += std::min(w, sh.summary_words + sh.body_words);
      whole += sh.summary_words + sh.body_words <= w;
    }
    std::printf(" %.0f%% (%.0f%%) |", 100.0 * kept / total_words, 100.0 * whole / model.shapes.size());
  }
  std::printf("\n");
  for (size_t n : sizes) {
    Portal generated = generate(model, n, 42 + n);
    report("generated", generated, limits);
    if (!write_to.empty() && n == sizes.back()) std::ofstream(write_to, std::ios::binary) << search_index_json(generated);
  }
  return 0;
}
