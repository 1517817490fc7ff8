#!/bin/sh
# check_report.sh IRVERIFY PYTHON3 CMARK_GFM RECORDS_DIR WORK_DIR: renders the report of RECORDS_DIR into WORK_DIR
# (irverify report, figures included) and checks its pages' links and images with cmark-gfm (check_report_links.py).
set -e
rm -rf "$5" && mkdir -p "$5"
"$1" report "$4" --out "$5"
exec "$2" "$(dirname "$0")/check_report_links.py" "$3" "$5"
