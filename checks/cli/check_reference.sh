#!/bin/sh
# check_reference.sh IRVERIFY CLAIM REFERENCE_DIR WORK_DIR: reruns CLAIM with its defaults, validates the fresh record
# against its schema (irverify validate) and compares it with the committed reference record, field by field
# (irverify compare; rules in reports/record/record_compare.hpp).
# The claim's own verdict may be pass or fail (exit 0 or 1): what must not change is the record.
irverify=$1; claim=$2; ref=$3; out=$4/$2
rm -rf "$out" && mkdir -p "$out" || exit 2
"$irverify" run "$claim" --out "$out" --quiet >"$out/run.txt" 2>&1; rc=$?
if [ "$rc" -gt 1 ]; then cat "$out/run.txt"; echo "irverify run exited $rc"; exit 1; fi
"$irverify" validate "$out/$claim.json" || exit 1  # every record the run writes meets its schema
exec "$irverify" compare "$ref" "$out" "$claim"
