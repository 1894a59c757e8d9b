/**
 * TCP through the whole engine (raw IPv4 link → ipv4 → tcp), from hand-built
 * segments. The analysis expectations are what tshark 4.0.17 printed for the
 * same packets (written to a pcap and compared while developing); real
 * captures are compared through scripts/tshark-compare.ts.
 */
import { describe, expect, it } from "vitest";
import { fieldByAbbrev } from "../field";
import { FieldCollector, NULL_TREE, TreeBuilder, type ProtoTree, type TreeNode } from "../tree";
import { Dissection } from "../dissection";
import { register, type Dissector } from "../dissector";
import { wsFields } from "../common";
import { conversations } from "../conversation";
import { LinkType, newPacketRecord } from "../../capture/types";
import { FieldRun, ipv4Packet as ipv4, type Result } from "./testing";
import { setReassemblyBudget, TcpAnalysis } from "./tcp";
import { tcpFlagLetters, tcpFlagsText } from "../tcp-flags";

const C = [10, 0, 0, 1]; // client address
const S = [10, 0, 0, 2]; // server address

const F = { FIN: 0x01, SYN: 0x02, RST: 0x04, PSH: 0x08, ACK: 0x10, URG: 0x20, ECE: 0x40, CWR: 0x80, AE: 0x100 };

interface Seg {
  sport: number;
  dport: number;
  seq: number;
  ack: number;
  flags: number;
  win: number;
  opts?: number[];
  data?: number[];
  urg?: number;
  /** Header length override (bytes), for bogus values. */
  hlen?: number;
}

/** A TCP header (RFC 9293 §3.1), options padded to 32 bits, then the data. */
function tcp(s: Seg): number[] {
  const opts = [...(s.opts ?? [])];
  while (opts.length % 4) opts.push(0); // End of Option List padding
  const hlen = s.hlen ?? 20 + opts.length;
  return [
    s.sport >> 8, s.sport & 0xff, // source port
    s.dport >> 8, s.dport & 0xff, // destination port
    (s.seq >>> 24) & 0xff, (s.seq >>> 16) & 0xff, (s.seq >>> 8) & 0xff, s.seq & 0xff, // sequence number
    (s.ack >>> 24) & 0xff, (s.ack >>> 16) & 0xff, (s.ack >>> 8) & 0xff, s.ack & 0xff, // acknowledgment number
    ((hlen / 4) << 4) | (s.flags >> 8), // data offset, reserved bits, AE
    s.flags & 0xff, // CWR ECE URG ACK PSH RST SYN FIN
    s.win >> 8, s.win & 0xff, // window
    0x12, 0x34, // checksum (not verified)
    (s.urg ?? 0) >> 8, (s.urg ?? 0) & 0xff, // urgent pointer
    ...opts,
    ...(s.data ?? []),
  ];
}

/** A capture of raw IPv4 packets dissected in order, with timestamps in seconds. */
function capture() {
  const run = new FieldRun();
  const frames: { bytes: Uint8Array; t: number; origLen: number }[] = [];
  const record = (i: number) => {
    const rec = newPacketRecord();
    const fr = frames[i]!;
    rec.number = i + 1;
    rec.capLen = fr.bytes.length;
    rec.origLen = fr.origLen;
    rec.linkType = LinkType.RAW;
    rec.tsSec = 1_000_000 + Math.floor(fr.t);
    rec.tsNsec = Math.round((fr.t % 1) * 1e9);
    return rec;
  };
  return {
    dissection: run.dissection,
    /** Dissects one more packet (first pass). */
    add(bytes: number[], t: number, opts: { capLen?: number } = {}): Result {
      const all = Uint8Array.from(bytes);
      frames.push({ bytes: all.subarray(0, opts.capLen ?? all.length), t, origLen: all.length });
      return run.dissect(record(frames.length - 1), frames[frames.length - 1]!.bytes);
    },
    /** Re-dissects frame n (1-based) as the details pane does. */
    again(n: number): Result & { tree: TreeNode[] } {
      const tree = new TreeBuilder(wsFields.expert);
      run.collector.reset();
      const p = run.dissection.redissect(record(n - 1), frames[n - 1]!.bytes, run.collector, null);
      const r = run.result(p);
      const t = run.dissection.redissect(record(n - 1), frames[n - 1]!.bytes, tree, null);
      void t;
      return { ...r, tree: tree.roots };
    },
  };
}

/** A client/server conversation on one capture; each call adds a packet `dt` seconds after the last. */
function conversation(cport = 40000, sport = 5000) {
  const cap = capture();
  let t = 0;
  const send = (from: number[], to: number[], s: Seg, dt: number) => {
    t += dt;
    return cap.add(ipv4(from, to, 6, tcp(s)), t);
  };
  return {
    cap,
    c: (seq: number, ack: number, flags: number, win: number, o: Partial<Seg> = {}, dt = 0.01) => send(C, S, { sport: cport, dport: sport, seq, ack, flags, win, ...o }, dt),
    s: (seq: number, ack: number, flags: number, win: number, o: Partial<Seg> = {}, dt = 0.01) => send(S, C, { sport, dport: cport, seq, ack, flags, win, ...o }, dt),
  };
}

const bytes = (n: number, v = 0x61) => new Array<number>(n).fill(v);

