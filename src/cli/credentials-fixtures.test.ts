/**
 * `--credentials` on our own recordings, against what the recorder knows it
 * sent (<capture>.truth.json): every SNMP community the Net-SNMP tools used,
 * the agent's silence on the wrong one, the HTTP Basic login nginx
 * accepted after its 401, and every SMTP, POP3 and IMAP login of the mail
 * capture with the verdict Postfix and Dovecot gave, and the Telnet logins
 * /bin/login refused and accepted (NetworkMiner lists Telnet logins too).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { CredentialRecord } from "../engine/credentials/types";
import { fixturesDir } from "./corpus-files";
import { run } from "./main";

async function credentials(capture: string): Promise<CredentialRecord[]> {
  let out = "";
  const code = await run(["-r", join(fixturesDir, capture), "--credentials", "-T", "json"], { stdout: (s) => (out += s), stderr: () => {} });
  expect(code).toBe(0);
  return JSON.parse(out) as CredentialRecord[];
}

const truth = (capture: string): Record<string, unknown> => JSON.parse(readFileSync(join(fixturesDir, capture.replace(/\.pcap$/, ".truth.json")), "utf8"));

describe("--credentials on the recorded fixtures", () => {
  it("SNMP: every community the tools sent, the wrong one never accepted", async () => {
    const capture = "snmp-v1-v2c-v3-get-walk-set-trap-netsnmp.pcap";
    const communities = truth(capture).communities as Record<string, string>;
    const records = await credentials(capture);
    expect(records.every((r) => r.kind === "SNMP community" && r.protocol === "SNMP")).toBe(true);
    expect(new Set(records.map((r) => r.secret))).toEqual(new Set(Object.keys(communities)));
    expect(records.filter((r) => r.secret === "guessed-community").map((r) => r.result)).toEqual(["unknown"]);
    expect(records.some((r) => r.secret === "psc-write-2024" && r.result === "success" && r.detail.includes("set-request"))).toBe(true);
    // SNMPv3 carries a user name and no community: nothing to list in clear.
    expect(records.some((r) => r.user === truth(capture).snmpv3_user)).toBe(false);
    expect(records.some((r) => r.client.address === "fd77::2")).toBe(true);
  });

  it("HTTP: the Basic login the server accepted", async () => {
    const capture = "http-keepalive-gzip-chunked-post-basic-curl-wget-nginx.pcap";
    const basic = truth(capture).basic_auth as { user: string; password: string };
    const records = await credentials(capture);
    const accepted = records.filter((r) => r.kind === "HTTP Basic" && r.result === "success");
    expect(accepted.map((r) => [r.user, r.secret])).toEqual([[basic.user, basic.password]]);
  });

  it("mail: every SMTP, POP3 and IMAP login curl, poplib and imaplib sent, in order, with the server's verdict", async () => {
    const capture = "mail-smtp-auth-pop3-imap-curl-postfix-dovecot.pcap";
    const logins = truth(capture).logins as { protocol: string; mechanism: string; user: string; password: string; accepted: boolean }[];
    const records = await credentials(capture);
    expect(records.map((r) => [r.kind, r.user, r.secret, r.result])).toEqual(
      logins.map((l) => [`${l.protocol} ${l.mechanism}`, l.user, l.password, l.accepted ? "success" : "failed"]),
    );
    expect(records.every((r) => r.client.address === truth(capture).client_address && r.server.address === truth(capture).server_address)).toBe(true);
  });

  it("Telnet: the refused and the accepted login, user and password as typed", async () => {
    const capture = "telnet-login-inetutils-telnetd.pcap";
    const logins = truth(capture).logins as { user: string; password: string; accepted: boolean }[];
    const records = await credentials(capture);
    expect(records.map((r) => [r.protocol, r.kind, r.user, r.secret, r.result])).toEqual(
      logins.map((l) => ["Telnet", "Telnet login", l.user, l.password, l.accepted ? "success" : "failed"]),
    );
  });

  it("SSH and NTP: nothing in the clear", async () => {
    expect(await credentials("ssh-publickey-password-login-openssh.pcap")).toEqual([]);
    expect(await credentials("ntp-client-server-ntpdig-chrony.pcap")).toEqual([]);
  });
});
