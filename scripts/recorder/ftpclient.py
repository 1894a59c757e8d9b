#!/usr/bin/python3
"""Small ftplib clients for the scenarios no stock client produces on its own.
Run inside the client namespace by scripts/record-fixtures.sh.

usage: ftpclient.py MODE HOST [options]   (see the sub-parsers below)
Every mode prints one JSON object on stdout describing what it did.
"""
import argparse
import ftplib
import hashlib
import io
import json
import os
import socket
import sys
import time

TIMEOUT = 20


def log(*a: object) -> None:
    print("[ftpclient]", *a, file=sys.stderr, flush=True)


def connect(host: str, port: int = 21) -> ftplib.FTP:
    ftp = ftplib.FTP(timeout=TIMEOUT)
    ftp.connect(host, port)
    log("banner:", ftp.getwelcome().replace("\n", " | "))
    return ftp


def pasv_data(ftp: ftplib.FTP, resp: str) -> socket.socket:
    host, port = ftplib.parse227(resp)
    return socket.create_connection((host, port), timeout=TIMEOUT)


def read_all(sock: socket.socket) -> bytes:
    chunks = []
    while True:
        b = sock.recv(65536)
        if not b:
            break
        chunks.append(b)
    sock.close()
    return b"".join(chunks)


def mode_stou(a: argparse.Namespace) -> dict:
    """Upload with STOU (server picks the name); return the name it reported."""
    ftp = connect(a.host)
    ftp.login(a.user, a.password)
    ftp.sendcmd("TYPE I")
    if a.cwd:
        ftp.cwd(a.cwd)
    names = []
    sent = {}
    with open(a.file, "rb") as f:
        base = f.read()
    for i in range(a.count):
        body = base + b"\nSTOU upload #%d\n" % (i + 1)  # distinct content per upload
        resp = ftp.sendcmd("PASV")
        data = pasv_data(ftp, resp)
        resp = ftp.sendcmd("STOU")  # 150 FILE: <unique name>
        data.sendall(body)
        data.close()
        done = ftp.voidresp()
        name = resp.split("FILE:", 1)[1].strip() if "FILE:" in resp else None
        log("STOU ->", resp, "/", done)
        names.append(name)
        sent[name] = hashlib.sha256(body).hexdigest()
    ftp.quit()
    return {"stou_names": names, "sent_sha256": sent}


def mode_brute(a: argparse.Namespace) -> dict:
    """Wrong passwords (530) then the right one. At most --per-conn attempts
    per control connection (vsftpd hangs up after max_login_fails=3), so the
    capture holds several sessions; the successful login happens on the
    connection that saw the last wrong passwords, then RETRs --retr."""
    attempts = []
    passwords = list(a.wrong) + [a.password]
    ftp = None
    used = 0
    while passwords:
        if ftp is None or used >= a.per_conn:
            if ftp is not None:
                try:
                    ftp.quit()
                except Exception:  # noqa: BLE001 - the server may have closed already
                    ftp.close()
            ftp = connect(a.host)
            used = 0
        pw = passwords[0]
        used += 1
        try:
            ftp.login(a.user, pw)
            attempts.append({"password": pw, "ok": True})
            passwords.pop(0)
            break
        except ftplib.error_perm as e:
            attempts.append({"password": pw, "ok": False, "reply": str(e)})
            log("login failed:", e)
            passwords.pop(0)
        except (EOFError, OSError) as e:  # hung up: retry this password on a new connection
            log("disconnected:", e)
            ftp.close()
            ftp = None
    if passwords:
        raise SystemExit("the right password was not tried")
    if not attempts[-1]["ok"]:
        raise SystemExit("login with the right password failed")
    got = {}
    ftp.sendcmd("TYPE I")
    for path in a.retr:
        buf = bytearray()
        ftp.retrbinary("RETR " + path, buf.extend)
        got[path] = hashlib.sha256(buf).hexdigest()
    ftp.quit()
    return {"attempts": attempts, "retrieved": got}


def mode_feat(a: argparse.Namespace) -> dict:
    """Multi-line replies: banner, FEAT, HELP, STAT."""
    ftp = connect(a.host)
    out = {"banner": ftp.getwelcome()}
    ftp.login(a.user, a.password)
    for cmd in ("SYST", "FEAT", "HELP", "STAT", "HELP RETR", "NOOP", "PWD"):
        try:
            out[cmd] = ftp.sendcmd(cmd)
        except ftplib.Error as e:
            out[cmd] = "error: %s" % e
    out["LIST"] = []
    ftp.retrlines("LIST", out["LIST"].append)
    ftp.quit()
    return out


