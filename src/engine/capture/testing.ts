/**
 * Byte builders for capture-reader tests (and other tests that need a capture
 * made by hand). Little helpers in the spirit of mcap's `uint32LE(0x1234), // comment`.
 */
export function u16(v: number, le = true): number[] {
  return le ? [v & 0xff, (v >>> 8) & 0xff] : [(v >>> 8) & 0xff, v & 0xff];
}
export function u32(v: number, le = true): number[] {
  const b = [(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
  return le ? b.reverse() : b;
}
export function u64(v: bigint, le = true): number[] {
  const b: number[] = [];
  for (let i = 0; i < 8; i++) b.push(Number((v >> BigInt(8 * (7 - i))) & 0xffn));
  return le ? b.reverse() : b;
}
export function pad4(bytes: number[]): number[] {
  const out = [...bytes];
  while (out.length % 4) out.push(0);
  return out;
}

export interface PcapPacket {
  sec: number;
  frac: number;
  data: number[];
  origLen?: number;
}

/** A classic pcap file: header then records. */
export function pcapFile(opts: { le?: boolean; nano?: boolean; linkType?: number; snapLen?: number }, packets: PcapPacket[]): Uint8Array {
  const le = opts.le ?? true;
  const bytes: number[] = [
    ...u32(opts.nano ? 0xa1b23c4d : 0xa1b2c3d4, le), // magic
    ...u16(2, le), // version major
    ...u16(4, le), // version minor
    ...u32(0, le), // thiszone
    ...u32(0, le), // sigfigs
    ...u32(opts.snapLen ?? 65535, le), // snaplen
    ...u32(opts.linkType ?? 1, le), // linktype
  ];
  for (const p of packets) {
    bytes.push(
      ...u32(p.sec, le), // ts_sec
      ...u32(p.frac, le), // ts_usec or ts_nsec
      ...u32(p.data.length, le), // incl_len
      ...u32(p.origLen ?? p.data.length, le), // orig_len
      ...p.data,
    );
  }
  return Uint8Array.from(bytes);
}

/** One pcapng block: type, total length, body (padded), total length. */
export function block(type: number, body: number[], le = true): number[] {
  const padded = pad4(body);
  const len = padded.length + 12;
  return [...u32(type, le), ...u32(len, le), ...padded, ...u32(len, le)];
}

export function option(code: number, value: number[], le = true): number[] {
  return [...u16(code, le), ...u16(value.length, le), ...pad4(value)];
}
export const endOfOptions = (le = true): number[] => [...u16(0, le), ...u16(0, le)];

export function text(s: string): number[] {
  return Array.from(new TextEncoder().encode(s));
}

export function shb(le = true, options: number[] = []): number[] {
  return block(
    0x0a0d0d0a,
    [
      ...u32(0x1a2b3c4d, le), // byte-order magic
      ...u16(1, le), // major version
      ...u16(0, le), // minor version
      ...u64(-1n & 0xffffffffffffffffn, le), // section length: unknown
      ...options,
    ],
    le,
  );
}

export function idb(linkType: number, le = true, options: number[] = [], snapLen = 0): number[] {
  return block(
    1,
    [
      ...u16(linkType, le), // link type
      ...u16(0, le), // reserved
      ...u32(snapLen, le), // snap length
      ...options,
    ],
    le,
  );
}

export function epb(iface: number, ts: bigint, data: number[], le = true, options: number[] = [], origLen?: number): number[] {
  return block(
    6,
    [
      ...u32(iface, le), // interface id
      ...u32(Number(ts >> 32n), le), // timestamp high
      ...u32(Number(ts & 0xffffffffn), le), // timestamp low
      ...u32(data.length, le), // captured length
      ...u32(origLen ?? data.length, le), // original length
      ...pad4(data),
      ...options,
    ],
    le,
  );
}
