#!/usr/bin/env python3
"""A formula model and the built-in it rewrites give the same record (issue 30): every field but the problem's
description (model, name, origin, seed), the seeds list and figure titles equal; numbers written in full (strings) agree
to DIGITS significant digits, JSON numbers (double summaries) to 1e-12 relative, numbers both below 10^-DIGITS count as
zero (rounding-level diagnostics: residuals, cross-method differences); paths matching IGNORE (a regular expression:
what only the built-in knows, e.g. its balance, or text quoting rounding-level numbers) are left out.
Usage: BUILTIN.json FORMULA.json DIGITS [IGNORE]"""
import json
import re
import sys
from decimal import Decimal, InvalidOperation, getcontext

getcontext().prec = 120
SKIP = {"problem", "seeds", "title", "wall_time_s", "provenance", "seconds", "threads", "processes", "label", "name"}


def num(x):
    try:
        return Decimal(x)
    except (InvalidOperation, TypeError, ValueError):
        return None


def walk(a, b, path, digits, bad, worst, ignore):
    if ignore and ignore.search(path):
        return
    if isinstance(a, dict) and isinstance(b, dict):
        kept = lambda d: {k for k in d if k not in SKIP and not (ignore and ignore.search(f"{path}/{k}"))}
        if kept(a) != kept(b):
            bad.append(f"{path}: keys {sorted(kept(a) ^ kept(b))}")
        for k in a:
            if k not in SKIP and k in b:
                walk(a[k], b[k], f"{path}/{k}", digits, bad, worst, ignore)
    elif isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            bad.append(f"{path}: {len(a)} vs {len(b)} entries")
        for i, (x, y) in enumerate(zip(a, b)):
            walk(x, y, f"{path}/{i}", digits, bad, worst, ignore)
    elif a != b:
        x, y = num(a), num(b)
        if isinstance(a, str) and x is not None and y is not None and x.is_finite() and y.is_finite():
            scale = max(abs(x), abs(y))
            # Both below 10^-DIGITS (rounding-level diagnostics: residuals, cross-method differences): zero alike.
            rel = abs(x - y) / scale if scale >= Decimal(10) ** -digits else Decimal(0)
            worst.append((rel, path))
            if rel > Decimal(10) ** -digits:
                bad.append(f"{path}: {a} vs {b} (relative {rel:.2e})")
        elif isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
            scale = max(abs(a), abs(b))
            if scale >= 10.0 ** -digits and abs(a - b) > 1e-12 * scale:
                bad.append(f"{path}: {a} vs {b}")
        else:
            bad.append(f"{path}: {a!r} vs {b!r}")


def main():
    ref, got, digits = json.load(open(sys.argv[1])), json.load(open(sys.argv[2])), int(sys.argv[3])
    ignore = re.compile(sys.argv[4]) if len(sys.argv) > 4 else None
    bad, worst = [], []
    walk(ref, got, "", digits, bad, worst, ignore)
    worst.sort(reverse=True)
    if worst:
        print(f"largest relative difference of a full-precision number: {worst[0][0]:.2e} at {worst[0][1]} "
              f"({len(worst)} differ in their last digits)")
    for line in bad[:20]:
        print("DIFFERENT", line)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
