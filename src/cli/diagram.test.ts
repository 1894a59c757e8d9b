/**
 * Diagrams on the project's own captures: the textbook session drawn exactly
 * as the issue describes it, the hostile capture drawn as text, every
 * fixture's golden Markdown (`<name>.diagram.<level>.md`, written by
 * `npm run goldens`) reproduced, and every Mermaid block in it accepted by
 * Mermaid's own parser as exactly the statements meant.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { FileSource } from "./file-source";
import { diagramGoldenPath, diagramGoldens } from "./diagram";
import { run } from "./main";
import { CaptureSession } from "../engine/session/capture-session";
import { Diagrams, type RenderedDiagram } from "../engine/diagram/service";
import { DETAIL_LEVELS, type DetailLevel } from "../engine/diagram/ftp-exchanges";
import { decodeText, writeMermaid } from "../engine/diagram/mermaid";
import { packetFacts } from "../engine/diagram/packets";
import { tcpFlowDiagram } from "../engine/diagram/flow";
import { parseSequence } from "../engine/diagram/testing";

const FIXTURES = join(__dirname, "../../fixtures");
const TEXTBOOK = join(FIXTURES, "ftp-active-tnftp-vsftpd-ls-get.pcap");
const HOSTILE = join(FIXTURES, "ftp-hostile-names-banner-pyftpdlib.pcap");
const captures = existsSync(FIXTURES) ? readdirSync(FIXTURES).filter((f) => /\.(pcap|pcapng)$/.test(f)).sort() : [];

async function open(path: string): Promise<{ diagrams: Diagrams; session: CaptureSession; close: () => void }> {
  const source = new FileSource(path);
  const session = new CaptureSession(source);
  await session.load();
  return { diagrams: new Diagrams(session, async () => (await session.ftpReport()).analysis), session, close: () => source.close() };
}

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await run(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

/** The statements of a rendered diagram as "C->>S: text" lines (notes as "Note: text"). */
function arrows(d: RenderedDiagram): string[] {
  return d.parts.flatMap((p) =>
    p.diagram.items.map((it) => (it.kind === "message" ? `${it.from}${it.arrow}${it.to}: ${decodeText(it.text)}` : `Note: ${decodeText(it.text)}`)),
  );
}

function mermaidBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/```mermaid\n([\s\S]*?)```\n/g)].map((m) => m[1]!);
}

