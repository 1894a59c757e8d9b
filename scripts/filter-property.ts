/**
 * Random well-typed display filters built from values that occur in a
 * capture, for comparing with tshark (property testing without a library:
 * a seeded generator, so a failure reproduces from its seed).
 *
 *   npx tsx scripts/filter-property.ts FILE [--count N] [--seed S]
 */
import { FileSource } from "../src/cli/file-source";
import { readCapture } from "../src/engine/capture/open";
import { Dissection } from "../src/engine/dissect/dissection";
import { fieldByAbbrev, type FieldDef, type FieldValue } from "../src/engine/dissect/field";
import { formatFieldValue } from "../src/engine/dissect/format";
import { FieldCollector } from "../src/engine/dissect/tree";
import { FilterError } from "../src/engine/filter";
import { describeDifference, ourMatches, sameFrames, tsharkFrameSets } from "./filter-compare";

/** Fields the generator draws from: they cover the families and the value types. */
const FIELDS = [
  "frame.len", "frame.number", "eth.src", "eth.dst", "eth.type", "vlan.id", "arp.opcode", "arp.src.proto_ipv4",
  "ip.src", "ip.dst", "ip.ttl", "ip.proto", "ip.id", "ip.len", "ip.flags.df", "ipv6.src", "ipv6.dst", "ipv6.nxt", "ipv6.hlim",
  "icmp.type", "icmp.code", "icmpv6.type", "tcp.srcport", "tcp.dstport", "tcp.len", "tcp.flags", "tcp.stream", "tcp.window_size_value",
  "tcp.flags.syn", "tcp.flags.ack", "tcp.seq", "udp.srcport", "udp.dstport", "udp.length", "udp.stream",
  "dns.id", "dns.qry.name", "dns.qry.type", "dns.flags.response", "dhcp.option.dhcp", "tls.handshake.type",
  "ftp.request.command", "ftp.request.arg", "ftp.response.code", "snmp.community", "gre.proto",
];
const PROTOCOLS = ["eth", "ip", "ipv6", "arp", "tcp", "udp", "icmp", "icmpv6", "dns", "dhcp", "tls", "ftp", "ftp-data", "vlan", "snmp"];

/** xorshift32: small, seeded, good enough to vary filters. */
export function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 0x100000000;
  };
}

/** Every distinct value (as filter text) of the generator's fields in the capture. */
export async function observedValues(file: string): Promise<Map<FieldDef, string[]>> {
  const defs = FIELDS.map((f) => fieldByAbbrev(f)).filter((f): f is FieldDef => f !== undefined);
  const seen = new Map<FieldDef, Set<string>>(defs.map((d) => [d, new Set()]));
  const collector = new FieldCollector(defs);
  const dissection = new Dissection();
  const source = new FileSource(file);
  try {
    await readCapture(source, (rec, data) => {
      collector.reset();
      dissection.dissect(rec, data, collector, false);
      for (const d of defs)
        for (const v of collector.values(d)) {
          const text = literal(d, v);
          if (seen.get(d)!.size < 200) seen.get(d)!.add(text);
        }
    });
  } finally {
    source.close();
  }
  return new Map([...seen].filter(([, s]) => s.size > 0).map(([d, s]) => [d, [...s]]));
}

function literal(d: FieldDef, v: FieldValue): string {
  const text = formatFieldValue(d, v);
  if (d.type === "string") return JSON.stringify(text);
  if (d.type === "bytes" || d.type === "ether") return text.includes(":") ? text : (text.match(/../g) ?? []).join(":");
  return text;
}

/** One random filter over the observed values. */
export function randomFilter(values: Map<FieldDef, string[]>, next: () => number, depth = 0): string {
  const pick = <T>(a: readonly T[]): T => a[Math.floor(next() * a.length)]!;
  const r = next();
  if (depth < 2 && r < 0.3) {
    const op = pick(["&&", "||", "and", "or"]);
    return `(${randomFilter(values, next, depth + 1)}) ${op} (${randomFilter(values, next, depth + 1)})`;
  }
  if (depth < 3 && r < 0.38) return `!(${randomFilter(values, next, depth + 1)})`;
  if (r < 0.45 || values.size === 0) return pick(PROTOCOLS);
  const [def, vals] = pick([...values]);
  const v = pick(vals);
  const numeric = /^(u?int|framenum)/.test(def.type);
  if (def.type === "string") {
    const s = JSON.parse(v) as string;
    if (next() < 0.4 && s.length > 2) return `${def.abbrev} contains ${JSON.stringify(s.slice(0, Math.max(1, Math.floor(s.length / 2))))}`;
    if (next() < 0.2) return `${def.abbrev} matches ${JSON.stringify("^" + s.slice(0, 2).replace(/[^A-Za-z0-9]/g, "."))}`;
    return `${def.abbrev} ${pick(["==", "!=", "!=="])} ${v}`;
  }
  if (numeric) {
    const op = pick(["==", "!=", ">", ">=", "<", "<=", "===", "!=="]);
    if (next() < 0.15) return `${def.abbrev} in {${v}..${v}}`;
    return `${def.abbrev} ${op} ${v}`;
  }
  if (def.type === "boolean") return `${def.abbrev} == ${pick(["0", "1"])}`;
  if (def.type === "ipv4" && next() < 0.3) return `${def.abbrev} == ${v.split(".").slice(0, 2).join(".")}.0.0/16`;
  if ((def.type === "ether" || def.type === "bytes") && next() < 0.3) return `${def.abbrev}[0:2] == ${v.split(":").slice(0, 2).join(":")}`;
  return `${def.abbrev} ${pick(["==", "!="])} ${v}`;
}

export interface PropertyResult {
  ran: number;
  matched: number;
  failures: string[];
}

/** `count` random filters on `file`, each compared with tshark's frames. */
export async function checkRandomFilters(file: string, count: number, seed: number): Promise<PropertyResult> {
  const values = await observedValues(file);
  const next = rng(seed);
  const filters = [...new Set(Array.from({ length: count }, () => randomFilter(values, next)))];
  const ours = await ourMatches(file, filters);
  const valid = filters.filter((f) => !(ours.frames.get(f) instanceof FilterError));
  const theirs = tsharkFrameSets(file, valid);
  const failures: string[] = [];
  let matched = 0;
  for (const f of filters) {
    const o = ours.frames.get(f)!;
    if (o instanceof FilterError) {
      failures.push(`${f}: ours does not compile: ${o.message}`);
      continue;
    }
    const t = theirs.get(f)!;
    if (sameFrames(o, t)) matched++;
    else failures.push(`${f}: ${describeDifference(o, t)}`);
  }
  return { ran: filters.length, matched, failures };
}

if (process.argv[1]?.endsWith("filter-property.ts")) {
  const args = process.argv.slice(2);
  const file = args[0];
  const opt = (name: string, d: number): number => {
    const i = args.indexOf(name);
    return i >= 0 ? Number(args[i + 1]) : d;
  };
  if (!file) {
    console.error("usage: tsx scripts/filter-property.ts FILE [--count N] [--seed S]");
    process.exit(2);
  }
  const r = await checkRandomFilters(file, opt("--count", 100), opt("--seed", 1));
  for (const f of r.failures) console.log(f);
  console.log(`${r.matched} of ${r.ran} random filters select tshark's frames on ${file}`);
}
