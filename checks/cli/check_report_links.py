#!/usr/bin/env python3
"""check_report_links.py CMARK_GFM PATH...: renders every markdown page given, or under a directory given (REPORT.md,
claims/*.md; README.md, docs/*.md), with a real CommonMark/GFM renderer (cmark-gfm, tables on) and checks every link
and image: a relative target (its #fragment dropped) must be a file or directory that exists, relative to the page.
Web links are not followed. Exit 0 if all resolve, 1 with every broken one listed, 2 if there is no page."""
import html.parser
import pathlib
import subprocess
import sys


class Targets(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.found.append(("link", a["href"]))
        if tag == "img" and a.get("src"):
            self.found.append(("image", a["src"]))


def main(cmark: str, paths: list) -> int:
    pages = []
    for p in paths:
        pages += sorted(p.rglob("*.md")) if p.is_dir() else [p]
    if not pages:
        print("no markdown pages in {}".format(" ".join(map(str, paths))), file=sys.stderr)
        return 2
    broken, checked = [], 0
    for page in pages:
        out = subprocess.run([cmark, "-e", "table", str(page)], check=True, capture_output=True, text=True).stdout
        t = Targets()
        t.feed(out)
        for kind, target in t.found:
            if target.startswith(("http://", "https://", "mailto:")):
                continue
            path = target.split("#", 1)[0]
            if not path:
                continue  # a fragment of the page itself
            checked += 1
            if not (page.parent / path).exists():
                broken.append("{}: {} {} does not resolve".format(page, kind, target))
    for b in broken:
        print(b, file=sys.stderr)
    print("{} pages, {} links and images checked, {} broken".format(len(pages), checked, len(broken)))
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], [pathlib.Path(a) for a in sys.argv[2:]]))
