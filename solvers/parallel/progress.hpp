// Where Monte Carlo reducers report progress when their caller gave no callback: one process-wide sink (the CLI
// installs one that prints rate and time left, checks/framework/claim.hpp). Called from one thread at a time.
#pragma once

#include <functional>
#include <string>

namespace irverify {

// done of total samples after `seconds` of this reduction.
using ProgressSink = std::function<void(long done, long total, double seconds)>;

void set_progress_sink(ProgressSink sink);  // empty: silent
void report_progress(long done, long total, double seconds);
// "41% of 65536 samples, 2.3e+04 samples/s, about 2 s left" (unit: "samples", "epochs", ...).
std::string progress_text(long done, long total, double seconds, const std::string& unit);

}  // namespace irverify
