#include "portal_generator.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <map>
#include <optional>
#include <vector>

#include "date.h"
#include "deterministic_rng.h"

namespace scrutiny {
namespace fs = std::filesystem;

namespace {

using Rng = DeterministicRng;

const char* const kWords[] = {
    "council",  "children", "services", "social",   "workers",  "managers", "plan",
    "action",   "review",   "audit",    "cases",    "quality",  "practice", "ofsted",
    "improve",  "families", "support",  "early",    "help",     "risk",     "assessment",
    "training", "staff",    "caseload", "board",    "partners", "health",   "police",
    "schools",  "data",     "report",   "monthly",  "progress", "target",   "complete",
    "delayed",  "evidence", "outcome",  "voice",    "child",    "court",    "care",
    "leavers",  "placement", "fostering", "adoption", "threshold", "referral", "contact"};
constexpr size_t kWordCount = sizeof(kWords) / sizeof(kWords[0]);

const char* const kFolders[] = {"actions", "updates", "recommendations", "inspections", "themes"};

// Content-model vocabulary.
enum class Kind { plain, plan, theme, inspection, recommendation, action, update, page };
const char* const kStatuses[] = {"not-started", "on-track", "at-risk", "off-track", "complete"};
const char* const kOwners[] = {"Head of Children's Services", "Group Manager – Fieldwork Services",
                               "Principal Social Worker", "Head of Quality Assurance",
                               "Group Manager – Early Help", "Senior Performance Analyst",
                               "Head of Workforce Development", "Director of Children's Services"};
const char* const kMeetings[] = {"Children's Services Improvement Board", "People Scrutiny Committee",
                                 "Corporate Parenting Group", "Cabinet"};
const char* const kInspectionKinds[] = {"ilacs", "focused-visit", "monitoring-visit", "jtai"};
const char* const kJudgements[] = {"inadequate", "requires-improvement", "good", "outstanding"};

constexpr long long kDay = 86400;

std::string iso(long long unix_seconds) { return Date::from_unix(unix_seconds).iso(); }
std::string quoted(const std::string& s) { return "\"" + s + "\""; }

struct MilestoneState {
  std::string title;
  long long target = 0;
  size_t status = 0;  // index into kStatuses; 4 is complete
  long long completed = 0;
};

struct StatusState {
  std::string action;  // id
  size_t status = 0;
  std::string note;
};

// What a commit writes for a document: kept apart from its path and id, so that a merged side
// branch can bring its content under the name the document has on main.
struct Content {
  std::vector<std::string> lines;  // plain documents: the whole file
  // Content-model documents: fixed front matter lines, then the fields commits change.
  std::vector<std::string> front;
  long long start = 0;  // actions
  long long target = 0;
  size_t status = 0;
  long long completed = 0;
  std::vector<MilestoneState> milestones;
  std::vector<StatusState> statuses;  // updates
  std::vector<std::string> body;
};

struct Doc {
  std::string path;  // under content/
  Kind kind = Kind::plain;
  std::string id;  // content model: the id others refer to it by
  bool explicit_id = false;  // set once the file has been renamed away from its id
  Content content;
  bool live = true;
};

class Generator {
 public:
  explicit Generator(const PortalShape& shape)
      : target_docs_(shape.documents), target_commits_(shape.commits), model_(shape.content_model), rng_(42) {
    if (model_) plan_quotas();
  }

  void write(FILE* out) {
    out_ = out;
    size_t initial = target_docs_ * 6 / 10;
    for (size_t i = 0; i < initial; ++i) new_doc();
    // The first commit adds the initial documents.
    begin_commit("refs/heads/main", "Import the improvement plan", 0, 0);
    std::fprintf(out_, "M 100644 inline content/portal.toml\n");
    data("title = \"Generated benchmark portal\"\nauthority = \"Example Council\"\n");
    for (size_t i = 0; i < docs_.size(); ++i) put(i);
    main_mark_ = mark_;
    while (commits_ < target_commits_) {
      if (rng_.below(60) == 0 && target_commits_ - commits_ > 20) side_branch();
      else main_commit();
    }
    out_ = nullptr;
  }

