#include "checks/framework/summary.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

namespace irverify {

nlohmann::json statement_summary(const std::vector<Case>& cases, const std::vector<std::string>& refuted_somewhere,
                                 bool on_given_problems) {
  struct Entry {
    std::string text;
    Outcome expected;
    int n = 0, counts[3] = {0, 0, 0};
    bool pass = true;
    int tested = 0;  // cases with a test, their comparisons and levels summed, their least p-value
    long comparisons = 0;
    double level = 0, least_p = 1;
  };
  std::vector<Entry> v;
  for (const Case& c : cases)
    for (const Statement& s : c.statements) {
      auto it = std::find_if(v.begin(), v.end(), [&](const Entry& e) { return e.text == s.text && e.expected == s.expected; });
      if (it == v.end()) it = v.insert(v.end(), Entry{s.text, s.expected});
      ++it->n;
      ++it->counts[static_cast<int>(s.outcome)];
      it->pass = it->pass && s.pass();
      if (s.test) {
        ++it->tested;
        it->comparisons += s.test->comparisons;
        it->level += s.test->level;
        it->least_p = std::min(it->least_p, s.test->p_value());
      }
    }
  for (const std::string& text : refuted_somewhere)
    if (std::none_of(v.begin(), v.end(), [&](const Entry& e) { return e.text == text; })) v.push_back(Entry{text, kRefuted});
  nlohmann::json out = nlohmann::json::array();
  for (const Entry& e : v) {
    std::string all = e.n == 0 ? "not-measured" : "mixed";  // the outcome measured in every case
    for (Outcome o : {kHolds, kRefuted, kUnresolved})
      if (e.n > 0 && e.counts[static_cast<int>(o)] == e.n) all = outcome_name(o);
    nlohmann::json j = {{"text", e.text},
                        {"expected", outcome_name(e.expected)},
                        {"cases", e.n},
                        {"outcomes", {{"holds", e.counts[0]}, {"refuted", e.counts[1]}, {"unresolved", e.counts[2]}}},
                        {"verdict", e.pass ? "pass" : "fail"},
                        {"outcome", all}};
    if (e.tested > 0)  // over the cases, by Bonferroni: the levels add up, the least p-value is multiplied by their count
      j["test"] = {{"cases", e.tested},
                   {"comparisons", e.comparisons},
                   {"level", e.level},
                   {"p_value", std::min(1.0, e.tested * e.least_p)}};
    if (std::find(refuted_somewhere.begin(), refuted_somewhere.end(), e.text) != refuted_somewhere.end()) {
      j["scope"] = "some instance";
      if (e.n == 0 && on_given_problems) {  // the instance that refutes it is not in the run: no pass, no failure
        j["verdict"] = "not-applicable";
        j["why"] = "no case of this run measures it; the claim's built-in instances include one that refutes it";
      } else {  // what its text says: refuted on some instance, whatever the others measured
        j["verdict"] = e.counts[1] > 0 ? "pass" : "fail";
      }
    }
    out.push_back(std::move(j));
  }
  return out;
}

namespace {

// The headlines of one part, aggregated over the cases in the order they first appear; "" if none.
std::string headline_text(const std::vector<Case>& cases, bool expected) {
  struct Item {
    const Headline* first;
    double lo, hi, sum;
    std::vector<std::string> texts;
  };
  std::vector<Item> items;
  for (const Case& c : cases)
    for (const Headline& h : c.headlines) {
      if (h.expected != expected) continue;
      auto it = std::find_if(items.begin(), items.end(), [&](const Item& i) {
        return i.first->how == h.how && i.first->format == h.format;
      });
      if (it == items.end()) {
        items.push_back({&h, h.value, h.value, 0, {}});
        it = items.end() - 1;
      }
      it->sum += h.value;
      it->lo = std::min(it->lo, h.value);
      it->hi = std::max(it->hi, h.value);
      if (h.how == Aggregate::list) it->texts.push_back(h.text);
    }
  std::vector<std::string> parts;
  for (const Item& i : items) {
    const std::string& f = i.first->format;
    switch (i.first->how) {
      case Aggregate::max: parts.push_back(fmt::format(fmt::runtime(f), i.hi)); break;
      case Aggregate::min: parts.push_back(fmt::format(fmt::runtime(f), i.lo)); break;
      case Aggregate::sum: parts.push_back(fmt::format(fmt::runtime(f), i.sum)); break;
      case Aggregate::range: parts.push_back(fmt::format(fmt::runtime(f), i.lo, i.hi)); break;
      case Aggregate::list: parts.push_back(fmt::format(fmt::runtime(f), fmt::join(i.texts, i.first->separator))); break;
    }
  }
  return fmt::format("{}", fmt::join(parts, "; "));
}

// Range of fitted slopes over all cases per (claim 0 | control 1, claimed order); context series are not summarized.
std::string ladder_measured(const std::vector<Case>& cases) {
  struct Range {
    double lo = INFINITY, hi = -INFINITY;
    bool all_ok = true;
  };
  std::map<std::pair<int, double>, Range> ranges;
  for (const Case& c : cases)
    for (const LadderSeries& s : c.series) {
      if (s.role == Role::context) continue;
      Range& r = ranges[{s.role == Role::claim ? 0 : 1, s.claimed_order}];
      if (!s.fit.ok) {
        r.all_ok = false;
        continue;
      }
      r.lo = std::min(r.lo, s.fit.slope);
      r.hi = std::max(r.hi, s.fit.slope);
    }
  std::vector<std::string> parts;
  for (const auto& [key, r] : ranges) {
    const std::string range = r.lo <= r.hi ? fmt::format("{:.4f}–{:.4f}", r.lo, r.hi) : std::string("no fit");
    parts.push_back(fmt::format("{} {:g}: {}{}", key.first ? "control ≠" : "order", key.second, range, r.all_ok ? "" : " (some unfitted)"));
  }
  return fmt::format("{}", fmt::join(parts, "; "));
}

std::string ladder_expected(const std::vector<Case>& cases) {
  std::set<double> orders;
  for (const Case& c : cases)
    for (const LadderSeries& s : c.series)
      if (s.role == Role::claim) orders.insert(s.claimed_order);
  std::vector<std::string> parts;
  for (double p : orders) parts.push_back(fmt::format("{:g}", p));
  return parts.empty() ? "" : fmt::format("{} (±{:g}); controls rejected", fmt::join(parts, ", "), kOrderTolerance);
}

std::string or_dash(const std::string& s) { return s.empty() ? "–" : s; }

}  // namespace

nlohmann::json claim_summary(const std::vector<Case>& cases, const std::string& expected) {
  std::string measured = headline_text(cases, false), exp = headline_text(cases, true);
  if (measured.empty()) measured = ladder_measured(cases);
  if (exp.empty()) exp = expected.empty() ? ladder_expected(cases) : expected;
  return {{"measured", or_dash(measured)}, {"expected", or_dash(exp)}};
}

Figure convergence_figure(const std::string& id, const std::string& title, const std::vector<Case>& cases) {
  Figure f;
  f.name = id;
  f.title = fmt::format("{}: {}", id, title);
  f.alt = id + " error against step size";
  for (const Case& c : cases) {
    if (c.series.empty()) continue;
    FigurePanel p;
    p.title = c.spec.name + (c.label.empty() ? "" : ": " + c.label);
    p.x = figure_axis(c.variable, true);
    p.y = figure_axis("error", true);
    std::set<double> slopes;
    for (const LadderSeries& s : c.series) {
      FigureSeries fs{s.name, c.h, s.err, {}, {}};
      for (std::size_t k = 0; k < s.sigma.size(); ++k) {
        fs.y_low.push_back(s.err[k] - 1.96 * s.sigma[k]);
        fs.y_high.push_back(s.err[k] + 1.96 * s.sigma[k]);
      }
      p.series.push_back(std::move(fs));
      if (!s.fit.ok || s.role != Role::claim || s.fit.fitted.empty()) continue;
      const int k = s.fit.fitted.back();
      const bool named = slopes.insert(s.claimed_order).second;
      p.curves.push_back({named ? fmt::format("claimed slope {:g}", s.claimed_order) : "",
                          s.err[k] / std::pow(c.h[k], s.claimed_order), s.claimed_order, true});
    }
    f.panels.push_back(std::move(p));
  }
  return f;
}

}  // namespace irverify
