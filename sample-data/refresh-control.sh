#!/usr/bin/env bash
# Rewrites control.csv (file,rows,sha256) of each sample drop from the extracts present.
#
#   sample-data/refresh-control.sh                 every date folder beside this script
#   sample-data/refresh-control.sh DIR [DIR ...]   only the folders given
#
# rows = CSV records after the header row (counted with Python's csv module, so a quoted
# line break does not count twice); sha256 = lower-case hex of the file's bytes.
# Needs bash and python3 (standard library only).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

if [[ $# -gt 0 ]]; then
  folders=("$@")
else
  shopt -s nullglob
  folders=("$here"/[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9])
  shopt -u nullglob
  if [[ ${#folders[@]} -eq 0 ]]; then
    echo "refresh-control: no date folders (yyyy-MM-dd) under $here" >&2
    exit 1
  fi
fi

python3 - "${folders[@]}" <<'PY'
import csv
import hashlib
import os
import sys

EXTRACTS = ["orders.csv", "cancellations.csv", "dispute_resolutions.csv",
            "store_blocks.csv", "free_returns.csv"]

def records_after_header(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        total = sum(1 for _ in csv.reader(f, strict=True))
    if total == 0:
        raise SystemExit(f"refresh-control: {path} has no header row")
    return total - 1

def sha256_hex(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()

failed = False
for folder in sys.argv[1:]:
    if not os.path.isdir(folder):
        print(f"refresh-control: {folder} is not a folder", file=sys.stderr)
        failed = True
        continue
    missing = [name for name in EXTRACTS if not os.path.isfile(os.path.join(folder, name))]
    if missing:
        print(f"refresh-control: {folder}: missing {', '.join(missing)}; control.csv left as it was",
              file=sys.stderr)
        failed = True
        continue
    lines = ["file,rows,sha256"]
    for name in EXTRACTS:
        path = os.path.join(folder, name)
        lines.append(f"{name},{records_after_header(path)},{sha256_hex(path)}")
    target = os.path.join(folder, "control.csv")
    temporary = target + ".tmp"
    with open(temporary, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")
    os.replace(temporary, target)
    print(f"{target}: " + ", ".join(f"{l.split(',')[0]}={l.split(',')[1]}" for l in lines[1:]))
sys.exit(1 if failed else 0)
PY