describe("TCP header", () => {
  it("dissects a SYN with options field by field", () => {
    const { c } = conversation();
    const r = c(1000, 0, F.SYN, 8192, {
      opts: [
        2, 4, 0x05, 0xb4, // MSS 1460
        4, 2, // SACK permitted
        8, 10, 0, 0, 0, 1, 0, 0, 0, 0, // timestamps TSval 1, TSecr 0
        1, // NOP
        3, 3, 2, // window scale shift 2
      ],
    });
    expect(r.layers).toBe("raw:ip:tcp");
    expect(r.protocol).toBe("TCP");
    expect(r.info).toBe("40000 → 5000 [SYN] Seq=0 Win=8192 Len=0 MSS=1460 SACK_PERM TSval=1 TSecr=0 WS=4");
    expect(r.f("tcp.srcport")).toBe("40000");
    expect(r.f("tcp.dstport")).toBe("5000");
    expect(r.f("tcp.port")).toBe("40000,5000");
    expect(r.f("tcp.stream")).toBe("0");
    expect(r.f("tcp.completeness")).toBe("0");
    expect(r.f("tcp.len")).toBe("0");
    expect(r.f("tcp.seq")).toBe("0");
    expect(r.f("tcp.seq_raw")).toBe("1000");
    expect(r.f("tcp.nxtseq")).toBe("1");
    expect(r.f("tcp.ack")).toBe("0");
    expect(r.f("tcp.ack_raw")).toBe("0");
    expect(r.f("tcp.hdr_len")).toBe("40");
    expect(r.f("tcp.flags")).toBe("0x0002");
    expect(r.f("tcp.flags.syn")).toBe("1");
    expect(r.f("tcp.flags.ack")).toBe("0");
    expect(r.f("tcp.flags.str")).toBe("··········S·");
    expect(r.f("tcp.window_size_value")).toBe("8192");
    expect(r.f("tcp.window_size")).toBe("8192");
    expect(r.f("tcp.window_size_scalefactor")).toBe(""); // never shown on a SYN
    expect(r.f("tcp.checksum")).toBe("0x1234");
    expect(r.f("tcp.checksum.status")).toBe("2");
    expect(r.f("tcp.urgent_pointer")).toBe("0");
    expect(r.f("tcp.options")).toBe("020405b40402080a000000010000000001030302");
    expect(r.f("tcp.option_kind")).toBe("2,4,8,1,3");
    expect(r.f("tcp.option_len")).toBe("4,2,10,3");
    expect(r.f("tcp.options.mss_val")).toBe("1460");
    expect(r.f("tcp.options.wscale.shift")).toBe("2");
    expect(r.f("tcp.options.wscale.multiplier")).toBe("4");
    expect(r.f("tcp.options.timestamp.tsval")).toBe("1");
    expect(r.f("tcp.connection.syn")).toBe("1");
    expect(r.f("tcp.time_relative")).toBe("0.000000000");
    expect(r.pinfo.tcpStream).toBe(0);
    expect(r.pinfo.tcpFlags).toBe(F.SYN);
  });

  it("names flags like Wireshark 4.0", () => {
    expect(tcpFlagsText(F.SYN | F.URG | F.ECE | F.CWR | F.AE | 0x200)).toBe("SYN, URG, ECE, CWR, AE, Reserved");
    expect(tcpFlagLetters(F.SYN | F.URG | F.ECE | F.CWR | F.AE | 0x200)).toBe("··RACEU···S·");
    expect(tcpFlagsText(0)).toBe("<None>");
  });

  it("scales windows only when both SYNs carried the option (RFC 7323)", () => {
    const a = conversation();
    a.c(1000, 0, F.SYN, 8192, { opts: [3, 3, 2] });
    a.s(5000, 1001, F.SYN | F.ACK, 8192, { opts: [3, 3, 1] });
    let r = a.c(1001, 5001, F.ACK, 1000);
    expect([r.f("tcp.window_size"), r.f("tcp.window_size_scalefactor")]).toEqual(["4000", "4"]);
    r = a.s(5001, 1001, F.ACK, 1000);
    expect([r.f("tcp.window_size"), r.f("tcp.window_size_scalefactor")]).toEqual(["2000", "2"]);

    const b = conversation();
    b.c(1000, 0, F.SYN, 8192, { opts: [3, 3, 2] });
    b.s(5000, 1001, F.SYN | F.ACK, 8192); // no window scale: none is used
    r = b.c(1001, 5001, F.ACK, 1000);
    expect([r.f("tcp.window_size"), r.f("tcp.window_size_scalefactor")]).toEqual(["1000", "-2"]);

    const c = conversation();
    r = c.c(1001, 5001, F.ACK, 1000); // handshake not seen: unknown
    expect([r.f("tcp.seq"), r.f("tcp.ack"), r.f("tcp.window_size_scalefactor")]).toEqual(["1", "1", "-1"]);
  });

  it("handles sequence numbers wrapping past 2^32", () => {
    const { c, s } = conversation();
    c(0xffffff00, 0, F.SYN, 8192);
    s(0xfffffff0, 0xffffff01, F.SYN | F.ACK, 8192);
    c(0xffffff01, 0xfffffff1, F.ACK, 1000);
    let r = c(0xffffff01, 0xfffffff1, F.ACK | F.PSH, 1000, { data: bytes(0x200) });
    expect([r.f("tcp.seq"), r.f("tcp.nxtseq"), r.f("tcp.len")]).toEqual(["1", "513", "512"]);
    r = s(0xfffffff1, 0x101, F.ACK, 1000); // the ack has wrapped
    expect([r.f("tcp.ack"), r.f("tcp.analysis.acks_frame"), r.f("tcp.analysis.flags")]).toEqual(["513", "4", ""]);
    r = c(0x101, 0xfffffff1, F.ACK | F.PSH, 1000, { data: bytes(16) });
    expect([r.f("tcp.seq"), r.f("tcp.analysis.flags")]).toEqual(["513", ""]);
    r = c(0x111 - 16, 0xfffffff1, F.ACK | F.PSH, 1000, { data: bytes(16) }, 0.5); // the same bytes again
    expect(r.info).toBe("[TCP Retransmission] 40000 → 5000 [PSH, ACK] Seq=513 Ack=1 Win=1000 Len=16");
  });

  it("numbers streams by first appearance and opens a new one when a SYN reuses the ports", () => {
    const cap = capture();
    const seg = (from: number[], to: number[], sport: number, dport: number, seq: number, flags: number, t: number) =>
      cap.add(ipv4(from, to, 6, tcp({ sport, dport, seq, ack: 0, flags, win: 100 })), t);
    expect(seg(C, S, 1, 2, 10, F.SYN, 0).f("tcp.stream")).toBe("0");
    expect(seg(C, S, 3, 4, 10, F.SYN, 1).f("tcp.stream")).toBe("1");
    expect(seg(S, C, 2, 1, 50, F.ACK, 2).f("tcp.stream")).toBe("0"); // other direction, same conversation
    expect(seg(C, S, 1, 2, 10, F.SYN, 3).f("tcp.analysis.retransmission")).toBe("1"); // same ISN: the SYN again
    const r = seg(C, S, 1, 2, 99999, F.SYN, 4); // another ISN: a new connection
    expect(r.f("tcp.stream")).toBe("2");
    expect(r.info).toBe("[TCP Port numbers reused] 1 → 2 [SYN] Seq=0 Win=100 Len=0");
    expect(r.f("tcp.completeness")).toBe("1");
    expect(seg(S, C, 2, 1, 7, F.ACK, 5).f("tcp.stream")).toBe("2");
  });

  it("keeps the ICMP-quoted header out of the columns and the analysis", () => {
    const cap = capture();
    const quoted = ipv4(C, [10, 9, 9, 9], 6, tcp({ sport: 2222, dport: 3333, seq: 5, ack: 6, flags: F.ACK, win: 100 }));
    const r = cap.add(ipv4(S, C, 1, [3, 3, 0, 0, 0, 0, 0, 0, ...quoted.slice(0, 28)]), 0); // 8 bytes of TCP
    expect(r.protocol).toBe("ICMP");
    expect(r.info).toBe("Destination unreachable (Port unreachable)");
    expect([r.f("tcp.srcport"), r.f("tcp.seq"), r.f("tcp.stream")]).toEqual(["2222", "5", ""]);
    expect(r.malformed).toBe("");
    expect(r.pinfo.tcpStream).toBe(-1);
    const full = cap.add(ipv4(S, C, 1, [3, 3, 0, 0, 0, 0, 0, 0, ...quoted]), 1);
    expect([full.f("tcp.seq"), full.f("tcp.ack"), full.f("tcp.len"), full.f("tcp.window_size_scalefactor")]).toEqual(["5", "6", "", "-1"]);
    expect(full.info).toBe("Destination unreachable (Port unreachable)");
    // tshark opens (or finds) the stream of the quoted header's addresses and ports:
    expect(full.f("tcp.stream")).toBe("0");
    const later = cap.add(ipv4(C, [10, 9, 9, 9], 6, tcp({ sport: 2222, dport: 3333, seq: 5, ack: 6, flags: F.ACK, win: 100 })), 2);
    expect([later.f("tcp.stream"), later.f("tcp.seq"), later.f("tcp.time_relative")]).toEqual(["0", "1", "1.000000000"]);
  });
});

