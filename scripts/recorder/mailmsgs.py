#!/usr/bin/python3
"""The messages of the mail scenario (scripts/recorder/mail-scenarios.sh).

  mailmsgs.py make DIR ATTACHMENT       # DIR/plain.eml, DIR/attachment.eml (CRLF)
  mailmsgs.py check SENT.eml GOT...     # each GOT (POP3 RETR / IMAP FETCH output) holds SENT
  mailmsgs.py truth SENT.eml            # one JSON line: headers, sizes, SHA-256s, attachments

Dates and Message-IDs are fixed, so the messages (and their hashes) are the
same on every recording. Postfix prepends Return-Path, Delivered-To and
Received to what it delivers and Dovecot serves it with CRLF line ends, so a
retrieved copy must end with the message as sent, line ends aside.
"""
import email
import email.policy
import hashlib
import json
import os
import sys
from email.message import EmailMessage

FROM = "Bob Sender <bob@psc.test>"
TO = "Alice Receiver <alice@psc.test>"


def message(subject: str, date: str, message_id: str, text: str) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = FROM
    msg["To"] = TO
    msg["Subject"] = subject
    msg["Date"] = date
    msg["Message-ID"] = message_id
    msg.set_content(text)
    return msg


def make(out: str, attachment: str) -> None:
    plain = message("pcapscope fixture: plain text over SMTP AUTH PLAIN", "Tue, 02 Jan 2024 03:04:05 +0000",
                    "<plain.20240102030405@psc.test>",
                    "Hello Alice,\n\nthis message was sent with curl over SMTP after AUTH PLAIN.\n\n-- \nBob\n")
    mixed = message("pcapscope fixture: report with an attachment (AUTH LOGIN)", "Tue, 02 Jan 2024 03:05:06 +0000",
                    "<attachment.20240102030506@psc.test>",
                    "Hello Alice,\n\nthe logo is attached (image/png, base64).\n\n-- \nBob\n")
    with open(attachment, "rb") as f:
        mixed.add_attachment(f.read(), maintype="image", subtype="png", filename=os.path.basename(attachment))
    # Fixed MIME boundary: the same bytes on every recording.
    mixed.set_boundary("=====pcapscope-fixture-boundary=====")

    for name, msg in (("plain.eml", plain), ("attachment.eml", mixed)):
        with open(os.path.join(out, name), "wb") as f:
            f.write(msg.as_bytes(policy=email.policy.SMTP))


def lf(data: bytes) -> bytes:
    return data.replace(b"\r\n", b"\n")


def check(sent: str, got: list) -> None:
    want = lf(open(sent, "rb").read())
    for g in got:
        have = lf(open(g, "rb").read())
        if not have.endswith(want):
            sys.exit(f"{g} does not end with the message {sent} as sent")


def truth(sent: str) -> None:
    data = open(sent, "rb").read()
    msg = email.message_from_bytes(data, policy=email.policy.default)
    attachments = []
    for part in msg.iter_attachments():
        body = part.get_payload(decode=True)
        attachments.append({"filename": part.get_filename(), "content_type": part.get_content_type(),
                            "size": len(body), "sha256": hashlib.sha256(body).hexdigest()})
    print(json.dumps({"message_id": msg["Message-ID"], "from": msg["From"], "to": msg["To"],
                      "subject": msg["Subject"], "date": msg["Date"], "content_type": msg.get_content_type(),
                      "size": len(data), "sha256": hashlib.sha256(data).hexdigest(), "attachments": attachments}))


def main() -> None:
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "make":
        make(*args)
    elif cmd == "check":
        check(args[0], args[1:])
    elif cmd == "truth":
        truth(args[0])
    else:
        sys.exit(f"unknown command {cmd}")


if __name__ == "__main__":
    main()
