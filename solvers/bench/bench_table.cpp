// bench_table OUT_BASE IN.json...: Google Benchmark JSON outputs (run with --benchmark_repetitions and
// --benchmark_report_aggregates_only) to one table of medians, OUT_BASE.md and OUT_BASE.json (scripts/bench.sh).
// Per benchmark: median real time, its relative standard deviation over the repetitions, and every user counter
// (rates such as grad/s) at the median.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <iostream>
#include <map>
#include <set>

using json = nlohmann::json;

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: bench_table OUT_BASE IN.json...\n";
    return 2;
  }
  const std::set<std::string> standard = {"name", "family_index", "per_family_instance_index", "run_name", "run_type",
                                          "repetitions", "repetition_index", "threads", "aggregate_name", "aggregate_unit",
                                          "iterations", "real_time", "cpu_time", "time_unit", "label", "error_occurred",
                                          "error_message"};
  json rows = json::array(), context;
  for (int a = 2; a < argc; ++a) {
    std::ifstream in(argv[a]);
    json j;
    try {
      in >> j;
    } catch (const std::exception& e) {
      std::cerr << "bench_table: " << argv[a] << ": " << e.what() << "\n";
      return 2;
    }
    context = j["context"];
    std::map<std::string, json> median, stddev;
    for (const auto& b : j["benchmarks"]) {
      if (b.value("error_occurred", false)) continue;
      const std::string agg = b.value("aggregate_name", "");
      if (agg == "median") median[b["run_name"]] = b;
      if (agg == "stddev") stddev[b["run_name"]] = b;
    }
    for (const auto& [name, b] : median) {
      json r = {{"benchmark", name}, {"label", b.value("label", "")}, {"repetitions", b["repetitions"]},
                {"median_time", b["real_time"]}, {"time_unit", b["time_unit"]}};
      if (stddev.count(name)) r["relative_stddev"] = stddev[name]["real_time"].get<double>() / b["real_time"].get<double>();
      for (auto it = b.begin(); it != b.end(); ++it)
        if (!standard.count(it.key())) r["counters"][it.key()] = it.value();
      rows.push_back(r);
    }
  }
  const std::string base = argv[1];
  std::ofstream(base + ".json") << json{{"context", context}, {"rows", rows}}.dump(2) << "\n";
  std::ofstream md(base + ".md");
  md << fmt::format("Medians of {} repetitions; {} CPUs at {} MHz (as reported), {}.\n\n",
                    rows.empty() ? 0 : rows[0]["repetitions"].get<int>(), context.value("num_cpus", 0),
                    context.value("mhz_per_cpu", 0), context.value("date", ""));
  md << "| benchmark | median time | rel. sd | rates |\n|---|---|---|---|\n";
  for (const auto& r : rows) {
    std::string rates;
    if (r.contains("counters"))
      for (auto it = r["counters"].begin(); it != r["counters"].end(); ++it)
        rates += fmt::format("{}{} {:.3g}", rates.empty() ? "" : ", ", it.key(), it.value().get<double>());
    const std::string label = r["label"].get<std::string>();
    md << fmt::format("| {}{} | {:.3g} {} | {} | {} |\n", r["benchmark"].get<std::string>(), label.empty() ? "" : " (" + label + ")",
                      r["median_time"].get<double>(), r["time_unit"].get<std::string>(),
                      r.contains("relative_stddev") ? fmt::format("{:.1f}%", 100 * r["relative_stddev"].get<double>()) : "",
                      rates);
  }
  std::cout << base << ".md, " << base << ".json\n";
  return 0;
}