 private:
  std::string line_text() {
    std::string s;
    size_t n = 4 + rng_.below(12);
    for (size_t i = 0; i < n; ++i) {
      if (i) s += ' ';
      s += kWords[rng_.below(kWordCount)];
    }
    if (rng_.below(5) == 0) s += " " + std::to_string(rng_.below(100000));
    return s + ".";
  }

  size_t new_doc() {
    if (model_) return new_model_doc();
    Doc d;
    size_t id = docs_.size();
    const char* folder = kFolders[rng_.below(5)];
    d.path = std::string(folder) + "/" + folder[0] + std::to_string(id) + ".md";
    d.content.lines.push_back("+++");
    d.content.lines.push_back("type = \"page\"");
    d.content.lines.push_back("title = \"Document " + std::to_string(id) + ": " + line_text() + "\"");
    d.content.lines.push_back("+++");
    d.content.lines.push_back("");
    size_t n = 10 + rng_.below(40);
    for (size_t i = 0; i < n; ++i) d.content.lines.push_back(line_text());
    docs_.push_back(std::move(d));
    return id;
  }

  // Edits lines [first, end) of `lines`, never fewer than `keep` lines in all.
  void edit_lines(std::vector<std::string>& lines, size_t first, size_t keep) {
    size_t edits = 1 + rng_.below(3);
    for (size_t e = 0; e < edits; ++e) {
      size_t at = first + rng_.below(lines.size() - first + 1);
      switch (rng_.below(3)) {
        case 0:
          if (lines.size() > keep && at < lines.size()) {
            lines.erase(lines.begin() + static_cast<long>(at));
            break;
          }
          [[fallthrough]];
        case 1: lines.insert(lines.begin() + static_cast<long>(at), line_text()); break;
        default:
          if (at < lines.size()) lines[at] = line_text();
          else lines.push_back(line_text());
      }
    }
  }

  void edit(Doc& d) {
    if (model_) return edit_model_doc(d);
    edit_lines(d.content.lines, 5, 8);
  }

  std::string text(const Doc& d) {
    std::string s;
    if (!model_) {
      for (const std::string& l : d.content.lines) s += l + "\n";
      return s;
    }
    const Content& c = d.content;
    s += "+++\n";
    if (d.explicit_id) s += "id = " + quoted(d.id) + "\n";
    for (const std::string& l : c.front) s += l + "\n";
    if (d.kind == Kind::action) {
      s += "target_date = " + iso(c.target) + "\nstatus = " + quoted(kStatuses[c.status]) + "\n";
      if (c.status == 4) s += "completed = " + iso(c.completed) + "\n";
      for (const MilestoneState& m : c.milestones) {
        s += "\n[[milestones]]\ntitle = " + quoted(m.title) + "\ntarget_date = " + iso(m.target) +
             "\nstatus = " + quoted(kStatuses[m.status]) + "\n";
        if (m.status == 4) s += "completed = " + iso(m.completed) + "\n";
      }
    }
    for (const StatusState& st : c.statuses)
      s += "\n[[statuses]]\naction = " + quoted(st.action) + "\nstatus = " + quoted(kStatuses[st.status]) +
           "\nnote = " + quoted(st.note) + "\n";
    s += "+++\n\n";
    for (const std::string& l : c.body) s += l + "\n";
    return s;
  }

  // --- the content model ---

  // How many documents of each kind, in proportions like a real plan's.
  void plan_quotas() {
    size_t n = std::max<size_t>(target_docs_, 12);
    target_docs_ = n;
    quota_[Kind::plan] = 1;
    quota_[Kind::theme] = std::max<size_t>(3, n / 100);
    quota_[Kind::inspection] = std::max<size_t>(2, n / 150);
    quota_[Kind::page] = std::max<size_t>(2, n / 100);
    quota_[Kind::recommendation] = n * 15 / 100;
    quota_[Kind::action] = n * 40 / 100;
    size_t used = 0;
    for (const auto& [kind, count] : quota_) used += count;
    quota_[Kind::update] = n - used;
  }