def mode_pasvcmds(a: argparse.Namespace) -> dict:
    """PASV first, then TYPE I, SIZE, MDTM, REST 0 before opening the data
    connection and sending RETR (what a parser must tolerate)."""
    ftp = connect(a.host)
    ftp.login(a.user, a.password)
    replies = {}
    got = {}
    for path in a.retr:
        resp = ftp.sendcmd("PASV")
        replies["PASV"] = resp
        replies["TYPE I"] = ftp.sendcmd("TYPE I")
        replies["SIZE"] = ftp.sendcmd("SIZE " + path)
        try:
            replies["MDTM"] = ftp.sendcmd("MDTM " + path)
        except ftplib.error_perm as e:
            replies["MDTM"] = str(e)
        replies["REST"] = ftp.sendcmd("REST 0")
        data = pasv_data(ftp, resp)
        ftp.putcmd("RETR " + path)
        resp150 = ftp.getresp()
        body = read_all(data)
        replies["RETR"] = resp150
        replies["done"] = ftp.voidresp()
        got[path] = {"size": len(body), "sha256": hashlib.sha256(body).hexdigest()}
    ftp.quit()
    return {"replies": replies, "retrieved": got}


def mode_hostile(a: argparse.Namespace) -> dict:
    """Names that must be escaped by anything rendering FTP metadata."""
    out: dict = {"steps": []}

    def step(desc: str, fn):  # noqa: ANN001
        try:
            r = fn()
        except (ftplib.Error, EOFError) as e:
            r = "error: %s" % e
        out["steps"].append({"step": desc, "reply": r if isinstance(r, str) else repr(r)})
        log(desc, "->", r if isinstance(r, str) else "ok")
        return r

    ftp = connect(a.host)
    out["banner"] = ftp.getwelcome()
    for i, user in enumerate(a.bad_user):
        r = step("USER " + user, lambda u=user: ftp.login(u, "x\"><script>alert(1)</script>"))
        # pyftpdlib hangs up after three failed logins: go on in a new connection.
        if "Disconnecting" in r and i + 1 < len(a.bad_user):
            ftp.close()
            ftp = connect(a.host)
    ftp.close()
    ftp = connect(a.host)
    step("login", lambda: ftp.login(a.user, a.password))
    ftp.sendcmd("TYPE I")
    for raw in a.raw:
        step(raw, lambda r=raw: ftp.sendcmd(r))
    for d in a.mkd:
        step("MKD " + d, lambda d=d: ftp.mkd(d))
        step("CWD " + d, lambda d=d: ftp.cwd(d))
        step("PWD", lambda: ftp.pwd())
        step("CDUP", lambda: ftp.sendcmd("CDUP"))
    with open(a.file, "rb") as f:
        base = f.read()
    sent = {}
    for name in a.stor:
        body = base + ("\n" + name + "\n").encode()  # distinct content per file
        sent[name] = hashlib.sha256(body).hexdigest()
        step("STOR " + name, lambda n=name, b=body: ftp.storbinary("STOR " + n, io.BytesIO(b)))
    out["sent_sha256"] = sent
    lines: list = []
    step("LIST", lambda: ftp.retrlines("LIST", lines.append))
    nlst: list = []
    step("NLST", lambda: ftp.retrlines("NLST", nlst.append))
    out["list"] = lines
    got = {}
    for name in a.stor:
        buf = bytearray()
        step("RETR " + name, lambda n=name: ftp.retrbinary("RETR " + n, buf.extend))
        got[name] = hashlib.sha256(buf).hexdigest()
    if a.stor:
        step("RNFR/RNTO", lambda: ftp.rename(a.stor[0], a.rename_to))
    out["retrieved"] = got
    step("QUIT", lambda: ftp.quit())
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="mode", required=True)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("host")
        p.add_argument("--user", default="anonymous")
        p.add_argument("--password", default="pcapscope@example.org")

    p = sub.add_parser("stou"); common(p)
    p.add_argument("--file", required=True); p.add_argument("--cwd"); p.add_argument("--count", type=int, default=1)
    p = sub.add_parser("brute"); common(p)
    p.add_argument("--wrong", nargs="+", required=True); p.add_argument("--per-conn", type=int, default=3)
    p.add_argument("--retr", nargs="*", default=[])
    p = sub.add_parser("feat"); common(p)
    p = sub.add_parser("pasvcmds"); common(p)
    p.add_argument("--retr", nargs="+", required=True)
    p = sub.add_parser("hostile"); common(p)
    p.add_argument("--bad-user", nargs="*", default=[]); p.add_argument("--raw", nargs="*", default=[])
    p.add_argument("--mkd", nargs="*", default=[]); p.add_argument("--stor", nargs="*", default=[])
    p.add_argument("--file", required=True); p.add_argument("--rename-to", default="renamed.bin")
    a = ap.parse_args()
    t0 = time.time()
    res = globals()["mode_" + a.mode](a)
    res["elapsed"] = round(time.time() - t0, 3)
    json.dump(res, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
