/**
 * Follow Stream against live tshark on the public captures in
 * ../shared/captures (never copied into the project) and on the fixtures:
 * every TCP and UDP stream, in all four layouts (ascii, hex, raw, yaml),
 * byte for byte. Runs when tshark exists (and the folder, for the shared
 * captures); otherwise skips with a printed notice.
 *
 * Where tshark 4.0 is wrong we are right instead; each such stream is
 * listed in DIFFERENT with the reason, and must then still equal tshark's
 * output once tshark's mistakes are reproduced (render option
 * `tsharkCompat`), which proves the listed reason is the only difference.
 */
import { describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { followIndexOf, hasTshark, ourFollow, tsharkFollowMany, tsharkStreamsAll, type FollowRequest } from "../../scripts/follow-compare";
import { TSHARK_MODES } from "../engine/follow/render";
import type { FollowProtocol } from "../engine/follow/types";
import { CaptureSession } from "../engine/session/capture-session";
import { FileSource } from "./file-source";
import { captureFiles, fixturesDir, sharedCapturesDir } from "./corpus-files";

const sharedDir = sharedCapturesDir;
const captures = [...captureFiles(sharedDir), ...captureFiles(fixturesDir)];
const tshark = hasTshark();

if (!tshark) console.log("follow corpus: skipped, tshark is not installed");
else if (!existsSync(sharedDir))
  console.log(`follow corpus: ${sharedDir} not found (set PCAPSCOPE_SHARED to point elsewhere); fixtures only`);

const SNAP = "the snap length cut segments short; tshark prints the captured part and silently skips the rest, we mark the rest as a gap";
const WAITING =
  "a segment whose sequence number lies past a hole never acknowledged was still waiting at the end: tshark drops it, we deliver it behind the gap";
const UDP_STREAMS =
  "not a follow difference: tshark's udp.stream 198 spans frames 625-631 because SIP/SDP (frame 227) announced an RTP conversation with a wildcard address; our UDP dissector has no SIP/SDP/RTP yet, so its udp.stream numbers differ from 198 on, and so do the streams";

/** Streams where our output deliberately differs from tshark's: "capture proto stream" → why. */
const DIFFERENT: Record<string, string> = {
  ...Object.fromEntries([1, 2, 3, 5, 6, 13].map((n) => [`pcapng-comments-ether-plus-sll-odd-timestamps.pcapng tcp ${n}`, SNAP])),
  "malformed-fuzz-bigendian-mixed-incl-ftp.pcap tcp 3": WAITING,
  ...Object.fromEntries(Array.from({ length: 23 }, (_, i) => [`malformed-fuzz-bigendian-mixed-incl-ftp.pcap udp ${198 + i}`, UDP_STREAMS])),
};

let identical = 0;
let total = 0;

describe.skipIf(!tshark)("follow corpus: byte-identical to live tshark", () => {
  for (const file of captures) {
    const name = file.split("/").pop()!;
    it(name, { timeout: 180_000 }, async () => {
      const index = await followIndexOf(file);
      // The app builds its streams from the indexing pass's facts: the same streams.
      const session = new CaptureSession(new FileSource(file));
      await session.load();
      for (const protocol of ["tcp", "udp"] as const) {
        for (let n = 0; n < (protocol === "tcp" ? index.tcpCount : index.udpCount); n++) {
          const fromSession = await session.follow(protocol, n);
          if (fromSession)
            expect(fromSession.chunkColumns(0, 1e9), `session ${protocol}.stream eq ${n}`).toEqual(
              index.stream(protocol, n)!.chunkColumns(0, 1e9),
            );
        }
      }
      const all = tsharkStreamsAll(file);
      // One tshark run for every stream in every layout.
      const requests: FollowRequest[] = [];
      for (const protocol of ["tcp", "udp"] as FollowProtocol[])
        for (const mode of TSHARK_MODES) for (const stream of all[protocol]) requests.push({ protocol, mode, stream });
      const outputs = tsharkFollowMany(file, requests);
      const theirsOf = (protocol: FollowProtocol, mode: string): string[] =>
        outputs.filter((_, i) => requests[i]!.protocol === protocol && requests[i]!.mode === mode);
      for (const protocol of ["tcp", "udp"] as FollowProtocol[]) {
        const streams = all[protocol];
        if (!DIFFERENT[`${name} ${protocol} ${streams[streams.length - 1]}`]?.startsWith("not a follow")) {
          expect(protocol === "tcp" ? index.tcpCount : index.udpCount, `${protocol} stream count`).toBe(streams.length);
        }
        const same = new Set(streams);
        for (const mode of TSHARK_MODES) {
          const theirs = theirsOf(protocol, mode);
          const ours = await ourFollow(index, protocol, mode, streams);
          const compat = await ourFollow(index, protocol, mode, streams, { tsharkCompat: true });
          streams.forEach((n, i) => {
            const why = DIFFERENT[`${name} ${protocol} ${n}`];
            if (ours[i] !== theirs[i]) same.delete(n);
            if (why === UDP_STREAMS) return;
            if (!why) expect(ours[i], `${protocol}.stream eq ${n}, ${mode}`).toBe(theirs[i]);
            else expect(compat[i], `${protocol}.stream eq ${n}, ${mode} with tshark's mistakes (${why})`).toBe(theirs[i]);
          });
        }
        identical += same.size;
        total += streams.length;
      }
    });
  }
  it("summary", () => {
    console.log(`follow corpus: ${identical} of ${total} streams byte-identical to tshark in all four layouts`);
  });
});
