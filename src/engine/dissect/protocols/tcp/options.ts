/**
 * TCP options (RFC 9293 §3.2; MSS RFC 6691; window scale and timestamps
 * RFC 7323; SACK RFC 2018/2883; Fast Open RFC 7413), with Wireshark 4.0's
 * checks of lengths and its handling of bad ones.
 */
import type { FieldDef } from "../../field";
import { u16, u32, view } from "../../common";
import type { PacketInfo } from "../../packet-info";
import { GENERATED } from "../../tree";
import { MAX_SACK_RANGES, TH, seqGE, seqLE, seqLT } from "../../../reassembly/tcp-analysis";
import { ei, infoUint, optionFields, tcpExpert, tcpFields, textField } from "./fields";
import type { Ctx } from "./state";

function optionName(kind: number): string {
  switch (kind) {
    case 2:
      return "Maximum segment size";
    case 3:
      return "Window scale";
    case 4:
      return "SACK permitted";
    case 5:
      return "SACK";
    case 6:
      return "Echo";
    case 7:
      return "Echo reply";
    case 8:
      return "Timestamps";
    case 19:
      return "TCP MD5 signature";
    case 28:
      return "User Timeout";
    case 30:
      return "MPTCP";
    case 34:
      return "TCP Fast Open";
    default:
      return `Unknown (0x${kind.toString(16).padStart(2, "0")})`;
  }
}

function optionField(kind: number): FieldDef {
  switch (kind) {
    case 2:
      return optionFields.mss;
    case 3:
      return optionFields.wscale;
    case 4:
      return optionFields.sack_perm;
    case 5:
      return optionFields.sack;
    case 6:
      return optionFields.echo;
    case 7:
      return optionFields.echoreply;
    case 8:
      return optionFields.timestamp;
    case 19:
      return optionFields.md5;
    case 28:
      return optionFields.user_to;
    case 30:
      return optionFields.mptcp;
    case 34:
      return optionFields.tfo;
    default:
      return optionFields.unknown;
  }
}

/** How option dissection ended: normally, past the captured bytes, or past a short segment's end. */
export const enum OptFail {
  NONE,
  BOUNDS,
  CONTAINED,
}

/**
 * tcp_dissect_options over [start, start + optlen), of which `avail` bytes
 * were captured. Says where Wireshark would stop with an exception: an
 * option running past the captured bytes, or (its sub-buffer being cut at
 * the segment's end) past the end of a segment shorter than its header.
 */
export function dissectOptions(data: Uint8Array, start: number, optlen: number, avail: number, pinfo: PacketInfo, x: Ctx): OptFail {
  const tree = pinfo.tree;
  const capEnd = start + Math.min(avail, optlen);
  let o = start;
  let left = optlen;
  let nopCount = 0;
  let mssSeen = false;
  let names = "";
  let ok = true;
  // A bad option length ends the options, before the check for a missing MSS.
  let lengthError = false;
  while (left > 0) {
    if (o >= capEnd) {
      ok = false;
      break;
    }
    const kind = data[o]!;
    left--;
    if (kind === 0 || kind === 1) {
      if (kind === 1) {
        // Four NOPs in a row within one 32-bit word: a middlebox removed an option. Wireshark
        // counts them only under the options item, so only with a tree (-z expert alone has none).
        if (tree.built && (nopCount === 0 || (o - start + 20) % 4)) {
          if (++nopCount === 4) tcpExpert(pinfo, ei.nop, o, 1, "warn");
        } else {
          nopCount = 0;
        }
      }
      const pf = kind === 0 ? optionFields.eol : optionFields.nop;
      tree.open(pf, o, 1, view(tree, pf, data, o, o + 1), tree.detailed ? pf.name : undefined);
      tree.add(tcpFields.option_kind, o, 1, kind);
      tree.close();
      if (tree.detailed) names += kind === 0 ? ", End of Option List (EOL)" : ", No-Operation (NOP)";
      o++;
      if (kind === 0) {
        // RFC 9293 §3.2: what follows the End of Option List is padding and must be zero.
        let nonZero = false;
        for (let i = o; i < capEnd; i++) if (data[i] !== 0) nonZero = true;
        if (nonZero) {
          tree.open(textField, o, capEnd - o, null, "Non-zero header padding");
          tcpExpert(pinfo, ei.non_zero_bytes_after_eol, o, capEnd - o, "error", "Non-zero header padding");
          tree.close();
          break;
        }
      }
      continue;
    }
    const name = optionName(kind);
    if (left === 0) {
      tcpExpert(pinfo, ei["option.len.invalid"], o, 1, "note", `${name} (length byte past end of options)`);
      lengthError = true;
      break;
    }
    if (o + 1 >= capEnd) {
      ok = false;
      break;
    }
    const len = data[o + 1]!;
    left--;
    if (len < 2) {
      tcpExpert(pinfo, ei["option.len.invalid"], o, 2, "note", `${name} (with too-short option length = ${len} byte${len === 1 ? "" : "s"})`);
      lengthError = true;
      break;
    }
    if (len - 2 > left) {
      tcpExpert(pinfo, ei["option.len.invalid"], o, left, "note", `${name} (option length = ${len} byte${len === 1 ? "" : "s"} says option goes past end of options)`);
      lengthError = true;
      break;
    }
    if (kind === 2) mssSeen = true;
    if (!dissectOption(data, o, len, Math.min(len, capEnd - o), kind, pinfo, x)) {
      if (tree.detailed) tree.setLabel(`Options: (${optlen} bytes)${names}`);
      return o + len > x.hdrRepEnd && x.hdrRepEnd <= start + avail ? OptFail.CONTAINED : OptFail.BOUNDS;
    }
    if (tree.detailed) names += `, ${name}`;
    o += len;
    left -= len - 2;
  }
  if (tree.detailed) tree.setLabel(`Options: (${optlen} bytes)${names}`);
  if (ok && !lengthError && x.flags & TH.SYN && !mssSeen) tcpExpert(pinfo, ei["options.mss.absent"], start, optlen, "note");
  return ok ? OptFail.NONE : OptFail.BOUNDS;
}

