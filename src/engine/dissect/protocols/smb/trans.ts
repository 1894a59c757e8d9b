/**
 * SMB Trans (0x25) requests and responses (MS-CIFS §2.2.4.33), as
 * packet-smb.c's dissect_transaction_request/response walk them, and what
 * rides on them: mailslots ("\MAILSLOT\BROWSE" → BROWSER) and named pipes
 * ("\PIPE\LANMAN" → LANMAN). The parameter and data offsets count from the
 * SMB header. Where the byte count cannot hold the padding, parameters or
 * data, Wireshark stops the command there (CHECK_BYTE_COUNT) and nothing
 * rides on it: Info stays "Trans Request".
 *
 * A response carries no name: the request's (by TID, PID, UID, MID on the
 * connection) says what it answers, kept from the first pass.
 */
import { dissectData, enterUnlistedLayer } from "../../common";
import type { PacketInfo } from "../../packet-info";
import { dissectBrowser } from "../browser/browser";
import { type LanmanRequest, dissectLanmanRequest, dissectLanmanResponse } from "../lanman/lanman";
import { GENERATED } from "../../tree";
import { mailslotFields as M, smbFields as F, smbPipeFields as P } from "./fields";
import { le16 } from "./le";
import { type SmbHeader, smbString } from "./header";

interface Words {
  wct: number;
  words: number;
  bcc: number;
  bytes: number;
}

/** What a pipe request told its response: its pipe function (-1: no setup words) and its LANMAN call (null: not LANMAN). */
interface TransRecord {
  pipeFunction: number;
  lanman: LanmanRequest | null;
}

class TransState {
  readonly pending = new Map<string, TransRecord>();
  /** Responses' records by frame, for re-dissection. */
  readonly answered = new Map<number, TransRecord | null>();
}

function key(pinfo: PacketInfo, h: SmbHeader): string {
  return `${pinfo.tcpStream}/${pinfo.udpStream}/${h.tid}/${h.pid}/${h.uid}/${h.mid}`;
}

export function dissectTransRequest(data: Uint8Array, w: Words, h: SmbHeader, pinfo: PacketInfo): void {
  const tree = pinfo.tree;
  if (w.wct === 0) {
    tree.add(F.bcc, w.bytes - 2, 2, w.bcc);
    return;
  }
  if (w.wct < 14) {
    // A secondary request (WCT 8): its pieces continue an earlier one; shown as counts only.
    tree.add(F.bcc, w.bytes - 2, 2, w.bcc);
    return;
  }
  const words = w.words;
  tree.add(F.tpc, words, 2, le16(data, words, h.end));
  tree.add(F.tdc, words + 2, 2, le16(data, words + 2, h.end));
  const pc = le16(data, words + 18, h.end);
  const po = le16(data, words + 20, h.end);
  const dc = le16(data, words + 22, h.end);
  const od = le16(data, words + 24, h.end);
  const sc = data[words + 26]!;
  tree.add(F.pc, words + 18, 2, pc);
  tree.add(F.po, words + 20, 2, po);
  tree.add(F.dc, words + 22, 2, dc);
  tree.add(F.data_offset, words + 24, 2, od);
  tree.add(F.sc, words + 26, 1, sc);
  const setup = words + 28;
  tree.add(F.bcc, w.bytes - 2, 2, w.bcc);
  if (w.bcc === 0) return;
  let bc = w.bcc;
  const name = smbString(data, w.bytes, Math.min(h.end, w.bytes + bc + 1), h);
  if (name.len > bc) return;
  tree.add(F.trans_name, name.at, name.len, name.text);
  let p = name.at + name.len;
  bc -= p - w.bytes;
  const nameEnd = p;
  // Padding to the parameters, the parameters, padding to the data, the data: each must fit the byte count.
  const skip = (to: number): void => {
    if (to > p) {
      const pad = Math.min(to - p, bc);
      p += pad;
      bc -= pad;
    }
  };
  skip(h.start + po);
  if (pc) {
    if (bc < pc) return;
    p += pc;
    bc -= pc;
  }
  skip(h.start + od);
  if (dc) {
    if (bc < dc) return;
    p += dc;
    bc -= dc;
  }
  const params = h.start + po;
  const dataAt = h.start + od;
  const st = pinfo.state.get("smb.trans", () => new TransState());
  if (name.text.startsWith("\\MAILSLOT\\")) {
    if (sc === 0) return;
    // packet-smb.c hands mailslots the root tree (top_tree_global): the mailslot and what it carries are
    // top-level items after SMB's, as tshark's tree and Protocol Hierarchy have them.
    tree.enterRoot?.();
    dissectMailslot(data, setup, nameEnd, name, pinfo);
    if (name.text.startsWith("\\MAILSLOT\\BROWSE") || name.text.startsWith("\\MAILSLOT\\LANMAN")) {
      if (dc) dissectBrowser(data, dataAt, Math.min(h.end, dataAt + dc), pinfo);
    } else if (dc) dissectData(data, dataAt, Math.min(h.end, dataAt + dc), pinfo);
    tree.leaveRoot?.();
  } else if (name.text.startsWith("\\PIPE\\")) {
    // Pipes go to the root tree as mailslots do (dissect_pipe_smb gets top_tree_global): SMB Pipe and LANMAN are top-level.
    tree.enterRoot?.();
    const fn = dissectPipeRequest(data, w.bytes - 2, nameEnd, sc > 0 ? setup : -1, pinfo);
    let lanman: LanmanRequest | null = null;
    if (name.text.startsWith("LANMAN", 6) && carriesLanman(fn) && pc >= 2) lanman = dissectLanmanRequest(data, params, Math.min(h.end, params + pc), pinfo);
    tree.leaveRoot?.();
    if (!pinfo.visited) st.pending.set(key(pinfo, h), { pipeFunction: fn, lanman });
  }
}

