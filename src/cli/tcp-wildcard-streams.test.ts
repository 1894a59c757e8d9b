/**
 * FTP's announced data connections (PORT: server port 20 to any client port,
 * Wireshark 4.0's NO_PORT2 conversations) as tshark numbers their streams.
 *
 * src/engine/dissect/protocols/tcp/testdata/ftp-active-port-between-syn-and-syn-ack.pcap
 * is frames
 * 147,640-148,250 of the bench's many-small-packets recording
 * (`record-fixtures.sh --bench`: 36 ftplib clients on one host, vsftpd,
 * active and passive mode), cut with editcap. In it:
 *
 *  - PORT ...,165,245 (frame 31) and PORT ...,157,131 (frame 198) announce
 *    two connections from the same client host; the connection to port
 *    42485 opens first and, as tshark resolves it, takes the newest open
 *    announcement (frame 198's: Wireshark ignores the client port).
 *  - The connection to 40323 then opens with a SYN (frame 334) that finds
 *    frame 31's announcement, still open: a SYN *from* the fixed side does
 *    not fill the wildcard in. A PORT from another session (frame 335)
 *    comes in before its SYN-ACK (frame 336), which finds that newer
 *    announcement instead: tshark puts the SYN in stream 34 and the rest of
 *    the connection in stream 35, which never saw the window scale (Win=63).
 *  - The connection to 33731 (frame 621)
 *    opens with a SYN that finds frame 31's announcement again, which holds
 *    stream 34's state: tshark calls it port reuse and gives it no
 *    announcement.
 *
 * This is tshark's conversation lookup, not the connections' truth (the FTP
 * analysis links data connections by their own endpoints and says so). We
 * number streams as tshark does, so that `tcp.stream eq N` and the columns
 * select and show the same packets in both; the golden beside the capture is
 * tshark 4.0.17's output.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compareOutputs, describe as describeComparison, ourFields } from "../../scripts/tshark-compare";

const capture = join(__dirname, "../engine/dissect/protocols/tcp/testdata/ftp-active-port-between-syn-and-syn-ack.pcap");
const golden = readFileSync(capture.replace(/\.pcap$/, ".tshark-fields.tsv"), "utf8");

describe("TCP streams of announced FTP data connections, as tshark numbers them", () => {
  it("agrees with tshark on every field of every frame", async () => {
    const [header, ...rows] = golden.split("\n");
    const fields = header!.split("\t");
    const ours = (await ourFields(capture, fields)).stdout;
    const c = compareOutputs("wildcard", fields, rows.join("\n"), ours);
    expect(c.agreement, describeComparison(c)).toBe(1);
  });

  it("splits the connection whose SYN-ACK finds a newer announcement, and calls the next SYN on the old one port reuse", async () => {
    const fields = ["frame.number", "tcp.stream", "tcp.srcport", "tcp.dstport", "tcp.flags.str", "tcp.analysis.flags", "ftp-data.setup-frame"];
    const out = (await ourFields(capture, fields)).stdout;
    const rows = out
      .trim()
      .split("\n")
      .map((l) => l.split("\t"));
    const to = (port: string): string[][] => rows.filter((r) => r[2] === port || r[3] === port);
    const c40323 = to("40323");
    expect(c40323[0]!.slice(0, 2)).toEqual(["334", "34"]);
    expect(c40323.slice(1).every((r) => r[1] === "35")).toBe(true);
    expect(c40323.find((r) => r[6] !== "")?.[6]).toBe("335");
    const c33731 = to("33731");
    expect(new Set(c33731.map((r) => r[1])).size).toBe(1);
    expect(c33731[0]![5]).toBe("1"); // tcp.analysis.flags: port numbers reused
    // No announcement: ftp-data's setup frame is the one TCP's own conversation started with.
    expect(c33731.find((r) => r[6] !== "")?.[6]).toBe(c33731[0]![0]);
  });
});