describe("TCP truncated headers", () => {
  const syn = ipv4(C, S, 6, tcp({ sport: 1000, dport: 80, seq: 100, ack: 0, flags: F.SYN, win: 1000, opts: [2, 4, 5, 0xb4, 1, 3, 3, 7, 4, 2], data: [104, 101, 108, 108, 111] }));
  // What tshark showed for the same SYN cut after n bytes of TCP.
  const cases: [number, string, string, string][] = [
    [2, "IPv4", "[Packet size limited during capture]", ""],
    [6, "TCP", "1000 → 80[Packet size limited during capture]", "1000"],
    [16, "TCP", "1000 → 80 [SYN] Seq=0 Win=1000[Packet size limited during capture]", "1000"],
    [20, "TCP", "1000 → 80 [SYN] Seq=0 Win=1000 Len=5[Packet size limited during capture]", "1000"],
    [26, "TCP", "1000 → 80 [SYN] Seq=0 Win=1000 Len=5 MSS=1460[Packet size limited during capture]", "1000"],
    [31, "TCP", "1000 → 80 [SYN] Seq=0 Win=1000 Len=5 MSS=1460 WS=128 SACK_PERM[Packet size limited during capture]", "1000"],
  ];
  for (const [n, proto, info, port] of cases) {
    it(`stops where the capture ends (${n} bytes of header)`, () => {
      const cap = capture();
      const r = cap.add(syn, 0, { capLen: 20 + n });
      expect([r.protocol, r.info, r.f("tcp.srcport")]).toEqual([proto, info, port]);
      expect(r.malformed).not.toBe("");
    });
  }
  it("never fails inside on short or garbage data", () => {
    // Dissection catches whatever a dissector throws and marks the layer
    // malformed with "internal error: …" (dissection.ts), so a bug shows as
    // that mark, not as a throw: no layer may carry it, on either pass.
    const internal = (r: Result): string => [r.malformed, r.f("_ws.expert.message")].filter((s) => s.includes("internal error")).join(" | ");
    for (let n = 0; n <= 40; n++) {
      const cap = capture();
      const junk = Array.from({ length: n }, (_, i) => (i * 37 + 11) & 0xff);
      expect(internal(cap.add(ipv4(C, S, 6, junk), 0)), `${n} bytes`).toBe("");
      expect(internal(cap.add(ipv4(C, S, 6, junk, 20 + 3), 1)), `${n} bytes, IP length 23`).toBe(""); // IP says fewer bytes than there are
      expect(internal(cap.again(1)), `${n} bytes, again`).toBe("");
      expect(internal(cap.again(2)), `${n} bytes, IP length 23, again`).toBe("");
    }
  });
  it("reports a bogus header length", () => {
    const r = capture().add(ipv4(C, S, 6, tcp({ sport: 1, dport: 2, seq: 1, ack: 2, flags: F.ACK, win: 256, hlen: 12 }).concat([0, 0])), 0);
    expect(r.info).toBe("1 → 2 [ACK] Seq=1 Ack=1 Win=256, bogus TCP header length (12, must be at least 20)");
    expect(r.f("tcp.hdr_len")).toBe("12");
  });
});

