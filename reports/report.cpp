#include "reports/report.hpp"

#include "reports/figure/gnuplot.hpp"
#include "reports/record/record.hpp"
#include "theory/io/atomic_write.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace irverify {

namespace {

using json = nlohmann::json;
namespace fs = std::filesystem;

std::string sci(double x) { return fmt::format("{:.3e}", x); }

// Text safe inside a markdown table cell.
std::string cell(const std::string& t) {
  std::string r;
  for (char ch : t) r += ch == '|' ? std::string("\\|") : std::string(1, ch);
  return r;
}

// A number of a record (or its decimal text) in `format`; "–" for anything else (missing, null, other text): the
// renderer meets every shape the schema allows.
std::string number_text(const json& x, const char* format) {
  if (x.is_number()) return fmt::format(fmt::runtime(format), x.get<double>());
  if (!x.is_string()) return "–";
  const std::string t = x.get<std::string>();
  char* end = nullptr;
  const double v = std::strtod(t.c_str(), &end);
  return t.empty() || end != t.c_str() + t.size() ? "–" : fmt::format(fmt::runtime(format), v);
}
// Entry k of an array, or null where the array is shorter (or not an array).
const json& entry(const json& a, std::size_t k) {
  static const json none;
  return a.is_array() && k < a.size() ? a[k] : none;
}
double number_or(const json& x, double otherwise) { return x.is_number() ? x.get<double>() : otherwise; }

// "2.0003 ± 0.0001" for a fit; "no fit (why)" without one.
std::string fit_text(const json& s) {
  const json& f = s["fit"];
  if (!f.value("ok", false) || !f["slope"].is_number()) return fmt::format("no fit ({})", f.value("note", ""));
  return fmt::format("{:.4f} ± {}", f["slope"].get<double>(), number_text(f["slope_stderr"], "{:.4f}"));
}

void generic_table(std::ostream& md, const json& t) {
  md << "*" << t["title"].get<std::string>() << "*\n\n|";
  for (const auto& col : t["columns"]) md << " " << cell(col) << " |";
  md << "\n|";
  for (std::size_t i = 0; i < t["columns"].size(); ++i) md << "---|";
  md << "\n";
  for (const auto& row : t["rows"]) {
    md << "|";
    for (const auto& x : row) md << " " << cell(x) << " |";
    md << "\n";
  }
  md << "\n";
}

void convergence_table(std::ostream& md, const json& c) {
  const json& series = c["series"];
  md << "| " << cell(c["ladder"].value("variable", "h")) << " |";
  for (const auto& s : series) md << " " << cell(s["name"]) << " | rate |";
  md << "\n|---|";
  for (std::size_t i = 0; i < series.size(); ++i) md << "---:|---:|";
  md << "\n";
  const json& h = c["ladder"]["h"];
  for (std::size_t k = 0; k < h.size(); ++k) {
    md << "| " << number_text(entry(h, k), "{:.3e}") << " |";
    for (const auto& s : series) {
      const bool excl = entry(s["fit"]["excluded"], k) == true;
      md << " " << number_text(entry(s["errors"], k), "{:.3e}") << (excl ? " †" : "") << " | "
         << number_text(entry(s["fit"]["pairwise"], k), "{:.3f}") << " |";
    }
    md << "\n";
  }
}

std::string case_title(const json& c) {
  const std::string label = c.value("label", "");
  return c["problem"]["name"].get<std::string>() + (label.empty() ? "" : ": " + label);
}

// What one report has written, by file name: stored problems and figures (name -> content), so two different ones of
// one name get two files.
struct Written {
  std::map<std::string, std::string> problems, figures;
};
// `name`, or, when `used` holds it with other content, name~k (k the count so far): a name no other content has.
std::string unique_name(const std::string& name, const std::string& content, std::map<std::string, std::string>& used) {
  std::string n = name;
  if (const auto it = used.find(n); it != used.end() && it->second != content) n = fmt::format("{}~{}", name, used.size());
  used[n] = content;
  return n;
}

// Draws a figure of a record into <out>/figures: a markdown image line relative to the claim's page, or a warning.
std::string figure_line(const json& fig, const fs::path& out, Written& written) {
  try {
    Figure f = figure_from_json(fig);
    f.name = unique_name(figure_stem(f.name), fig.dump(), written.figures);
    const DrawnFigure d = draw_figure(f, out / "figures");
    if (d.svg.empty()) return "*Figure:* " + d.warning + ".\n\n";
    return fmt::format("![{}](../figures/{})\n\n", f.alt.empty() ? f.title : f.alt, d.svg);
  } catch (const std::runtime_error& e) {
    return fmt::format("*Figure not drawn:* {}.\n\n", e.what());
  }
}

// A problem file stored in a record (a counterexample, a failing instance), written next to the report.
std::string write_problem(const json& problem, const fs::path& out, Written& written) {
  const fs::path dir = out / "problems";
  fs::create_directories(dir);
  const std::string text = problem.dump(2) + "\n";
  const std::string name = figure_stem(unique_name(figure_stem(problem.value("name", "problem")), text, written.problems)) + ".json";
  write_atomically((dir / name).string(), text);
  return "problems/" + name;
}

// One row of a statements table (claim column omitted when `claim` is empty).
std::string statement_row(const std::string& claim, const json& st) {
  const json& n = st["outcomes"];
  return fmt::format("|{} {}{} | {} | {} ({} / {} / {}) | **{}** |\n", claim.empty() ? "" : fmt::format(" [{}]({}.md) |", claim, claim),
                     cell(st["text"]), st.contains("scope") ? " (on some instance)" : "", st["expected"].get<std::string>(),
                     st["outcome"].get<std::string>(), n["holds"].get<int>(), n["refuted"].get<int>(), n["unresolved"].get<int>(),
                     st["verdict"].get<std::string>() + (st.contains("why") ? " (" + st["why"].get<std::string>() + ")" : ""));
}

// The page of one claim, <out>/claims/<ID>.md: statement, set-up, figures, statements, then each case (convergence
// tables, fits, the claim's own tables and figures). Links and images are relative to the page.
std::string claim_page(const json& r, const fs::path& out, const ReportOptions& opt, Written& written) {
  std::ostringstream md;
  const std::string id = r["claim"];
  md << fmt::format("# {}: {}\n\n*Generated from the record `{}.json`.* [Summary](../REPORT.md) · [all statements](statements.md)\n\n",
                    id, r["title"].get<std::string>(), id);
  md << fmt::format("*Source:* {}.\n\n*Statement.* {}\n\n*Verdict rule.* {}\n\n*Negative control.* {}\n\n",
                    r["paper"].get<std::string>(), r["statement"].get<std::string>(), r["verdict_rule"].get<std::string>(),
                    r["negative_control"].get<std::string>());
  md << fmt::format("*Set-up.* Precision {} ({} digits); record `{}.json`; ctest check `{}`. Verdict: **{}**.\n\n",
                    r["scalar"].get<std::string>(), r["digits"].get<int>(), id, r["check"].get<std::string>(),
                    r["verdict"].get<std::string>());
  if (r.contains("monte_carlo")) {
    const json& mc = r["monte_carlo"];
    md << fmt::format("*Random draws.* Philox seed {}", mc["seed"].dump());
    if (mc.contains("samples")) md << fmt::format(", {} {}", mc["samples"].dump(), mc.value("samples_are", "samples"));
    md << fmt::format(" (`irverify run {} --seed {}{}` reproduces the record on any thread count).\n\n", id, mc["seed"].dump(),
                      mc.contains("samples") ? " --samples " + mc["samples"].dump() : "");
  }
  if (opt.figures)
    for (const auto& f : r.value("figures", json::array())) md << figure_line(f, out, written);
  if (r.contains("statements") && !r["statements"].empty()) {
    md << "| Statement | Expected | Measured (cases: holds / refuted / unresolved) | Verdict |\n|---|---|---|---|\n";
    for (const auto& st : r["statements"]) md << statement_row("", st);
    md << "\n";
  }
  const bool any_series = std::any_of(r["cases"].begin(), r["cases"].end(), [](const json& c) { return !c["series"].empty(); });
  if (any_series)
    md << "† marks points at the floor, excluded from the fit (the floor and the stall rule are in "
          "`solvers/order/order_fit.hpp`; Monte Carlo points also below 4 standard deviations). Rates are pairwise "
          "observed orders; error bars are 95% intervals.\n\n";
  for (const auto& c : r["cases"]) {
    const json& p = c["problem"];
    md << fmt::format("## {} — {}\n\n", case_title(c), c["verdict"].get<std::string>());
    md << fmt::format("Model `{}`, {} parameters, {} examples, from {}; precision {}; {}; {:.2f} s.\n\n",
                      p["model"].get<std::string>(), p["dim"].get<int>(), p["examples"].get<int>(),
                      p["origin"].get<std::string>(), c.value("scalar", r["scalar"].get<std::string>()),
                      c["solver"].get<std::string>(), c["seconds"].get<double>());
    if (!c["series"].empty()) {
      convergence_table(md, c);
      md << "\n| series | claimed | fitted order | floor | outcome |\n|---|---:|---:|---:|---|\n";
    }
    for (const auto& s : c["series"]) {
      const json& f = s["fit"];
      md << fmt::format("| {} | {}{:g} | {} | {} | {} |\n", cell(s["name"]),
                        s["role"] == "negative-control" ? "≠ " : s["role"] == "context" ? "(context) " : "", number_or(s["claimed_order"], 0), fit_text(s),
                        number_or(f["floor_detected"], 0) > 0 ? sci(f["floor_detected"].get<double>())
                                                              : "not reached (≥ " + number_text(f["floor_given"], "{:.3e}") + ")",
                        s["outcome"].get<std::string>());
    }
    md << "\n";
    for (const auto& t : c.value("tables", json::array())) generic_table(md, t);
    for (const auto& p : c.value("stored_problems", json::array()))
      md << fmt::format("*{0}:* [`{1}`](../{1}) (run it with `irverify run {2} --problem {1}`).\n\n", p["note"].get<std::string>(),
                        write_problem(p["problem"], out, written), p["claim"].get<std::string>());
    if (opt.figures)
      for (const auto& f : c.value("figures", json::array())) md << figure_line(f, out, written);
  }
  return md.str();
}

}  // namespace

