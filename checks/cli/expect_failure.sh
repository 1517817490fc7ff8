#!/bin/sh
# expect_failure.sh CODE REGEX CMD...: passes iff CMD exits with CODE and its stderr matches REGEX.
code=$1; regex=$2; shift 2
err=$("$@" 2>&1 >/dev/null); rc=$?
printf '%s\n' "$err"
[ "$rc" -eq "$code" ] || { echo "expected exit $code, got $rc"; exit 1; }
printf '%s\n' "$err" | grep -E -q -- "$regex" || { echo "stderr does not match: $regex"; exit 1; }
