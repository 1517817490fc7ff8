#!/bin/sh
# checks/cli/check_formula_same.py on CLAIM run on a built-in problem file and on its formula rewrite.
# Usage: check_formula_same.sh IRVERIFY PYTHON3 CLAIM BUILTIN.json FORMULA.json OUT DIGITS [IGNORE]
set -eu
irverify=$1 python=$2 claim=$3 builtin=$4 formula=$5 out=$6 digits=$7 ignore=${8:-}
rm -rf "$out/builtin-$claim" "$out/formula-$claim"
for which in builtin formula; do
  eval file=\$$which
  "$irverify" run "$claim" --problem "$file" --out "$out/$which-$claim" --quiet > /dev/null ||
    { echo "irverify run $claim --problem $file: exit $?"; exit 1; }
done
"$python" "$(dirname "$0")/check_formula_same.py" "$out/builtin-$claim/$claim.json" "$out/formula-$claim/$claim.json" "$digits" ${ignore:+"$ignore"}
