#!/bin/sh
# check_record_input.sh EXE WORK CODE REGEX COMMAND FILE...: puts the FILEs (the word FIFO: a named pipe x.json) alone
# in an empty directory WORK/in, runs `EXE report WORK/in --out WORK/out/x --no-figures` or `EXE compare WORK/in
# WORK/in`, and passes iff it exits with CODE (within 20 s: a FIFO must not hang it), its stderr matches REGEX, and
# nothing was written in WORK besides in/ and out/ (a record's claim id must not lead a path outside --out).
exe=$1; work=$2; code=$3; regex=$4; cmd=$5; shift 5
rm -rf "$work"; mkdir -p "$work/in"
for f in "$@"; do
  if [ "$f" = FIFO ]; then mkfifo "$work/in/x.json"; else cp "$f" "$work/in/"; fi
done
case $cmd in
  report) set -- "$exe" report "$work/in" --out "$work/out/x" --no-figures ;;
  compare) set -- "$exe" compare "$work/in" "$work/in" ;;
  *) echo "unknown command $cmd"; exit 1 ;;
esac
err=$(timeout 20 "$@" 2>&1 >/dev/null); rc=$?
printf '%s\n' "$err"
[ "$rc" -eq "$code" ] || { echo "expected exit $code, got $rc"; exit 1; }
printf '%s\n' "$err" | grep -E -q -- "$regex" || { echo "stderr does not match: $regex"; exit 1; }
extra=$(find "$work" -mindepth 1 -maxdepth 1 ! -name in ! -name out)
[ -z "$extra" ] || { echo "written outside --out: $extra"; exit 1; }
