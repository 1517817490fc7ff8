#include "checks/framework/calibration.hpp"

#include "solvers/stats/error_rates.hpp"
#include "solvers/stats/confidence.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace irverify {

double StatementTally::tail() const { return binomial_upper_tail(static_cast<long>(wrong_seeds.size()), runs, level); }

double StatementTally::rate_bound() const {
  return runs > 0 ? rate_upper_bound(static_cast<long>(wrong_seeds.size()), runs, kCalibrationConfidence) : 1.0;
}

long StatementTally::repeated_p_values() const {
  std::vector<double> p;
  for (double x : p_values)
    if (x > 0 && x < 1) p.push_back(x);
  std::sort(p.begin(), p.end());
  return static_cast<long>(p.size() - static_cast<std::size_t>(std::unique(p.begin(), p.end()) - p.begin()));
}

double StatementTally::power_at_ten_times() const {
  long k = 0;  // the fewest wrong outcomes that fail calibration
  while (k <= runs && binomial_upper_tail(k, runs, level) >= 1 - kCalibrationConfidence) ++k;
  return k > runs ? 0.0 : binomial_upper_tail(k, runs, std::min(1.0, 10 * level));
}

bool ClaimTally::calibrated() const {
  return errors.empty() && std::all_of(statements.begin(), statements.end(), [](const StatementTally& s) { return s.calibrated(); });
}

void tally_record(ClaimTally& t, const nlohmann::json& record, std::uint64_t seed) {
  ++t.runs;
  if (record.at("verdict") != "pass") t.failed_seeds.push_back(seed);
  for (const auto& st : record.at("statements")) {
    const std::string text = st.at("text"), expected = st.at("expected");
    auto it = std::find_if(t.statements.begin(), t.statements.end(),
                           [&](const StatementTally& s) { return s.text == text && s.expected == expected; });
    if (it == t.statements.end()) it = t.statements.insert(t.statements.end(), StatementTally{text, expected, 0, {}, 0, {}});
    ++it->runs;
    if (st.at("verdict") == "fail") it->wrong_seeds.push_back(seed);
    double level = kFamilyLevel * std::max(1, st.at("cases").get<int>());
    if (st.contains("test")) {
      level = st["test"].at("level").get<double>();
      it->p_values.push_back(st["test"].at("p_value").get<double>());
    }
    it->level = std::max(it->level, level);
  }
}

void tally_error(ClaimTally& t, std::uint64_t seed, const std::string& message) {
  ++t.runs;
  t.failed_seeds.push_back(seed);
  t.errors.push_back(fmt::format("seed {}: {}", seed, message));
}

nlohmann::json calibration_json(const ClaimTally& t) {
  nlohmann::json sts = nlohmann::json::array();
  for (const StatementTally& s : t.statements) {
    nlohmann::json j = {{"text", s.text},
                        {"expected", s.expected},
                        {"runs", s.runs},
                        {"wrong", s.wrong_seeds.size()},
                        {"wrong_seeds", s.wrong_seeds},
                        {"level", s.level},
                        {"tail_probability", s.tail()},
                        {"rate_upper_99", s.rate_bound()},
                        {"power_at_ten_times_level", s.power_at_ten_times()},
                        {"calibrated", s.calibrated()}};
    if (!s.p_values.empty()) {
      const KsDistance d = ks_from_uniform(s.p_values);
      j["p_values"] = {{"n", d.n},
                       {"ks_plus", d.plus},
                       {"ks_plus_probability", d.plus_p_value()},
                       {"ks_minus", d.minus},
                       {"least", *std::min_element(s.p_values.begin(), s.p_values.end())},
                       {"repeated", s.repeated_p_values()}};
    }
    sts.push_back(std::move(j));
  }
  return {{"claim", t.id},
          {"seeds", {t.first_seed, t.first_seed + static_cast<std::uint64_t>(std::max(0L, t.runs - 1))}},
          {"runs", t.runs},
          {"failed_seeds", t.failed_seeds},
          {"errors", t.errors},
          {"seconds", t.seconds},
          {"calibrated", t.calibrated()},
          {"statements", sts}};
}

CaseTable calibration_table(const std::vector<ClaimTally>& claims) {
  CaseTable t{"Per statement: runs at independent seeds, wrong outcomes (measured outcome not the expected one; seeds "
              "listed up to 5), the stated false-failure level, P(at least that many wrong | level) (calibrated when "
              ">= 1%), the 99% upper bound on the rate, the chance this many runs would fail calibration at ten times "
              "the level (what they can tell), and, for tested statements, the Kolmogorov-Smirnov distances of the "
              "p-values from the uniform (D+ > 0: smaller than a valid test's, with its probability; D-: conservative)",
              {"claim", "statement", "expected", "runs", "wrong (seeds)", "level", "P(>= wrong)", "rate <= (99%)",
               "power at 10x level", "KS D+ (P)", "KS D-", "calibrated"},
              {}};
  for (const ClaimTally& c : claims) {
    for (const std::string& e : c.errors) t.rows.push_back({c.id, "(no record) " + e, "", "", "", "", "", "", "", "", "", "no"});
    for (const StatementTally& s : c.statements) {
      std::string wrong = fmt::format("{}", s.wrong_seeds.size());
      if (!s.wrong_seeds.empty()) {
        std::vector<std::uint64_t> first(s.wrong_seeds.begin(), s.wrong_seeds.begin() + std::min<std::size_t>(5, s.wrong_seeds.size()));
        wrong += fmt::format(" ({}{})", fmt::join(first, ", "), s.wrong_seeds.size() > 5 ? ", ..." : "");
      }
      std::string ks_plus = "–", ks_minus = "–";
      if (!s.p_values.empty()) {
        const KsDistance d = ks_from_uniform(s.p_values);
        ks_plus = fmt::format("{:.3f} ({:.2g})", d.plus, d.plus_p_value());
        ks_minus = fmt::format("{:.3f}", d.minus);
        if (s.repeated_p_values() > 0) ks_minus += fmt::format(" ({} p-values repeated: shared draws)", s.repeated_p_values());
      }
      t.rows.push_back({c.id, s.text, s.expected, fmt::format("{}", s.runs), wrong, fmt::format("{:.2g}", s.level),
                        fmt::format("{:.3g}", s.tail()),
                        fmt::format("{:.2g}", s.rate_bound()),
                        fmt::format("{:.2f}", s.power_at_ten_times()), ks_plus, ks_minus, s.calibrated() ? "yes" : "**no**"});
    }
  }
  return t;
}

}  // namespace irverify
