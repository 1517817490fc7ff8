#!/bin/sh
# check_layering.sh SOURCE_DIR: fails if an include runs upward or sideways. Layers: theory/io <- theory <- solvers <-
# reports (records, figures, renderer) <- checks/framework <- the claim families and the CLI; a claim family includes
# no other family (what two share lives in the framework or below). The include roots of the build enforce the layers
# for what is compiled; this scan covers every file, headers no translation unit includes too.
cd "$1" || exit 2
families=$(awk '/^[A-Z]/ { split($2, a, "/"); print a[1] }' checks/claims.manifest | sort -u)
bad=$( { grep -rnE '#include "(theory|solvers|checks|reports)/' theory/io | grep -v '#include "theory/io/'
         grep -rnE '#include "(solvers|checks|reports)/' theory
         grep -rnE '#include "(checks|reports)/' solvers
         grep -rnE '#include "checks/' reports --include=*.hpp --include=*.cpp
         grep -rnE '#include "checks/' checks/framework | grep -v '#include "checks/framework/'
         for f in $families; do
           [ -d "checks/$f" ] && grep -rnE '#include "checks/[a-z]+/' "checks/$f" |
             grep -vE "#include \"checks/($f|framework)/"
         done
       } 2>/dev/null)
if [ -n "$bad" ]; then
  printf 'includes running upward or sideways:\n%s\n' "$bad"
  exit 1
fi
echo "layering: no include runs upward or sideways"
