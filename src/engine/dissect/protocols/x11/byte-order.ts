/**
 * Guessing a connection's byte order when the capture missed its setup (the
 * first byte of the connection request, 'B' or 'l', says it otherwise).
 * Wireshark 4.0 (packet-x11.c, guess_byte_ordering) walks the requests of
 * the segment as little- and as big-endian, each time checking whether the
 * request's length is one its opcode allows (fixed sizes, value-mask
 * popcounts, string lengths), and keeps the order when exactly one reading
 * fails. The checks below are the X11 protocol's request sizes in 4-byte
 * units; a check that needs bytes the snap length cut passes.
 */

/** Requests of one fixed length (in 4-byte units), by opcode. */
const FIXED_LENGTH = new Map<number, number>([
  ...[3, 4, 5, 6, 8, 9, 10, 11, 13, 14, 15, 17, 21, 23, 27, 32, 35, 38, 46, 47, 54, 60, 79, 81, 82, 83, 95, 101, 113].map((op) => [op, 2] as const),
  ...[7, 22, 30, 31, 33, 39, 40, 53, 57, 61, 78, 84, 87].map((op) => [op, 4] as const),
  ...[19, 29, 34, 42, 80, 86, 97, 105, 107].map((op) => [op, 3] as const),
  ...[20, 24, 26, 28, 41].map((op) => [op, 6] as const),
  ...[36, 37, 43, 44, 52, 99, 103, 104, 106, 108, 110, 111, 112, 115, 117, 119].map((op) => [op, 1] as const),
  [25, 11],
  [62, 7],
  [63, 8],
  [93, 8],
  [94, 8],
  [73, 5],
  [96, 5],
]);

/** Requests with only a minimum length. */
const MIN_LENGTH = new Map<number, number>([
  [48, 2],
  [91, 2],
  [64, 3],
  [65, 3],
  [88, 3],
  [69, 4],
  [74, 4],
  [75, 4],
  [76, 4],
  [77, 4],
  [72, 6],
  [127, 1],
]);

/** Requests whose length is a header plus `header words + n × unit`. */
const LIST_OF = new Map<number, readonly [number, number]>([
  [59, [3, 2]], // SetClipRectangles: rectangles of 2 words
  [66, [3, 2]], // PolySegment
  [67, [3, 2]], // PolyRectangle
  [70, [3, 2]], // PolyFillRectangle
  [68, [3, 3]], // PolyArc: arcs of 3 words
  [71, [3, 3]], // PolyFillArc
]);

/** Requests with a value mask: header words + one word per bit set. [mask offset, mask bytes, header words, bytes needed] */
const VALUE_MASK = new Map<number, readonly [number, number, number, number]>([
  [1, [28, 4, 8, 32]], // CreateWindow
  [2, [8, 4, 3, 12]], // ChangeWindowAttributes
  [56, [8, 4, 3, 12]], // ChangeGC
  [12, [8, 2, 3, 10]], // ConfigureWindow
  [55, [12, 4, 4, 16]], // CreateGC
]);

/** Requests ending in a string whose byte count is a 16-bit field: [count offset, header words]. */
const STRING_AT = new Map<number, readonly [number, number]>([
  [16, [4, 2]], // InternAtom
  [98, [4, 2]], // QueryExtension
  [45, [8, 3]], // OpenFont
  [85, [8, 3]], // AllocNamedColor
  [92, [8, 3]], // LookupColor
  [49, [6, 2]], // ListFonts
  [50, [6, 2]], // ListFontsWithInfo
  [109, [6, 2]], // ChangeHosts
  [58, [10, 3]], // SetDashes
  [90, [12, 4]], // StoreNamedColor
]);

function words(bytes: number): number {
  return Math.ceil(bytes / 4);
}

function popcount(data: Uint8Array, at: number, n: number): number {
  let bits = 0;
  for (let i = 0; i < n; i++) {
    let c = data[at + i]!;
    while (c) {
      bits += c & 1;
      c >>= 1;
    }
  }
  return bits;
}

/** A 16-bit value in the connection's byte order. */
export function get16(data: Uint8Array, at: number, le: boolean): number {
  return le ? data[at]! | (data[at + 1]! << 8) : (data[at]! << 8) | data[at + 1]!;
}

