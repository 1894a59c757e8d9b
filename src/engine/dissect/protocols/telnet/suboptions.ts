/**
 * The Telnet suboption parameters Wireshark 4.0 dissects for the options a
 * login session negotiates: Terminal Type (RFC 1091) and X Display Location
 * (RFC 1096) — "IS <text>" or "SEND" — the window size (NAWS, RFC 1073) and
 * remote flow control (RFC 1372).
 * Other options' parameters are shown as bytes (telnet.option_data), as
 * Wireshark does for the options it has no dissector for; the other option
 * dissectors Wireshark has (COM port, authentication, encryption, TN3270E…)
 * are not done here and show as bytes too.
 */
import { defineFields, type FieldDef } from "../../field";
import type { PacketInfo } from "../../packet-info";

export const suboptionFields = defineFields("telnet", {
  "string_subopt.value": { name: "Value", type: "string" },
  subcommand_data: { name: "Subcommand data", type: "bytes" },
  "naws_subopt.width": { name: "Width", type: "uint16" },
  "naws_subopt.height": { name: "Height", type: "uint16" },
  "rfc_subopt.cmd": { name: "Command", type: "uint8", vals: { 0: "OFF", 1: "ON", 2: "RESTART-ANY", 3: "RESTART-XON" } },
});

const TERMINAL_TYPE = 24;
const NAWS = 31;
const X_DISPLAY_LOCATION = 35;
const REMOTE_FLOW_CONTROL = 33;

const latin1 = new TextDecoder("latin1");

/**
 * Dissects the parameters of option `opt` in params (IAC IAC already
 * undone); returns false when there is no dissector for the option.
 */
export function dissectSuboption(pinfo: PacketInfo, subcmd: FieldDef, opt: number, optName: string, params: Uint8Array, at: number): boolean {
  const tree = pinfo.tree;
  const len = params.length;
  if (opt === TERMINAL_TYPE || opt === X_DISPLAY_LOCATION) {
    // VARIABLE_LENGTH, at least 1 byte.
    if (len < 1) {
      tree.expert(at, 0, "warn", `Suboption parameter length is ${len}, should be at least 1`);
      return true;
    }
    const cmd = params[0]!;
    if (cmd === 0) {
      tree.add(subcmd, at, 1, cmd, 0, tree.detailed ? `Here's my ${optName}` : undefined);
      if (len > 1) tree.add(suboptionFields["string_subopt.value"], at + 1, len - 1, latin1.decode(params.subarray(1)));
    } else if (cmd === 1) {
      tree.add(subcmd, at, 1, cmd, 0, tree.detailed ? `Send your ${optName}` : undefined);
      if (len > 1) tree.add(suboptionFields.subcommand_data, at + 1, len - 1, params.subarray(1));
    } else {
      tree.expert(at, 1, "warn", `Invalid ${optName} subcommand ${cmd}`);
      if (len > 1) tree.add(suboptionFields.subcommand_data, at + 1, len - 1, params.subarray(1));
    }
    return true;
  }
  if (opt === NAWS) {
    // FIXED_LENGTH 4: width and height, 16 bits each.
    if (len !== 4) {
      tree.expert(at, 0, "warn", `Suboption parameter length is ${len}, should be 4`);
      return true;
    }
    tree.add(suboptionFields["naws_subopt.width"], at, 2, (params[0]! << 8) | params[1]!);
    tree.add(suboptionFields["naws_subopt.height"], at + 2, 2, (params[2]! << 8) | params[3]!);
    return true;
  }
  if (opt === REMOTE_FLOW_CONTROL) {
    // RFC 1372: FIXED_LENGTH 1, the command.
    if (len !== 1) {
      tree.expert(at, 0, "warn", `Suboption parameter length is ${len}, should be 1`);
      return true;
    }
    tree.add(suboptionFields["rfc_subopt.cmd"], at, 1, params[0]!);
    return true;
  }
  return false;
}
