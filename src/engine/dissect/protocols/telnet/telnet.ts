/**
 * The Telnet dissector (Wireshark 4.0's packet-telnet.c, RFC 854) on TCP 23:
 * Info is always "Telnet Data ..."; the tree shows the text a line at a time
 * and each command (IAC, RFC 854 p. 14): option negotiation (WILL/WONT/DO/
 * DONT + option, RFC 855) and suboptions (IAC SB … IAC SE) with their bytes.
 * An IAC as the segment's last byte (its command is in the next segment) is,
 * as in Wireshark, a malformed packet.
 */
import { register } from "../../dissector";
import { enterLayer, malformed } from "../../common";
import { defineFields, vals } from "../../field";
import { formatText } from "../../format-text";
import type { PacketInfo } from "../../packet-info";
import { CR, findLineEnd, LF, line } from "../text-lines";
import { dissectSuboption } from "./suboptions";

const IAC = 255;
const DONT = 254;
const DO = 253;
const WONT = 252;
const WILL = 251;
const SB = 250;

const COMMANDS = vals({
  236: "End of File",
  237: "Suspend Current Process",
  238: "Abort Process",
  239: "End of Record",
  240: "Suboption End",
  241: "No Operation",
  242: "Data Mark",
  243: "Break",
  244: "Interrupt Process",
  245: "Abort Output",
  246: "Are You There?",
  247: "Escape Character",
  248: "Erase Line",
  249: "Go Ahead",
  254: "Don't",
  253: "Do",
  252: "Won't",
  251: "Will",
  250: "Suboption",
});

/** Option names by code (the IANA Telnet options registry as Wireshark names them). */
const OPTIONS = [
  "Binary Transmission", "Echo", "Reconnection", "Suppress Go Ahead", "Approx Message Size Negotiation", "Status", "Timing Mark",
  "Remote Controlled Trans and Echo", "Output Line Width", "Output Page Size", "Output Carriage-Return Disposition",
  "Output Horizontal Tab Stops", "Output Horizontal Tab Disposition", "Output Formfeed Disposition", "Output Vertical Tabstops",
  "Output Vertical Tab Disposition", "Output Linefeed Disposition", "Extended ASCII", "Logout", "Byte Macro", "Data Entry Terminal",
  "SUPDUP", "SUPDUP Output", "Send Location", "Terminal Type", "End of Record", "TACACS User Identification", "Output Marking",
  "Terminal Location Number", "Telnet 3270 Regime", "X.3 PAD", "Negotiate About Window Size", "Terminal Speed", "Remote Flow Control",
  "Linemode", "X Display Location", "Environment Option", "Authentication Option", "Encryption Option", "New Environment Option",
  "TN3270E", "XAUTH", "CHARSET", "Remote Serial Port", "COM Port Control", "Suppress Local Echo", "Start TLS", "KERMIT", "SEND-URL",
  "FORWARD_X",
];

export const telnetFields = defineFields("telnet", {
  "": { name: "Telnet", type: "protocol" },
  cmd: { name: "Command", type: "uint8", vals: COMMANDS },
  subcmd: { name: "Subcommand", type: "uint8" },
  data: { name: "Data", type: "string" },
  option_data: { name: "Option data", type: "bytes" },
  command_header: { name: "Command header", type: "none" },
});

/** RFC 854: the Telnet port. */
export const TELNET_PORT = 23;

function optionName(code: number): string {
  return OPTIONS[code] ?? "<unknown option>";
}

export const telnet = {
  name: "telnet",
  dissect(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
    if (!pinfo.inErrorPacket) {
      pinfo.protocol = "TELNET";
      if (pinfo.wantColumns) pinfo.info = "Telnet Data ...";
    }
    enterLayer(pinfo, "telnet");
    const tree = pinfo.tree;
    tree.open(telnetFields[""], offset, end - offset);
    let o = offset;
    while (o < end) {
      const iac = findUnescapedIac(data, o, end);
      if (iac === THROWN) return fail(pinfo, end, offset);
      if (iac < 0) {
        addText(pinfo, data, o, end);
        break;
      }
      if (iac > o) addText(pinfo, data, o, iac);
      const next = command(pinfo, data, offset, iac, end);
      if (next === THROWN) return fail(pinfo, end, offset);
      o = next;
    }
    tree.close();
    return end - offset;
  },
};

/** A read past the segment's end: Wireshark's exception, shown as a malformed packet. */
const THROWN = -2;