  // The next kind to add: the plan and its themes first, then the rest in proportion to what
  // is left of each quota, each only once what it refers to exists.
  Kind next_kind() {
    if (made_[Kind::plan] == 0) return Kind::plan;
    if (made_[Kind::theme] < quota_[Kind::theme]) return Kind::theme;
    if (made_[Kind::inspection] == 0) return Kind::inspection;
    std::vector<std::pair<Kind, size_t>> open;
    size_t total = 0;
    for (Kind k : {Kind::inspection, Kind::recommendation, Kind::action, Kind::update, Kind::page}) {
      if (made_[k] >= quota_[k]) continue;
      if (k == Kind::action && by_kind_[Kind::recommendation].empty()) continue;
      if (k == Kind::update && by_kind_[Kind::action].empty()) continue;
      open.emplace_back(k, quota_[k] - made_[k]);
      total += quota_[k] - made_[k];
    }
    if (total == 0) return Kind::update;
    size_t pick = rng_.below(total);
    for (const auto& [k, left] : open) {
      if (pick < left) return k;
      pick -= left;
    }
    return Kind::update;
  }

  // A random live document of a kind (they are never deleted, except updates and pages).
  const Doc& some(Kind k) { return docs_[by_kind_[k][rng_.below(by_kind_[k].size())]]; }

  std::vector<std::string> body_lines(size_t min, size_t spread) {
    std::vector<std::string> out;
    size_t n = min + rng_.below(spread);
    for (size_t i = 0; i < n; ++i) {
      std::string line = line_text();
      // Now and then a reference to an action or recommendation, as officers write them.
      if (rng_.below(6) == 0) {
        Kind k = rng_.below(2) && !by_kind_[Kind::action].empty() ? Kind::action : Kind::recommendation;
        if (!by_kind_[k].empty()) line += " See [[" + some(k).id + "]].";
      }
      out.push_back(line);
    }
    return out;
  }

  std::string title_text() {
    std::string t = line_text();
    t.pop_back();  // the full stop
    t[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(t[0])));
    return t;
  }