/** packet-smb-pipe.c hands LANMAN a CallNamedPipe or TransactNmPipe, or a transaction with no function. */
function carriesLanman(fn: number): boolean {
  return fn === -1 || fn === PIPE_CALL || fn === PIPE_TRANSACT;
}

const PIPE_CALL = 0x54;
const PIPE_WAIT = 0x53;
const PIPE_TRANSACT = 0x26;

function openPipe(pinfo: PacketInfo, offset: number, length: number, request: boolean): void {
  enterUnlistedLayer(pinfo, "smb_pipe");
  pinfo.protocol = "SMB Pipe";
  if (pinfo.wantColumns) pinfo.info = request ? "Request" : "Response";
  pinfo.tree.open(P[""], offset, length, null, pinfo.tree.detailed ? "SMB Pipe Protocol" : undefined);
}

function pipeInfo(pinfo: PacketInfo, fn: number, request: boolean): void {
  if (pinfo.wantColumns) {
    const name = P.function.vals?.get(fn) ?? `Unknown function (0x${fn.toString(16).padStart(4, "0")})`;
    pinfo.info = `${name} ${request ? "Request" : "Response"}`;
  }
}

/**
 * The pipe header of a request: the item covers the byte count and the name
 * (Wireshark's sp_tvb), the function and its second word are the setup words
 * (`setup` -1 when there are none). Returns the function, or -1.
 */
function dissectPipeRequest(data: Uint8Array, offset: number, nameEnd: number, setup: number, pinfo: PacketInfo): number {
  openPipe(pinfo, offset, nameEnd - offset, true);
  let fn = -1;
  if (setup >= 0) {
    fn = le16(data, setup, nameEnd);
    pinfo.tree.add(P.function, setup, 2, fn);
    pipeInfo(pinfo, fn, true);
    if (fn === PIPE_CALL || fn === PIPE_WAIT) pinfo.tree.add(P.priority, setup + 2, 2, le16(data, setup + 2, nameEnd));
  }
  pinfo.tree.close();
  return fn;
}

/** A response's pipe header: it has no setup words or name (no bytes), the request's function is shown generated. */
function dissectPipeResponse(rec: TransRecord, pinfo: PacketInfo): void {
  openPipe(pinfo, 0, 0, false);
  if (rec.pipeFunction !== -1) {
    pinfo.tree.add(P.function, 0, 0, rec.pipeFunction, GENERATED);
    pipeInfo(pinfo, rec.pipeFunction, false);
  }
  pinfo.tree.close();
}

export function dissectTransResponse(data: Uint8Array, w: Words, h: SmbHeader, pinfo: PacketInfo): void {
  const tree = pinfo.tree;
  if (w.wct < 10) {
    tree.add(F.bcc, w.bytes - 2, 2, w.bcc);
    return;
  }
  const words = w.words;
  tree.add(F.tpc, words, 2, le16(data, words, h.end));
  tree.add(F.tdc, words + 2, 2, le16(data, words + 2, h.end));
  const pc = le16(data, words + 6, h.end);
  const po = le16(data, words + 8, h.end);
  const dc = le16(data, words + 12, h.end);
  const od = le16(data, words + 14, h.end);
  tree.add(F.pc, words + 6, 2, pc);
  tree.add(F.po, words + 8, 2, po);
  tree.add(F.dc, words + 12, 2, dc);
  tree.add(F.data_offset, words + 14, 2, od);
  tree.add(F.sc, words + 18, 1, data[words + 18]!);
  tree.add(F.bcc, w.bytes - 2, 2, w.bcc);
  const st = pinfo.state.get("smb.trans", () => new TransState());
  let rec: TransRecord | null;
  if (pinfo.visited) rec = st.answered.get(pinfo.num) ?? null;
  else {
    const k = key(pinfo, h);
    rec = st.pending.get(k) ?? null;
    st.pending.delete(k);
    if (rec) st.answered.set(pinfo.num, rec);
  }
  if (rec) {
    tree.enterRoot?.();
    dissectPipeResponse(rec, pinfo);
    if (rec.lanman && rec.lanman.cmd >= 0) {
      const params = h.start + po;
      const dataAt = h.start + od;
      dissectLanmanResponse(data, params, Math.min(h.end, params + pc), dataAt, Math.min(h.end, dataAt + dc), rec.lanman, pinfo);
    }
    tree.leaveRoot?.();
  }
}

/** The mailslot header: three setup words (opcode, priority, class), the byte count as its size, and the name. */
function dissectMailslot(data: Uint8Array, setup: number, nameEnd: number, name: { text: string; at: number; len: number }, pinfo: PacketInfo): void {
  enterUnlistedLayer(pinfo, "mailslot");
  pinfo.protocol = "SMB Mailslot";
  const tree = pinfo.tree;
  tree.open(M[""], setup, nameEnd - setup, null, tree.detailed ? "SMB MailSlot Protocol" : undefined);
  const opcode = le16(data, setup, nameEnd);
  if (pinfo.wantColumns) pinfo.info = opcode === 1 ? "Write Mail Slot" : `Unknown opcode: 0x${opcode.toString(16).padStart(4, "0")}`;
  tree.add(M.opcode, setup, 2, opcode);
  tree.add(M.priority, setup + 2, 2, le16(data, setup + 2, nameEnd));
  tree.add(M.class, setup + 4, 2, le16(data, setup + 4, nameEnd));
  tree.add(M.size, setup + 6, 2, le16(data, setup + 6, nameEnd));
  tree.add(M.name, name.at, name.len, name.text);
  tree.close();
}
