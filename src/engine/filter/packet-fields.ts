/**
 * A dissected packet's fields as the filter reads them: the values a
 * FieldCollector recorded, turned into filter values by their field's type.
 * Byte-like fields whose dissector recorded no bytes (a zero-length item
 * shown as "<MISSING>", a presence marker) read their bytes from the packet,
 * and protocols are the bytes their item covers (`contains` and `matches`
 * search on to the end of the data, as Wireshark searches the protocol's
 * whole buffer).
 */
import { isListedLayer } from "../dissect/common";
import type { FieldDef, FieldValue } from "../dissect/field";
import { frameFields } from "../dissect/frame";
import type { PacketInfo } from "../dissect/packet-info";
import type { FieldCollector } from "../dissect/tree";
import type { RangeNode } from "./ast";
import type { PacketFields } from "./compile";
import { encodeOid, kindOf, PROTOCOL_TAIL, type Kind, type ProtocolBytes, type Value } from "./values";

/** drange_contains_layer: is layer `num` of `count` inside one of the ranges? (1-based; negative counts from the last). */
export function layerSelected(ranges: readonly RangeNode[], num: number, count: number): boolean {
  for (const r of ranges) {
    let lower = r.start;
    if (lower < 0) lower += count + 1;
    const upper = r.kind === "length" || r.kind === "single" ? lower + r.value - 1 : r.kind === "end" ? r.value : Number.MAX_SAFE_INTEGER;
    if (num >= lower && num <= upper) return true;
  }
  return false;
}

const TIME_NS = 1_000_000_000n;

function timeValue(v: FieldValue): bigint {
  if (Array.isArray(v)) return BigInt(v[0]!) * TIME_NS + BigInt(v[1]!);
  return BigInt(Math.round((v as number) * 1e9));
}

/**
 * The current protocol's layer number (how many of it the packet has entered so far).
 * A protocol frame.protocols does not list has no layer of its own in Wireshark
 * (pinfo->curr_layer_num is its caller's): the last listed one counts.
 */
export function currentLayerNumber(pinfo: PacketInfo): number {
  const layers = pinfo.layers;
  let last = layers.length - 1;
  while (last > 0 && !isListedLayer(layers[last]!)) last--;
  const name = layers[last];
  let n = 0;
  for (const l of layers) if (l === name) n++;
  return Math.max(1, n);
}

export class CollectorFields implements PacketFields {
  /** The data sources of the packet being read: 0 the frame, then reassembled buffers. */
  private sources: Uint8Array[] = [];
  /** frame.time_delta_displayed: from the last packet the filter passed (0 before any). */
  deltaDisplayed: bigint = 0n;
  private readonly kinds = new Map<FieldDef, Kind>();

  constructor(private readonly collector: FieldCollector) {}

  /** Points the reader at the packet just dissected into the collector. */
  setPacket(frame: Uint8Array, pinfo: PacketInfo): void {
    this.sources.length = 0;
    this.sources.push(frame);
    for (const s of pinfo.sources) this.sources.push(s.bytes);
  }

  private kindOf(f: FieldDef): Kind {
    let k = this.kinds.get(f);
    if (k === undefined) this.kinds.set(f, (k = kindOf(f)));
    return k;
  }

  read(f: FieldDef, layers: readonly RangeNode[] | null): Value[] | null {
    const c = this.collector;
    if (f === frameFields.time_delta_displayed) return c.count(f) ? [this.deltaDisplayed] : null;
    let slot = c.head(f);
    if (slot < 0) return null;
    let count = 0;
    if (layers) for (let s = slot; s >= 0; s = c.next(s)) count = Math.max(count, c.layerAt(s));
    const kind = this.kindOf(f);
    const out: Value[] = [];
    for (; slot >= 0; slot = c.next(slot)) {
      if (layers && !layerSelected(layers, c.layerAt(slot), count)) continue;
      out.push(this.convert(kind, c.valueAt(slot), slot));
    }
    return out.length ? out : null;
  }

  private itemBytes(slot: number): Uint8Array {
    const src = this.sources[this.collector.sourceAt(slot)] ?? this.sources[0]!;
    const at = Math.min(this.collector.offsetAt(slot), src.length);
    return src.subarray(at, Math.min(src.length, at + this.collector.lengthAt(slot)));
  }

  private convert(kind: Kind, v: FieldValue, slot: number): Value {
    switch (kind) {
      case "uint":
      case "int":
      case "bool":
        if (typeof v === "boolean") return v ? 1 : 0;
        return typeof v === "number" || typeof v === "bigint" ? v : 0;
      case "ipv4":
      case "double":
        return typeof v === "number" ? v : 0;
      case "string":
        return typeof v === "string" ? v : v === null ? "" : String(v);
      case "reltime":
      case "abstime":
        return v === null ? 0n : timeValue(v);
      case "oid":
        return (typeof v === "string" ? encodeOid(v) : null) ?? this.itemBytes(slot);
      case "protocol": {
        const b: ProtocolBytes = this.itemBytes(slot);
        const src = this.sources[this.collector.sourceAt(slot)] ?? this.sources[0]!;
        b[PROTOCOL_TAIL] = src.subarray(Math.min(this.collector.offsetAt(slot), src.length));
        return b;
      }
      case "none":
        return 1;
      default:
        // ipv6, ether, bytes: the value, or the item's bytes when the dissector kept none.
        return v instanceof Uint8Array ? v : v === "<MISSING>" ? new Uint8Array(0) : this.itemBytes(slot);
    }
  }
}
