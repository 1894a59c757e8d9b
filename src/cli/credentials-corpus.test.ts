/**
 * `--credentials` on the shared public captures: each credential below was
 * read from the capture with tshark (`-z follow,tcp,ascii,N`, and `-T fields
 * -e snmp.community` for SNMP) and is written here as a fact about that
 * capture. Skips with a notice when ../shared/captures is absent.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { CredentialRecord } from "../engine/credentials/types";
import { sharedCapturesDir } from "./corpus-files";
import { run } from "./main";

type Fact = [frame: number, kind: string, client: string, server: string, user: string, secret: string | null, result: string];

const FACTS: Record<string, Fact[]> = {
  // tcp.stream 1: POST /dvwa/login.php, username=admin&password=password (answered 302).
  "http-dvwa-login-gzip-css-js-png-post-credentials.pcapng": [[28, "HTTP form", "10.2.2.101:58785", "10.2.2.104:80", "admin", "password", "unknown"]],
  // tcp.stream 0: AUTH LOGIN, Z3VycGFydGFwQHBhdHJpb3RzLmlu / cHVuamFiQDEyMw==, then 235; stream 2 sends no AUTH.
  "smtp-auth-login-mime-attachment-two-sessions.pcap": [[14, "SMTP AUTH LOGIN", "10.10.1.4:1470", "74.53.140.153:25", "gurpartap@patriots.in", "punjab@123", "success"]],
  // stream 0: user/pass +OK; streams 2, 4, 5: AUTH PLAIN (-ERR authentication failed, then +OK twice); 1 and 3 only CAPA.
  "pop3-user-pass-auth-plain-list-retr.pcapng": [
    [10, "POP3 USER/PASS", "143.225.229.181:35287", "74.208.5.28:110", "cicciopernacchio@mail.com", "pippozzo", "success"],
    [56, "POP3 AUTH PLAIN", "192.168.0.4:26284", "212.227.15.166:110", "digitalinvestigator@networksims.com", "napier", "failed"],
    [85, "POP3 AUTH PLAIN", "192.168.0.4:26308", "212.227.15.166:110", "digitalinvestigator@networksims.com", "napier123", "success"],
    [104, "POP3 AUTH PLAIN", "192.168.0.4:26383", "212.227.15.166:110", "digitalinvestigator@networksims.com", "napier123", "success"],
  ],
  // C00001 LOGIN samir pfres, C00001 OK LOGIN completed.
  "imap-login-list-select-uid-fetch.pcap": [[11, "IMAP LOGIN", "10.40.4.2:46045", "10.40.3.2:143", "samir", "pfres", "success"]],
  // "login: " fake, "Password:" user (line mode, no echo), then "Last login: …".
  "telnet-login-openbsd-cleartext-user-password.pcap": [[38, "Telnet login", "192.168.0.2:1550", "192.168.0.1:23", "fake", "user", "success"]],
  // snmp.community per client and agent; the v3 messages carry none; two v1/v2c messages from 127.0.0.1 have an empty one.
  "snmp-v1-v2c-v3-community-get-set-trap-spliced.pcapng": [
    [1, "SNMP community", "172.31.19.54:15916", "172.31.19.73:161", "", "public", "success"],
    [59, "SNMP community", "203.143.168.235:1026", "129.94.135.39:161", "", "public", "success"],
    [61, "SNMP community", "10.144.246.184:33938", "10.144.246.161:161", "", "[R0_C@cti!]", "success"],
    [69, "SNMP community", "127.0.0.1:28456", "127.0.0.1:161", "", "", "success"],
    [75, "SNMP community", "127.0.0.1:63034", "127.0.0.1:161", "", "", "success"],
    [77, "SNMP community", "127.0.0.1:57150", "127.0.0.1:162", "", "public", "unknown"],
    [78, "SNMP community", "10.10.1.159:51217", "10.10.3.109:161", "", "public", "success"],
  ],
};

const present = existsSync(sharedCapturesDir);
if (!present) console.log(`credentials corpus: skipped, ${sharedCapturesDir} not found (set PCAPSCOPE_SHARED to point elsewhere)`);

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await run(args, { stdout: (s) => (out += s), stderr: (s) => (err += s) });
  return { code, out, err };
}

const ep = (e: { address: string; port: number }): string => `${e.address}:${e.port}`;

describe.skipIf(!present)("--credentials on ../shared/captures", () => {
  for (const [name, facts] of Object.entries(FACTS)) {
    it(name, async () => {
      const { code, out, err } = await cli(["-r", join(sharedCapturesDir, name), "--credentials", "-T", "json"]);
      expect(err).toBe("");
      expect(code).toBe(0);
      const records = JSON.parse(out) as CredentialRecord[];
      expect(records.map((r): Fact => [r.frame, r.kind, ep(r.client), ep(r.server), r.user, r.secret, r.result])).toEqual(facts);
    });
  }

  it("the text table: a header and a line per credential, secrets shown", async () => {
    const { code, out } = await cli(["-r", join(sharedCapturesDir, "imap-login-list-select-uid-fetch.pcap"), "--credentials"]);
    expect(code).toBe(0);
    const lines = out.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^Frame\s+Protocol\s+Kind\s+Client\s+Server\s+User\s+Secret\s+Result\s+Detail$/);
    expect(lines[1]).toMatch(/^\s*11\s+IMAP\s+IMAP LOGIN\s+10\.40\.4\.2:46045\s+10\.40\.3\.2:143\s+samir\s+pfres\s+accepted$/);
    expect(lines).toHaveLength(2);
  });
});
