/**
 * The one display filter form the packet list understands before the
 * general filter language exists: a stream, as Follow Stream sets it
 * ("tcp.stream eq 3") and "Filter out this stream" negates it
 * ("!(tcp.stream eq 3)"). Evaluated on the packet index's stream columns:
 * the displayed rows are an index-based subset, in display order.
 */
import type { PacketIndex } from "../index/packet-index";
import type { FollowProtocol } from "./types";

export interface StreamFilter {
  protocol: FollowProtocol;
  stream: number;
  /** True for "!(tcp.stream eq N)": every packet but the stream's. */
  negate: boolean;
}

export class UnsupportedFilterError extends Error {
  constructor(text: string) {
    super(`Only "tcp.stream eq N" and "udp.stream eq N" (or "!(…)" around one) can be applied yet, not "${text}"`);
    this.name = "UnsupportedFilterError";
  }
}

const FORM = /^(tcp|udp)\.stream\s*(eq|==|ne|!=)\s*(\d+)$/;

/** Parses the filter text; null for an empty filter (everything shown). */
export function parseStreamFilter(text: string): StreamFilter | null {
  let t = text.trim();
  if (t === "") return null;
  let negate = false;
  const not = /^(?:!|not\s+)\s*(?:\((.*)\)|(.*))$/.exec(t);
  if (not) {
    negate = true;
    t = (not[1] ?? not[2] ?? "").trim();
  }
  while (t.startsWith("(") && t.endsWith(")")) t = t.slice(1, -1).trim();
  const m = FORM.exec(t);
  if (!m) throw new UnsupportedFilterError(text);
  if (m[2] === "ne" || m[2] === "!=") negate = !negate;
  return { protocol: m[1] as FollowProtocol, stream: Number(m[3]), negate };
}

/** The filter as Wireshark writes it. */
export function streamFilterText(f: StreamFilter): string {
  const base = `${f.protocol}.stream eq ${f.stream}`;
  return f.negate ? `!(${base})` : base;
}

/**
 * Display position → row for the rows the filter keeps, in the order given
 * (`order`: display position → row for a sort, null for frame order).
 */
export function filterRows(index: PacketIndex, f: StreamFilter, order: Uint32Array | null): Uint32Array {
  const col = f.protocol === "tcp" ? index.tcpStream : index.udpStream;
  const n = index.count;
  const keep = (row: number): boolean => (col[row] === f.stream) !== f.negate;
  let m = 0;
  for (let r = 0; r < n; r++) if (keep(r)) m++;
  const out = new Uint32Array(m);
  let k = 0;
  for (let p = 0; p < n && k < m; p++) {
    const row = order && p < order.length ? order[p]! : p;
    if (keep(row)) out[k++] = row;
  }
  return out;
}
