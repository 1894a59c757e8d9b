#!/usr/bin/python3
"""Runs a benchmark plan (scripts/recorder/benchplan.py) in the client
namespace for scripts/record-fixtures.sh --bench: every session is a real
client process (curl, lftp, or python ftplib through this file's `session`
and `chatter` modes), --concurrency of them at a time; downloads are checked
against the plan's SHA-256 and deleted as soon as they are.

usage: benchclients.py run PLAN.json --user U --password P --host4 A --host6 A
                       --dl DIR --out RESULTS.json [--timeout S]
       benchclients.py verify PLAN.json --root4 DIR --root6 DIR   (uploads, on the host)
       benchclients.py session|chatter JOB.json --user U --password P --host H --dl DIR
"""
import argparse
import concurrent.futures
import ftplib
import hashlib
import json
import os
import random
import subprocess
import sys
import tempfile
import time

TIMEOUT = 30


def log(*a: object) -> None:
    print("[benchclients]", *a, file=sys.stderr, flush=True)


def sha256_file(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def url_host(job: dict, a: argparse.Namespace) -> str:
    return a.host4 if job["family"] == 4 else "[%s]" % a.host6


def curl_command(job: dict, a: argparse.Namespace, dl: str) -> list:
    """One curl process, one operation per transfer (--next), so its
    transfers share one control connection."""
    mode_flags = {"PASV": ["--disable-epsv"], "EPSV": [], "PORT": ["-P", "-", "--disable-eprt"], "EPRT": ["-P", "-"]}[job["mode"]]
    common = ["-sS", "--noproxy", "*", "--connect-timeout", "10", "-u", "%s:%s" % (a.user, a.password)] + mode_flags
    if job["family"] == 6:
        common.append("-g")
    cmd = ["curl", "--max-time", str(a.timeout)]
    for k, op in enumerate(job["ops"]):
        if k:
            cmd.append("--next")
        url = "ftp://%s%s" % (url_host(job, a), op["path"])
        if op["op"] == "get":
            cmd += common + [url, "-o", os.path.join(dl, os.path.basename(op["path"]))]
        else:
            cmd += common + ["-T", op["src"], url]
    return cmd


def lftp_command(job: dict, a: argparse.Namespace, dl: str) -> list:
    passive = job["mode"] in ("PASV", "EPSV")
    script = [
        "set net:timeout 15", "set net:max-retries 2", "set net:reconnect-interval-base 1", "set net:persist-retries 0",
        "set ftp:ssl-allow no", 'set ftp:proxy ""', "set cmd:fail-exit yes", "set xfer:clobber on",
        "set ftp:passive-mode %s" % ("on" if passive else "off"),
        "set ftp:prefer-epsv %s" % ("yes" if job["mode"] == "EPSV" else "no"),
        "open -u %s,%s ftp://%s" % (a.user, a.password, url_host(job, a)),
    ]
    for op in job["ops"]:
        if op["op"] == "get":
            script.append("get %s -o %s" % (op["path"], os.path.join(dl, os.path.basename(op["path"]))))
        else:
            script.append("put %s -o %s" % (op["src"], op["path"]))
    return ["lftp", "-c", "; ".join(script)]


def self_command(kind: str, job: dict, a: argparse.Namespace, dl: str, jobfile: str) -> list:
    with open(jobfile, "w", encoding="utf-8") as f:
        json.dump(job, f)
    host = a.host4 if job["family"] == 4 else a.host6
    return [sys.executable, os.path.abspath(__file__), kind, jobfile, "--user", a.user, "--password", a.password, "--host", host, "--dl", dl]


def run_job(job: dict, a: argparse.Namespace, work: str) -> dict:
    dl = os.path.join(a.dl, "j%04d" % job["id"])
    os.makedirs(dl, exist_ok=True)
    jobfile = os.path.join(work, "job%04d.json" % job["id"])
    tool = job["tool"]
    if tool == "curl":
        cmd = curl_command(job, a, dl)
    elif tool == "lftp":
        cmd = lftp_command(job, a, dl)
    elif tool == "ftplib":
        cmd = self_command("session", job, a, dl, jobfile)
    else:
        cmd = self_command("chatter", job, a, dl, jobfile)
    t0 = time.time()
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=a.timeout + 30)
        code, err = r.returncode, r.stderr.strip()[-500:]
    except subprocess.TimeoutExpired:
        code, err = -1, "timed out"
    result = {"id": job["id"], "tool": tool, "family": job["family"], "mode": job["mode"], "exit": code, "seconds": round(time.time() - t0, 2)}
    problems = []
    if code != 0:
        problems.append("exit %s: %s" % (code, err))
    for op in job.get("ops", []):
        if op["op"] != "get":
            continue
        path = os.path.join(dl, os.path.basename(op["path"]))
        if not os.path.exists(path):
            problems.append("%s not downloaded" % op["path"])
        elif sha256_file(path) != op["sha256"]:
            problems.append("%s differs" % op["path"])
        if os.path.exists(path):
            os.remove(path)
    if problems:
        result["problems"] = problems
    return result


