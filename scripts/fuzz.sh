#!/usr/bin/env bash
# Fuzzes the suite's two readers with libFuzzer, ASan and UBSan, SECONDS (default 60) each:
#   problem   the problem-file and CSV readers (checks/fuzz/problem_reader_fuzzer.cpp); seeds: checks/data/**/*.json, *.csv
#   record    the record reader and the report renderer (checks/fuzz/record_report_fuzzer.cpp); seeds: the bad-record
#             corpus and the smaller reference records
# Builds with clang into build-fuzz/ (only the readers' sources: a minute or two, not the whole tree). A crash, leak,
# UB report, unexpected exception or a record the renderer cannot render fails the run; libFuzzer writes the input to
# build-fuzz/<target>/crash-*: keep it in checks/data/bad/fuzz/ (problem) or checks/data/bad_records/fuzz/ (record) as a
# regression input (every file there is replayed first, and must pass).
# Usage: bash scripts/fuzz.sh [SECONDS] [problem|record|all]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
which=${2:-all}
out=${IRVERIFY_FUZZ_BUILD:-build-fuzz}
if ! command -v clang++ >/dev/null 2>&1 || ! clang++ -print-file-name=libclang_rt.fuzzer-x86_64.a | grep -q /; then
  echo "fuzz: needs clang and libFuzzer (Debian: apt-get install clang libclang-rt-14-dev; scripts/install-deps.sh --fuzz)" >&2
  exit 2
fi
# clang has no quadmath.h of its own (Boost's float128 needs it): GCC's, alone, so GCC's other headers stay out.
mkdir -p "$out/include"
ln -sf "$(gcc -print-file-name=include/quadmath.h)" "$out/include/quadmath.h"
# What CMake generates at configure time: the compiled-in schemas (cmake/schemas.cpp.in filled as reports/CMakeLists.txt
# fills it) and the provenance header.
shopt -u patsub_replacement 2>/dev/null || true   # bash 5.2: '&' in a schema stays literal
schemas=$(cat cmake/schemas.cpp.in)
schemas=${schemas//@IRVERIFY_PROBLEM_SCHEMA@/$(cat theory/problem/problem.schema.json)}
schemas=${schemas//@IRVERIFY_RECORD_SCHEMA@/$(cat reports/record/record.schema.json)}
schemas=${schemas//@IRVERIFY_STUDY_SCHEMA@/$(cat reports/record/study.schema.json)}
if grep -q '@IRVERIFY_[A-Z_]*@' <<< "$schemas"; then
  echo "fuzz: cmake/schemas.cpp.in has a placeholder this script does not fill: $(grep -o '@IRVERIFY_[A-Z_]*@' <<< "$schemas" | head -1)" >&2
  exit 2
fi
printf '%s\n' "$schemas" > "$out/include/irverify_schemas.cpp.new"
cmp -s "$out/include/irverify_schemas.cpp.new" "$out/include/irverify_schemas.cpp" || mv "$out/include/irverify_schemas.cpp.new" "$out/include/irverify_schemas.cpp"
rm -f "$out/include/irverify_schemas.cpp.new"
[ -f "$out/include/irverify_provenance.hpp" ] || printf '#pragma once\n#define IRVERIFY_VERSION "fuzz"\n#define IRVERIFY_GIT_COMMIT "fuzz"\n#define IRVERIFY_COMPILER "clang"\n#define IRVERIFY_BUILD_TYPE "fuzz"\n#define IRVERIFY_BUILD_FLAGS ""\n' > "$out/include/irverify_provenance.hpp"

io=(theory/io/atomic_write.cpp theory/io/input_file.cpp)
problem_srcs=(theory/scalar.cpp theory/formula/formula.cpp theory/problem/problem_spec.cpp theory/problem/user_models.cpp theory/problem/problem_io.cpp "${io[@]}"
              checks/fuzz/problem_reader_fuzzer.cpp)
record_srcs=(reports/report.cpp reports/figure/figure.cpp reports/figure/gnuplot.cpp reports/record/record.cpp
             reports/record/schemas.cpp "$out/include/irverify_schemas.cpp" "${io[@]}" checks/fuzz/record_report_fuzzer.cpp)

# build NAME SOURCES...: $out/NAME/fuzzer, rebuilt when a source or a header it may include is newer.
build() {
  local name=$1; shift
  local bin="$out/$name/fuzzer"
  mkdir -p "$out/$name/seeds" "$out/$name/corpus"
  local newest
  newest=$(ls -t "$@" theory/scalar.hpp theory/problem/*.hpp theory/formula/*.hpp theory/ad/*.hpp theory/io/*.hpp reports/*.hpp reports/*/*.hpp | head -1)
  if [ ! -x "$bin" ] || [ "$newest" -nt "$bin" ]; then
    echo "fuzz: building $bin (clang, -fsanitize=fuzzer,address,undefined)"
    clang++ -std=gnu++17 -O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
      -I. -isystem "$out/include" -isystem /usr/include/eigen3 "$@" -o "$bin" -lmpfr -lgmp -lquadmath -lfmt
  fi
}

# fuzz NAME MAX_LEN REGRESSION_DIR: replays the regression inputs, then fuzzes for $seconds.
fuzz() {
  local name=$1 max_len=$2 regress_dir=$3
  local bin="$out/$name/fuzzer"
  if [ -d "$regress_dir" ] && [ -n "$(ls -A "$regress_dir")" ]; then
    echo "fuzz $name: replaying $(ls "$regress_dir" | wc -l) regression inputs"
    "$bin" "$regress_dir"/*
  fi
  echo "fuzz $name: $seconds s"
  local status=0
  "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len="$max_len" -print_final_stats=1 \
    -artifact_prefix="$out/$name/" "$out/$name/corpus" "$out/$name/seeds" > "$out/$name/fuzz.log" 2>&1 || status=$?
  grep -E "ERROR|SUMMARY|finding:|unexpected exception|Test unit written|DONE|stat::" "$out/$name/fuzz.log" | tail -12 || true
  [ "$status" -eq 0 ] || echo "fuzz $name: FAILED (exit $status); the input is in $out/$name/crash-* (see $out/$name/fuzz.log)" >&2
  return "$status"
}

status=0
if [ "$which" = all ] || [ "$which" = problem ]; then
  build problem "${problem_srcs[@]}"
  # Seeds: the first byte selects the reader (0: problem JSON, 1: CSV).
  for f in checks/data/*.json checks/data/bad/*.json; do { printf '\0'; cat "$f"; } > "$out/problem/seeds/$(basename "$f").seed"; done
  for f in checks/data/*.csv checks/data/bad/*.csv; do { printf '\1'; cat "$f"; } > "$out/problem/seeds/$(basename "$f").seed"; done
  fuzz problem 65536 checks/data/bad/fuzz || status=$?
fi
if [ "$which" = all ] || [ "$which" = record ]; then
  build record "${record_srcs[@]}"
  cp checks/data/bad_records/*.json "$out/record/seeds/"
  for f in reports/reference/*.json; do [ "$(stat -c %s "$f")" -le 65536 ] && cp "$f" "$out/record/seeds/"; done
  fuzz record 65536 checks/data/bad_records/fuzz || status=$?
fi
exit "$status"
