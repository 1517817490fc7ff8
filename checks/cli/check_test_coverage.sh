#!/bin/sh
# check_test_coverage.sh SOURCE_DIR: fails naming every header of theory/ and solvers/ (benchmarks aside) that no test
# file under checks/unit includes (#include "<path>.hpp", the path from the source root), so a header cannot go
# untested. checks/unit/<path>/<name>_test.cpp is the test of <path>/<name>.hpp (docs/DESIGN.md, "Tests").
cd "$1" || exit 2
[ -d checks/unit ] || { echo "check_test_coverage: no checks/unit under $1"; exit 2; }
untested=$(find theory solvers -name '*.hpp' -not -path '*/bench/*' | sort | while read -r h; do
  grep -rqsF "#include \"$h\"" checks/unit || echo "  $h"
done)
if [ -n "$untested" ]; then
  printf 'headers no unit test includes (write checks/unit/<path>/<name>_test.cpp):\n%s\n' "$untested"
  exit 1
fi
echo "test coverage: every theory/ and solvers/ header is included by a unit test"
