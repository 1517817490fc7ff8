#!/bin/sh
# check_record_input.sh EXE WORK CODE REGEX COMMAND FILE...: puts the FILEs (the word FIFO: a named pipe x.json) alone
# in an empty directory WORK/in, runs in WORK `EXE report WORK/in --out WORK/out/x --no-figures` (report-figures: with
# figures, drawn by gnuplot), `EXE compare WORK/in WORK/in` or `EXE validate WORK/in/*`, and passes iff it exits with CODE (within 20 s: a FIFO
# must not hang it), its stderr matches REGEX, and nothing was written in WORK besides in/ and out/ (no text of a
# record leads a path outside --out or runs as a command).
exe=$1; work=$2; code=$3; regex=$4; cmd=$5; shift 5
rm -rf "$work"; mkdir -p "$work/in"
for f in "$@"; do
  if [ "$f" = FIFO ]; then mkfifo "$work/in/x.json"; else cp "$f" "$work/in/"; fi
done
case $cmd in
  report) set -- "$exe" report "$work/in" --out "$work/out/x" --no-figures ;;
  report-figures) set -- "$exe" report "$work/in" --out "$work/out/x" ;;
  compare) set -- "$exe" compare "$work/in" "$work/in" ;;
  validate) set -- "$exe" validate "$work"/in/* ;;
  *) echo "unknown command $cmd"; exit 1 ;;
esac
err=$(cd "$work" && timeout 20 "$@" 2>&1 >/dev/null); rc=$?
printf '%s\n' "$err"
[ "$rc" -eq "$code" ] || { echo "expected exit $code, got $rc"; exit 1; }
printf '%s\n' "$err" | grep -E -q -- "$regex" || { echo "stderr does not match: $regex"; exit 1; }
extra=$(find "$work" -mindepth 1 -maxdepth 1 ! -name in ! -name out)
[ -z "$extra" ] || { echo "written outside --out: $extra"; exit 1; }
