/**
 * The I/O Graph's series against `tshark -q -z io,stat,INTERVAL,COLUMNS`
 * (the frames and values of each interval, parsed from tshark's table),
 * for a few fixtures, intervals, filters and field values. Skipped without
 * tshark. Also: bad filters and fields come back as a graph's error, and too
 * many intervals are refused.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MemorySource } from "../engine/io/byte-source";
import { CaptureSession } from "../engine/session/capture-session";
import { IoGraphApi, type IoGraphSpec } from "./io-graph-api";

const FIXTURES = join(__dirname, "../../fixtures");
const hasTshark = spawnSync("tshark", ["--version"]).status === 0;

async function open(fixture: string): Promise<CaptureSession> {
  const session = new CaptureSession(new MemorySource(readFileSync(join(FIXTURES, fixture)), fixture));
  await session.load();
  return session;
}

/**
 * tshark's io,stat column as text ("FRAMES()filter", "SUM(field)filter") for a graph.
 * A field's values reach tshark's tap only when some filter names the field (its tree
 * leaves out fields nobody asked for), so the cases' filters name their fields.
 */
const tsharkColumn = (g: IoGraphSpec): string =>
  g.value === "packets"
    ? `FRAMES()${g.filter}`
    : g.value === "bytes"
      ? `BYTES()${g.filter}`
      : `${g.value.toUpperCase()}(${g.field})${g.filter}`;

/** Per column, the integer values of tshark's rows (the interval column skipped). */
function tsharkSeries(fixture: string, interval: string, graphs: IoGraphSpec[]): number[][] {
  const text = execFileSync(
    "tshark",
    ["-n", "-r", join(FIXTURES, fixture), "-q", "-z", `io,stat,${interval},${graphs.map(tsharkColumn).join(",")}`],
    {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    },
  );
  const rows = text.split("\n").filter((l) => /^\| +[\d.]+ <> /.test(l));
  return graphs.map((_, c) => rows.map((l) => Number(l.split("|")[2 + c]!.trim())));
}

const CASES: [fixture: string, interval: string, graphs: IoGraphSpec[]][] = [
  [
    "ftp-lossy-pasv-retransmissions-vsftpd.pcap",
    "1",
    [
      { value: "packets", filter: "" },
      { value: "packets", filter: "tcp.analysis.retransmission" },
      { value: "bytes", filter: "ftp-data" },
      { value: "sum", filter: "tcp.len", field: "tcp.len" },
    ],
  ],
  [
    "dns-auth-zone-dig-host-dnsmasq.pcapng",
    "0.5",
    [
      { value: "packets", filter: "dns.flags.response == 1" },
      { value: "max", filter: "frame.len", field: "frame.len" },
      { value: "min", filter: "udp.length", field: "udp.length" },
      { value: "avg", filter: "ip.ttl && !icmp", field: "ip.ttl" },
      { value: "count", filter: "dns.qry.name", field: "dns.qry.name" },
    ],
  ],
  [
    "ftp-parallel-sessions-vsftpd.pcapng",
    "0.1",
    [
      { value: "packets", filter: "" },
      { value: "bytes", filter: "" },
    ],
  ],
];

describe.skipIf(!hasTshark)("I/O Graph series equal tshark -z io,stat", () => {
  it.each(CASES)("%s every %s s", async (fixture, interval, graphs) => {
    const session = await open(fixture);
    const api = new IoGraphApi(() => session);
    const result = await api.series({ intervalUs: Number(interval) * 1e6, graphs });
    const expected = tsharkSeries(fixture, interval, graphs);
    result.series.forEach((s, c) => {
      expect(s.error).toBeNull();
      // tshark's last row ends at the duration; a packet exactly there opens one more interval of ours.
      expect([...s.values!.subarray(0, expected[c]!.length)], `${tsharkColumn(graphs[c]!)}`).toEqual(expected[c]);
    });
    expect(result.intervals).toBeGreaterThanOrEqual(expected[0]!.length);
    // Each graph knows its first packet in every interval it counted one in (for a click on the chart).
    result.series.forEach((s, c) => {
      const counted = graphs[c]!.value === "packets" ? [...s.values!].map((v) => v > 0) : null;
      if (counted) expect([...s.firstFrame!].map((f) => f > 0)).toEqual(counted);
    });
    if (graphs[0]!.filter === "") expect(result.series[0]!.firstFrame![0]).toBe(1);
  });
});

describe("I/O Graph requests", () => {
  it("reports a wrong filter or field per graph and refuses too many intervals", async () => {
    const session = await open("dns-auth-zone-dig-host-dnsmasq.pcapng");
    const api = new IoGraphApi(() => session);
    const r = await api.series({
      intervalUs: 1e6,
      graphs: [
        { value: "packets", filter: "dns &&" },
        { value: "sum", filter: "", field: "no.such.field" },
        { value: "sum", filter: "", field: "dns.qry.name" },
        { value: "packets", filter: "" },
      ],
    });
    expect(r.series[0]!.error).toMatch(/end of filter/);
    expect(r.series[1]!.error).toBe("There is no field named 'no.such.field'.");
    expect(r.series[2]!.error).toMatch(/doesn't have integral values/);
    expect(r.series[3]!.values!.reduce((a, b) => a + b, 0)).toBe(session.packetCount);
    const tiny = await api.series({ intervalUs: 1e-3, graphs: [{ value: "packets", filter: "" }] });
    expect(tiny.series[0]!.error).toMatch(/choose a longer interval/);
  });
});