/** One option with a length byte, `len` long, of which `cap` bytes were captured. False: ran past them. */
function dissectOption(data: Uint8Array, o: number, len: number, cap: number, kind: number, pinfo: PacketInfo, x: Ctx): boolean {
  const tree = pinfo.tree;
  const { c, s, f, r, cols } = x;
  const write = !x.visited && s >= 0;
  const pf = optionField(kind);
  tree.open(pf, o, cap, view(tree, pf, data, o, o + cap), tree.detailed ? pf.name : undefined);
  tree.add(tcpFields.option_kind, o, 1, kind);
  tree.add(tcpFields.option_len, o + 1, 1, len);
  let ok = true;
  switch (kind) {
    case 2: {
      if (!(x.flags & TH.SYN)) tcpExpert(pinfo, ei["options.mss.present"], o, len, "warn");
      if (!lenOk(pinfo, o, len, 4)) break;
      if (cap < 4) {
        ok = false;
        break;
      }
      const mss = u16(data, o + 2);
      tree.add(tcpFields["options.mss_val"], o + 2, 2, mss);
      if (tree.detailed) tree.setLabel(`TCP Option - Maximum segment size: ${mss} bytes`);
      if (cols) infoUint(pinfo, "MSS", mss);
      break;
    }
    case 3: {
      if (!lenOk(pinfo, o, len, 3)) break;
      if (cap < 3) {
        ok = false;
        break;
      }
      const raw = data[o + 2]!;
      let shift = raw;
      tree.add(tcpFields["options.wscale.shift"], o + 2, 1, raw);
      if (shift > 14) {
        // RFC 7323 §2.3: a shift above 14 is used as 14.
        shift = 14;
        tcpExpert(pinfo, ei["options.wscale.shift.invalid"], o + 2, 1, "warn");
      }
      tree.add(tcpFields["options.wscale.multiplier"], o + 2, 1, 1 << shift, GENERATED);
      if (tree.detailed) tree.setLabel(`TCP Option - Window scale: ${raw} (multiply by ${1 << shift})`);
      if (cols) infoUint(pinfo, "WS", 1 << shift);
      if (write) c.winScale[f] = shift;
      break;
    }
    case 4:
      if (cols) pinfo.info += " SACK_PERM";
      lenOk(pinfo, o, len, 2);
      break;
    case 5: {
      // Edges are shown relative to the peer's initial sequence number.
      const base = s >= 0 ? c.baseSeq[r]! : 0;
      let p = o + 2;
      let rem = len - 2;
      let n = 0;
      let re0 = 0;
      let le1 = 0;
      let re1 = 0;
      while (rem > 0) {
        if (rem < 4) {
          tcpExpert(pinfo, ei.suboption_malformed, p, rem, "error");
          break;
        }
        if (p + 4 > o + cap) {
          ok = false;
          break;
        }
        const le = (u32(data, p) - base) >>> 0;
        tree.add(tcpFields["options.sack_le"], p, 4, le, 0, tree.detailed ? `left edge = ${le} (relative)` : undefined);
        rem -= 4;
        if (rem < 4) {
          tcpExpert(pinfo, ei.suboption_malformed, p, rem, "error");
          break;
        }
        if (p + 8 > o + cap) {
          ok = false;
          break;
        }
        const re = (u32(data, p + 4) - base) >>> 0;
        rem -= 4;
        tree.add(tcpFields["options.sack_re"], p + 4, 4, re, 0, tree.detailed ? `right edge = ${re} (relative)` : undefined);
        if (cols) {
          infoUint(pinfo, "SLE", le);
          infoUint(pinfo, "SRE", re);
        }
        n++;
        if (n === 1) re0 = re;
        if (n === 2) {
          le1 = le;
          re1 = re;
        }
        // Blocks 1..3 are kept: the peer's next segments subtract them from the bytes in flight.
        if (write && n < MAX_SACK_RANGES) {
          c.numSack[f] = n;
          c.sack[f * 6 + 2 * (n - 1)] = le;
          c.sack[f * 6 + 2 * (n - 1) + 1] = re;
        }
        p += 8;
      }
      if (!ok) break;
      tree.add(tcpFields["options.sack.count"], 0, 0, n, GENERATED);
      // RFC 2883 §4: a first block below the ACK, or inside the second block,
      // reports a duplicate (D-SACK). With no complete block Wireshark still
      // compares a zero edge, and then reads past a short option: malformed.
      if (seqLE(re0, x.ack) || (n > 1 && seqLT(le1, re0) && seqGE(re1, re0))) {
        if (len < 6 || cap < 6) {
          ok = false;
          break;
        }
        const le = (u32(data, o + 2) - base) >>> 0;
        tree.add(tcpFields["options.sack.dsack_le"], o + 2, 4, le, GENERATED, tree.detailed ? `D-SACK Left Edge = ${le} (relative)` : undefined);
        if (len < 10 || cap < 10) {
          ok = false;
          break;
        }
        const re = (u32(data, o + 6) - base) >>> 0;
        tree.add(tcpFields["options.sack.dsack_re"], o + 6, 4, re, GENERATED, tree.detailed ? `D-SACK Right Edge = ${re} (relative)` : undefined);
        tcpExpert(pinfo, ei["options.sack.dsack"], o + 2, 8, "warn");
      }
      if (tree.detailed && n > 0) tree.setLabel(`TCP Option - SACK ${sackRanges(data, o, n, base)}`);
      break;
    }
    case 6:
    case 7: {
      if (!lenOk(pinfo, o, len, 6)) break;
      if (cap < 6) {
        ok = false;
        break;
      }
      const v = u32(data, o + 2);
      tree.add(tcpFields["options.echo_value"], o + 2, 4, v);
      if (cols) infoUint(pinfo, "ECHO", v);
      break;
    }
    case 8: {
      if (!lenOk(pinfo, o, len, 10)) break;
      if (cap < 10) {
        ok = false;
        break;
      }
      const tsval = u32(data, o + 2);
      const tsecr = u32(data, o + 6);
      tree.add(tcpFields["options.timestamp.tsval"], o + 2, 4, tsval);
      tree.add(tcpFields["options.timestamp.tsecr"], o + 6, 4, tsecr);
      if (tree.detailed) tree.setLabel(`TCP Option - Timestamps: TSval ${tsval}, TSecr ${tsecr}`);
      if (cols) {
        infoUint(pinfo, "TSval", tsval);
        infoUint(pinfo, "TSecr", tsecr);
      }
      break;
    }
    case 19:
      // RFC 2385 TCP MD5 signature (obsoleted by TCP-AO, RFC 5925).
      if (cols) pinfo.info += " MD5";
      if (!lenOk(pinfo, o, len, 18)) break;
      if (cap < 18) {
        ok = false;
        break;
      }
      tree.add(tcpFields["options.md5.digest"], o + 2, 16, data.subarray(o + 2, o + 18));
      break;
    case 28: {
      // RFC 5482 User Timeout: granularity bit, then 15 bits of timeout.
      if (!lenOk(pinfo, o, len, 4)) break;
      if (cap < 4) {
        ok = false;
        break;
      }
      const v = u16(data, o + 2);
      tree.add(tcpFields["options.user_to_granularity"], o + 2, 2, (v & 0x8000) !== 0);
      tree.add(tcpFields["options.user_to_val"], o + 2, 2, v & 0x7fff);
      if (cols) infoUint(pinfo, "USER_TO", v & 0x7fff);
      break;
    }
    case 30:
      // Multipath TCP (RFC 8684): its subtypes are not dissected yet.
      break;
    case 34:
      if (len === 2) {
        tree.add(tcpFields["options.tfo.request"], o, 2, 1);
        if (cols) pinfo.info += " TFO=R";
      } else {
        if (cap < len) {
          ok = false;
          break;
        }
        tree.add(tcpFields["options.tfo.cookie"], o + 2, len - 2, data.subarray(o + 2, o + len));
        if (cols) pinfo.info += " TFO=C";
        if ((x.flags & (TH.SYN | TH.ACK)) === TH.SYN) tcpExpert(pinfo, ei["analysis.tfo_syn"], o + 2, len - 2, "note");
      }
      break;
    default:
      if (len > 2) {
        if (cap < len) {
          ok = false;
          break;
        }
        tree.add(tcpFields["options.unknown.payload"], o + 2, len - 2, data.subarray(o + 2, o + len));
      }
  }
  tree.close();
  return ok;
}

/** tcp_option_len_check: the option's length byte against the one its kind has. */
function lenOk(pinfo: PacketInfo, o: number, len: number, want: number): boolean {
  if (len === want) return true;
  tcpExpert(pinfo, ei["option.len.invalid"], o + 1, 1, "note", `option length should be ${want}`);
  return false;
}

function sackRanges(data: Uint8Array, o: number, n: number, base: number): string {
  let t = "";
  for (let i = 0; i < n; i++) t += `${i ? " " : ""}${(u32(data, o + 2 + 8 * i) - base) >>> 0}-${(u32(data, o + 6 + 8 * i) - base) >>> 0}`;
  return t;
}