/** A 32-bit value in the connection's byte order. */
export function get32(data: Uint8Array, at: number, le: boolean): number {
  return le
    ? (data[at]! | (data[at + 1]! << 8) | (data[at + 2]! << 16) | (data[at + 3]! << 24)) >>> 0
    : ((data[at]! << 24) | (data[at + 1]! << 16) | (data[at + 2]! << 8) | data[at + 3]!) >>> 0;
}

/**
 * Whether a request of `length` words at `at` could be what its opcode says.
 * `base` is where the segment's payload starts: Wireshark reads a few of
 * these bytes from the payload's start, not the request's (ChangeProperty's
 * format, the keyboard and pointer mappings' counts), and so do we.
 */
function consistent(data: Uint8Array, base: number, at: number, capEnd: number, length: number, le: boolean): boolean {
  const has = (n: number): boolean => at + n <= capEnd;
  const op = data[at]!;
  const fixed = FIXED_LENGTH.get(op);
  if (fixed !== undefined) return length === fixed;
  const min = MIN_LENGTH.get(op);
  if (min !== undefined) return length >= min;
  const list = LIST_OF.get(op);
  if (list) return length >= list[0] && (length - list[0]) % list[1] === 0;
  const mask = VALUE_MASK.get(op);
  if (mask) return !has(mask[3]) || length === mask[2] + popcount(data, at + mask[0], mask[1]);
  const str = STRING_AT.get(op);
  if (str) return !has(str[0] + 2) || length === str[1] + words(get16(data, at + str[0], le));
  switch (op) {
    case 18: {
      // ChangeProperty: format 8, 16 or 32, then the data's unit count.
      if (!has(17)) return true;
      const format = data[base + 16]!;
      if (format !== 8 && format !== 16 && format !== 32) return false;
      if (!has(24)) return true;
      return length === 6 + words(get32(data, at + 20, le) * (format / 8));
    }
    case 51: // SetFontPath: a count of STR (length byte + bytes) after 8 bytes.
      if (length < 2) return false;
      if (!has(8)) return true;
      return fontPathConsistent(data, at + 8, capEnd, (length - 2) * 4, get16(data, at + 4, le));
    case 89: // StoreColors: COLORITEMs of 3 words.
      return length > 2 && (length - 2) % 3 === 0;
    case 100: // ChangeKeyboardMapping: keycode count × keysyms per keycode.
      return !has(6) || length === 2 + data[base + 1]! * data[base + 5]!;
    case 102: // ChangeKeyboardControl: a 32-bit value mask, its first two bytes counted.
      return !has(6) || length === 2 + popcount(data, at + 4, 2);
    case 114: // RotateProperties: a count of atoms.
      return !has(10) || length === 3 + get16(data, at + 8, le);
    case 116: // SetPointerMapping: a map of n bytes.
      return length === 1 + words(data[base + 1]!);
    case 118: // SetModifierMapping: 8 modifiers × keycodes per modifier.
      return length === 1 + data[base + 1]! * 2;
    default:
      return true;
  }
}

function fontPathConsistent(data: Uint8Array, at: number, capEnd: number, bytes: number, count: number): boolean {
  if (count > bytes) return false;
  while (count-- > 0) {
    if (at >= capEnd) return true;
    const l = data[at]!;
    if (!l) break;
    if (l + 1 > bytes) return false;
    if (at + l + 1 > capEnd) return true;
    at += l + 1;
    bytes -= l + 1;
  }
  return bytes <= 3;
}

/** -1: some request contradicts the order; 1: all fit; 0: no request header captured. */
function endianMatch(data: Uint8Array, start: number, capEnd: number, le: boolean): number {
  let matched = 0;
  for (let at = start; at + 4 <= capEnd; ) {
    const length = get16(data, at + 2, le);
    if (!length) return -1;
    if (!consistent(data, start, at, capEnd, length, le)) return -1;
    matched = 1;
    at += length * 4;
  }
  return matched;
}

/** The guess: [little-endian?, whether the guess is certain enough to keep for the connection]. */
export function guessLittleEndian(data: Uint8Array, start: number, capEnd: number): readonly [boolean, boolean] {
  const le = endianMatch(data, start, capEnd, true);
  const be = endianMatch(data, start, capEnd, false);
  let little: boolean;
  if (le === be) {
    // No reason to prefer one: the smaller length is likelier (and with no length at all, little-endian).
    little = start + 4 > capEnd || get16(data, start + 2, true) <= get16(data, start + 2, false);
  } else little = le >= be;
  return [little, (le < 0 && be > 0) || (le > 0 && be < 0)];
}
