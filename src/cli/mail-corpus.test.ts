/**
 * SMTP (with IMF), POP, IMAP, Telnet and SSH against live tshark on the shared
 * captures that carry them (../shared/captures, never copied into the
 * project): on every packet tshark shows as one of these protocols or as TCP
 * (the segments of a reassembled PDU, the retransmissions not handed on) the
 * Protocol and Info columns and every field below must equal tshark's. Runs when the folder and tshark exist; otherwise
 * skips with a printed notice.
 */
import { describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { hasTshark, ourFields, tsharkFields } from "../../scripts/tshark-compare";
import { sharedCapturesDir } from "./corpus-files";

const CAPTURES = [
  "smtp-auth-login-mime-attachment-two-sessions.pcap",
  "pop3-user-pass-auth-plain-list-retr.pcapng",
  "imap-login-list-select-uid-fetch.pcap",
  "telnet-login-openbsd-cleartext-user-password.pcap",
  "ssh2-openssh-version-exchange-ecdh-kex.pcap",
];

const FIELDS = [
  "_ws.col.Protocol", "_ws.col.Info",
  "smtp.req.command", "smtp.req.parameter", "smtp.response.code", "smtp.rsp.parameter", "smtp.auth.username", "smtp.auth.password",
  "imf.from", "imf.to", "imf.subject", "imf.date", "imf.message_id", "imf.content.type", "imf.mime_version",
  "pop.request.command", "pop.request.parameter", "pop.response.indicator", "pop.response.description",
  "imap.request_tag", "imap.request.command", "imap.response_tag", "imap.response.status", "imap.response.command",
  "imap.request.folder", "imap.request.username", "imap.request.password", "imap.response_to", "imap.response_in",
  "telnet.cmd", "telnet.subcmd",
  "ssh.protocol", "ssh.packet_length", "ssh.padding_length", "ssh.message_code", "ssh.kex_algorithms",
  "ssh.encryption_algorithms_client_to_server", "ssh.encryption_algorithms_server_to_client",
];

/**
 * Where tshark and we knowingly differ, with the reason. The SMTP capture's
 * ICMP "fragmentation needed" errors quote four segments of the message;
 * Wireshark adds the quoted bytes to the message it reassembles (so its IMF
 * finds one more text/plain part), we leave quoted segments out of it.
 */
const KNOWN: Record<string, readonly number[]> = {
  "smtp-auth-login-mime-attachment-two-sessions.pcap": [45],
};

/** The Protocol column values of the protocols under test, and TCP's. */
const MINE = /^(SMTP|SMTP\/IMF|POP|POP\/IMF|IMAP|IMAP\/IMF|TELNET|SSH|SSHv2|TCP)$/;

const present = CAPTURES.filter((c) => existsSync(join(sharedCapturesDir, c)));
const tshark = hasTshark();
if (present.length === 0) console.log(`mail corpus: skipped, the captures are not in ${sharedCapturesDir}`);
else if (!tshark) console.log("mail corpus: skipped, tshark is not installed");

describe.skipIf(present.length === 0 || !tshark)("SMTP, IMF, POP, IMAP, Telnet and SSH against live tshark", () => {
  for (const name of present) {
    it(name, { timeout: 120_000 }, async () => {
      const file = join(sharedCapturesDir, name);
      const theirs = tsharkFields(file, FIELDS).split("\n");
      const ours = (await ourFields(file, FIELDS)).stdout.split("\n");
      const known = new Set(KNOWN[name] ?? []);
      const wrong: string[] = [];
      let compared = 0;
      theirs.forEach((row, i) => {
        const t = row.split("\t");
        if (row === "" || known.has(i + 1) || !MINE.test(t[0] ?? "")) return;
        compared++;
        const o = (ours[i] ?? "").split("\t");
        FIELDS.forEach((f, j) => {
          if ((t[j] ?? "") !== (o[j] ?? "")) wrong.push(`frame ${i + 1} ${f}: tshark=${JSON.stringify(t[j])} ours=${JSON.stringify(o[j])}`);
        });
      });
      console.log(`${name}: ${compared} packets compared, ${wrong.length} field differences`);
      expect(compared).toBeGreaterThan(0);
      expect(wrong.slice(0, 20)).toEqual([]);
    });
  }
});
