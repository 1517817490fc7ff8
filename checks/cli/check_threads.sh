#!/bin/sh
# check_threads.sh IRVERIFY CLAIM WORK_DIR [RUN ARGS...]: runs CLAIM with --threads 1 and --threads 3 and requires
# the two records to be the same to the last bit (irverify compare --exact; timings and thread counts aside).
irverify=$1; claim=$2; out=$3/$2; shift 3
for t in 1 3; do
  rm -rf "$out-t$t" && mkdir -p "$out-t$t" || exit 2
  "$irverify" run "$claim" "$@" --threads $t --out "$out-t$t" --quiet >"$out-t$t/run.txt" 2>&1; rc=$?
  if [ "$rc" -gt 1 ]; then cat "$out-t$t/run.txt"; echo "irverify run --threads $t exited $rc"; exit 1; fi
done
exec "$irverify" compare --exact "$out-t1" "$out-t3" "$claim"
