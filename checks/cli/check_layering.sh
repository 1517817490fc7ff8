#!/bin/sh
# check_layering.sh SOURCE_DIR: fails if an include runs upward. Layers: theory/io <- theory <- solvers <- checks/record
# <- checks/framework <- the claim families and the CLI; reports reads the record library (checks/record) and theory/io
# only. The include roots of the build enforce this for what is compiled;
# this scan covers every file, headers no translation unit includes too.
cd "$1" || exit 2
bad=$( { grep -rnE '#include "(solvers|checks|reports)/' theory
         grep -rnE '#include "(checks|reports)/' solvers
         grep -rnE '#include "(solvers|theory|reports)/|#include "checks/(framework|igr|sgd|stab|ln|rank|cli|unit)/' checks/record |
           grep -v '#include "theory/io/'
         grep -rnE '#include "(theory|solvers|checks|reports)/' theory/io | grep -v '#include "theory/io/'
         grep -rnE '#include "(reports|checks/(igr|sgd|stab|ln|rank|cli|unit))/' checks/framework
         grep -rnE '#include "(solvers|theory)/|#include "checks/(framework|igr|sgd|stab|ln|rank|cli|unit)/' reports --include=*.hpp --include=*.cpp |
           grep -v '#include "theory/io/'
       } 2>/dev/null)
if [ -n "$bad" ]; then
  printf 'includes running upward:\n%s\n' "$bad"
  exit 1
fi
echo "layering: no include runs upward"
