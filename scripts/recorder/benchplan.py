#!/usr/bin/python3
"""Content and client plan for the benchmark recordings of
scripts/record-fixtures.sh --bench (inputs of `npm run bench`, never
committed).

usage: benchplan.py transfers PLAN.json --root4 DIR --root6 DIR --up DIR
                    --payload BYTES --big N --big-min BYTES --big-max BYTES
                    --small-max BYTES --per-job N --concurrency N --seed S
       benchplan.py chatter PLAN.json --root4 DIR --root6 DIR --sessions N
                    --commands N --data-every N --concurrency N --seed S

`transfers`: files of random bytes (every byte distinct per file, from AES-CTR
or SHAKE keyed by the file's name, so a re-recording serves the same bytes)
whose sizes add up to about --payload: --big files of --big-min..--big-max
bytes ("some tens of MB") and the rest log-uniform between 1 kB and
--small-max; about 70 % are downloads placed in the server roots (pub/), the
rest uploads (sources in --up). They are dealt to client sessions of
--per-job transfers on average, each session one data mode of one address
family with one real client:

  IPv4 (vsftpd):     PASV, EPSV, PORT, EPRT    curl, lftp, python ftplib
  IPv6 (vsftpd):     EPSV, EPRT                curl, lftp, python ftplib

`chatter`: sessions of --commands small commands each (NOOP, PWD, CWD, SIZE,
MDTM, TYPE, ...) with a tiny LIST/NLST/RETR every --data-every commands, for
the many-small-packets capture.

The plan (JSON) is what scripts/recorder/benchclients.py runs in the client
namespace; it holds every file's size and SHA-256 for the checks after the
recording.
"""
import argparse
import hashlib
import json
import math
import os
import random
import subprocess

MODES = [(4, "PASV"), (4, "EPSV"), (4, "PORT"), (4, "EPRT"), (6, "EPSV"), (6, "EPRT")]
# Which real client produces which data mode (ftplib speaks EPSV/EPRT only over IPv6,
# lftp's active mode sends PORT over IPv4 and EPRT over IPv6).
TOOLS = {
    (4, "PASV"): ["curl", "lftp", "ftplib"],
    (4, "EPSV"): ["curl", "lftp"],
    (4, "PORT"): ["curl", "lftp", "ftplib"],
    (4, "EPRT"): ["curl"],
    (6, "EPSV"): ["curl", "lftp", "ftplib"],
    (6, "EPRT"): ["curl", "lftp", "ftplib"],
}


