#include <doctest/doctest.h>

#include <toml++/toml.h>

#include "deterministic_rng.h"
#include "input_limits.h"

using namespace scrutiny;

namespace {

std::string repeat(const std::string& s, size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (size_t i = 0; i < n; ++i) out += s;
  return out;
}

// Levels of keys and arrays above the deepest value: what the scan must never undercount.
int tree_depth(const toml::node& n) {
  int d = 0;
  if (const toml::table* t = n.as_table())
    for (const auto& [k, v] : *t) d = std::max(d, 1 + tree_depth(v));
  if (const toml::array* a = n.as_array())
    for (const toml::node& v : *a) d = std::max(d, 1 + tree_depth(v));
  return d;
}

// Random TOML of about `target` levels, with brackets, dots and quotes hidden in strings and
// comments, to catch the scan losing its place.
class TomlGenerator {
 public:
  explicit TomlGenerator(uint64_t seed) : rng_(seed) {}

  std::string document(int target) {
    std::string out = "plain = \"a [ { . # b\"\n# comment [[ {{ ..\n";
    int header = static_cast<int>(rng_.below(3));
    if (header > 0) {
      out += "[";
      for (int i = 0; i < header; ++i) out += (i ? "." : "") + key(i);
      out += "] # [x.y]\n";
    }
    for (int n = 0; n < 3; ++n) {
      int parts = 1 + static_cast<int>(rng_.below(3));
      std::string k;
      for (int i = 0; i < parts; ++i) k += (i ? " . " : "") + key(n * 10 + i);
      out += k + " = " + value(std::max(0, target - header - parts)) + "\n";
    }
    return out;
  }

 private:
  std::string key(int i) {
    switch (rng_.below(3)) {
      case 0: return "k" + std::to_string(i);
      case 1: return "\"q.[{" + std::to_string(i) + "\"";
      default: return "'l.]}" + std::to_string(i) + "'";
    }
  }

  std::string scalar() {
    switch (rng_.below(6)) {
      case 0: return "1.5";
      case 1: return "\"esc \\\" [ { . \\\\\"";
      case 2: return "'lit [ { .'";
      case 3: return "\"\"\"multi\n[[ {{ . \\\"\"\" \"\"\"\"";
      case 4: return "'''multi\n]] }} .'''''";
      default: return "2024-01-31";
    }
  }

  std::string value(int levels) {
    if (levels <= 0) return scalar();
    if (rng_.below(2) == 0) {
      std::string a = "[ # [ {\n  " + value(levels - 1);
      if (rng_.below(2)) a += ",\n  " + value(levels - 1);
      return a + ",\n]";
    }
    int parts = 1 + static_cast<int>(rng_.below(std::min(levels, 3)));
    std::string k;
    for (int i = 0; i < parts; ++i) k += (i ? "." : "") + key(i);
    return "{ " + k + " = " + value(levels - parts) + ", z = 1.25 }";
  }

  DeterministicRng rng_;
};

}  // namespace

TEST_CASE("nesting scan: 50,000-level keys, tables, arrays and inline tables are caught at their line") {
  const size_t n = 50000;
  std::string dotted = "x." + repeat("a.", n) + "a = 1\n";
  CHECK(dotted.size() > 100000);
  CHECK(find_deep_toml_nesting("title = \"t\"\n" + dotted) == 2);
  CHECK(find_deep_toml_nesting("title = \"t\"\n\n[" + repeat("a.", n) + "a]\nx = 1\n") == 3);
  CHECK(find_deep_toml_nesting("[[" + repeat("a.", n) + "a]]\n") == 1);
  CHECK(find_deep_toml_nesting("a = " + repeat("[", n) + repeat("]", n) + "\n") == 1);
  CHECK(find_deep_toml_nesting("a = " + repeat("{b=", n) + "1" + repeat("}", n) + "\n") == 1);
  CHECK(find_deep_toml_nesting("a = {" + repeat("b.", n) + "b = 1}\n") == 1);
  // Unclosed, across lines: reported at the line where the statement starts.
  CHECK(find_deep_toml_nesting("x = 1\nlist = [\n" + repeat("[\n", 40)) == 2);
  // Levels add up across a header, a dotted key and a value.
  CHECK(find_deep_toml_nesting("[" + repeat("a.", 9) + "a]\n" + repeat("b.", 9) + "b = " +
                               repeat("[", 13) + repeat("]", 13) + "\n") == 2);
  CHECK_FALSE(find_deep_toml_nesting("[" + repeat("a.", 9) + "a]\n" + repeat("b.", 9) + "b = " +
                                     repeat("[", 12) + repeat("]", 12) + "\n"));
}

TEST_CASE("nesting scan: dots and brackets in strings, comments and values do not count") {
  const size_t n = 50000;
  CHECK_FALSE(find_deep_toml_nesting("title = \"" + repeat("a.[{", n) + "\"\n"));
  CHECK_FALSE(find_deep_toml_nesting("title = '" + repeat("a.[{", n) + "'\n"));
  CHECK_FALSE(find_deep_toml_nesting("s = \"\"\"\n" + repeat("[{.\\\"\n", n) + "\"\"\"\"\"\n"));
  CHECK_FALSE(find_deep_toml_nesting("s = '''\n" + repeat("[{.\n", n) + "'''''\n"));
  CHECK_FALSE(find_deep_toml_nesting("# " + repeat("[{.", n) + "\na = 1\n"));
  CHECK_FALSE(find_deep_toml_nesting("\"" + repeat("a.", n) + "\" = 1\n"));
  CHECK_FALSE(find_deep_toml_nesting("a = [" + repeat("1.5, ", n) + "]\n"));
  CHECK_FALSE(find_deep_toml_nesting(repeat("e = {}\nf = []\n", n)));
  CHECK_FALSE(find_deep_toml_nesting(repeat("[[milestones]]\ntitle = \"x.y\"\ntarget_date = 2017-03-31\n", 1000)));
  // After a string that fooled it, the scan would miss this.
  CHECK(find_deep_toml_nesting("s = \"\\\\\"\nt = '\\'\nu = \"\"\"a\"\"\"\"\nv = " + repeat("[", 40)) == 4);
}

TEST_CASE("nesting scan: never counts fewer levels than toml++ builds (random documents)") {
  TomlGenerator gen(8);
  int flagged = 0, passed = 0;
  for (int i = 0; i < 400; ++i) {
    std::string doc = gen.document(20 + i % 30);
    toml::table t;
    try {
      t = toml::parse(doc);
    } catch (const toml::parse_error& e) {
      FAIL_CHECK("generated TOML did not parse: " << e.description() << "\n" << doc);
      continue;
    }
    int depth = tree_depth(t);
    bool deep = find_deep_toml_nesting(doc).has_value();
    CHECK_MESSAGE((depth <= kMaxTomlNesting || deep), "depth " << depth << " not caught:\n" << doc);
    ++(deep ? flagged : passed);
  }
  // Both sides of the limit were exercised.
  CHECK(flagged > 50);
  CHECK(passed > 50);
}

TEST_CASE("size limits: the message gives the size, the limit and what to do") {
  std::string m = document_too_large_message(50 * 1024 * 1024);
  CHECK(m.find("50.0 MiB (52428800 bytes)") != std::string::npos);
  CHECK(m.find("limit of 1 MiB") != std::string::npos);
  CHECK(m.find("split it") != std::string::npos);
  CHECK(portal_settings_too_large_message(70000).find("limit of 64 KiB for portal.toml") != std::string::npos);
}
