#!/bin/sh
# check_no_seed_arithmetic.sh SOURCE_DIR: fails naming every line of checks/ and solvers/ (tests aside) that derives a
# seed by arithmetic (seed + k, seed++, k + seed, seed * k, seed ^ k): a second stream family must come from
# sub_seed(seed, purpose, index) (theory/random/counter_stream.hpp), so seeds s and s + 1 share no draw. A line
# marked "// seed sweep" sets a whole run's seed (the calibration study's runs at seeds first, first + 1, ...: each
# one what `--seed` gives), not a stream within a run.
cd "$1" || exit 2
hits=$(grep -rnE '([A-Za-z_.]*seed[A-Za-z_]*\)? *(\+\+|[-+*^] *[A-Za-z0-9_(])|[A-Za-z0-9_)] *[-+*^] *[A-Za-z_.]*seed\b)' \
         --include='*.cpp' --include='*.hpp' checks solvers |
       grep -v -e '_test\.cpp:' -e '^checks/unit/' -e 'sub_seed' -e '// seed sweep' | grep -vE ':[0-9]+: *//' | grep -vE '"[^"]*seed[^"]*"')
if [ -n "$hits" ]; then
  printf 'seed arithmetic (use sub_seed(seed, "purpose", index)):\n%s\n' "$hits"
  exit 1
fi
echo "no seed arithmetic in checks/ or solvers/"
