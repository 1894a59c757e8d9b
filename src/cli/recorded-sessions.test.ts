/**
 * The mail, NTP, SSH and Telnet recordings (scripts/recorder/mail-scenarios.sh,
 * remote-scenarios.sh): against live tshark, the -n -r line and these fields
 * of every packet of theirs; and against their ground truth (<capture>.truth.json),
 * what the recorder knows it sent: the messages, the NTP server's stratum and
 * reference, the SSH sessions' key exchanges. (The logins are checked by
 * credentials-fixtures.test.ts.)
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fixturesDir } from "./corpus-files";
import { run } from "./main";
import { protocolCorpus } from "./protocol-corpus";

const MAIL = "mail-smtp-auth-pop3-imap-curl-postfix-dovecot.pcap";
const NTP = "ntp-client-server-ntpdig-chrony.pcap";
const SSH = "ssh-publickey-password-login-openssh.pcap";
const TELNET = "telnet-login-inetutils-telnetd.pcap";

protocolCorpus({
  name: "recorded sessions corpus",
  title: "the mail, NTP, SSH and Telnet fixtures against live tshark",
  dir: fixturesDir,
  captures: [MAIL, NTP, SSH, TELNET],
  fields: [
    "_ws.col.Protocol", "_ws.col.Info", "tcp.stream", "tcp.len",
    "smtp.req.command", "smtp.req.parameter", "smtp.response.code", "smtp.rsp.parameter", "smtp.auth.username", "smtp.auth.password", "smtp.auth.username_password",
    "imf.from", "imf.to", "imf.subject", "imf.date", "imf.message_id", "imf.content.type", "imf.mime_version",
    "pop.request.command", "pop.request.parameter", "pop.response.indicator", "pop.response.description",
    "imap.request_tag", "imap.request.command", "imap.response_tag", "imap.response.status", "imap.response.command",
    "imap.request.folder", "imap.request.username", "imap.request.password",
    "ntp.flags.li", "ntp.flags.vn", "ntp.flags.mode", "ntp.stratum", "ntp.ppoll", "ntp.precision", "ntp.rootdelay", "ntp.rootdispersion",
    "ntp.refid", "ntp.reftime", "ntp.org", "ntp.rec", "ntp.xmt",
    "telnet.cmd", "telnet.subcmd", "telnet.data",
    "ssh.protocol", "ssh.packet_length", "ssh.padding_length", "ssh.message_code", "ssh.kex_algorithms",
    "ssh.encryption_algorithms_client_to_server", "ssh.encryption_algorithms_server_to_client",
  ],
  mine: /./,
  summaryLines: true,
  known: {
    // tshark -T fields writes the shell's escape sequences (bracketed paste, ESC [?2004h) raw into
    // telnet.data: ws_escape_string leaves ESC as it is. We write "\033", as format_text does for the
    // tree, so printing the fields never hands the capture's control sequences to a terminal.
    [TELNET]: [51, 58, 62, 67],
  },
});

async function fields(capture: string, filter: string, names: string[]): Promise<string[][]> {
  let out = "";
  const args = ["-r", join(fixturesDir, capture), "-Y", filter, "-T", "fields", ...names.flatMap((n) => ["-e", n])];
  expect(await run(args, { stdout: (s) => (out += s), stderr: () => {} })).toBe(0);
  return out.split("\n").filter((l) => l !== "").map((l) => l.split("\t"));
}

const truth = (capture: string): Record<string, unknown> => JSON.parse(readFileSync(join(fixturesDir, capture.replace(/\.pcap$/, ".truth.json")), "utf8"));

describe("the recorded sessions against their ground truth", () => {
  it("mail: each message sent is the one SMTP carried and POP3 or IMAP returned, with its attachment's part", async () => {
    const messages = truth(MAIL).messages as { message_id: string; subject: string; attachments: { content_type: string }[] }[];
    expect(messages).toHaveLength(2);
    const first = (truth(MAIL).mailbox_order as string[])[0]!;
    for (const m of messages) {
      // tshark (and so we) hands POP3's RETR answer to IMF only when the message follows the +OK line in
      // later segments; Dovecot sends both in one, so the POP3 copy is found by its bytes.
      const rows = await fields(MAIL, `imf.message_id == "${m.message_id}" || (pop && frame contains "${m.message_id}")`, [
        "_ws.col.Protocol",
        "imf.subject",
        "_ws.col.Info",
      ]);
      // sent once over SMTP, fetched once over IMAP, and the first in the mailbox also by POP3's RETR
      const retrieved = m.message_id.startsWith(`<${first}.`) ? ["IMAP/IMF", "POP", "SMTP/IMF"] : ["IMAP/IMF", "SMTP/IMF"];
      expect(rows.map((r) => r[0]).sort()).toEqual(retrieved);
      for (const r of rows.filter((row) => row[0]!.endsWith("/IMF"))) {
        expect(r[1]).toBe(m.subject);
        for (const a of m.attachments) expect(r[2]).toContain(`(${a.content_type})`);
      }
    }
  });

  it("mail: no SMTP session is taken for FTP elsewhere (they greet with 220 too)", async () => {
    let out = "";
    await run(["-r", join(fixturesDir, MAIL), "--diagram", "ftp"], { stdout: (s) => (out += s), stderr: (s) => (out += s) });
    expect(out).toContain("no FTP sessions");
  });

  it("NTP: every request answered by the server's stratum and reference", async () => {
    const t = truth(NTP);
    const rows = await fields(NTP, "ntp", ["ntp.flags.mode", "ntp.stratum", "ntp.refid"]);
    const replies = rows.filter((r) => r[0] === "4");
    expect(rows.filter((r) => r[0] === "3")).toHaveLength(replies.length);
    expect(replies.length).toBeGreaterThanOrEqual(3);
    expect(new Set(replies.map((r) => `${r[1]} ${r[2]}`))).toEqual(new Set([`${t.server_stratum} ${t.server_reference_id}`]));
  });

  it("SSH: one session per key exchange the client chose, each client offering it first", async () => {
    const kex = truth(SSH).kex_algorithms as string[];
    const rows = await fields(SSH, "ssh.kex_algorithms && ssh.direction == 0", ["tcp.stream", "ssh.kex_algorithms"]);
    expect(rows.map((r) => [r[0], r[1]!.split(",")[0]])).toEqual(kex.map((k, i) => [String(i), k]));
  });
});
