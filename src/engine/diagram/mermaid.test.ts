import { describe, expect, it } from "vitest";
import { decodeText, escapeText, mm, raw, splitDiagram, writeMermaid, type DiagramItem, type SequenceDiagram } from "./mermaid";
import { expectedParse, parseSequence } from "./testing";

/** Strings that are Mermaid syntax, HTML or both. */
const HOSTILE = [
  "<img src=x onerror=alert(1)>",
  "%%{init: {'theme':'dark', 'securityLevel':'loose'}}%%",
  "a;b",
  "C-->>S: injected",
  "x\nS->>C: injected on a new line",
  "# comment",
  "#59; an entity",
  'quotes " and \' and `',
  "$$\\frac{1}{2}$$",
  "&lt;b&gt; & <br/> <script>alert(1)</script>",
  "style x:#f00;",
  "participant X as Y",
  "end",
  "Note over C,S: fake note",
  "@{ \"type\": \"boundary\" }",
  "\u202Eevil\u200B",
  "tab\there\r\n",
  "a, b: c",
  "\ud800 lone surrogate",
  "wrap: text",
];

function diagramWith(texts: readonly string[]): SequenceDiagram {
  const items: DiagramItem[] = texts.flatMap((t, i): DiagramItem[] => [
    { kind: "message", from: "C", to: "S", arrow: "->>", text: mm`FTP [Request: USER ${t}]`, frame: 2 * i + 1 },
    { kind: "note", over: ["C", "S"], text: mm`Note ${t}`, frame: 2 * i + 2 },
  ]);
  return {
    participants: [
      { id: "C", label: mm`Client ${texts[0] ?? ""}` },
      { id: "S", label: mm`FTP Server ${"fd77::1"}, ${texts[1] ?? ""}` },
    ],
    items,
  };
}

describe("escapeText", () => {
  it("leaves ordinary text alone", () => {
    expect(escapeText("RETR readme.txt (2657 bytes)")).toBe("RETR readme.txt (2657 bytes)");
  });
  it("writes every special character as an entity code", () => {
    expect(escapeText(";#%:<>\"'`$&{}@")).toBe("#59;#35;#37;#58;#60;#62;#34;#39;#96;#36;#38;#123;#125;#64;");
    expect(escapeText("-->")).toBe("--#62;");
  });
  it("makes control and format characters visible", () => {
    expect(escapeText("a\r\nb\tc\0\x1b\u202E")).toBe("a\\r\\nb\\tc\\0\\x1B\\u202E");
  });
  it("cuts long text by characters, never inside an escape", () => {
    expect(escapeText("abcdef", 3)).toBe("abc…");
    expect(escapeText(";;;;", 2)).toBe("#59;#59;…");
    expect(escapeText("ab", 2)).toBe("ab");
  });
  it("round-trips through decodeText", () => {
    for (const h of HOSTILE.filter((t) => !/[\p{Cc}\p{Cf}\p{Cs}]/u.test(t))) expect(decodeText(escapeText(h))).toBe(h);
  });
});

describe("mm", () => {
  it("escapes interpolations and keeps literals", () => {
    expect(mm`FTP [Request: ${"PASS"} ${"a;b"}]`).toBe("FTP [Request: PASS a#59;b]");
    expect(mm`${42} bytes`).toBe("42 bytes");
    expect(mm`x ${{ text: "abcdef", max: 2 }}`).toBe("x ab…");
    expect(mm`${raw(mm`TCP [${"SYN"}]`)} (retransmission)`).toBe("TCP [SYN] (retransmission)");
  });
  it("refuses unsafe literals", () => {
    expect(() => mm`a;b`).toThrow(/unsafe/);
    expect(() => mm`#1`).toThrow(/unsafe/);
    expect(() => mm`a:b`).toThrow(/unsafe/);
    expect(() => mm`a->>b`).toThrow(/unsafe/);
    expect(() => mm`a\nb`).toThrow(/unsafe/);
  });
});