  size_t new_model_doc() {
    Kind kind = next_kind();
    size_t index = docs_.size();
    size_t n = ++made_[kind];
    Doc d;
    d.kind = kind;
    Content& c = d.content;
    const long long now = time_;
    const std::string num = std::to_string(n);
    auto header = [&](const char* type, const std::string& title) {
      c.front.push_back("type = " + quoted(type));
      c.front.push_back("title = " + quoted(title));
      if (rng_.below(2)) c.front.push_back("summary = " + quoted(line_text()));
    };
    switch (kind) {
      case Kind::plan:
        d.path = "plan/plan.md";
        header("plan", "Children's Services Improvement Plan");
        c.front.push_back("approved = " + iso(now));
        c.front.push_back("owner = " + quoted(kOwners[7]));
        c.front.push_back("board = " + quoted(kMeetings[0]));
        c.front.push_back("scrutiny = " + quoted(kMeetings[1]));
        c.body = body_lines(10, 20);
        break;
      case Kind::theme:
        d.path = "plan/themes/t" + num + ".md";
        header("theme", "Theme " + num + ": " + title_text());
        c.front.push_back("plan = \"plan/plan\"");
        c.front.push_back("number = " + num);
        c.front.push_back("lead = " + quoted(kOwners[rng_.below(8)]));
        c.body = body_lines(5, 15);
        break;
      case Kind::inspection: {
        d.path = "inspections/i" + num + ".md";
        const char* ikind = kInspectionKinds[rng_.below(4)];
        header("inspection", "Inspection " + num + ": " + title_text());
        c.front.push_back("kind = " + quoted(ikind));
        c.front.push_back("start_date = " + iso(now - 60 * kDay));
        c.front.push_back("end_date = " + iso(now - 50 * kDay));
        c.front.push_back("published = " + iso(now - 10 * kDay));
        if (std::string(ikind) == "ilacs") c.front.push_back("overall_judgement = " + quoted(kJudgements[rng_.below(4)]));
        c.body = body_lines(15, 30);
        break;
      }
      case Kind::recommendation: {
        d.path = "recommendations/r" + num + ".md";
        const Doc& inspection = docs_[by_kind_[Kind::inspection].back()];  // the latest
        header("recommendation", "Recommendation " + num + ": " + title_text());
        c.front.push_back("inspection = " + quoted(inspection.id));
        c.front.push_back("number = " + num);
        c.front.push_back("themes = [" + quoted(some(Kind::theme).id) + "]");
        c.body = body_lines(3, 10);
        break;
      }
      case Kind::action: {
        d.path = "actions/a" + num + ".md";
        header("action", "Action " + num + ": " + title_text());
        c.front.push_back("number = " + quoted("A" + num));
        c.front.push_back("theme = " + quoted(some(Kind::theme).id));
        std::string recs = quoted(some(Kind::recommendation).id);
        if (rng_.below(3) == 0) {
          std::string other = quoted(some(Kind::recommendation).id);
          if (other != recs) recs += ", " + other;
        }
        c.front.push_back("recommendations = [" + recs + "]");
        c.front.push_back("owner = " + quoted(kOwners[rng_.below(8)]));
        long long start = now - static_cast<long long>(rng_.below(60)) * kDay;
        c.front.push_back("start_date = " + iso(start));
        c.start = start;
        c.target = start + (90 + static_cast<long long>(rng_.below(630))) * kDay;
        c.status = rng_.below(3);  // not started, on track or at risk
        size_t milestones = 2 + rng_.below(5);
        for (size_t m = 0; m < milestones; ++m) {
          MilestoneState ms;
          ms.title = title_text();
          ms.target = start + (c.target - start) * static_cast<long long>(m + 1) / static_cast<long long>(milestones);
          ms.status = rng_.below(2);
          c.milestones.push_back(ms);
        }
        c.body = body_lines(3, 12);
        break;
      }
      case Kind::update: {
        d.path = "updates/u" + num + ".md";
        header("update", "Progress update " + num + ": " + title_text());
        c.front.push_back("date = " + iso(now));
        c.front.push_back("meeting = " + quoted(kMeetings[rng_.below(4)]));
        c.front.push_back("author = " + quoted(kOwners[rng_.below(8)]));
        Kind about = rng_.below(2) ? Kind::recommendation : Kind::theme;
        c.front.push_back("reports_on = [" + quoted(some(about).id) + "]");
        size_t reports = 1 + rng_.below(5);
        std::vector<std::string> seen;
        for (size_t k = 0; k < reports; ++k) {
          StatusState st;
          st.action = some(Kind::action).id;
          if (std::find(seen.begin(), seen.end(), st.action) != seen.end()) continue;
          seen.push_back(st.action);
          st.status = rng_.below(4);
          st.note = line_text();
          c.statuses.push_back(st);
        }
        c.body = body_lines(5, 20);
        break;
      }
      default:
        d.path = "pages/p" + num + ".md";
        header("page", "Page " + num + ": " + title_text());
        c.front.push_back("order = " + num);
        c.body = body_lines(5, 25);
        break;
    }
    d.id = d.path.substr(0, d.path.size() - 3);
    by_kind_[kind].push_back(index);
    docs_.push_back(std::move(d));
    return index;
  }

  // What officers change: an action's status or dates, a milestone, an update's note, a body.
  void edit_model_doc(Doc& d) {
    Content& c = d.content;
    const long long now = time_ + 3600;  // the commit about to be written
    size_t roll = rng_.below(10);
    if (d.kind == Kind::action && roll < 4) {  // a status changes
      if (rng_.below(2) && !c.milestones.empty()) {
        MilestoneState& m = c.milestones[rng_.below(c.milestones.size())];
        m.status = rng_.below(5);
        m.completed = now;
      } else {
        c.status = rng_.below(5);
        c.completed = now;
      }
      return;
    }
    if (d.kind == Kind::action && roll < 6) {  // a target date moves, mostly later
      long long days = 14 + static_cast<long long>(rng_.below(120));
      if (rng_.below(4) == 0) days = -days / 2;
      if (rng_.below(2) && !c.milestones.empty()) {
        MilestoneState& m = c.milestones[rng_.below(c.milestones.size())];
        m.target = std::max(m.target + days * kDay, c.start);
      } else {
        c.target = std::max(c.target + days * kDay, c.start);  // never before the start
      }
      return;
    }
    if (d.kind == Kind::update && roll < 3 && !c.statuses.empty()) {
      StatusState& st = c.statuses[rng_.below(c.statuses.size())];
      st.status = rng_.below(5);
      st.note = line_text();
      return;
    }
    if (roll == 9 && !c.front.empty() && c.front.size() > 2 && c.front[2].rfind("summary = ", 0) == 0) {
      c.front[2] = "summary = " + quoted(line_text());
      return;
    }
    edit_lines(c.body, 0, 2);
  }