describe("textbook session (tnftp, active mode, vsftpd)", () => {
  let d: Diagrams;
  let session: CaptureSession;
  let close: () => void;
  beforeAll(async () => {
    ({ diagrams: d, session, close } = await open(TEXTBOOK));
    return () => close();
  });

  const byTitle = async (title: string | RegExp, level: DetailLevel = "tcp"): Promise<string[]> => {
    const [s] = await d.sessions();
    const e = (await d.exchanges(s!.id))!.find((x) => (typeof title === "string" ? x.title === title : title.test(x.title)));
    expect(e, String(title)).toBeDefined();
    const r = await d.diagram({ kind: "ftp", session: s!.id, exchange: e!.index, level });
    return arrows(r!);
  };

  it("cuts the session into the exchanges a write-up explains", async () => {
    const [s, ...more] = await d.sessions();
    expect(more).toEqual([]);
    expect(s!.title).toBe("10.77.0.2:52594 → 10.77.0.1:21");
    expect((await d.exchanges(s!.id))!.map((e) => `${e.kind}: ${e.title}`)).toEqual([
      "connection: Connection",
      "login: Login as anonymous",
      "command: SYST",
      "command: FEAT",
      "transfer: Directory listing (LIST)",
      "command: CWD pub",
      "transfer: Directory listing (LIST)",
      "command: TYPE I",
      "command: SIZE readme.txt",
      "transfer: Download readme.txt",
      "command: MDTM readme.txt",
      "command: SIZE logo.png",
      "transfer: Download logo.png",
      "command: MDTM logo.png",
      "close: Close",
    ]);
  });

  it("draws the connection exactly as the issue's example", async () => {
    const r = await d.diagram({ kind: "ftp", session: 0, exchange: 0, level: "tcp" });
    expect(r!.parts).toHaveLength(1);
    expect(r!.parts[0]!.text).toBe(`sequenceDiagram
  participant C as Client 10.77.0.2
  participant S as FTP Server 10.77.0.1
  C->>S: TCP [SYN]
  S-->>C: TCP [SYN, ACK]
  C->>S: TCP [ACK]
  Note over C,S: Connection established
  S-->>C: FTP [Response: 220]
  C->>S: TCP [ACK]
`);
    expect(r!.parts[0]!.frames).toEqual([3, 4, 5, 6, 7]);
  });

  it("draws login, SYST, the listing, the download and the close with TCP", async () => {
    expect(await byTitle("Login as anonymous")).toEqual([
      "C->>S: FTP [Request: USER]",
      "S-->>C: TCP [ACK]",
      "S-->>C: FTP [Response: 331]",
      "C->>S: FTP [Request: PASS]",
      "S-->>C: FTP [Response: 230]",
      "Note: Logged in as anonymous",
    ]);
    expect(await byTitle("SYST")).toEqual(["C->>S: FTP [Request: SYST]", "S-->>C: FTP [Response: 215]"]);
    const [s] = await d.sessions();
    const listing = (await d.exchanges(s!.id))!.find((e) => e.kind === "transfer")!;
    expect(arrows((await d.diagram({ kind: "ftp", session: 0, exchange: listing.index, level: "tcp" }))!)).toEqual([
      "C->>S: FTP [Request: PORT]",
      "S-->>C: FTP [Response: 200]",
      "C->>S: FTP [Request: LIST]",
      "S-->>C: FTP [Response: 150]",
      "Note: Transferring file list (61 bytes)",
      "S-->>C: FTP [Response: 226]",
      "C->>S: TCP [ACK]",
    ]);
    expect(await byTitle("Download readme.txt")).toEqual([
      "C->>S: FTP [Request: PORT]",
      "S-->>C: FTP [Response: 200]",
      "C->>S: FTP [Request: RETR]",
      "S-->>C: FTP [Response: 150]",
      "Note: Downloading readme.txt (2,657 bytes)",
      "S-->>C: FTP [Response: 226]",
      "C->>S: TCP [ACK]",
    ]);
    expect(await byTitle("Close")).toEqual([
      "C->>S: FTP [Request: QUIT]",
      "S-->>C: FTP [Response: 221]",
      "S-->>C: TCP [FIN, ACK]",
      "C->>S: TCP [FIN, ACK]",
      "S-->>C: TCP [ACK]",
      "Note: Connection closed",
    ]);
  });

  it("commands level: requests and replies, transfers as notes", async () => {
    expect(await byTitle("Connection", "commands")).toEqual(["Note: Connection established", "S-->>C: FTP [Response: 220]"]);
    expect(await byTitle("Download readme.txt", "commands")).toEqual([
      "C->>S: FTP [Request: PORT]",
      "S-->>C: FTP [Response: 200]",
      "C->>S: FTP [Request: RETR]",
      "S-->>C: FTP [Response: 150]",
      "Note: Downloading readme.txt (2,657 bytes)",
      "S-->>C: FTP [Response: 226]",
    ]);
    expect(await byTitle("FEAT", "commands")).toEqual(["C->>S: FTP [Request: FEAT]", "S-->>C: FTP [Response: 211]"]);
  });

  it("packets level: the data connection between its own participants", async () => {
    const [s] = await d.sessions();
    const listing = (await d.exchanges(s!.id))!.find((e) => e.kind === "transfer")!;
    const r = (await d.diagram({ kind: "ftp", session: 0, exchange: listing.index, level: "packets" }))!;
    const p = r.parts[0]!;
    expect(p.diagram.participants.map((x) => decodeText(x.label))).toEqual([
      "Client 10.77.0.2",
      "FTP Server 10.77.0.1",
      "Client data port 55011",
      "Server data port 20",
    ]);
    expect(arrows(r)).toEqual([
      "C->>S: FTP [Request: PORT]",
      "S-->>C: FTP [Response: 200]",
      "C->>S: FTP [Request: LIST]",
      "SD1-->>CD1: TCP [SYN]",
      "CD1->>SD1: TCP [SYN, ACK]",
      "SD1-->>CD1: TCP [ACK]",
      "S-->>C: FTP [Response: 150]",
      "SD1-->>CD1: FTP-DATA [61 bytes]",
      "CD1->>SD1: TCP [ACK]",
      "SD1-->>CD1: TCP [FIN, ACK]",
      "CD1->>SD1: TCP [FIN, ACK]",
      "SD1-->>CD1: TCP [ACK]",
      "S-->>C: FTP [Response: 226]",
      "C->>S: TCP [ACK]",
    ]);
    // One arrow per frame of the exchange, in frame order.
    expect(p.frames).toEqual([26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39]);
  });

  it("the whole session holds every exchange; arguments and passwords on request", async () => {
    const whole = (await d.diagram({ kind: "ftp", session: 0, exchange: "all", level: "packets" }))!;
    const frames = whole.parts.flatMap((p) => p.frames);
    // Every TCP packet of the capture (frames 3-114; 1-2 are ARP) is one arrow, in order.
    expect(frames).toEqual(Array.from({ length: 112 }, (_, i) => i + 3));
    const masked = arrows((await d.diagram({ kind: "ftp", session: 0, exchange: 1, level: "commands", arguments: true }))!);
    expect(masked).toContain("C->>S: FTP [Request: PASS ••••]");
    expect(masked).toContain("C->>S: FTP [Request: USER anonymous]");
    const revealed = arrows((await d.diagram({ kind: "ftp", session: 0, exchange: 1, level: "commands", arguments: true, revealPasswords: true }))!);
    expect(revealed).toContain("C->>S: FTP [Request: PASS pcapscope@example.org]");
    const writeup = await d.markdown(0, { arguments: true, files: true });
    expect(writeup).not.toContain("pcapscope@example.org");
    expect(writeup).toContain("| /pub/readme.txt | download | 2,657 | `58f299665d0bcd300caa72922c7d9d23745af933508bcf6621929701396b924b` |");
    expect(writeup).toContain("| /pub/logo.png | download | 10,362 | `515a9b17edac1e580fbd9f711659cb619b741ce7b5e5ba92d7ead150b004e23b` |");
  });

  it("frame numbers in the label or Mermaid's autonumber", async () => {
    const framed = await d.diagram({ kind: "ftp", session: 0, exchange: 0, level: "tcp", numbering: "frame" });
    expect(framed!.parts[0]!.text).toContain("  C->>S: [3] TCP [SYN]\n");
    expect(framed!.parts[0]!.text).toContain("  Note over C,S: [5] Connection established\n");
    const auto = await d.diagram({ kind: "ftp", session: 0, exchange: 0, level: "tcp", numbering: "autonumber" });
    expect(auto!.parts[0]!.text).toMatch(/^sequenceDiagram\n {2}autonumber\n/);
    expect((await parseSequence(auto!.parts[0]!.text)).autonumber).toBe(true);
  });

  it("flow graph of a TCP stream", async () => {
    const flow = (await d.diagram({ kind: "tcp", stream: 1 }))!;
    expect(flow.title).toBe("TCP stream 1: 10.77.0.1:20 ↔ 10.77.0.2:55011");
    expect(arrows(flow)).toEqual([
      "A->>B: TCP [SYN]",
      "B-->>A: TCP [SYN, ACK]",
      "A->>B: TCP [ACK]",
      "A->>B: FTP-DATA [61 bytes]",
      "B-->>A: TCP [ACK]",
      "A->>B: TCP [FIN, ACK]",
      "B-->>A: TCP [FIN, ACK]",
      "A->>B: TCP [ACK]",
    ]);
    expect(flow.parts[0]!.frames).toEqual([29, 30, 31, 33, 34, 35, 36, 37]);
    expect(await d.diagram({ kind: "tcp", stream: 99 })).toBeNull();
  });

  it("draws the middle of a bulk stream as one note", async () => {
    // Stream 4 (RETR logo.png) has 22 packets: keep 3 + 2.
    const { facts, elisions } = await packetFacts(session, [0, 4], { cap: { streams: new Set([4]), head: 3, tail: 2 } });
    expect(facts.filter((f) => f.stream === 4).map((f) => f.frame)).toEqual([83, 84, 85, 104, 105]);
    expect(facts.filter((f) => f.stream === 0)).toHaveLength(64);
    expect(elisions).toEqual([{ stream: 4, afterFrame: 85, first: 87, last: 103, packets: 17 }]);
    const flow = tcpFlowDiagram(
      facts.filter((f) => f.stream === 4),
      {},
      elisions,
    )!;
    expect(flow.diagram.items.map((it) => decodeText(it.text))).toEqual([
      "TCP [SYN]",
      "TCP [SYN, ACK]",
      "TCP [ACK]",
      "… 17 more packets (frames 87–103) …",
      "TCP [FIN, ACK]",
      "TCP [ACK]",
    ]);
    await parseSequence(writeMermaid(flow.diagram));
  });

  it("splits long diagrams into parts that each parse", async () => {
    const whole = (await d.diagram({ kind: "ftp", session: 0, exchange: "all", level: "packets", limits: { maxItems: 40 } }))!;
    expect(whole.parts.length).toBe(3);
    for (const p of whole.parts) {
      expect(p.diagram.items.length).toBeLessThanOrEqual(40);
      await parseSequence(p.text);
    }
  });
});

