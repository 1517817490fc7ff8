#!/usr/bin/env python3
"""check_citation.py ROOT [CFF]: the citable artifact's metadata (CFF: another CITATION.cff to check, for the tests).

CITATION.cff against the Citation File Format 1.2.0 JSON Schema (checks/citation/cff-1.2.0.schema.json, taken
unchanged from the citation-file-format project's 1.2.0 release; licence CC BY 4.0, (c) the CFF authors), codemeta.json
(CodeMeta 3.0) for its required fields, and one version everywhere: CMakeLists.txt's project VERSION, CITATION.cff's
version and codemeta.json's version. Exit 0 if all hold, 1 with every finding otherwise."""
import json
import pathlib
import re
import sys

import jsonschema
import yaml


class CffLoader(yaml.SafeLoader):
    """YAML as the CFF schema reads it: dates stay strings (YAML would make 2026-11-22 a date object)."""


CffLoader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def main(root: pathlib.Path, cff_path: pathlib.Path) -> int:
    findings = []
    cff = yaml.load(cff_path.read_text(encoding="utf-8"), Loader=CffLoader)
    schema = json.loads((root / "checks/citation/cff-1.2.0.schema.json").read_text(encoding="utf-8"))
    for e in sorted(jsonschema.Draft7Validator(schema).iter_errors(cff), key=lambda e: list(e.path)):
        findings.append("{}: /{}: {}".format(cff_path.name, "/".join(str(p) for p in e.path), e.message))

    meta = json.loads((root / "codemeta.json").read_text(encoding="utf-8"))
    if "codemeta" not in str(meta.get("@context", "")):
        findings.append("codemeta.json: @context is not a CodeMeta context")
    if meta.get("@type") != "SoftwareSourceCode":
        findings.append("codemeta.json: @type must be SoftwareSourceCode")
    for key in ("name", "description", "version", "license", "programmingLanguage", "author", "softwareRequirements"):
        if not meta.get(key):
            findings.append("codemeta.json: missing " + key)

    m = re.search(r"project\(irverify VERSION ([0-9.]+)", (root / "CMakeLists.txt").read_text(encoding="utf-8"))
    versions = {"CMakeLists.txt": m.group(1) if m else None, cff_path.name: str(cff.get("version")),
                "codemeta.json": meta.get("version")}
    if len(set(versions.values())) != 1:
        findings.append("versions differ: " + ", ".join("{} {}".format(k, v) for k, v in versions.items()))
    if cff.get("license") and meta.get("license") and not str(meta["license"]).endswith(cff["license"]):
        findings.append("licences differ: CITATION.cff {}, codemeta.json {}".format(cff["license"], meta["license"]))

    for f in findings:
        print(f, file=sys.stderr)
    print("citation metadata: {}".format("valid" if not findings else "{} finding(s)".format(len(findings))))
    return 0 if not findings else 1


if __name__ == "__main__":
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    sys.exit(main(root, pathlib.Path(sys.argv[2]) if len(sys.argv) > 2 else root / "CITATION.cff"))
