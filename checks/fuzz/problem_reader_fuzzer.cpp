// libFuzzer target (scripts/fuzz.sh): the problem-file and CSV readers on arbitrary bytes. The first byte picks the
// reader (even: problem JSON, odd: CSV); the rest is the text. A refusal (ProblemError) is the expected outcome for
// bad input; any other exception, a crash, a leak or undefined behaviour (ASan, UBSan) is a finding.
#include "theory/problem/problem_io.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstdio>
#include <exception>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  try {
    if (data[0] % 2 == 0) {
      const irverify::ProblemSpec s = irverify::parse_problem_text(text, "/nonexistent/fuzz/problem.json");
      (void)s.to_json();
    } else {
      std::vector<std::string> where;
      (void)irverify::parse_csv_text(text, "fuzz.csv", &where);
    }
  } catch (const irverify::ProblemError&) {
    // refused: fine
  } catch (const std::exception& e) {
    std::fprintf(stderr, "unexpected exception: %s\n", e.what());
    std::abort();
  }
  return 0;
}
