#!/usr/bin/python3
"""pyftpdlib server used by scripts/record-fixtures.sh (run with Debian's
/usr/bin/python3 and python3-pyftpdlib inside the server namespace).

usage: ftpserver.py --host ADDR --root DIR [--anon] [--user NAME:PASS[:PERM]]
                    [--tls CERT KEY [--tls-required | --tls-control-required]]
                    [--banner-file F] [--passive-ports A-B]
"""
import argparse
import logging
import os
import sys
import warnings

warnings.filterwarnings("ignore", category=DeprecationWarning)

from pyftpdlib.authorizers import DummyAuthorizer  # noqa: E402
from pyftpdlib.handlers import FTPHandler  # noqa: E402
from pyftpdlib.servers import FTPServer  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--host", required=True)
    ap.add_argument("--port", type=int, default=21)
    ap.add_argument("--root", required=True)
    ap.add_argument("--anon", action="store_true", help="read-only anonymous access to --root")
    ap.add_argument("--user", action="append", default=[], help="NAME:PASS[:PERM] with home --root")
    ap.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"))
    ap.add_argument("--tls-required", action="store_true")
    ap.add_argument("--tls-control-required", action="store_true",
                    help="TLS required on the control connection only (PROT C data allowed)")
    ap.add_argument("--banner-file", help="multi-line 220 greeting, one line per reply line")
    ap.add_argument("--banner", help="single-line banner")
    ap.add_argument("--passive-ports", help="A-B")
    ap.add_argument("--auth-delay", type=float, default=0.3)
    args = ap.parse_args()

    logging.basicConfig(level=logging.DEBUG if os.environ.get("PSC_FTPD_DEBUG") else logging.INFO, stream=sys.stderr,
                        format="[pyftpd %(asctime)s] %(message)s")

    auth = DummyAuthorizer()
    for spec in args.user:
        name, password, *rest = spec.split(":", 2)
        auth.add_user(name, password, args.root, perm=rest[0] if rest else "elradfmwMT")
    if args.anon:
        auth.add_anonymous(args.root)

    base = FTPHandler
    if args.tls:
        from pyftpdlib.handlers import TLS_FTPHandler
        base = TLS_FTPHandler

    banner_lines = None
    if args.banner_file:
        with open(args.banner_file, encoding="utf-8") as f:
            banner_lines = [line.rstrip("\r\n") for line in f if line.strip("\r\n")]

    class Handler(base):  # type: ignore[misc, valid-type]
        def handle(self):
            if banner_lines is None:
                return super().handle()
            # RFC 959 multi-line reply: "220-first", ..., "220 last".
            self.on_connect()
            if not self._closed and not self._closing:
                for line in banner_lines[:-1]:
                    self.push("220-%s\r\n" % line)
                self.respond("220 %s" % banner_lines[-1])

    Handler.authorizer = auth
    Handler.auth_failed_timeout = args.auth_delay
    Handler.permit_foreign_addresses = False
    if args.banner:
        Handler.banner = args.banner
    if args.passive_ports:
        lo, hi = (int(x) for x in args.passive_ports.split("-"))
        Handler.passive_ports = range(lo, hi + 1)
    if args.tls:
        Handler.certfile, Handler.keyfile = args.tls
        Handler.tls_control_required = args.tls_required or args.tls_control_required
        Handler.tls_data_required = args.tls_required
        # Clients (curl) resume the control connection's TLS session on the
        # data connections; OpenSSL refuses that without a session id context.
        Handler.get_ssl_context().set_session_id(b"pcapscope-ftps")

    server = FTPServer((args.host, args.port), Handler)
    server.max_cons = 64
    server.max_cons_per_ip = 32
    server.serve_forever(timeout=0.5)


if __name__ == "__main__":
    main()