describe("TCP options", () => {
  it("follows an EOL with zero padding, flags non-zero padding", () => {
    const { c } = conversation();
    let r = c(1, 0, F.SYN, 100, { opts: [2, 4, 5, 0xb4, 0, 0, 0, 0] });
    expect(r.f("tcp.option_kind")).toBe("2,0,0,0,0");
    r = c(1, 0, F.SYN, 100, { opts: [2, 4, 5, 0xb4, 0, 1, 0, 0] });
    expect(r.f("tcp.option_kind")).toBe("2,0");
    expect(r.f("tcp.non_zero_bytes_after_eol")).toBe("1");
  });
  it("reports bad lengths and keeps going like Wireshark", () => {
    const { c } = conversation();
    let r = c(1, 0, F.SYN, 100, { opts: [2, 3, 5, 0xb4] });
    expect([r.f("tcp.option_kind"), r.f("tcp.option_len"), r.f("tcp.option.len.invalid"), r.info]).toEqual(["2", "3", "1,1", "1 → 2 [SYN] Seq=0 Win=100 Len=0".replace("1 → 2", "40000 → 5000")]);
    r = c(1, 0, F.SYN, 100, { opts: [2, 4, 5, 0xb4, 3, 3, 15, 0] });
    expect(r.info).toBe("[TCP Retransmission] 40000 → 5000 [SYN] Seq=0 Win=100 Len=0 MSS=1460 WS=16384");
  });
  it("warns of 4 NOPs in a row only with a tree, as Wireshark counts them under the options item", () => {
    // Timestamps behind four NOPs (RFC 7323 Appendix A pads with two): a middlebox blanked an option.
    const bytes = Uint8Array.from(ipv4(C, S, 6, tcp({ sport: 40000, dport: 22, seq: 1, ack: 1, flags: F.ACK, win: 100, opts: [1, 1, 1, 1, 1, 1, 8, 10, ...new Array<number>(8).fill(0)] })));
    const items = (tree: ProtoTree): string[] => {
      const d = new Dissection();
      const seen: string[] = [];
      d.pinfo.expertSink = { add: (_frame, _level, _group, protocol, summary) => seen.push(`${protocol}: ${summary}`) };
      const rec = newPacketRecord();
      rec.number = 1;
      rec.capLen = rec.origLen = bytes.length;
      rec.linkType = LinkType.RAW;
      d.dissect(rec, bytes, tree, false);
      return seen;
    };
    const nop = "TCP: 4 NOP in a row - a router may have removed some options";
    // tshark -z expert alone (no tree): packet-tcp.c counts NOPs only when opt_item exists.
    expect(items(NULL_TREE)).not.toContain(nop);
    // -T fields, -Y, -V: a tree, and the item.
    expect(items(new FieldCollector([]))).toContain(nop);
    expect(items(new TreeBuilder(wsFields.expert))).toContain(nop);
  });
  it("dissects SACK, MD5 and user timeout options", () => {
    const { c, s } = conversation();
    c(1000, 0, F.SYN, 100);
    s(5000, 1001, F.SYN | F.ACK, 100);
    const r = s(5001, 1001, F.ACK, 100, { opts: [1, 1, 5, 10, 0, 0, 0x04, 0x00, 0, 0, 0x04, 0x64, 19, 18, ...bytes(16, 7), 28, 4, 0x80, 5] });
    expect([r.f("tcp.options.sack_le"), r.f("tcp.options.sack_re"), r.f("tcp.options.sack.count")]).toEqual(["24", "124", "1"]);
    expect([r.f("tcp.options.md5.digest"), r.f("tcp.options.user_to_val"), r.f("tcp.options.user_to_granularity")]).toEqual(["07".repeat(16), "5", "1"]);
    expect(r.info).toBe("[TCP Dup ACK 2#1] 5000 → 40000 [ACK] Seq=1 Ack=1 Win=100 Len=0 SLE=24 SRE=124 MD5 USER_TO=5");
  });
});

