/**
 * FTP on a port other than 21: a conversation whose server speaks first with
 * a "220" greeting and whose client answers with a command. The test looks
 * at the first bytes of a stream's first chunks only; the indexing pass
 * records the same test's outcome per TCP segment (`openingClass`, ftp-facts.ts),
 * so that probing every stream of an open capture reads nothing.
 */
import type { FollowStream } from "../follow/types";

/** The bytes open like a server greeting: /^220[ -]/. */
export const GREETING = 1;
/** The bytes open like a command: /^[A-Za-z]{3,4}(?: |\r|\n|$)/ over at most their first 6 bytes. */
export const COMMAND = 2;

function isLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

function endsWord(c: number): boolean {
  return c === 0x20 || c === 0x0d || c === 0x0a;
}

/**
 * GREETING | COMMAND for the `length` bytes of `b` at `offset`, as the two
 * regular expressions above decide them, without a string or a regex (it
 * runs for every TCP segment of the indexing pass).
 */
export function openingClass(b: Uint8Array, offset: number, length: number): number {
  let c = 0;
  if (length >= 4 && b[offset] === 0x32 && b[offset + 1] === 0x32 && b[offset + 2] === 0x30 && (b[offset + 3] === 0x20 || b[offset + 3] === 0x2d))
    c |= GREETING;
  // The command test sees at most 6 bytes; "$" is the end of those bytes.
  const n = Math.min(length, 6);
  let letters = 0;
  while (letters < 4 && letters < n && isLetter(b[offset + letters]!)) letters++;
  // {3,4} is greedy: four letters then an end, else three letters then an end.
  if ((letters >= 4 && (n === 4 || endsWord(b[offset + 4]!))) || (letters >= 3 && (n === 3 || endsWord(b[offset + 3]!)))) c |= COMMAND;
  return c;
}

/**
 * Ports of the protocols that also greet with "220" and answer with a
 * command, which their own dissectors read: SMTP (RFC 5321 §4.2, port 25),
 * mail submission (RFC 6409, 587) and LMTP (RFC 2033, 24). A conversation on
 * one of them is not FTP elsewhere (Wireshark dissects it by its port too).
 */
const OTHER_220_PORTS: ReadonlySet<number> = new Set([24, 25, 587]);

/**
 * A quick look at a stream's first chunks: does it open like FTP (server
 * "220", then a command)? The server's node (0 or 1), or -1.
 * `opening(i)`: chunk i's openingClass when it is known without reading
 * (null: its bytes are read).
 */
export async function looksLikeFtp(s: FollowStream, opening?: (chunk: number) => number | null): Promise<0 | 1 | -1> {
  const n = s.info.chunkCount;
  if (n < 2 || s.info.nodes.some((node) => OTHER_220_PORTS.has(node.port))) return -1;
  const first = s.chunk(0);
  // The server speaks first, with a short greeting.
  if (first.length < 4 || first.length > 4096) return -1;
  // The command: the first of the next three chunks sent the other way.
  let command = -1;
  for (let i = 1; i < Math.min(n, 4) && command < 0; i++) if (s.chunk(i).direction !== first.direction) command = i;
  if (command < 0) return -1;
  const classOf = async (i: number): Promise<number> => {
    const known = opening?.(i);
    if (known !== undefined && known !== null) return known;
    const data = (await s.readChunks(i, 1)).find((p) => p.kind === "data");
    return data?.kind === "data" ? openingClass(data.bytes, 0, data.bytes.length) : 0;
  };
  if (!((await classOf(0)) & GREETING) || !((await classOf(command)) & COMMAND)) return -1;
  // Direction d is sent by node d: the greeting's sender is the server.
  return first.direction === 0 ? 0 : 1;
}