describe("writeMermaid", () => {
  it("writes the issue's connection example", () => {
    const d: SequenceDiagram = {
      participants: [
        { id: "C", label: mm`Client ${"10.10.15.211"}` },
        { id: "S", label: mm`FTP Server ${"10.10.10.187"}` },
      ],
      items: [
        { kind: "message", from: "C", to: "S", arrow: "->>", text: mm`TCP [SYN]`, frame: 1 },
        { kind: "message", from: "S", to: "C", arrow: "-->>", text: mm`TCP [SYN, ACK]`, frame: 2 },
        { kind: "message", from: "C", to: "S", arrow: "->>", text: mm`TCP [ACK]`, frame: 3 },
        { kind: "note", over: ["C", "S"], text: mm`Connection established`, frame: 3 },
        { kind: "message", from: "S", to: "C", arrow: "-->>", text: mm`FTP [Response: 220]`, frame: 4 },
        { kind: "message", from: "C", to: "S", arrow: "->>", text: mm`TCP [ACK]`, frame: 5 },
      ],
    };
    expect(writeMermaid(d)).toBe(`sequenceDiagram
  participant C as Client 10.10.15.211
  participant S as FTP Server 10.10.10.187
  C->>S: TCP [SYN]
  S-->>C: TCP [SYN, ACK]
  C->>S: TCP [ACK]
  Note over C,S: Connection established
  S-->>C: FTP [Response: 220]
  C->>S: TCP [ACK]
`);
    expect(writeMermaid(d, { numbering: "frame" })).toContain("  C->>S: [1] TCP [SYN]\n");
    expect(writeMermaid(d, { numbering: "autonumber" })).toMatch(/^sequenceDiagram\n {2}autonumber\n/);
  });

  it("refuses undeclared participants and odd ids", () => {
    const d = diagramWith(["x"]);
    expect(() => writeMermaid({ ...d, participants: [d.participants[0]!] })).toThrow(/undeclared/);
    expect(() => writeMermaid({ ...d, participants: [{ id: "C;x", label: mm`x` }] })).toThrow(/identifier/);
  });

  it("hostile text parses as exactly the statements meant, its text literal", async () => {
    const d = diagramWith(HOSTILE);
    for (const numbering of ["none", "frame", "autonumber"] as const) {
      const text = writeMermaid(d, { numbering });
      // One line per statement: nothing from the capture started a line of its own.
      expect(text.split("\n").length).toBe(1 + (numbering === "autonumber" ? 1 : 0) + d.participants.length + d.items.length + 1);
      const parsed = await parseSequence(text);
      const { participants, items } = expectedParse(d, numbering === "frame");
      expect(parsed.participants).toEqual(participants);
      expect(parsed.items).toEqual(items);
      expect(parsed.autonumber).toBe(numbering === "autonumber");
    }
    // The texts Mermaid will draw are the capture's, literally (control characters made visible).
    const parsed = await parseSequence(writeMermaid(d));
    expect(parsed.items[0]!.text).toBe("FTP [Request: USER <img src=x onerror=alert(1)>]");
    expect(parsed.items[2]!.text).toBe("FTP [Request: USER %%{init: {'theme':'dark', 'securityLevel':'loose'}}%%]");
    expect(parsed.items[8]!.text).toBe("FTP [Request: USER x\\nS->>C: injected on a new line]");
    expect(parsed.participants[1]!.label).toBe("FTP Server fd77::1, %%{init: {'theme':'dark', 'securityLevel':'loose'}}%%");
  });
});

describe("splitDiagram", () => {
  const long: SequenceDiagram = {
    participants: [
      { id: "C", label: mm`Client` },
      { id: "S", label: mm`Server` },
      { id: "D", label: mm`Unused` },
    ],
    items: Array.from({ length: 1000 }, (_, i): DiagramItem => ({
      kind: "message",
      from: i % 2 ? "S" : "C",
      to: i % 2 ? "C" : "S",
      arrow: i % 2 ? "-->>" : "->>",
      text: mm`FTP-DATA [${i} bytes] ${"x".repeat(i % 7 === 0 ? 300 : 10)}`,
      frame: i + 1,
    })),
  };

  it("keeps one part when small", () => {
    const parts = splitDiagram(diagramWith(["a"]));
    expect(parts).toHaveLength(1);
    expect(parts[0]!.part).toBe(1);
    expect(parts[0]!.parts).toBe(1);
    expect(parts[0]!.frames).toEqual([1]);
    expect(parts[0]!.noteFrames).toEqual([2]);
  });

  it("cuts under both limits, every item once, in order", () => {
    for (const limits of [{}, { maxItems: 100 }, { maxChars: 5000 }, { maxItems: 7, maxChars: 1200 }]) {
      const parts = splitDiagram(long, { numbering: "autonumber" }, limits);
      expect(parts.length).toBeGreaterThan(1);
      expect(parts.flatMap((p) => p.frames)).toEqual(long.items.map((it) => it.frame));
      for (const p of parts) {
        expect(p.text.length).toBeLessThanOrEqual(limits.maxChars ?? 40_000);
        expect(p.diagram.items.length).toBeLessThanOrEqual(limits.maxItems ?? 250);
        expect(p.parts).toBe(parts.length);
        expect(p.diagram.participants.map((x) => x.id)).toEqual(["C", "S"]);
      }
      // autonumber continues across parts.
      expect(parts[1]!.text).toContain(`autonumber ${parts[0]!.frames.length + 1}\n`);
    }
  });

  it("each part parses", async () => {
    for (const p of splitDiagram(long, {}, { maxChars: 20_000 })) {
      const parsed = await parseSequence(p.text);
      expect(parsed.items.length).toBe(p.diagram.items.length);
    }
  });
});