describe("TCP analysis", () => {
  // tshark 4.0.17 on the same packets (see the file comment).
  it("flags retransmissions, duplicate ACKs, keep-alives, windows and losses", () => {
    const { c, s } = conversation();
    const info: string[] = [];
    const fl: string[] = [];
    const push = (r: Result) => {
      info.push(r.info);
      fl.push([r.f("tcp.analysis.bytes_in_flight"), r.f("tcp.analysis.acks_frame"), r.f("tcp.analysis.ack_rtt"), r.f("tcp.analysis.rto_frame"), r.f("tcp.analysis.duplicate_ack_frame")].join("|"));
    };
    const d = bytes;
    push(c(1000, 0, F.SYN, 8192, { opts: [2, 4, 5, 0xb4, 4, 2, 8, 10, 0, 0, 0, 1, 0, 0, 0, 0, 1, 3, 3, 2] }));
    push(s(5000, 1001, F.SYN | F.ACK, 8192, { opts: [2, 4, 5, 0xb4, 1, 3, 3, 1] }));
    push(c(1001, 5001, F.ACK, 1000));
    push(c(1001, 5001, F.ACK | F.PSH, 1000, { data: d(100) }));
    push(s(5001, 1101, F.ACK, 1000));
    push(c(1001, 5001, F.ACK | F.PSH, 1000, { data: d(100) }, 0.5));
    push(c(1201, 5001, F.ACK, 1000, { data: d(100) }));
    push(c(1101, 5001, F.ACK, 1000, { data: d(100) }, 0.001));
    push(c(1101, 5001, F.ACK, 1000, { data: d(100) }, 0.2));
    push(s(5001, 1301, F.ACK, 1000));
    push(s(5001, 1301, F.ACK, 1000));
    push(s(5001, 1301, F.ACK, 1000));
    push(s(5001, 1301, F.ACK, 2000));
    push(c(1300, 5001, F.ACK, 1000, {}, 1));
    push(s(5001, 1301, F.ACK, 2000));
    push(s(5001, 1301, F.ACK, 0));
    push(c(1301, 5001, F.ACK, 1000, { data: d(1) }));
    push(s(5001, 1301, F.ACK, 0));
    push(s(5001, 1301, F.ACK, 100));
    push(c(1301, 5001, F.ACK, 1000, { data: d(200) }));
    push(s(5001, 1501, F.ACK, 1000, { opts: [1, 1, 5, 10, 0, 0, 0x17, 0x71, 0, 0, 0x17, 0xd5] }));
    push(c(1501, 5001, F.ACK, 1000, { data: d(50) }));
    push(s(5001, 1900, F.ACK, 1000));
    push(s(5001, 1900, F.ACK, 1000));
    push(s(5001, 1900, F.ACK, 1000));
    push(c(1900, 5001, F.ACK, 1000, { data: d(10) }, 0.001));
    push(c(1551, 5001, F.ACK, 1000, { data: d(10) }, 0.001));
    push(s(5001, 1910, F.FIN | F.ACK, 1000));
    push(c(1910, 5002, F.FIN | F.ACK, 1000));
    push(s(5002, 1911, F.ACK, 1000));
    expect(info).toEqual([
      "40000 → 5000 [SYN] Seq=0 Win=8192 Len=0 MSS=1460 SACK_PERM TSval=1 TSecr=0 WS=4",
      "5000 → 40000 [SYN, ACK] Seq=0 Ack=1 Win=8192 Len=0 MSS=1460 WS=2",
      "40000 → 5000 [ACK] Seq=1 Ack=1 Win=4000 Len=0",
      "40000 → 5000 [PSH, ACK] Seq=1 Ack=1 Win=4000 Len=100",
      "5000 → 40000 [ACK] Seq=1 Ack=101 Win=2000 Len=0",
      "[TCP Spurious Retransmission] 40000 → 5000 [PSH, ACK] Seq=1 Ack=1 Win=4000 Len=100",
      "[TCP Previous segment not captured] 40000 → 5000 [ACK] Seq=201 Ack=1 Win=4000 Len=100",
      "[TCP Out-Of-Order] 40000 → 5000 [ACK] Seq=101 Ack=1 Win=4000 Len=100",
      "[TCP Retransmission] 40000 → 5000 [ACK] Seq=101 Ack=1 Win=4000 Len=100",
      "5000 → 40000 [ACK] Seq=1 Ack=301 Win=2000 Len=0",
      "[TCP Dup ACK 10#1] 5000 → 40000 [ACK] Seq=1 Ack=301 Win=2000 Len=0",
      "[TCP Dup ACK 10#2] 5000 → 40000 [ACK] Seq=1 Ack=301 Win=2000 Len=0",
      "[TCP Window Update] 5000 → 40000 [ACK] Seq=1 Ack=301 Win=4000 Len=0",
      "[TCP Keep-Alive] 40000 → 5000 [ACK] Seq=300 Ack=1 Win=4000 Len=0",
      "[TCP Keep-Alive ACK] 5000 → 40000 [ACK] Seq=1 Ack=301 Win=4000 Len=0",
      "[TCP ZeroWindow] 5000 → 40000 [ACK] Seq=1 Ack=301 Win=0 Len=0",
      "[TCP ZeroWindowProbe] 40000 → 5000 [ACK] Seq=301 Ack=1 Win=4000 Len=1",
      "[TCP ZeroWindowProbeAck] [TCP ZeroWindow] 5000 → 40000 [ACK] Seq=1 Ack=301 Win=0 Len=0",
      "[TCP Window Update] 5000 → 40000 [ACK] Seq=1 Ack=301 Win=200 Len=0",
      "[TCP Window Full] 40000 → 5000 [ACK] Seq=301 Ack=1 Win=4000 Len=200",
      "5000 → 40000 [ACK] Seq=1 Ack=501 Win=2000 Len=0 SLE=5001 SRE=5101",
      "40000 → 5000 [ACK] Seq=501 Ack=1 Win=4000 Len=50",
      "[TCP ACKed unseen segment] 5000 → 40000 [ACK] Seq=1 Ack=900 Win=2000 Len=0",
      "[TCP Dup ACK 23#1] 5000 → 40000 [ACK] Seq=1 Ack=900 Win=2000 Len=0",
      "[TCP Dup ACK 23#2] 5000 → 40000 [ACK] Seq=1 Ack=900 Win=2000 Len=0",
      "[TCP Previous segment not captured] 40000 → 5000 [ACK] Seq=900 Ack=1 Win=4000 Len=10",
      "[TCP Spurious Retransmission] 40000 → 5000 [ACK] Seq=551 Ack=1 Win=4000 Len=10",
      "5000 → 40000 [FIN, ACK] Seq=1 Ack=910 Win=2000 Len=0",
      "40000 → 5000 [FIN, ACK] Seq=910 Ack=2 Win=4000 Len=0",
      "5000 → 40000 [ACK] Seq=2 Ack=911 Win=2000 Len=0",
    ]);
    expect(fl[1]).toBe("|1|0.010000000||"); // SYN/ACK acknowledges frame 1
    expect(fl[3]).toBe("100||||");
    expect(fl[8]).toBe("|||6|"); // the RTO counts from the oldest unacknowledged segment
    expect(fl[9]).toBe("|7|0.211000000||");
    expect(fl[10]).toBe("||||10");
    expect(fl[21]).toBe("||||"); // the SACKed bytes exceed what is in flight: none shown
  });

  it("reports fast retransmissions after duplicate ACKs", () => {
    const { c, s } = conversation();
    c(1000, 0, F.SYN, 8192);
    s(5000, 1001, F.SYN | F.ACK, 8192);
    c(1001, 5001, F.ACK, 1000);
    for (let i = 0; i < 4; i++) c(1001 + i * 100, 5001, F.ACK, 1000, { data: bytes(100) }, 0.001);
    s(5001, 1101, F.ACK, 1000);
    s(5001, 1101, F.ACK, 1000, {}, 0.001);
    const dup = s(5001, 1101, F.ACK, 1000, {}, 0.001);
    expect(dup.info).toBe("[TCP Dup ACK 8#2] 5000 → 40000 [ACK] Seq=1 Ack=101 Win=1000 Len=0");
    expect(dup.f("tcp.analysis.duplicate_ack_num")).toBe("2");
    expect(dup.f("tcp.analysis.duplicate_ack")).toBe("1,1");
    const r = c(1101, 5001, F.ACK, 1000, { data: bytes(100) }, 0.001);
    expect(r.info).toBe("[TCP Fast Retransmission] 40000 → 5000 [ACK] Seq=101 Ack=1 Win=1000 Len=100");
    expect([r.f("tcp.analysis.fast_retransmission"), r.f("tcp.analysis.retransmission")]).toEqual(["1", "1"]);
    expect(r.pinfo.tcpAnalysis).toBe(TcpAnalysis.FAST_RETRANSMISSION);
  });

  it("reads the analysis back on re-dissection", () => {
    const { c, s, cap } = conversation();
    c(1000, 0, F.SYN, 8192);
    s(5000, 1001, F.SYN | F.ACK, 8192);
    c(1001, 5001, F.ACK, 1000);
    c(1001, 5001, F.ACK, 1000, { data: bytes(10) });
    s(5001, 1011, F.ACK, 1000);
    s(5001, 1011, F.ACK, 1000);
    const first = c(1001, 5001, F.ACK, 1000, { data: bytes(10) }, 0.3);
    c(1011, 5001, F.ACK, 1000, { data: bytes(10) });
    const again = cap.again(7);
    expect(again.info).toBe(first.info);
    expect(again.info).toBe("[TCP Spurious Retransmission] 40000 → 5000 [ACK] Seq=1 Ack=1 Win=1000 Len=10");
    expect(cap.again(6).info).toBe("[TCP Dup ACK 5#1] 5000 → 40000 [ACK] Seq=1 Ack=11 Win=1000 Len=0");
    expect(cap.again(6).f("tcp.analysis.duplicate_ack_frame")).toBe("5");
    expect(cap.again(5).f("tcp.analysis.acks_frame")).toBe("4");
    expect(cap.again(5).f("tcp.stream")).toBe("0");
    expect(cap.again(8).f("tcp.time_delta")).toBe("0.010000000");
    expect(cap.again(7).pinfo.tcpAnalysis).toBe(TcpAnalysis.SPURIOUS_RETRANSMISSION);
  });
});

