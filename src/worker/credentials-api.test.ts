/**
 * The Credentials view's pages through the worker's API: FTP's credentials
 * among the others', sorted and filtered; a capture without FTP is listed
 * from what the indexing pass kept, with no read of the file after its load.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import type { ByteSource } from "../engine/io/byte-source";
import { BlobSource } from "../engine/io/blob-source";
import { AnalyzerApi } from "./analyzer-api";

const fixtures = join(__dirname, "../../fixtures");
/** ../shared/captures, as the CLI's corpus tests find it (the worker may not import src/cli). */
const sharedCapturesDir = resolve(process.env.PCAPSCOPE_SHARED ?? join(__dirname, "../../../shared"), "captures");

async function open(path: string): Promise<{ api: AnalyzerApi; reads: () => number }> {
  let reads = 0;
  const api = new AnalyzerApi({ prepareFtp: false }, (file, n): ByteSource => {
    const inner = new BlobSource(file as Blob, n);
    return {
      name: n,
      size: () => inner.size(),
      read: (offset, length) => {
        reads++;
        return inner.read(offset, length);
      },
    };
  });
  await api.open(new Blob([readFileSync(path)]), path);
  return { api, reads: () => reads };
}

const query = { sort: "frame" as const, descending: false, filter: "", offset: 0, limit: 50 };

describe("AnalyzerApi credentials", () => {
  it("FTP logins of a brute force: all six, one accepted, sortable and filterable", async () => {
    const { api } = await open(join(fixtures, "ftp-bruteforce-530-then-login-vsftpd.pcap"));
    const page = await api.credentialsPage(query);
    expect(page).toMatchObject({ total: 6, all: 6, accepted: 1, ftpTls: false });
    expect(page.rows.every((r) => r.kind === "FTP USER/PASS" && r.protocol === "FTP")).toBe(true);
    expect(page.rows.map((r) => r.frame)).toEqual([...page.rows.map((r) => r.frame)].sort((a, b) => a - b));
    const byResult = await api.credentialsPage({ ...query, sort: "result" });
    expect(byResult.rows[0]!.result).toBe("success");
    const accepted = await api.credentialsPage({ ...query, filter: "accepted" });
    expect(accepted.total).toBe(1);
  });

  it("FTPS: none in clear, and the page says the FTP session switched to TLS", async () => {
    const { api } = await open(join(fixtures, "ftps-auth-tls-lftp-pyftpdlib.pcapng"));
    expect(await api.credentialsPage(query)).toMatchObject({ total: 0, all: 0, ftpTls: true });
  });

  it("Telnet: the recorded login the view lists as NetworkMiner does, user and password with the verdict", async () => {
    const { api, reads } = await open(join(fixtures, "telnet-login-inetutils-telnetd.pcap"));
    const afterLoad = reads();
    const page = await api.credentialsPage(query);
    expect(page).toMatchObject({ total: 2, all: 2, accepted: 1 });
    expect(page.rows.map((r) => [r.kind, r.user, r.secret, r.result])).toEqual([
      ["Telnet login", "pscftp", "wrong-Pass-1", "failed"],
      ["Telnet login", "pscftp", "Fixture-Pass-2024", "success"],
    ]);
    expect(reads()).toBe(afterLoad);
  });

  const pop3 = join(sharedCapturesDir, "pop3-user-pass-auth-plain-list-retr.pcapng");
  if (!existsSync(pop3)) console.log(`credentials api: the POP3 case skipped, ${pop3} not found`);
  it.skipIf(!existsSync(pop3))("POP3: listed from what the pass kept, reading nothing after the load", async () => {
    const { api, reads } = await open(pop3);
    const afterLoad = reads();
    const page = await api.credentialsPage(query);
    expect(page.rows.map((r) => [r.kind, r.user, r.result])).toEqual([
      ["POP3 USER/PASS", "cicciopernacchio@mail.com", "success"],
      ["POP3 AUTH PLAIN", "digitalinvestigator@networksims.com", "failed"],
      ["POP3 AUTH PLAIN", "digitalinvestigator@networksims.com", "success"],
      ["POP3 AUTH PLAIN", "digitalinvestigator@networksims.com", "success"],
    ]);
    expect(reads()).toBe(afterLoad);
  });
});
