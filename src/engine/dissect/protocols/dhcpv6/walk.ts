/**
 * The DHCPv6 option walk (RFC 8415 §21.1): code (2), length (2), data, each
 * decoded by the first decoder that knows its code.
 *
 * The walk stops, silently, at an option whose header or data would run past
 * the end of the enclosing message or option: tshark 4.0 shows nothing more
 * of that message then (not even the options that follow an IA_NA whose
 * sub-options are cut short), so neither do we.
 *
 * Options nest (IA_NA holds IA Address options, Relay Message a whole
 * message), so option decoders call back into the walk. They are added to
 * it (`addOptionDecoder`) rather than imported by it, which keeps the
 * modules free of import cycles.
 */
import type { Ctx } from "./context";
import { dhcpv6Fields as F } from "./fields";
import { optionName } from "./names";

/** Relay nesting seen from inside (RFC 8415 §19.1.1: each relay adds one to the hop count). */
export interface Hop {
  /** The enclosing relay message's hop count (0 at the outermost message). */
  count: number;
  /** Offset of that hop-count item (where Wireshark hangs its warnings), -1 when none. */
  at: number;
  /** Whether a relay message encloses this one. */
  inRelay: boolean;
}

/** What the options of one message share. */
export interface Msg {
  type: number;
  /** Set when an option does not fit: the whole message's walk ends there. */
  atEnd: boolean;
  hop: Hop;
}

/** Decodes the data of an option with code `code` at [off, off+len); false when it does not know the code. */
export type OptionDecoder = (c: Ctx, code: number, off: number, len: number, m: Msg) => boolean;

const decoders: OptionDecoder[] = [];

/** Adds a decoder, tried after the ones added before it. */
export function addOptionDecoder(decode: OptionDecoder): void {
  decoders.push(decode);
}

/** Walks the options in [off, eoff), as the body of a container option. */
export function walkOptions(c: Ctx, off: number, eoff: number, m: Msg): void {
  while (eoff - off > 0) {
    off += option(c, off, eoff, m);
    if (m.atEnd) return;
  }
}

/** One option (RFC 8415 §21.1: code (2), length (2), data); returns the bytes it takes, 0 at the end. */
export function option(c: Ctx, off: number, eoff: number, m: Msg): number {
  if (eoff - off < 4) {
    m.atEnd = true;
    return 0;
  }
  const code = c.u16(off);
  const len = c.u16(off + 2);
  if (eoff - off < 4 + len) {
    m.atEnd = true;
    return 0;
  }
  const name = optionName(code);
  // The option item is a string item: its bytes must have been captured.
  c.need(off, 4 + len);
  c.open(F["option.type_str"], off, 4 + len, name, c.detailed ? name : undefined);
  c.uint(F["option.type"], off, 2);
  c.uint(F["option.length"], off + 2, 2);
  for (const decode of decoders) if (decode(c, code, off + 4, len, m)) break;
  c.close();
  return 4 + len;
}