/**
 * A length-prefixed protocol for the desegmentation tests: a 2-byte length,
 * then that many bytes. Written like a Wireshark tcp_dissect_pdus user.
 */
const fake: Dissector = {
  name: "fake",
  dissect(data, offset, end, pinfo) {
    let o = offset;
    const lens: number[] = [];
    while (o < end) {
      if (end - o < 2) {
        if (!pinfo.canDesegment) break;
        pinfo.desegmentOffset = o - offset;
        pinfo.desegmentLen = -1; // one more segment
        break;
      }
      const len = 2 + ((data[o]! << 8) | data[o + 1]!);
      if (end - o < len) {
        if (!pinfo.canDesegment) break;
        pinfo.desegmentOffset = o - offset;
        pinfo.desegmentLen = len - (end - o);
        break;
      }
      lens.push(len - 2);
      o += len;
    }
    if (lens.length) {
      pinfo.layers.push("fake");
      pinfo.protocol = "FAKE";
      pinfo.info = `FAKE ${lens.join(",")}`;
    }
    return end - offset;
  },
};
register("tcp.port", 7777, fake);

describe("TCP desegmentation", () => {
  const open = () => {
    const conv = conversation(40000, 7777);
    conv.c(1000, 0, F.SYN, 8192);
    conv.s(5000, 1001, F.SYN | F.ACK, 8192);
    conv.c(1001, 5001, F.ACK, 1000);
    return conv;
  };
  const pdu = (n: number, v = 0x41) => [n >> 8, n & 0xff, ...bytes(n, v)];

  it("reassembles a PDU spread over three segments", () => {
    const { c, cap } = open();
    const msg = pdu(250);
    const a = c(1001, 5001, F.ACK, 1000, { data: msg.slice(0, 100) });
    const b = c(1101, 5001, F.ACK, 1000, { data: msg.slice(100, 200) });
    const z = c(1201, 5001, F.ACK | F.PSH, 1000, { data: msg.slice(200) });
    expect([a.protocol, a.info]).toEqual(["TCP", "40000 → 7777 [ACK] Seq=1 Ack=1 Win=1000 Len=100 [TCP segment of a reassembled PDU]"]);
    expect([b.protocol, b.info]).toEqual(["TCP", "40000 → 7777 [ACK] Seq=101 Ack=1 Win=1000 Len=100 [TCP segment of a reassembled PDU]"]);
    expect([z.protocol, z.info, z.layers]).toEqual(["FAKE", "FAKE 250", "raw:ip:tcp:fake"]);
    expect([z.f("tcp.segment"), z.f("tcp.segment.count"), z.f("tcp.reassembled.length"), z.f("tcp.segments")]).toEqual(["4,5,6", "3", "252", "1"]);
    expect(z.pinfo.sources.map((s) => s.name)).toEqual(["Reassembled TCP (252 bytes)"]);
    expect(a.f("tcp.reassembled_in")).toBe(""); // not known yet on the first pass
    // Re-dissection knows where the PDU ended and replays the same columns.
    const again = cap.again(4);
    expect([again.protocol, again.info, again.f("tcp.reassembled_in")]).toEqual(["TCP", a.info, "6"]);
    const last = cap.again(6);
    expect([last.protocol, last.info, last.f("tcp.segment")]).toEqual(["FAKE", "FAKE 250", "4,5,6"]);
  });

  it("dissects a whole PDU and keeps the start of the next one", () => {
    const { c } = open();
    const data = [...pdu(10), ...pdu(30).slice(0, 12)];
    const a = c(1001, 5001, F.ACK, 1000, { data });
    expect([a.protocol, a.info]).toEqual(["FAKE", "FAKE 10"]);
    expect(a.f("tcp.segment_data")).toBe(Array.from(data.slice(12), (x) => x.toString(16).padStart(2, "0")).join(""));
    const rest = pdu(30).slice(12);
    const b = c(1001 + data.length, 5001, F.ACK, 1000, { data: [...rest, ...pdu(5)] });
    // The PDU completed here, then a whole one follows in the same segment.
    expect([b.protocol, b.info]).toEqual(["FAKE", "FAKE 30FAKE 5"]);
    expect(b.f("tcp.segment")).toBe("4,5");
  });

  it("asks for one more segment when the length itself is split", () => {
    const { c } = open();
    const a = c(1001, 5001, F.ACK | F.PSH, 1000, { data: [0x00] });
    expect(a.info).toBe("40000 → 7777 [PSH, ACK] Seq=1 Ack=1 Win=1000 Len=1 [TCP segment of a reassembled PDU]");
    const b = c(1002, 5001, F.ACK | F.PSH, 1000, { data: [0x04, 1, 2, 3, 4] });
    expect([b.protocol, b.info, b.f("tcp.segment"), b.f("tcp.reassembled.length")]).toEqual(["FAKE", "FAKE 4", "4,5", "6"]);
  });

  it("splits a reassembled buffer that ends inside the next PDU", () => {
    const { c, cap } = open();
    c(1001, 5001, F.ACK | F.PSH, 1000, { data: [0x00] }); // half a length: one more segment
    const b = c(1002, 5001, F.ACK | F.PSH, 1000, { data: [0x04, 1, 2, 3, 4, 0x00, 0x10, 9, 9, 9, 9, 9] });
    // The first PDU is dissected here; the second one (16 bytes) starts in it.
    expect([b.protocol, b.info, b.f("tcp.segment"), b.f("tcp.reassembled.length")]).toEqual(["FAKE", "FAKE 4", "4,5", "6"]);
    const z = c(1014, 5001, F.ACK | F.PSH, 1000, { data: [9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9] });
    expect([z.protocol, z.info, z.f("tcp.segment"), z.f("tcp.reassembled.length")]).toEqual(["FAKE", "FAKE 16", "5,6", "18"]);
    expect(cap.again(6).info).toBe("FAKE 16");
    expect(cap.again(5).info).toBe("FAKE 4");
  });

  it("ignores retransmitted bytes and keeps the analysis prefix", () => {
    const { c } = open();
    const msg = pdu(150);
    c(1001, 5001, F.ACK, 1000, { data: msg.slice(0, 100) });
    const re = c(1001, 5001, F.ACK, 1000, { data: msg.slice(0, 100) }, 0.5);
    expect([re.protocol, re.info]).toEqual(["TCP", "[TCP Retransmission] 40000 → 7777 [ACK] Seq=1 Ack=1 Win=1000 Len=100"]);
    const z = c(1101, 5001, F.ACK, 1000, { data: msg.slice(100) });
    expect([z.info, z.f("tcp.segment")]).toEqual(["FAKE 150", "4,6"]);
    // A segment after a gap still reaches the subdissector, after the prefix.
    const gap = c(1101 + 52 + 20, 5001, F.ACK, 1000, { data: pdu(3) });
    expect(gap.info).toBe("[TCP Previous segment not captured] FAKE 3");
  });
});

