#!/usr/bin/env bash
# Fuzzes the problem-file and CSV readers (checks/fuzz/problem_reader_fuzzer.cpp) with libFuzzer, ASan and UBSan
# for SECONDS (default 60), from a seed corpus made of checks/data/**/*.json and *.csv. Builds with clang into
# build-fuzz/ (only the reader's sources: a minute, not the whole tree). A crash, leak, UB report or unexpected
# exception fails the run; libFuzzer writes the input to build-fuzz/crash-*: keep it in checks/data/bad/fuzz/ as a
# regression input (every file there is replayed first, and must pass).
# Usage: bash scripts/fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
out=${IRVERIFY_FUZZ_BUILD:-build-fuzz}
if ! command -v clang++ >/dev/null 2>&1 || ! clang++ -print-file-name=libclang_rt.fuzzer-x86_64.a | grep -q /; then
  echo "fuzz: needs clang and libFuzzer (Debian: apt-get install clang libclang-rt-14-dev; scripts/install-deps.sh --fuzz)" >&2
  exit 2
fi
mkdir -p "$out/seeds" "$out/corpus"
bin="$out/problem_reader_fuzzer"
srcs=(theory/scalar.cpp theory/problem/problem_spec.cpp theory/problem/user_models.cpp theory/problem/problem_io.cpp theory/io/atomic_write.cpp
      checks/fuzz/problem_reader_fuzzer.cpp)
newest=$(ls -t "${srcs[@]}" theory/scalar.hpp theory/problem/*.hpp theory/io/*.hpp | head -1)
# clang has no quadmath.h of its own (Boost's float128 needs it): GCC's, alone, so GCC's other headers stay out.
mkdir -p "$out/include"
ln -sf "$(gcc -print-file-name=include/quadmath.h)" "$out/include/quadmath.h"
if [ ! -x "$bin" ] || [ "$newest" -nt "$bin" ]; then
  echo "fuzz: building $bin (clang, -fsanitize=fuzzer,address,undefined)"
  clang++ -std=gnu++17 -O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
    -I. -isystem "$out/include" -isystem /usr/include/eigen3 "${srcs[@]}" -o "$bin" -lmpfr -lgmp -lquadmath -lfmt
fi
# Seeds: the first byte selects the reader (0: problem JSON, 1: CSV).
for f in checks/data/*.json checks/data/bad/*.json; do { printf '\0'; cat "$f"; } > "$out/seeds/$(basename "$f").seed"; done
for f in checks/data/*.csv checks/data/bad/*.csv; do { printf '\1'; cat "$f"; } > "$out/seeds/$(basename "$f").seed"; done
regress=()
[ -d checks/data/bad/fuzz ] && regress=(checks/data/bad/fuzz/*)
if [ ${#regress[@]} -gt 0 ] && [ -e "${regress[0]}" ]; then
  echo "fuzz: replaying ${#regress[@]} regression inputs"
  "$bin" "${regress[@]}"
fi
echo "fuzz: $seconds s"
status=0
"$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
  -artifact_prefix="$out/" "$out/corpus" "$out/seeds" > "$out/fuzz.log" 2>&1 || status=$?
grep -E "ERROR|SUMMARY|unexpected exception|Test unit written|DONE|stat::" "$out/fuzz.log" | tail -12 || true
[ "$status" -eq 0 ] || echo "fuzz: FAILED (exit $status); the input is in $out/crash-* (see $out/fuzz.log)" >&2
exit "$status"
