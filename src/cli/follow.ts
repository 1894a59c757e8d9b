/**
 * `-z follow,tcp|udp|http,ascii|hex|raw|yaml,N`: tshark's Follow Stream output,
 * byte for byte (tshark 4.0.17), from the engine's followed streams
 * (src/engine/follow). Several -z in one run print in reverse order of the
 * command line, as tshark does. Where the engine deliberately differs from
 * tshark (gaps tshark loses; see tcp-reassembler.ts) the gap is printed in
 * tshark's own words: "[N bytes missing in capture file]". `http` follows
 * TCP stream N's HTTP messages, bodies decoded (engine/http/follow-http.ts).
 */
import type { ByteSource } from "../engine/io/byte-source";
import { emptyStream } from "../engine/follow/follow-index";
import { TSHARK_MODES, writeTsharkFollow, writeTsharkRecords, type TsharkFollowMode } from "../engine/follow/render";
import { followHttp } from "../engine/http/follow-http";
import type { FollowProtocol, FollowStream } from "../engine/follow/types";
import { UsageError } from "./args";

export interface FollowSpec {
  protocol: FollowProtocol | "http";
  mode: TsharkFollowMode;
  stream: number;
}

/** Parses "follow,tcp,raw,3"; null for another -z statistic. Bad follow specs are usage errors (tshark's messages). */
export function parseFollowSpec(z: string): FollowSpec | null {
  const parts = z.split(",");
  if (parts[0] !== "follow") return null;
  const protocol = parts[1];
  if (protocol !== "tcp" && protocol !== "udp" && protocol !== "http")
    throw new UsageError(`follow - ${protocol ? `"${protocol}" streams are not supported (tcp, udp or http)` : "Invalid follow type."}`);
  const mode = parts[2] as TsharkFollowMode;
  if (!TSHARK_MODES.includes(mode)) throw new UsageError("follow - Invalid display mode.");
  const n = parts[3] ?? "";
  if (!/^\d+$/.test(n) || parts.length > 4) throw new UsageError("follow - Invalid address.");
  return { protocol, mode, stream: Number(n) };
}

/**
 * Prints every spec's output, from the streams the capture's session follows
 * (of its first `-c` packets when the session was limited to them).
 */
export async function printFollows(
  specs: readonly FollowSpec[],
  follow: (protocol: FollowProtocol, stream: number) => Promise<FollowStream | null>,
  source: ByteSource,
  write: (s: string) => void,
): Promise<void> {
  for (const spec of [...specs].reverse()) {
    if (spec.protocol === "http") {
      const tcp = await follow("tcp", spec.stream);
      const http = tcp ? await followHttp(tcp) : null;
      const nodes = http?.nodes ?? emptyStream("tcp", spec.stream, source).info.nodes;
      await writeTsharkRecords({ protocol: "http", stream: spec.stream, nodes }, [http?.records ?? []], spec.mode, write);
      continue;
    }
    // A stream index past the last stream prints like an empty stream (tshark: nodes ":0").
    const stream = (await follow(spec.protocol, spec.stream)) ?? emptyStream(spec.protocol, spec.stream, source);
    await writeTsharkFollow(stream, spec.mode, write);
  }
}
