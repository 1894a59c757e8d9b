/**
 * Compares `pcapscope -T fields` with `tshark -T fields` on one capture, field
 * by field and packet by packet. Used by the corpus test, the golden tests and
 * by hand:  npx tsx scripts/tshark-compare.ts FILE [FIELD ...]
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { run } from "../src/cli/main";
import { fieldByAbbrev } from "../src/engine/dissect/field";
import "../src/engine/dissect/registry";

/** The fields issue #2 requires to be byte-identical to tshark. */
export const REQUIRED_FIELDS = [
  "frame.number", "frame.len", "frame.cap_len", "frame.time_relative", "frame.time_epoch",
  "eth.src", "eth.dst", "eth.type", "vlan.id", "arp.opcode", "arp.src.proto_ipv4", "arp.dst.proto_ipv4",
  "ip.src", "ip.dst", "ip.proto", "ip.ttl", "ip.id", "ip.len", "ip.flags.mf", "ip.frag_offset",
  "ipv6.src", "ipv6.dst", "ipv6.nxt", "ipv6.hlim", "icmp.type", "icmp.code", "icmpv6.type",
  "tcp.srcport", "tcp.dstport", "tcp.stream", "tcp.seq", "tcp.ack", "tcp.len", "tcp.flags",
  "udp.srcport", "udp.dstport", "udp.length", "dns.id", "dns.qry.name", "dns.flags.response", "dns.a",
  "dhcp.option.dhcp", "ftp.request.command", "ftp.request.arg", "ftp.response.code",
  "ftp.passive.ip", "ftp.passive.port", "ftp.active.cip", "ftp.active.port",
  "tls.handshake.extensions_server_name", "_ws.col.Protocol",
];

export function hasTshark(): boolean {
  try {
    execFileSync("tshark", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

export function tsharkFields(file: string, fields: readonly string[]): string {
  const args = ["-n", "-r", file, "-T", "fields", ...fields.flatMap((f) => ["-e", f])];
  try {
    return execFileSync("tshark", args, { encoding: "utf8", maxBuffer: 1 << 30, stdio: ["ignore", "pipe", "ignore"], env: { ...process.env, TZ: "UTC" } });
  } catch (e) {
    // tshark exits non-zero on damaged captures but still prints what it read.
    const out = (e as { stdout?: string }).stdout;
    if (typeof out === "string") return out;
    throw e;
  }
}

/**
 * Our -T fields output. Fields we do not define yet are printed as empty
 * columns (so the comparison counts them as disagreements instead of failing).
 */
export async function ourFields(file: string, fields: readonly string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  const known = fields.filter((f) => f.startsWith("_ws.col.") || fieldByAbbrev(f) !== undefined);
  let stdout = "";
  let stderr = "";
  const code = await run(["-r", file, "-T", "fields", ...known.flatMap((f) => ["-e", f])], {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
  });
  if (known.length !== fields.length) {
    const lines = stdout.split("\n");
    if (lines[lines.length - 1] === "") lines.pop();
    stdout = lines
      .map((l) => {
        const cells = l.split("\t");
        return fields.map((f) => (known.includes(f) ? cells[known.indexOf(f)] ?? "" : "")).join("\t");
      })
      .join("\n") + (lines.length ? "\n" : "");
  }
  return { stdout, stderr, code };
}

export interface FieldAgreement {
  field: string;
  agree: number;
  total: number;
  /** Cells not counted (Protocol column of protocols we don't dissect). */
  skipped?: number;
  /** First few disagreements: frame, tshark's value, ours. */
  examples: { frame: number; tshark: string; ours: string }[];
}

export interface Comparison {
  file: string;
  packetsTshark: number;
  packetsOurs: number;
  /** Cells that agree / all cells, over every field and packet. */
  agreement: number;
  fields: FieldAgreement[];
}

function splitLines(s: string): string[][] {
  const lines = s.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines.map((l) => l.split("\t"));
}

/**
 * Protocol column values of the protocols pcapscope dissects. The issue asks
 * `_ws.col.Protocol` to agree "wherever we dissect the protocol": where tshark
 * names a protocol we don't dissect (SSH, SMB, X11...), that cell is not
 * counted (and reported separately as `skipped`).
 */
export const DISSECTED_PROTOCOL_COLUMN = /^(ARP|RARP|VLAN|IPv4|IPv6|ICMP|ICMPv6|GRE|TCP|UDP|DNS|MDNS|LLMNR|DHCP|DHCPv6|SNMP|NBNS|NBDS|NTP|IGMP|IGMPv[0-3]|HTTP|HTTP\/XML|HTTP\/JSON|SSDP|SSL|SSLv2|SSLv3|TLSv1|TLSv1\.[0-3]|FTP|FTP-DATA|X11|MySQL|Portmap|BJNP|EIGRP|TFTP|LLC|Null\/Loopback|SLL|Ethernet|0x[0-9a-f]{4})$/;

export function compareOutputs(file: string, fields: readonly string[], tshark: string, ours: string): Comparison {
  const t = splitLines(tshark);
  const o = splitLines(ours);
  const n = Math.max(t.length, o.length);
  const per: FieldAgreement[] = fields.map((field) => ({ field, agree: 0, total: 0, examples: [] }));
  let agree = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < fields.length; j++) {
      const tv = t[i]?.[j] ?? "<missing>";
      const ov = o[i]?.[j] ?? "<missing>";
      const fa = per[j]!;
      if (fields[j] === "_ws.col.Protocol" && !DISSECTED_PROTOCOL_COLUMN.test(tv) && tv !== "<missing>") {
        fa.skipped = (fa.skipped ?? 0) + 1;
        continue;
      }
      fa.total++;
      total++;
      if (tv === ov) {
        fa.agree++;
        agree++;
      } else if (fa.examples.length < 5) {
        fa.examples.push({ frame: i + 1, tshark: tv, ours: ov });
      }
    }
  }
  return { file, packetsTshark: t.length, packetsOurs: o.length, agreement: total ? agree / total : 1, fields: per };
}

export async function compareWithTshark(file: string, fields: readonly string[] = REQUIRED_FIELDS): Promise<Comparison> {
  const tshark = tsharkFields(file, fields);
  const ours = (await ourFields(file, fields)).stdout;
  return compareOutputs(file, fields, tshark, ours);
}

export function describe(c: Comparison, all = false): string {
  const lines = [`${c.file}: ${(c.agreement * 100).toFixed(3)}% agreement, packets tshark=${c.packetsTshark} ours=${c.packetsOurs}`];
  for (const f of c.fields) {
    if (!all && f.agree === f.total && !f.skipped) continue;
    lines.push(`  ${f.field}: ${f.agree}/${f.total}` + (f.skipped ? ` (${f.skipped} not counted: protocols we don't dissect)` : "") + f.examples.map((e) => `\n    frame ${e.frame}: tshark=${JSON.stringify(e.tshark)} ours=${JSON.stringify(e.ours)}`).join(""));
  }
  return lines.join("\n");
}

if (process.argv[1] && process.argv[1].endsWith("tshark-compare.ts")) {
  const [file, ...fields] = process.argv.slice(2);
  if (!file || !existsSync(file)) {
    console.error("usage: tsx scripts/tshark-compare.ts FILE [FIELD ...]");
    process.exit(2);
  }
  const c = await compareWithTshark(file, fields.length ? fields : REQUIRED_FIELDS);
  console.log(describe(c));
}
