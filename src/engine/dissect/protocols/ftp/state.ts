/**
 * What FTP keeps per control connection: the last command, the working
 * directory (Wireshark's CWD/CDUP/PWD tracking), the data connection announced
 * last and the TLS hand-off.
 */
import { expert } from "../../common";
import type { PacketInfo } from "../../packet-info";
import { cString, type CwdBox, type FtpDataConv } from "../ftp-data";
import { CR, LF } from "./parse";
import { FrameColumnU32 } from "../../../reassembly/frame-columns";

/** One control connection (Wireshark's ftp_conversation_t), per TCP stream. */
export class FtpConv {
  /** Last request line (first pass), for CWD/CDUP replies. */
  lastCommand: string | null = null;
  lastCommandFrame = 0;
  cwd: CwdBox = { value: "" };
  /** Data connection announced last; the next request becomes its command. */
  currentData: FtpDataConv | null = null;
  currentDataSetupFrame = 0;
  /** "AUTH TLS" seen and not yet answered by a 234 (RFC 4217 §4). */
  tlsRequested = false;
  /** First frame of the control channel carried by TLS (0: never). */
  tlsFromFrame = 0;
}

/**
 * The working directory of every FTP frame, fixed on the first pass
 * (Wireshark's per-packet proto data): a directory number per frame in a
 * typed column, the directories once each. A capture of a million FTP
 * commands would otherwise keep a million-entry Map.
 */
export class CwdByFrame {
  private readonly ids = new FrameColumnU32();
  private readonly names: string[] = [];
  private readonly numbers = new Map<string, number>();

  set(frame: number, cwd: string): void {
    let n = this.numbers.get(cwd);
    if (n === undefined) {
      n = this.names.push(cwd);
      this.numbers.set(cwd, n);
    }
    this.ids.set(frame, n);
  }

  get(frame: number): string | undefined {
    const n = this.ids.get(frame);
    return n === 0 ? undefined : this.names[n - 1];
  }
}

export class FtpState {
  readonly convs = new Map<number | string, FtpConv>();
  /** Working directory per FTP frame, fixed on the first pass. */
  readonly cwdByFrame = new CwdByFrame();
  /** Command and setup frames → their data connection (Wireshark's ftp_command_to_data_hash). */
  readonly dataByFrame = new Map<number, FtpDataConv>();
}

export function conversationFor(state: FtpState, pinfo: PacketInfo, create: boolean): FtpConv {
  // TCP numbers streams; without one (hand-made tests) the endpoints, either direction.
  let key: number | string = pinfo.tcpStream;
  if (key < 0) {
    const a = `${pinfo.netSrc} ${pinfo.srcPort}`;
    const b = `${pinfo.netDst} ${pinfo.dstPort}`;
    key = a < b ? `${a}|${b}` : `${b}|${a}`;
  }
  let conv = state.convs.get(key);
  if (!conv) {
    conv = new FtpConv();
    if (create) state.convs.set(key, conv);
  }
  return conv;
}

// ---------------------------------------------------------------------------
// Working directory (Wireshark's CWD/CDUP/PWD tracking)

/** RFC 959 §4.1.1 CWD/CDUP accepted (250): adopt an absolute path, else append and normalise. */
export function processCwdSuccess(conv: FtpConv, newPath: string): void {
  if (newPath.startsWith("/")) {
    conv.cwd = { value: newPath };
    return;
  }
  const cur = conv.cwd.value;
  if (cur.length === 0) {
    // Wireshark appends to the shared buffer in place: data connections
    // announced while the directory was unknown see the new value too.
    conv.cwd.value = newPath;
    return;
  }
  const appended = cur.endsWith("/") ? cur + newPath : `${cur}/${newPath}`;
  let out = "";
  let folder = "";
  let i = 0;
  if (cur.startsWith("/")) {
    out = "/";
    i = 1;
  }
  for (; i <= appended.length; i++) {
    if (i === appended.length || appended[i] === "/") {
      if (i > 0 && folder.length > 0) {
        if (folder === "..") {
          while (out.length > 0 && !out.endsWith("/")) out = out.slice(0, -1);
          if (out.length > 1 && out.endsWith("/")) out = out.slice(0, -1);
        } else if (folder !== ".") {
          if (out.length > 0 && !out.endsWith("/")) out += "/";
          out += folder;
        }
        folder = "";
      }
    } else folder += appended[i];
  }
  conv.cwd = { value: out };
}

/** RFC 959 Appendix II: a 257 reply names the directory in quotes, "" standing for one quote. */
export function processPwdSuccess(conv: FtpConv, b: Uint8Array, start: number, end: number, pinfo: PacketInfo): void {
  const len = end - start;
  if (len < 2 || b[start] !== 0x22) {
    expert(pinfo, start, 0, "error", "Invalid PWD response", "Malformed", "FTP");
    return;
  }
  const out: number[] = [];
  let started = false;
  let i = 0;
  for (; i < len && b[start + i] !== CR && b[start + i] !== LF; i++) {
    const c = b[start + i]!;
    if (c === 0x22) {
      if (i + 1 < len && b[start + i + 1] === 0x22) {
        out.push(0x22);
        i++;
      } else {
        if (started) break;
        started = true;
      }
    } else out.push(c);
  }
  if (i >= len || b[start + i] !== 0x22) {
    expert(pinfo, start, 0, "error", "Invalid PWD response", "Malformed", "FTP");
    return;
  }
  const bytes = Uint8Array.from(out);
  conv.cwd = { value: cString(bytes, 0, bytes.length) };
}
