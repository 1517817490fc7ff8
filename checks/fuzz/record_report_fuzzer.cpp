// libFuzzer target (scripts/fuzz.sh): a record's bytes in, a report out. The bytes are written as the one record of a
// records directory; `report` reads it (read_records: the strict reader and the record schema) and renders the pages
// (figures as gnuplot scripts, not drawn: no gnuplot runs here). A refusal (std::runtime_error naming the file) is the
// expected outcome for bad input; a record the schema accepts that the renderer cannot render ("cannot render this
// record"), any other exception, a crash, a leak or undefined behaviour (ASan, UBSan) is a finding, as is a file
// written outside the output directory.
#include "reports/figure/gnuplot.hpp"
#include "reports/record/record.hpp"
#include "reports/report.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {

[[noreturn]] void finding(const std::string& what) {
  std::fprintf(stderr, "finding: %s\n", what.c_str());
  std::abort();
}

// A private scratch folder: <tmp>/in/x.json is the record, <tmp>/out the report; nothing else may appear in <tmp>.
const fs::path& scratch() {
  static const fs::path dir = [] {
    std::string t = (fs::exists("/dev/shm") ? "/dev/shm" : fs::temp_directory_path().string()) + "/irverify-fuzz-XXXXXX";
    if (!mkdtemp(t.data())) finding("cannot create a scratch folder");
    fs::create_directories(fs::path(t) / "in");
    return fs::path(t);
  }();
  return dir;
}

// The gnuplot script of every figure of a record (the record-level and the cases' figures).
void script_figures(const nlohmann::json& r) {
  const auto script = [](const nlohmann::json& f) {
    try {
      (void)irverify::gnuplot_script(irverify::figure_from_json(f), "/nonexistent/x.svg");
    } catch (const std::runtime_error&) {  // a figure the renderer refuses (it says so on the page)
    }
  };
  const auto figures_of = [&](const nlohmann::json& x) {
    if (x.is_object() && x.contains("figures") && x["figures"].is_array())
      for (const auto& f : x["figures"]) script(f);
  };
  figures_of(r);
  if (r.contains("cases") && r["cases"].is_array())
    for (const auto& c : r["cases"]) figures_of(c);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const fs::path& dir = scratch();
  fs::remove_all(dir / "out");
  {
    std::ofstream(dir / "in" / "x.json", std::ios::binary).write(reinterpret_cast<const char*>(data), std::streamsize(size));
  }
  try {
    for (const irverify::RecordFile& r : irverify::read_records((dir / "in").string())) script_figures(r.doc);
    (void)irverify::write_report({(dir / "in").string(), (dir / "out").string(), false});
  } catch (const std::runtime_error& e) {
    const std::string m = e.what(), bug = (dir / "in" / "x.json").string() + ": cannot render this record";
    if (m.compare(0, bug.size(), bug) == 0) finding(m);  // (a refusal may quote the record's text: only the prefix counts)
    // refused: fine
  } catch (const std::exception& e) {
    finding(std::string("unexpected exception: ") + e.what());
  }
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().filename() != "in" && e.path().filename() != "out") finding("written outside --out: " + e.path().string());
  for (const auto& e : fs::directory_iterator(dir / "in"))
    if (e.path().filename() != "x.json") finding("written into the records folder: " + e.path().string());
  return 0;
}