  void data(const std::string& bytes) {
    std::fprintf(out_, "data %zu\n", bytes.size());
    std::fwrite(bytes.data(), 1, bytes.size(), out_);
    std::fputc('\n', out_);
  }

  void begin_commit(const std::string& ref, const std::string& message, size_t from, size_t merge) {
    ++commits_;
    ++mark_;
    // Mostly an hour or so apart; now and then several in the same second.
    if (rng_.below(20) != 0) time_ += 60 + static_cast<long long>(rng_.below(7200));
    const char* names[] = {"Alex Example", "Sam Sample", "Jo Bloggs", "Chris Editor"};
    std::string who = names[rng_.below(4)];
    std::string email = who.substr(0, who.find(' ')) + "@council.example";
    for (char& c : email) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::fprintf(out_, "commit %s\nmark :%zu\n", ref.c_str(), mark_);
    std::fprintf(out_, "author %s <%s> %lld +0000\n", who.c_str(), email.c_str(), time_);
    std::fprintf(out_, "committer %s <%s> %lld +0000\n", who.c_str(), email.c_str(), time_);
    data(message);
    if (from) std::fprintf(out_, "from :%zu\n", from);
    if (merge) std::fprintf(out_, "merge :%zu\n", merge);
  }

  void put(size_t i) {
    std::string t = text(docs_[i]);
    std::fprintf(out_, "M 100644 inline content/%s\n", docs_[i].path.c_str());
    data(t);
  }

  size_t random_live() {
    while (true) {
      size_t i = rng_.below(docs_.size());
      if (docs_[i].live) return i;
    }
  }

  // In a content-model portal only updates and pages can go: nothing refers to them.
  bool deletable(const Doc& d) const { return !model_ || d.kind == Kind::update || d.kind == Kind::page; }

  void main_commit() {
    size_t roll = rng_.below(1000);
    if (roll < 10 && model_) {
      // A rename within the document's folder; the file gains an `id` line so that references
      // to it still hold, as an officer renaming a file would do.
      size_t i = random_live();
      Doc& d = docs_[i];
      std::string old_path = d.path;
      std::string folder = old_path.substr(0, old_path.rfind('/'));
      d.path = folder + "/renamed-" + std::to_string(i) + "-" + std::to_string(commits_) + ".md";
      d.explicit_id = true;
      begin_commit("refs/heads/main", "Rename " + old_path, main_mark_, 0);
      std::fprintf(out_, "D content/%s\n", old_path.c_str());
      if (rng_.below(2)) edit(d);
      put(i);
    } else if (roll < 10) {  // rename (sometimes into another folder), sometimes with an edit
      size_t i = random_live();
      Doc& d = docs_[i];
      std::string old_path = d.path;
      const char* folder = kFolders[rng_.below(5)];
      d.path = std::string(folder) + "/renamed-" + std::to_string(i) + "-" +
               std::to_string(commits_) + ".md";
      begin_commit("refs/heads/main", "Rename " + old_path, main_mark_, 0);
      std::fprintf(out_, "R content/%s content/%s\n", old_path.c_str(), d.path.c_str());
      if (rng_.below(2)) {
        edit(d);
        put(i);
      }
    } else if (roll < 13 && deletable(docs_[random_live_peek()])) {  // delete
      size_t i = random_live();
      docs_[i].live = false;
      begin_commit("refs/heads/main", "Remove " + docs_[i].path, main_mark_, 0);
      std::fprintf(out_, "D content/%s\n", docs_[i].path.c_str());
    } else if (docs_.size() < target_docs_ &&
               rng_.below(target_commits_ - commits_) < target_docs_ - docs_.size()) {
      size_t i = new_doc();
      begin_commit("refs/heads/main", "Add " + docs_[i].path, main_mark_, 0);
      put(i);
    } else {
      size_t n = 1 + rng_.below(5);
      std::vector<size_t> picked;
      for (size_t k = 0; k < n; ++k) picked.push_back(random_live());
      begin_commit("refs/heads/main", "Update " + std::to_string(n) + " documents", main_mark_, 0);
      for (size_t i : picked) {
        edit(docs_[i]);
        put(i);
      }
    }
    main_mark_ = mark_;
  }