std::string write_report(const ReportOptions& opt) {
  std::vector<RecordFile> files = read_records(opt.records_dir);
  if (files.empty()) throw std::runtime_error(fmt::format("{}: no irverify records (*.json) found", opt.records_dir));
  // The claims' order (the manifest's, recorded in each record), then their ids.
  std::stable_sort(files.begin(), files.end(), [](const RecordFile& a, const RecordFile& b) {
    return std::make_pair(a.doc.value("order", 1 << 30), a.doc["claim"].get<std::string>()) <
           std::make_pair(b.doc.value("order", 1 << 30), b.doc["claim"].get<std::string>());
  });
  const fs::path out = opt.out_dir.empty() ? fs::path(opt.records_dir) : fs::path(opt.out_dir);
  // The report writes only into real folders under out: a claims/, figures/ or problems/ that is a symbolic link (a
  // records folder from elsewhere) would lead its files anywhere.
  for (const char* sub : {"claims", "figures", "problems"}) {
    std::error_code ec;
    const fs::file_status st = fs::symlink_status(out / sub, ec);
    if (!ec && fs::exists(st) && !fs::is_directory(st))
      throw std::runtime_error(fmt::format("{}: not a folder ({}); the report writes only into real folders under {}",
                                           (out / sub).string(), fs::is_symlink(st) ? "a symbolic link" : "a file", out.string()));
  }
  std::error_code ec;
  fs::create_directories(out / "claims", ec);
  if (ec) throw std::runtime_error(fmt::format("{}: cannot create the report's folders ({})", out.string(), ec.message()));
  const json& prov = files.front().doc["provenance"];
  std::ostringstream md, all;
  md << "# irverify report\n\n";
  md << fmt::format("*Generated by `irverify report` from the JSON records in `{}`: edit the code or the records, not "
                    "this page.* irverify {} (commit `{}`), {}, built {}; records of {}.\n\n",
                    fs::path(opt.records_dir).filename().string(), prov.value("irverify_version", "?"),
                    prov.value("git_commit", "?"), prov.value("compiler", "?"), prov.value("build_type", "?"),
                    prov.value("date_utc", "?"));
  md << "Each claim is stated in `CLAIMS.md` and has a page of its own (statements, set-up, figures, every case); every "
        "number is read from the claim's JSON record. [All statements](claims/statements.md) in one table.\n\n";
  all << "# Statements\n\n[Summary](../REPORT.md)\n\nEach statement a claim checks, with its expected outcome (`holds`, "
         "or `refuted`: known or found false, with its counterexample stored); it passes when every case measured the "
         "expected outcome (CLAIMS.md, \"Expected outcomes\"). Negative controls are refuted statements.\n\n"
         "| Claim | Statement | Expected | Measured (cases: holds / refuted / unresolved) | Verdict |\n|---|---|---|---|---|\n";
  std::string family;
  Written written;
  for (const auto& [file, r] : files) try {
    const std::string id = r["claim"];
    const std::string fam = id.substr(0, id.find('-'));
    if (fam != family) {
      family = fam;
      md << fmt::format("\n## {}\n\n| Claim | Title | Verdict | Measured (orders: min–max over models) | Expected | "
                        "Statements as expected | Precision | Time |\n|---|---|---|---|---|---:|---|---:|\n", family);
    }
    const json sts = r.value("statements", json::array());
    const long ok = std::count_if(sts.begin(), sts.end(), [](const json& st) { return st.value("verdict", "") == "pass"; });
    md << fmt::format("| [{}](claims/{}.md) | {} | **{}** | {} | {} | {} / {} | {} | {:.1f} s |\n", id, id, cell(r["title"]),
                      r["verdict"].get<std::string>(), cell(r.value("summary", json::object()).value("measured", "–")),
                      cell(r.value("summary", json::object()).value("expected", "–")), ok, sts.size(),
                      r["scalar"].get<std::string>(), r["wall_time_s"].get<double>());
    for (const auto& st : sts) all << statement_row(id, st);
    write_atomically((out / "claims" / (id + ".md")).string(), claim_page(r, out, opt, written));
  } catch (const json::exception& e) {  // a shape the schema allows and the renderer does not handle: a bug, named
    throw std::runtime_error(fmt::format("{}: cannot render this record ({})", file, e.what()));
  }
  // Studies (irverify-study-1 records beside the claims'): each one's title, verdict, summary and tables.
  const std::vector<RecordFile> studies = read_study_records(opt.records_dir);
  if (!studies.empty()) md << "\n## Studies\n\n";
  for (const auto& [file, r] : studies) {
    md << fmt::format("### {} — **{}**\n\n*From the study record `{}` (`irverify study {}`).* {}\n\n", cell(r["title"]),
                      r["verdict"].get<std::string>(), fs::path(file).filename().string(), r["study"].get<std::string>(),
                      r["summary"].get<std::string>());
    for (const auto& t : r["tables"]) generic_table(md, t);
  }
  write_atomically((out / "claims" / "statements.md").string(), all.str() + "\n");
  const fs::path path = out / "REPORT.md";
  write_atomically(path.string(), md.str());
  return path.string();
}

}  // namespace irverify
