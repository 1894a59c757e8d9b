#!/usr/bin/python3
"""Ground-truth bookkeeping for scripts/record-fixtures.sh.

  truth.py add ENTRIES.jsonl --path /pub/x --direction download --file DISKFILE [--set k=v ...]
  truth.py write ENTRIES.jsonl OUT.json --set scenario=... --set client=... ...

`add` hashes DISKFILE (the file as the server holds it after the transfer)
and appends one entry; `write` wraps the entries with scenario metadata.
`--set k=v` values that parse as JSON are stored as JSON, else as strings.
"""
import argparse
import hashlib
import json
import os


def parse_sets(sets: list) -> dict:
    out = {}
    for s in sets or []:
        k, _, v = s.partition("=")
        try:
            out[k] = json.loads(v)
        except ValueError:
            out[k] = v
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    a = sub.add_parser("add")
    a.add_argument("entries")
    a.add_argument("--path", required=True)
    a.add_argument("--direction", choices=("download", "upload"), required=True)
    a.add_argument("--file", required=True)
    a.add_argument("--set", action="append")
    w = sub.add_parser("write")
    w.add_argument("entries")
    w.add_argument("out")
    w.add_argument("--set", action="append")
    args = ap.parse_args()

    if args.cmd == "add":
        with open(args.file, "rb") as f:
            data = f.read()
        entry = {"path": args.path, "direction": args.direction, "size": len(data),
                 "sha256": hashlib.sha256(data).hexdigest()}
        entry.update(parse_sets(args.set))
        with open(args.entries, "a", encoding="utf-8") as f:
            f.write(json.dumps(entry, ensure_ascii=False) + "\n")
    else:
        entries = []
        if os.path.exists(args.entries):
            with open(args.entries, encoding="utf-8") as f:
                entries = [json.loads(line) for line in f if line.strip()]
        doc = parse_sets(args.set)
        doc["files"] = entries
        with open(args.out, "w", encoding="utf-8") as f:
            json.dump(doc, f, indent=2, ensure_ascii=False)
            f.write("\n")


if __name__ == "__main__":
    main()
