#!/usr/bin/env bash
# The benchmarks: flows (Taylor and Odeint at 1e-30), scalar multiply-adds, Monte Carlo SGD (generic Model path, the
# pre-issue-16 Eigen loop and the SIMD kernel on every ISA; the other models' kernels against their generic path), label
# noise, exact enumeration, linearized-SGD stability growth, and formula models (SGD, label noise, and weight decay,
# heavy ball and Adam) through the generic path and the tape kernel against the hand kernels (x_hand); the grouped
# PyTorch baseline where python3-torch is installed (solvers/bench/torch_baseline.py). Each runs REPS
# times (default 5) and the medians go to OUT/bench.md and OUT/bench.json (default OUT: bench-results). Usage:
# scripts/bench.sh [OUT] [REPS]. Run on a quiet machine: the figures are wall-clock times.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-bench-results}
reps=${2:-5}
bash scripts/install-deps.sh
bash scripts/build.sh
cmake --build "${IRVERIFY_BUILD:-build}" --target benchmarks
b=${IRVERIFY_BUILD:-build}/solvers/bench
mkdir -p "$out"
for bench in flow_bench scalar_bench sgd_bench stability_bench formula_bench; do
  echo "bench: $bench ($reps repetitions)" >&2
  "$b/$bench" --benchmark_repetitions="$reps" --benchmark_report_aggregates_only=true \
    --benchmark_format=json --benchmark_out="$out/$bench.json" --benchmark_out_format=json > /dev/null
done
# The grouped PyTorch baseline of the least-squares job, where Debian's python3-torch is installed (not a dependency).
if /usr/bin/python3 -c 'import torch' 2> /dev/null; then
  echo "bench: torch_baseline.py ($reps repetitions)" >&2
  /usr/bin/python3 solvers/bench/torch_baseline.py --reps "$reps" --json "$out/torch_baseline.json" > "$out/torch_baseline.txt"
else
  echo "bench: no PyTorch baseline (apt-get install python3-torch to add it)" >&2
fi
"$b/bench_table" "$out/bench" "$out"/flow_bench.json "$out"/scalar_bench.json "$out"/sgd_bench.json "$out"/stability_bench.json "$out"/formula_bench.json
