#!/usr/bin/python3
"""Updates the capture table of fixtures/README.md for scripts/record-fixtures.sh.

  readme_table.py README.md 'name.pcap|packets|bytes|description' ...

Rewrites only the rows between the table's header (`| Fixture | Packets |
...`) and the next blank line; the prose around it is kept as written. Rows
come in the order given (the script's DESCRIPTIONS order).
"""
import sys


def main() -> None:
    path, rows = sys.argv[1], sys.argv[2:]
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    start = next((i for i, l in enumerate(lines) if l.startswith("| Fixture | Packets |")), None)
    if start is None:
        sys.exit(f"{path}: no '| Fixture | Packets |' table")
    body = start + 2  # header and |---| line
    end = body
    while end < len(lines) and lines[end].startswith("|"):
        end += 1
    new = []
    for r in rows:
        name, packets, size, desc = r.split("|", 3)
        new.append(f"| `{name}` | {packets} | {size} | {desc} |")
    lines[body:end] = new
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


if __name__ == "__main__":
    main()