describe("TCP reassembly memory", () => {
  it("lets the oldest reassembled PDUs go past the budget", () => {
    setReassemblyBudget(300);
    try {
      const conv = conversation(40000, 7777);
      conv.c(1000, 0, F.SYN, 8192);
      conv.s(5000, 1001, F.SYN | F.ACK, 8192);
      conv.c(1001, 5001, F.ACK, 1000);
      const msg = [0, 250, ...bytes(250)];
      let seq = 1001;
      for (let i = 0; i < 2; i++) {
        conv.c(seq, 5001, F.ACK, 1000, { data: msg.slice(0, 100) });
        const z = conv.c(seq + 100, 5001, F.ACK, 1000, { data: msg.slice(100) });
        expect(z.info).toBe("FAKE 250");
        seq += 252;
      }
      expect(conv.cap.again(5).protocol).toBe("TCP"); // dropped: shown as TCP only
      expect(conv.cap.again(7).info).toBe("FAKE 250"); // still kept
      expect(conv.cap.again(4).f("tcp.reassembled_in")).toBe("5");
    } finally {
      setReassemblyBudget(256 * 1024 * 1024);
    }
  });
});

describe("TCP conversations announced by other protocols", () => {
  it("hands a stream to the announced dissector, whatever its ports", () => {
    const seen: number[] = [];
    const ftpData: Dissector = {
      name: "ftp-data-test",
      dissect(_data, offset, end, pinfo) {
        seen.push(pinfo.num);
        pinfo.protocol = "FTP-DATA";
        pinfo.info = `data ${end - offset}`;
        return end - offset;
      },
    };
    const cap = capture();
    // The control connection's reply announces the server's data port (wildcard client port).
    cap.add(ipv4(S, C, 6, tcp({ sport: 21, dport: 40000, seq: 1, ack: 1, flags: F.ACK | F.PSH, win: 100, data: bytes(4, 0x32) })), 0);
    conversations(cap.dissection.state).expect({ transport: "tcp", addrA: "10.0.0.2", portA: 30000, addrB: "10.0.0.1", portB: null, dissector: ftpData, setupFrame: 1 });
    const syn = cap.add(ipv4(C, S, 6, tcp({ sport: 41000, dport: 30000, seq: 10, ack: 0, flags: F.SYN, win: 100 })), 1);
    expect(syn.f("tcp.completeness")).toBe("0"); // found, not created by TCP
    const r = cap.add(ipv4(S, C, 6, tcp({ sport: 30000, dport: 41000, seq: 50, ack: 11, flags: F.ACK, win: 100, data: bytes(20) })), 2);
    expect([r.protocol, r.info]).toEqual(["FTP-DATA", "data 20"]);
    expect(seen).toEqual([3]);
    // Another connection to the same port is not that transfer any more.
    const other = cap.add(ipv4(C, S, 6, tcp({ sport: 42000, dport: 30000, seq: 10, ack: 1, flags: F.ACK, win: 100, data: bytes(5) })), 3);
    expect(other.protocol).toBe("TCP");
  });
});

describe("TCP fields", () => {
  it("defines tshark's abbreviations and types", () => {
    const want: [string, string][] = [
      ["tcp.srcport", "uint16"], ["tcp.stream", "uint32"], ["tcp.seq", "uint32"], ["tcp.flags", "uint16"], ["tcp.flags.str", "string"],
      ["tcp.window_size_scalefactor", "int32"], ["tcp.analysis.ack_rtt", "reltime"], ["tcp.analysis.acks_frame", "framenum"],
      ["tcp.options.mss", "bytes"], ["tcp.analysis.retransmission", "none"], ["tcp.reassembled_in", "framenum"], ["tcp.payload", "bytes"],
    ];
    for (const [abbrev, type] of want) expect(fieldByAbbrev(abbrev)?.type, abbrev).toBe(type);
  });
});
