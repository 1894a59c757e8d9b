import { describe, expect, it } from "vitest";
import { TcpAnalysis, TH } from "../reassembly/tcp-analysis";
import { packetLabel, requestLabel, responseLabel } from "./labels";
import { escapeMarkdown, mermaidBlock } from "./markdown";
import { decodeText } from "./mermaid";
import type { PacketFact } from "./packets";

function fact(patch: Partial<PacketFact>): PacketFact {
  return {
    frame: 1, time: 0, src: "10.0.0.1", dst: "10.0.0.2", srcPort: 40000, dstPort: 21, stream: 0, protocol: "TCP",
    flags: TH.ACK, len: 0, seq: 1, ack: 1, analysis: 0, ftpRequest: null, ftpResponse: null, ...patch,
  };
}

describe("packet labels", () => {
  it("names TCP flags, FTP lines and payload sizes as the issue writes them", () => {
    expect(packetLabel(fact({ flags: TH.SYN }))).toBe("TCP [SYN]");
    expect(packetLabel(fact({ flags: TH.SYN | TH.ACK }))).toBe("TCP [SYN, ACK]");
    expect(packetLabel(fact({ flags: TH.FIN | TH.ACK }))).toBe("TCP [FIN, ACK]");
    expect(packetLabel(fact({ len: 12, protocol: "FTP", ftpRequest: { command: "PORT", arg: "10,0,0,1,4,1" } }))).toBe("FTP [Request: PORT]");
    expect(packetLabel(fact({ len: 12, protocol: "FTP", ftpResponse: { code: 226, arg: "Done" } }))).toBe("FTP [Response: 226]");
    expect(packetLabel(fact({ len: 9, protocol: "FTP", ftpResponse: { code: null, arg: " EPSV" } }))).toBe("FTP [Response (continued)]");
    expect(packetLabel(fact({ len: 1448, protocol: "FTP-DATA" }))).toBe("FTP-DATA [1448 bytes]");
    expect(packetLabel(fact({ len: 61, protocol: "FTP-DATA", flags: TH.FIN | TH.PUSH | TH.ACK }))).toBe("FTP-DATA [61 bytes] [FIN, PSH, ACK]");
    expect(packetLabel(fact({ len: 100, protocol: "TCP", analysis: TcpAnalysis.RETRANSMISSION }))).toBe("TCP [100 bytes] (retransmission)");
    expect(packetLabel(fact({ analysis: TcpAnalysis.DUPLICATE_ACK }))).toBe("TCP [ACK] (dup ACK)");
  });

  it("shows arguments on request, masks passwords, cuts long text", () => {
    expect(requestLabel("USER", "anonymous", { arguments: true })).toBe("FTP [Request: USER anonymous]");
    expect(requestLabel("PASS", "s3cret;#", { arguments: true })).toBe("FTP [Request: PASS ••••]");
    expect(requestLabel("pass", "s3cret;#", { arguments: true })).toBe("FTP [Request: pass ••••]");
    expect(requestLabel("PASS", "s3cret;#", { arguments: true, revealPasswords: true })).toBe("FTP [Request: PASS s3cret#59;#35;]");
    expect(requestLabel("PASS", "s3cret", { revealPasswords: true })).toBe("FTP [Request: PASS]");
    const long = decodeText(responseLabel(150, "x".repeat(200), { arguments: true, maxArgument: 10 }));
    expect(long).toBe(`FTP [Response: 150 ${"x".repeat(10)}…]`);
  });
});

describe("Markdown escaping", () => {
  it("escapes what Markdown and HTML would read, shows control characters", () => {
    expect(escapeMarkdown("Download <img src=x onerror=alert(1)>.txt")).toBe("Download \\<img src=x onerror=alert(1)\\>.txt");
    expect(escapeMarkdown("a|b *c* _d_ `e` [f](g) #h ~i~ $j$ @k &l;")).toBe("a\\|b \\*c\\* \\_d\\_ \\`e\\` \\[f\\](g) \\#h \\~i\\~ \\$j\\$ \\@k \\&l;");
    expect(escapeMarkdown("line\nbreak\u202E")).toBe("line\\nbreak\\u202E");
  });
  it("fences Mermaid text", () => {
    expect(mermaidBlock("sequenceDiagram\n")).toBe("```mermaid\nsequenceDiagram\n```\n");
  });
});
