/**
 * The analyzer builds the FTP report in the background once a capture that
 * may hold FTP is indexed (CaptureSession.prepareFtpReport), and only then:
 * what the report reads of the data connections (listings to parse; a
 * connection the pass could not hash) is read before any FTP view asks, and
 * a capture without FTP reads nothing after its load.
 */
import { describe, expect, it, vi } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ByteSource } from "../engine/io/byte-source";
import { BlobSource } from "../engine/io/blob-source";
import { AnalyzerApi } from "./analyzer-api";
import type { CaptureSession } from "../engine/session/capture-session";

const fixtures = join(__dirname, "../../fixtures");

/** Opens `name` through a source that counts its reads; resolves after the load. */
async function open(name: string, prepareFtp?: boolean): Promise<{ api: AnalyzerApi; reads: () => number }> {
  let reads = 0;
  const api = new AnalyzerApi(prepareFtp === undefined ? {} : { prepareFtp }, (file, n): ByteSource => {
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
  await api.open(new Blob([readFileSync(join(fixtures, name))]), name);
  return { api, reads: () => reads };
}

/** Lets queued promise work (the background build) run. */
const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 50));

describe("AnalyzerApi: the FTP report is prepared after the load", () => {
  it("reads what the report needs before any FTP view asks, and the views get that report", async () => {
    const { api, reads } = await open("ftp-pasv-curl-vsftpd-localuser.pcap");
    // The page readies the Diagrams view's first drawing only then (ui/diagrams/useMermaidPrefetch.ts).
    expect(api.ftpPrepared()).toBe(true);
    const afterLoad = reads();
    // The build runs in the background: wait for its reads (however busy the machine).
    await vi.waitFor(() => expect(reads()).toBeGreaterThan(afterLoad), { timeout: 10_000 });
    // The report the background started (asking for it again starts nothing new).
    await (api as unknown as { session: CaptureSession }).session.ftpReport();
    const prepared = reads();
    const analysis = await api.ftpSummary();
    expect(analysis.sessions.length).toBe(1);
    expect(analysis.files.every((f) => f.sha256.length === 64)).toBe(true);
    expect(analysis.sessions[0]).not.toHaveProperty("exchanges");
    const lines = await api.ftpTranscript(0, 0, analysis.sessions[0]!.transcriptLines);
    expect(lines.length).toBe(analysis.sessions[0]!.transcriptLines);
    expect(lines[0]).toMatchObject({ fromClient: false, verb: null });
    expect(lines[0]!.text).toMatch(/^220 /);
    expect(lines.find((l) => l.verb === "USER")).toMatchObject({ fromClient: true });
    const listing = analysis.files.find((f) => f.kind === "listing" && f.entryCount > 0);
    expect(await api.ftpListingEntries(listing!.id)).toHaveLength(listing!.entryCount);
    expect(reads()).toBe(prepared);
  });

  it("leaves a report of very large control connections for the analyst to ask for", async () => {
    const { api } = await open("ftp-pasv-curl-vsftpd-localuser.pcap", false);
    const session = (api as unknown as { session: CaptureSession }).session;
    expect(session.mayHoldFtp).toBe(true);
    expect(session.prepareFtpReport(100)).toBe(false);
    expect(session.prepareFtpReport()).toBe(true);
  });

  it("does nothing for a capture without FTP, or when told not to", async () => {
    const dns = await open("dns-auth-zone-dig-host-dnsmasq.pcapng");
    expect(dns.api.ftpPrepared()).toBe(false);
    const afterDns = dns.reads();
    await settle();
    expect(dns.reads()).toBe(afterDns);
    const off = await open("ftp-pasv-curl-vsftpd-localuser.pcap", false);
    expect(off.api.ftpPrepared()).toBe(false);
    const afterLoad = off.reads();
    await settle();
    expect(off.reads()).toBe(afterLoad);
  });
});
