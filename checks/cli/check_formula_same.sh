#!/bin/sh
# checks/cli/check_formula_same.py on CLAIM run on a built-in problem file and on its formula rewrite.
# Usage: check_formula_same.sh IRVERIFY PYTHON3 CLAIM BUILTIN.json FORMULA.json OUT DIGITS
set -eu
irverify=$1 python=$2 claim=$3 builtin=$4 formula=$5 out=$6 digits=$7
rm -rf "$out/builtin-$claim" "$out/formula-$claim"
"$irverify" run "$claim" --problem "$builtin" --out "$out/builtin-$claim" --quiet > /dev/null
"$irverify" run "$claim" --problem "$formula" --out "$out/formula-$claim" --quiet > /dev/null
"$python" "$(dirname "$0")/check_formula_same.py" "$out/builtin-$claim/$claim.json" "$out/formula-$claim/$claim.json" "$digits"
