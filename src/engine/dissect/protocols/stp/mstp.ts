/**
 * The MST extension of an MSTP BPDU (IEEE 802.1Q-2014 §14.6, packet-bpdu.c):
 *
 *   +36 version 3 length (2)  +38 MST configuration identifier: format selector (1),
 *   name (32), revision (2), digest (16)  +89 CIST internal root path cost (4)
 *   +93 CIST bridge identifier (8)  +101 CIST remaining hops (1)
 *   +102 MSTI configuration messages, 16 bytes each
 *
 * Only the IEEE layout is decoded; Cisco's pre-standard layout (version 3
 * length 0, told apart by the frame's length in Wireshark) and SPB's version 4
 * part are left out of the tree (the Info line does not depend on them).
 */
import { asciiString, ensure, g16, g32, g8 } from "../../bytes";
import { bitsLabel } from "../../common";
import { etherAt } from "../../format";
import type { PacketInfo } from "../../packet-info";
import { mstpFields as M, textField } from "./fields";
import { addBridgeId, addFlags } from "./identifiers";

const VERSION_3_LENGTH = 36;
const CONFIG_FORMAT_SELECTOR = 38;
const CONFIG_NAME = 39;
const CONFIG_REVISION = 71;
const CONFIG_DIGEST = 73;
const CIST_ROOT_COST = 89;
const CIST_BRIDGE_ID = 93;
const CIST_REMAINING_HOPS = 101;
const MSTI_START = 102;
/** The fixed part counted by the version 3 length, before the MSTI messages. */
const VERSION_3_STATIC_LENGTH = 64;
const MSTI_MESSAGE_SIZE = 16;

/** Adds the MST extension; returns the BPDU's length (set_actual_length for version 3). */
export function dissectMstExtension(pinfo: PacketInfo, data: Uint8Array, b: number, end: number, version: number): number {
  const tree = pinfo.tree;
  const v3len = g16(data, b + VERSION_3_LENGTH, end);
  tree.add(M.version_3_length, b + VERSION_3_LENGTH, 2, v3len);
  // A length below the fixed part is taken as a count of MSTI messages (Cisco C3550, as packet-bpdu.c notes).
  let mstiLength = 0;
  if (v3len !== 0) mstiLength = v3len >= VERSION_3_STATIC_LENGTH ? v3len - VERSION_3_STATIC_LENGTH : v3len * MSTI_MESSAGE_SIZE;
  const bpduLength = version === 3 ? Math.min(MSTI_START + mstiLength, end - b) : end - b;
  tree.open(textField, b + VERSION_3_LENGTH, bpduLength - VERSION_3_LENGTH, null, "MST Extension");
  tree.add(M.config_format_selector, b + CONFIG_FORMAT_SELECTOR, 1, g8(data, b + CONFIG_FORMAT_SELECTOR, end));
  ensure(b + CONFIG_NAME, 32, end);
  tree.add(M.config_name, b + CONFIG_NAME, 32, tree.wants(M.config_name) || tree.detailed ? asciiString(data, b + CONFIG_NAME, b + CONFIG_NAME + 32) : null);
  tree.add(M.config_revision_level, b + CONFIG_REVISION, 2, g16(data, b + CONFIG_REVISION, end));
  ensure(b + CONFIG_DIGEST, 16, end);
  tree.add(M.config_digest, b + CONFIG_DIGEST, 16, tree.wants(M.config_digest) || tree.detailed ? data.subarray(b + CONFIG_DIGEST, b + CONFIG_DIGEST + 16) : null);
  if (v3len !== 0) {
    tree.add(M.cist_internal_root_path_cost, b + CIST_ROOT_COST, 4, g32(data, b + CIST_ROOT_COST, end));
    addBridgeId(pinfo, data, b + CIST_BRIDGE_ID, end, "CIST Bridge Identifier", M["cist_bridge.prio"], M["cist_bridge.ext"], M["cist_bridge.hw"]);
  }
  tree.add(M.cist_remaining_hops, b + CIST_REMAINING_HOPS, 1, g8(data, b + CIST_REMAINING_HOPS, end));
  for (let o = b + MSTI_START, left = mstiLength; left > 0; o += MSTI_MESSAGE_SIZE, left -= MSTI_MESSAGE_SIZE) addMsti(pinfo, data, o, end);
  tree.close();
  return bpduLength;
}

/** One MSTI configuration message: "MSTID 10, Regional Root Identifier 32768 / aa:bb:…". */
function addMsti(pinfo: PacketInfo, data: Uint8Array, o: number, end: number): void {
  const tree = pinfo.tree;
  ensure(o, MSTI_MESSAGE_SIZE, end);
  const rootId = g16(data, o + 1, end);
  const mstid = rootId & 0x0fff;
  tree.open(textField, o, MSTI_MESSAGE_SIZE, null, tree.detailed ? `MSTID ${mstid}, Regional Root Identifier ${rootId & 0xf000} / ${etherAt(data, o + 3)}` : undefined);
  addFlags(pinfo, o, data[o]!, true, M["msti.flags"]);
  const prio = data[o + 1]! >> 4;
  tree.add(M["msti.priority"], o + 1, 1, prio, 0, tree.detailed ? bitsLabel(data[o + 1]!, 0xf0, 8, `Priority: 0x${prio.toString(16)}`) : undefined);
  tree.add(M["msti.msti_id"], o + 1, 2, mstid);
  tree.add(M["msti.root.hw"], o + 3, 6, tree.wants(M["msti.root.hw"]) ? data.subarray(o + 3, o + 9) : null);
  tree.add(M["msti.root_cost"], o + 9, 4, g32(data, o + 9, end));
  tree.add(M["msti.bridge_priority"], o + 13, 1, data[o + 13]! >> 4);
  tree.add(M["msti.port_priority"], o + 14, 1, data[o + 14]! >> 4);
  tree.add(M["msti.remaining_hops"], o + 15, 1, data[o + 15]!);
  tree.close();
}