describe("hostile capture (pyftpdlib: markup and Mermaid syntax in banner, user and file names)", () => {
  let d: Diagrams;
  let close: () => void;
  beforeAll(async () => {
    ({ diagrams: d, close } = await open(HOSTILE));
    return () => close();
  });

  it("capture text never becomes Mermaid syntax and is drawn literally", async () => {
    const sessions = await d.sessions();
    expect(sessions.length).toBeGreaterThan(0);
    const seen: string[] = [];
    for (const s of sessions) {
      for (const level of DETAIL_LEVELS) {
        const r = (await d.diagram({ kind: "ftp", session: s.id, exchange: "all", level, arguments: true, numbering: "frame" }))!;
        for (const part of r.parts) {
          // Nothing from the capture in the Mermaid source that Mermaid or HTML would read.
          for (const line of part.text.split("\n").slice(1, -1)) {
            expect(line).toMatch(/^ {2}(participant [A-Z]+\d* as |[A-Z]+\d*-{1,2}>>[A-Z]+\d*: |Note over [A-Z]+\d*(,[A-Z]+\d*)?: )/);
            const text = line.replace(/^ {2}(participant [A-Z]+\d* as |[A-Z]+\d*-{1,2}>>[A-Z]+\d*: |Note over [A-Z]+\d*(,[A-Z]+\d*)?: )/, "");
            expect(text.replace(/#\d+;/g, "")).not.toMatch(/[<>;%"'`$&{}@#]|:(?! )/);
          }
          // Mermaid's parser sees exactly the statements meant, their texts literal.
          const parsed = await parseSequence(part.text);
          expect(parsed.items.length).toBe(part.diagram.items.length);
          parsed.items.forEach((it, i) => {
            const meant = part.diagram.items[i]!;
            expect(it.kind).toBe(meant.kind);
            seen.push(it.text);
          });
        }
      }
    }
    const all = seen.join("\n");
    expect(all).toContain("<img src=x onerror=alert(1)>");
    expect(all).toContain("%%{init:");
    expect(all).toContain("-->");
    expect(all).toContain(";");
    // Passwords stay masked unless revealed.
    const passwords = [...all.matchAll(/Request: PASS ([^\]]*)\]/g)].map((m) => m[1]);
    expect(passwords.length).toBeGreaterThan(0);
    expect(new Set(passwords)).toEqual(new Set(["••••"]));
  });

  it("headings in the Markdown are escaped too", async () => {
    const md = await d.markdown(null, { level: "commands", files: true });
    for (const line of md.split("\n").filter((l) => l.startsWith("#") || l.startsWith("|"))) {
      expect(line).not.toMatch(/(?<!\\)[<>]/);
    }
    expect(md).toContain("Upload \\<img src=x onerror=alert(1)\\>.txt");
  });
});

