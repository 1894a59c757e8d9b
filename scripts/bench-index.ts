/**
 * Times the browser's indexing pass (CaptureSession.load: dissection without
 * a tree, packet index, colouring) in Node over a capture file, and prints a
 * digest of everything it produced (index columns, interned strings,
 * colours) so that a change to the pass can be checked to give the same
 * result.
 *
 *   npx tsx scripts/bench-index.ts FILE [--runs N]
 */
import { createHash } from "node:crypto";
import { FileSource } from "../src/cli/file-source";
import { CaptureSession } from "../src/engine/session/capture-session";

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith("--"));
const runsAt = args.indexOf("--runs");
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) || 1 : 1;
if (!file) {
  console.error("usage: npx tsx scripts/bench-index.ts FILE [--runs N]");
  process.exit(2);
}

function digest(session: CaptureSession): string {
  const h = createHash("sha256");
  const ix = session.index;
  const n = ix.count;
  const cols = [ix.offset, ix.capLen, ix.origLen, ix.tsSec, ix.tsNsec, ix.iface, ix.src, ix.dst, ix.protocol, ix.tcpStream, ix.udpStream, ix.tcpFlags, ix.flags];
  for (const c of cols) h.update(new Uint8Array(c.buffer, c.byteOffset, n * c.BYTES_PER_ELEMENT));
  h.update(ix.addresses.strings.join("\n"));
  h.update(ix.protocols.strings.join("\n"));
  const colours = (session as unknown as { colours: Uint8Array }).colours;
  h.update(colours.subarray(0, n));
  return h.digest("hex").slice(0, 16);
}

async function main(): Promise<void> {
  for (let i = 0; i < runs; i++) {
    const source = new FileSource(file!);
    const session = new CaptureSession(source, { chunkSize: 512 * 1024 });
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const result = await session.load();
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    source.close();
    console.log(
      `index: ${result.packets.toLocaleString()} packets in ${ms.toFixed(0)} ms wall, ${cpuMs.toFixed(0)} ms cpu: ` +
        `${Math.round(result.packets / (ms / 1000)).toLocaleString()} packets/s wall, ${Math.round(result.packets / (cpuMs / 1000)).toLocaleString()} packets/s cpu; digest ${digest(session)}`,
    );
  }
}

void main();