  // Plain portals delete any document, drawn by the delete itself (so the same stream as
  // before content-model portals existed); content-model portals first draw one to test.
  size_t random_live_peek() {
    if (!model_) return 0;
    uint64_t saved = rng_.state;
    size_t i = random_live();
    rng_.state = saved;
    return i;
  }

  // A branch of a few commits editing documents, interleaved in time with main, merged back.
  void side_branch() {
    std::string ref = "refs/heads/topic-" + std::to_string(commits_);
    size_t side_mark = main_mark_;
    std::map<size_t, Doc> side;  // doc -> its path and content on the branch
    size_t steps = 3 + rng_.below(8);
    for (size_t s = 0; s < steps && commits_ + 2 < target_commits_; ++s) {
      if (rng_.below(2)) {
        main_commit();
        continue;
      }
      size_t n = 1 + rng_.below(3);
      std::vector<size_t> picked;
      for (size_t k = 0; k < n; ++k) picked.push_back(random_live());
      begin_commit(ref, "Topic work", side_mark, 0);
      for (size_t i : picked) {
        auto it = side.find(i);
        Doc copy = it != side.end() ? it->second : docs_[i];
        edit(copy);
        side[i] = copy;
        std::fprintf(out_, "M 100644 inline content/%s\n", copy.path.c_str());
        data(text(copy));
      }
      side_mark = mark_;
    }
    if (side_mark == main_mark_) return;
    begin_commit("refs/heads/main", "Merge " + ref.substr(11), main_mark_, side_mark);
    for (auto& [i, doc] : side) {
      if (!docs_[i].live) continue;
      docs_[i].content = doc.content;  // the branch's version wins, under main's name
      put(i);
    }
    main_mark_ = mark_;
  }

  size_t target_docs_, target_commits_;
  bool model_;
  Rng rng_;
  FILE* out_ = nullptr;
  std::vector<Doc> docs_;
  std::map<Kind, size_t> quota_, made_;
  std::map<Kind, std::vector<size_t>> by_kind_;
  size_t commits_ = 0;
  size_t mark_ = 0;
  size_t main_mark_ = 0;
  long long time_ = 1451606400;  // 1 January 2016
};

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace

void write_portal_history(const PortalShape& shape, std::FILE* out) { Generator(shape).write(out); }

bool generate_portal_repository(const fs::path& repo, const PortalShape& shape, std::string& error) {
  const std::string git = "GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null git";
  const std::string in = "cd " + shell_quote(repo.string()) + " && ";
  // v2: plain documents; v3 added content-model portals, leaving plain ones as they were.
  const std::string expected = std::to_string(shape.documents) + " " + std::to_string(shape.commits) +
                               (shape.content_model ? " portal-v1" : " v2");
  const fs::path marker = repo / ".git/scrutiny-perftest";
  std::string found;
  {
    std::ifstream marker_in(marker);
    std::getline(marker_in, found);
  }
  if (found == expected) return true;
  std::error_code ec;
  fs::remove_all(repo, ec);
  fs::create_directories(repo, ec);
  if (std::system((in + git + " init -q -b main").c_str()) != 0) {
    error = "git init failed in " + repo.string();
    return false;
  }
  FILE* fast_import = popen((in + git + " fast-import --quiet").c_str(), "w");
  if (!fast_import) {
    error = "cannot start git fast-import";
    return false;
  }
  write_portal_history(shape, fast_import);
  if (pclose(fast_import) != 0) {
    error = "git fast-import failed";
    return false;
  }
  if (std::system((in + git + " reset -q --hard main && " + git + " gc -q").c_str()) != 0) {
    error = "git reset or gc failed in " + repo.string();
    return false;
  }
  std::ofstream(marker) << expected << "\n";
  return true;
}

}  // namespace scrutiny