function fail(pinfo: PacketInfo, end: number, offset: number): number {
  pinfo.tree.close();
  malformed(pinfo, "TELNET", end, "Exception occurred");
  return end - offset;
}

/** find_unescaped_iac: the next IAC that is not "IAC IAC" (a data byte 255), -1, or THROWN when it is the last byte. */
function findUnescapedIac(data: Uint8Array, o: number, end: number): number {
  for (;;) {
    while (o < end && data[o] !== IAC) o++;
    if (o >= end) return -1;
    if (o + 1 >= end) return THROWN;
    if (data[o + 1] !== IAC) return o;
    o += 2;
  }
}

/** telnet_command: IAC, the command, its option and a suboption's bytes up to the IAC of IAC SE. */
function command(pinfo: PacketInfo, data: Uint8Array, base: number, start: number, end: number): number {
  const tree = pinfo.tree;
  const code = data[start + 1]!;
  let o = start + 2;
  const verb = code === WILL ? "Will" : code === WONT ? "Won't" : code === DO ? "Do" : code === DONT ? "Don't" : code === SB ? "Suboption" : null;
  const label = verb === null ? COMMANDS.get(code) ?? "<unknown option>" : null;
  tree.open(telnetFields.command_header, start, 2, null, label ?? undefined);
  tree.add(telnetFields.cmd, start + 1, 1, code);
  if (verb !== null) {
    if (o >= end) {
      tree.close();
      return THROWN;
    }
    const opt = data[o]!;
    tree.setLabel(`${verb} ${optionName(opt)}`);
    tree.add(telnetFields.subcmd, o, 1, opt, 0, tree.detailed ? `Subcommand: ${optionName(opt)}` : undefined);
    o++;
    if (code === SB) o = subOption(pinfo, data, base, o, end);
  }
  tree.close(o - start);
  return o;
}

/**
 * telnet_sub_option: the suboption's parameters run to the next single IAC
 * (RFC 855). `base` is where the Telnet payload starts: Wireshark compares the
 * IAC's offset in the payload with the length left after the option code, and
 * an IAC past that point ends the parameters even when doubled; kept for the
 * same result.
 */
function subOption(pinfo: PacketInfo, data: Uint8Array, base: number, paramsAt: number, end: number): number {
  const len = end - paramsAt;
  let cur = paramsAt;
  let stop = end;
  for (;;) {
    let iac = cur;
    while (iac < end && data[iac] !== IAC) iac++;
    if (iac >= end) break;
    if (iac - base + 1 >= len || data[iac + 1] !== IAC) {
      stop = iac;
      break;
    }
    cur = iac + 2;
  }
  if (stop > paramsAt) {
    // Doubled IACs in the parameters stand for one data byte 255.
    let params = data.subarray(paramsAt, stop);
    if (params.includes(IAC)) {
      const out: number[] = [];
      for (let i = 0; i < params.length; i++) {
        out.push(params[i]!);
        if (params[i] === IAC && params[i + 1] === IAC) i++;
      }
      params = Uint8Array.from(out);
    }
    const opt = data[paramsAt - 1]!;
    if (!dissectSuboption(pinfo, telnetFields.subcmd, opt, optionName(opt), params, paramsAt) && (pinfo.tree.detailed || pinfo.tree.wants(telnetFields.option_data))) {
      pinfo.tree.add(telnetFields.option_data, paramsAt, stop - paramsAt, params);
    }
  }
  return stop;
}

/** telnet_add_text: a data item per line; a lone CR continues the line unless CR NUL or CR LF ends it (RFC 854 p. 11). */
function addText(pinfo: PacketInfo, data: Uint8Array, o: number, end: number): void {
  const tree = pinfo.tree;
  if (!tree.detailed && !tree.wants(telnetFields.data)) return;
  while (o < end) {
    findLineEnd(data, o, end, false);
    let next = line.next;
    if (next === o + line.len + 1 && next < end && data[o + line.len] === CR) {
      let lastWasCr = true;
      while (next < end) {
        const c = data[next++]!;
        if (c === LF || (c === 0 && lastWasCr)) break;
        lastWasCr = c === CR;
      }
    }
    // An ENC_ASCII string ends at a NUL (CR NUL is Telnet's bare CR).
    let nul = o;
    while (nul < next && data[nul] !== 0) nul++;
    tree.add(telnetFields.data, o, next - o, formatText(data, o, nul));
    o = next;
  }
}

register("tcp.port", TELNET_PORT, telnet);