describe("CLI --diagram", () => {
  it("prints Markdown with a heading per session and exchange", async () => {
    const r = await cli("-r", TEXTBOOK, "--diagram", "ftp");
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/^# FTP session 0: 10\.77\.0\.2:52594 → 10\.77\.0\.1:21\n/);
    expect(r.stdout).toContain("\n## 1. Connection\n\n```mermaid\nsequenceDiagram\n");
    expect(r.stdout).toContain("\n## 15. Close\n");
    expect(mermaidBlocks(r.stdout)).toHaveLength(15);
  });

  it("one session, one stream, detail levels", async () => {
    const one = await cli("-r", TEXTBOOK, "--diagram", "ftp,0", "--diagram-detail", "commands");
    expect(one.code).toBe(0);
    expect(one.stdout).not.toContain("TCP [SYN]");
    const flow = await cli("-r", TEXTBOOK, "--diagram", "tcp,2");
    expect(flow.code).toBe(0);
    expect(flow.stdout).toMatch(/^# TCP stream 2: 10\.77\.0\.1:20 ↔ 10\.77\.0\.2:52673\n\n## Flow graph\n\n```mermaid\n/);
    const golden = readFileSync(diagramGoldenPath(TEXTBOOK, "packets"), "utf8");
    expect((await cli("-r", TEXTBOOK, "--diagram", "ftp", "--diagram-args", "--diagram-detail", "packets")).stdout).toBe(golden);
  });

  it("usage errors exit 2", async () => {
    for (const args of [
      ["--diagram", "smtp"],
      ["--diagram", "ftp,x"],
      ["--diagram", "tcp"],
      ["--diagram", "udp"],
      ["--diagram", "http,x"],
      ["--diagram", "ftp", "--diagram-detail", "bytes"],
      ["--diagram-detail", "tcp"],
      ["--diagram", "ftp", "--diagram-numbers", "roman"],
      ["--diagram", "ftp", "--diagram-passwords"],
    ]) {
      const r = await cli("-r", TEXTBOOK, ...args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(/^pcapscope: /);
    }
    const noUdp = await cli("-r", TEXTBOOK, "--diagram", "udp,0");
    expect(noUdp.code).toBe(2);
    expect(noUdp.stderr).toContain("there is no UDP stream 0");
    const noHttp = await cli("-r", TEXTBOOK, "--diagram", "http");
    expect(noHttp.code).toBe(0);
    expect(noHttp.stderr).toContain("no HTTP in");
    const missing = await cli("-r", TEXTBOOK, "--diagram", "ftp,7");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("there is no FTP session 7");
  });
});

describe("golden diagrams", () => {
  it("has fixtures", () => expect(captures.length).toBeGreaterThan(0));
  for (const name of captures) {
    it(name, async () => {
      const source = new FileSource(join(FIXTURES, name));
      let goldens;
      try {
        goldens = await diagramGoldens(source);
      } finally {
        source.close();
      }
      for (const [level, markdown] of goldens) {
        const path = diagramGoldenPath(join(FIXTURES, name), level);
        // No FTP session (the DNS, DHCP and TLS captures): no golden, as update-diagram-goldens writes none.
        if (markdown === "") {
          expect(existsSync(path), `${path}: no FTP session, no golden`).toBe(false);
          continue;
        }
        expect(existsSync(path), `${path} (npm run goldens)`).toBe(true);
        expect(markdown, path).toBe(readFileSync(path, "utf8"));
        const blocks = mermaidBlocks(markdown);
        expect(blocks.length).toBeGreaterThan(0);
        for (const text of blocks) {
          expect(text.length).toBeLessThanOrEqual(40_000);
          const parsed = await parseSequence(text);
          // Statements in, statements out: nothing merged, nothing added.
          expect(parsed.items.length).toBe(text.split("\n").filter((l) => /^ {2}(\S+->>|\S+-->>|Note )/.test(l)).length);
        }
      }
    });
  }
});

it("the largest diagrams are split under Mermaid's limits", async () => {
  const { diagrams, close } = await open(join(FIXTURES, "ftp-pget-segmented-lftp-vsftpd.pcap"));
  try {
    const r = (await diagrams.diagram({ kind: "ftp", session: 0, exchange: "all", level: "packets" }))!;
    expect(r.parts.length).toBeGreaterThan(1);
    for (const p of r.parts) {
      expect(p.diagram.items.length).toBeLessThanOrEqual(250);
      expect(p.text.length).toBeLessThanOrEqual(40_000);
    }
    expect(r.parts.map((p) => `${p.part}/${p.parts}`)).toEqual(r.parts.map((_, i) => `${i + 1}/${r.parts.length}`));
  } finally {
    close();
  }
});