def write_random(path: str, size: int, name: str) -> str:
    """Writes `size` pseudo-random bytes keyed by `name`; returns their SHA-256."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    key = hashlib.sha256(b"pcapscope-bench:" + name.encode()).hexdigest()[:32]
    if size >= 4 << 20:
        # openssl's AES-CTR keystream: several times faster than SHAKE in Python for big files.
        with open(path, "wb") as out:
            ctr = subprocess.Popen(
                ["openssl", "enc", "-aes-128-ctr", "-nosalt", "-K", key, "-iv", "0" * 32],
                stdin=subprocess.PIPE, stdout=out,
            )
            zeros = bytes(1 << 20)
            left = size
            while left > 0:
                n = min(left, len(zeros))
                ctr.stdin.write(zeros[:n])
                left -= n
            ctr.stdin.close()
            if ctr.wait() != 0:
                raise SystemExit("openssl enc failed")
    else:
        with open(path, "wb") as out:
            out.write(hashlib.shake_128(key.encode()).digest(size))
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def sizes(rnd: random.Random, payload: int, big: int, big_min: int, big_max: int, small_max: int) -> list:
    out = [rnd.randint(big_min, big_max) for _ in range(big)]
    total = sum(out)
    while total < payload:
        n = int(math.exp(rnd.uniform(math.log(1000), math.log(small_max))))
        n = min(n, payload - total) if payload - total > 1000 else n
        out.append(n)
        total += n
    rnd.shuffle(out)
    return out


def plan_transfers(a: argparse.Namespace) -> dict:
    rnd = random.Random("pcapscope-bench-plan:" + a.seed)
    all_sizes = sizes(rnd, a.payload, a.big, a.big_min, a.big_max, a.small_max)
    # Sessions: modes in turn, so every data mode gets its share of transfers and bytes.
    jobs = []
    tool_turn = {m: 0 for m in MODES}
    i = 0
    while i < len(all_sizes):
        family, mode = MODES[len(jobs) % len(MODES)]
        tools = TOOLS[(family, mode)]
        tool = tools[tool_turn[(family, mode)] % len(tools)]
        tool_turn[(family, mode)] += 1
        n = max(1, min(len(all_sizes) - i, rnd.randint(1, 2 * a.per_job - 1)))
        jobs.append({"id": len(jobs), "family": family, "mode": mode, "tool": tool, "ops": [], "sizes": all_sizes[i : i + n]})
        i += n
    files = 0
    for job in jobs:
        root = a.root4 if job["family"] == 4 else a.root6
        for size in job.pop("sizes"):
            files += 1
            name = "f%05d.bin" % files
            if rnd.random() < 0.7:
                sha = write_random(os.path.join(root, "pub", name), size, name)
                job["ops"].append({"op": "get", "path": "/pub/" + name, "size": size, "sha256": sha})
            else:
                src = os.path.join(a.up, name)
                sha = write_random(src, size, name)
                job["ops"].append({"op": "put", "src": src, "path": "/incoming/j%04d/%s" % (job["id"], name), "size": size, "sha256": sha})
        # Uploads land in a folder per session (created before the recording starts).
        if any(o["op"] == "put" for o in job["ops"]):
            os.makedirs(os.path.join(root, "incoming", "j%04d" % job["id"]), exist_ok=True)
    return {"kind": "transfers", "concurrency": a.concurrency, "jobs": jobs}


def plan_chatter(a: argparse.Namespace) -> dict:
    tiny = []
    for root in (a.root4, a.root6):
        for k in range(20):
            name = "t%02d.txt" % k
            size = 40 + 97 * k
            sha = write_random(os.path.join(root, "pub", "tiny", name), size, name)
            if root == a.root4:
                tiny.append({"path": "/pub/tiny/" + name, "size": size, "sha256": sha})
    jobs = []
    for j in range(a.sessions):
        family, mode = MODES[j % len(MODES)]
        jobs.append({"id": j, "family": family, "mode": mode, "tool": "chatter", "commands": a.commands,
                     "data_every": a.data_every, "files": tiny, "seed": "%s:%d" % (a.seed, j)})
    return {"kind": "chatter", "concurrency": a.concurrency, "jobs": jobs}


def main() -> None:
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="kind", required=True)
    for kind in ("transfers", "chatter"):
        p = sub.add_parser(kind)
        p.add_argument("plan")
        p.add_argument("--root4", required=True)
        p.add_argument("--root6", required=True)
        p.add_argument("--concurrency", type=int, default=16)
        p.add_argument("--seed", default="1")
        if kind == "transfers":
            p.add_argument("--up", required=True)
            p.add_argument("--payload", type=int, required=True)
            p.add_argument("--big", type=int, default=0)
            p.add_argument("--big-min", type=int, default=10_000_000)
            p.add_argument("--big-max", type=int, default=30_000_000)
            p.add_argument("--small-max", type=int, default=400_000)
            p.add_argument("--per-job", type=int, default=6)
        else:
            p.add_argument("--sessions", type=int, required=True)
            p.add_argument("--commands", type=int, required=True)
            p.add_argument("--data-every", type=int, default=50)
    a = ap.parse_args()
    plan = plan_transfers(a) if a.kind == "transfers" else plan_chatter(a)
    with open(a.plan, "w", encoding="utf-8") as f:
        json.dump(plan, f, indent=1)
    ops = [o for j in plan["jobs"] for o in j.get("ops", [])]
    print(json.dumps({"jobs": len(plan["jobs"]), "transfers": len(ops), "bytes": sum(o["size"] for o in ops)}))


if __name__ == "__main__":
    main()