def cmd_run(a: argparse.Namespace) -> None:
    with open(a.plan, encoding="utf-8") as f:
        plan = json.load(f)
    work = tempfile.mkdtemp(prefix="benchclients-")
    t0 = time.time()
    results = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=plan["concurrency"]) as pool:
        for r in pool.map(lambda j: run_job(j, a, work), plan["jobs"]):
            results.append(r)
            if "problems" in r:
                log("session %d (%s %s IPv%d): %s" % (r["id"], r["tool"], r["mode"], r["family"], "; ".join(r["problems"])))
    failed = [r for r in results if "problems" in r]
    out = {"sessions": len(results), "failed": len(failed), "seconds": round(time.time() - t0, 1), "results": results}
    with open(a.out, "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1)
    log("%d sessions in %.1f s, %d failed" % (len(results), out["seconds"], len(failed)))
    sys.exit(1 if failed else 0)


def cmd_verify(a: argparse.Namespace) -> None:
    """Every upload as the server stored it equals what the client sent."""
    with open(a.plan, encoding="utf-8") as f:
        plan = json.load(f)
    bad = 0
    n = 0
    for job in plan["jobs"]:
        root = a.root4 if job["family"] == 4 else a.root6
        for op in job.get("ops", []):
            if op["op"] != "put":
                continue
            n += 1
            path = os.path.join(root, op["path"].lstrip("/"))
            if not os.path.exists(path) or sha256_file(path) != op["sha256"]:
                log("upload %s (session %d) missing or different on the server" % (op["path"], job["id"]))
                bad += 1
    log("%d uploads checked, %d bad" % (n, bad))
    sys.exit(1 if bad else 0)


def connect(a: argparse.Namespace, job: dict) -> ftplib.FTP:
    ftp = ftplib.FTP(timeout=TIMEOUT)
    ftp.connect(a.host, 21)
    ftp.login(a.user, a.password)
    # ftplib sends PASV/PORT over IPv4 and EPSV/EPRT over IPv6.
    ftp.set_pasv(job["mode"] in ("PASV", "EPSV"))
    return ftp


def cmd_session(a: argparse.Namespace) -> None:
    """One python ftplib session: the job's downloads and uploads, binary."""
    with open(a.job, encoding="utf-8") as f:
        job = json.load(f)
    ftp = connect(a, job)
    for op in job["ops"]:
        if op["op"] == "get":
            with open(os.path.join(a.dl, os.path.basename(op["path"])), "wb") as out:
                ftp.retrbinary("RETR " + op["path"], out.write, blocksize=65536)
        else:
            with open(op["src"], "rb") as src:
                ftp.storbinary("STOR " + op["path"], src, blocksize=65536)
    ftp.quit()


def cmd_chatter(a: argparse.Namespace) -> None:
    """A long session of small commands, with a tiny listing or download every
    job["data_every"] commands in the job's data mode (the small-packets input)."""
    with open(a.job, encoding="utf-8") as f:
        job = json.load(f)
    rnd = random.Random(job["seed"])
    files = job["files"]
    ftp = connect(a, job)
    small = [
        lambda: ftp.sendcmd("NOOP"),
        lambda: ftp.sendcmd("PWD"),
        lambda: ftp.sendcmd("CWD /pub/tiny"),
        lambda: ftp.sendcmd("CWD /pub"),
        lambda: ftp.sendcmd("CDUP"),
        lambda: ftp.sendcmd("TYPE I"),
        lambda: ftp.sendcmd("TYPE A"),
        lambda: ftp.sendcmd("SYST"),
        lambda: ftp.sendcmd("SIZE " + rnd.choice(files)["path"]),
        lambda: ftp.sendcmd("MDTM " + rnd.choice(files)["path"]),
    ]
    bad = 0
    for k in range(job["commands"]):
        try:
            if job["data_every"] and k % job["data_every"] == job["data_every"] - 1:
                choice = rnd.randrange(3)
                if choice == 0:
                    ftp.nlst("/pub/tiny")
                elif choice == 1:
                    ftp.retrlines("LIST /pub/tiny", lambda _line: None)
                else:
                    f = rnd.choice(files)
                    buf = bytearray()
                    ftp.retrbinary("RETR " + f["path"], buf.extend)
                    if hashlib.sha256(buf).hexdigest() != f["sha256"]:
                        bad += 1
            else:
                rnd.choice(small)()
        except ftplib.error_perm:
            pass  # e.g. SIZE refused in ASCII mode: a reply like any other
    ftp.quit()
    if bad:
        raise SystemExit("%d tiny downloads differ" % bad)


def main() -> None:
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("run")
    p.add_argument("plan")
    for k in ("--user", "--password", "--host4", "--host6", "--dl", "--out"):
        p.add_argument(k, required=True)
    p.add_argument("--timeout", type=int, default=300)
    p = sub.add_parser("verify")
    p.add_argument("plan")
    p.add_argument("--root4", required=True)
    p.add_argument("--root6", required=True)
    for kind in ("session", "chatter"):
        p = sub.add_parser(kind)
        p.add_argument("job")
        for k in ("--user", "--password", "--host", "--dl"):
            p.add_argument(k, required=True)
    a = ap.parse_args()
    {"run": cmd_run, "verify": cmd_verify, "session": cmd_session, "chatter": cmd_chatter}[a.cmd](a)


if __name__ == "__main__":
    main()
