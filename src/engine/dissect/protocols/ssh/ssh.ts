/**
 * The SSH dissector (Wireshark 4.0's packet-ssh.c) on TCP 22: the version
 * exchange ("Protocol (SSH-2.0-…)", RFC 4253 §4.2), then the binary packets
 * of the key exchange in clear (RFC 4253 §6: length, padding, message code
 * named by the negotiated method), and after each side's NEWKEYS its
 * encrypted packets. Info is "Client: " or "Server: " and the messages of the
 * segment joined by ", "; Protocol is "SSH" until the client's version says
 * "SSHv2" (or "SSHv1"). Packets that span segments are reassembled by TCP.
 */
import { register } from "../../dissector";
import { Truncated } from "../../bytes";
import { enterLayer, malformed, u32 } from "../../common";
import { md5Hex } from "../../md5";
import { formatText } from "../../format-text";
import type { PacketInfo } from "../../packet-info";
import { GENERATED, type ProtoTree } from "../../tree";
import { ConnectionTable, startsWithCi } from "../text-lines";
import { kexMessage } from "./kex";
import { DECRYPTABLE_CIPHERS, DH_GEX_NAMES, DH_NAMES, ECDH_NAMES, MESSAGE_NAMES, NAME_LISTS, SSH_PORTS, sshFields } from "./fields";

const UNKNOWN = 0;
const V1 = 1;
const V2 = 2;

/** One side of the connection (ssh_peer_data). */
class Peer {
  frameVersionStart = 0;
  frameVersionEnd = 0;
  frameKeyStart = 0;
  frameKeyEnd = 0;
  frameKeyEndOffset = 0;
  kexProposal: string | null = null;
  /** Its encryption name-lists, client-to-server and server-to-client. */
  encProposals: [string | null, string | null] = [null, null];
  /** The cipher agreed for this direction (at the key exchange reply). */
  enc: string | null = null;
}

class SshConv {
  version = UNKNOWN;
  kex: string | null = null;
  kexNames: ReadonlyMap<number, string> = DH_NAMES;
  readonly peers = [new Peer(), new Peer()] as const;
}

const PORT_SET = new Set<number>(SSH_PORTS);

/** RFC 4253 §7.1: the first client algorithm the server also lists. */
function chooseAlgorithm(client: string | null, server: string | null): string | null {
  if (client === null || server === null) return null;
  const offered = new Set(server.split(","));
  for (const c of client.split(",")) if (offered.has(c)) return c;
  return null;
}

/** ssh_set_kex_specific_dissector: which names messages 30–39 get. */
function kexNamesFor(kex: string): ReadonlyMap<number, string> | null {
  if (kex === "diffie-hellman-group-exchange-sha1" || kex === "diffie-hellman-group-exchange-sha256") return DH_GEX_NAMES;
  if (kex.startsWith("ecdh-sha2-") || kex === "curve25519-sha256@libssh.org" || kex === "curve25519-sha256" || kex === "curve448-sha512") return ECDH_NAMES;
  if (/^diffie-hellman-group(14-sha256|16-sha512|18-sha512|1-sha1|14-sha1)$/.test(kex)) return DH_NAMES;
  return null;
}

/** Where the current packet stopped: offset reached, or TCP was asked for more. */
const NEED_MORE = -1;

export const ssh = {
  name: "ssh",
  dissect(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
    const conv = pinfo.state.get("ssh", () => new ConnectionTable(() => new SshConv())).get(pinfo);
    // Wireshark: a response when the destination is not the port the table matched.
    const isResponse = !(PORT_SET.has(pinfo.dstPort) && !(PORT_SET.has(pinfo.srcPort) && pinfo.srcPort < pinfo.dstPort));
    const peer = conv.peers[isResponse ? 1 : 0];
    const quoted = pinfo.inErrorPacket;
    const columns = pinfo.wantColumns && !quoted;
    if (!quoted) pinfo.protocol = conv.version === V1 ? "SSHv1" : conv.version === V2 ? "SSHv2" : "SSH";
    enterLayer(pinfo, "ssh");
    const tree = pinfo.tree;
    tree.open(sshFields[""], offset, end - offset);
    const info: string[] = [];
    let o = offset;
    while (o < end) {
      const last = o;
      const afterStart = peer.frameVersionStart === 0 || pinfo.num >= peer.frameVersionStart;
      const beforeEnd = peer.frameVersionEnd === 0 || pinfo.num <= peer.frameVersionEnd;
      if (afterStart && beforeEnd && startsWithCi(data, o, end, "SSH-")) {
        if (peer.frameVersionStart === 0 && !pinfo.visited) peer.frameVersionStart = pinfo.num;
        o = versionLine(data, offset, o, end, pinfo, conv, isResponse, info);
        if (o === NEED_MORE) return askedForMore(pinfo, columns, info, end - offset);
        if (!pinfo.visited) peer.frameVersionEnd = pinfo.num;
      } else if (conv.version === V2) {
        o = binaryPackets(data, offset, o, end, pinfo, conv, peer, info);
        if (o === NEED_MORE) return askedForMore(pinfo, columns, info, end - offset);
      } else {
        // Before a version (or SSHv1, not dissected further): Wireshark's "encrypted" view.
        o = encrypted(data, o, end, pinfo, info);
      }
      if (o <= last) break;
    }
    tree.add(sshFields.direction, offset, 0, isResponse, GENERATED);
    tree.close();
    if (columns) pinfo.info = `${isResponse ? "Server" : "Client"}: ${info.join(", ")}`;
    return end - offset;
  },
};

/**
 * TCP was asked for more: dissect_ssh clears Info on entry and returns before
 * it adds "Client: ", so Info holds only the messages this segment finished
 * (a KEXINIT cut across segments shows "[TCP segment of a reassembled PDU]"
 * alone, as TCP appends it).
 */
function askedForMore(pinfo: PacketInfo, columns: boolean, info: string[], consumed: number): number {
  pinfo.tree.close();
  if (columns) pinfo.info = info.join(", ");
  return consumed;
}

/** ssh_dissect_protocol: the identification line up to LF (RFC 4253 §4.2). */
function versionLine(data: Uint8Array, base: number, o: number, end: number, pinfo: PacketInfo, conv: SshConv, isResponse: boolean, info: string[]): number {
  let version = conv.version;
  if (!isResponse) {
    if (startsWithCi(data, o, end, "SSH-2.") || startsWithCi(data, o, end, "SSH-1.99-")) version = V2;
    else if (startsWithCi(data, o, end, "SSH-1.")) version = V1;
  }
  let lf = o;
  while (lf < end && data[lf] !== 0x0a) lf++;
  if (lf >= end && pinfo.canDesegment) {
    pinfo.desegmentOffset = o - base;
    pinfo.desegmentLen = -1;
    return NEED_MORE;
  }
  let linelen: number;
  let protolen: number;
  if (lf >= end) {
    linelen = end - o;
    protolen = linelen;
  } else {
    linelen = lf - o + 1;
    protolen = linelen > 1 && data[o + linelen - 2] === 0x0d ? linelen - 2 : linelen - 1;
  }
  const text = formatText(data, o, o + protolen);
  info.push(`Protocol (${text})`);
  pinfo.tree.add(sshFields.protocol, o, protolen, text);
  if (!pinfo.visited) conv.version = version;
  return o + linelen;
}

/** ssh_dissect_encrypted_packet: the rest of the segment, its first 4 bytes the encrypted length. */
function encrypted(data: Uint8Array, o: number, end: number, pinfo: PacketInfo, info: string[]): number {
  const len = end - o;
  info.push(`Encrypted packet (len=${len})`);
  const tree = pinfo.tree;
  if (len > 4) tree.add(sshFields.packet_length_encrypted, o, 4, data.subarray(o, o + 4));
  const at = len > 4 ? o + 4 : o;
  if (tree.detailed || tree.wants(sshFields.encrypted_packet)) tree.add(sshFields.encrypted_packet, at, end - at, data.subarray(at, end));
  return end;
}

/** ssh_dissect_ssh2: key exchange packets until this side's NEWKEYS, encrypted ones after. */
function binaryPackets(data: Uint8Array, base: number, o: number, end: number, pinfo: PacketInfo, conv: SshConv, peer: Peer, info: string[]): number {
  while (o < end) {
    const inKex =
      peer.frameKeyStart === 0 ||
      (peer.frameKeyStart <= pinfo.num && (peer.frameKeyEnd === 0 || pinfo.num < peer.frameKeyEnd || (pinfo.num === peer.frameKeyEnd && o - base < peer.frameKeyEndOffset)));
    if (!inKex) {
      if (peer.enc !== null && DECRYPTABLE_CIPHERS.has(peer.enc)) {
        // Wireshark "decrypts" with zero keys, finds no sensible length and shows nothing.
        return end;
      }
      return encrypted(data, o, end, pinfo, info);
    }
    o = keyExchangePacket(data, base, o, end, pinfo, conv, peer, info);
    if (o === NEED_MORE) return NEED_MORE;
  }
  return o;
}

/** ssh_dissect_key_exchange: one binary packet in clear (RFC 4253 §6). */
function keyExchangePacket(data: Uint8Array, base: number, o: number, end: number, pinfo: PacketInfo, conv: SshConv, peer: Peer, info: string[]): number {
  const tree = pinfo.tree;
  const remain = end - o;
  if (pinfo.canDesegment && remain < 4) {
    pinfo.desegmentOffset = o - base;
    pinfo.desegmentLen = -1;
    return NEED_MORE;
  }
  if (remain < 4) return end;
  let plen = u32(data, o);
  if (pinfo.canDesegment && plen + 4 > remain) {
    pinfo.desegmentOffset = o - base;
    pinfo.desegmentLen = plen + 4 - remain;
    return NEED_MORE;
  }
  tree.add(sshFields.packet_length, o, 4, plen);
  if (plen >= 0xffff) {
    tree.expert(o, 4, "warn", `Overly large number ${plen}`);
    plen = remain - 4;
  }
  const start = o;
  o += 4;
  if (o + 2 > end) return end;
  const padding = data[o]!;
  tree.add(sshFields.padding_length, o, 1, padding);
  o++;
  const code = data[o]!;
  tree.add(sshFields.message_code, o, 1, code);
  o++;
  if (code >= 30 && code < 40) {
    info.push(conv.kexNames.get(code) ?? `Unknown (${code})`);
    // The reply of any method fixes the ciphers (ssh_choose_enc_mac).
    const reply = conv.kexNames === DH_GEX_NAMES ? 33 : 31;
    if (!pinfo.visited && code === reply) chooseCiphers(conv);
    const method = conv.kexNames === DH_GEX_NAMES ? "dh_gex" : conv.kexNames === ECDH_NAMES ? "ecdh" : "dh";
    try {
      o = kexMessage(data, o, end, pinfo, method, code);
    } catch (e) {
      if (!(e instanceof Truncated)) throw e;
      // A length past the data: Wireshark's tvb read throws and the packet is malformed.
      malformed(pinfo, "SSH", o, "key exchange field runs past the end of the data");
      return end;
    }
  } else {
    info.push(MESSAGE_NAMES.get(code) ?? `Unknown (${code})`);
    if (code === 20) o = keyInit(data, o, Math.min(start + 4 + plen, end), pinfo, conv, peer);
    else if (code === 21 && peer.frameKeyEnd === 0 && !pinfo.visited) {
      peer.frameKeyEnd = pinfo.num;
      peer.frameKeyEndOffset = o - base;
    }
  }
  const payloadEnd = Math.min(start + 4 + plen - padding, end);
  if (payloadEnd > o) tree.add(sshFields.payload, o, payloadEnd - o, data.subarray(o, payloadEnd));
  const packetEnd = Math.min(start + 4 + plen, end);
  if (packetEnd > payloadEnd && payloadEnd >= o) tree.add(sshFields.padding_string, payloadEnd, packetEnd - payloadEnd, data.subarray(payloadEnd, packetEnd));
  return Math.max(packetEnd, start + 1);
}

/** ssh_choose_enc_mac: each direction's cipher, the client's first choice the server also offers. */
function chooseCiphers(conv: SshConv): void {
  const [client, server] = conv.peers;
  client.enc ??= chooseAlgorithm(client.encProposals[0], server.encProposals[0]);
  server.enc ??= chooseAlgorithm(client.encProposals[1], server.encProposals[1]);
}

/** SSH_MSG_KEXINIT: cookie and the ten name-lists (RFC 4253 §7.1). */
function keyInit(data: Uint8Array, o: number, end: number, pinfo: PacketInfo, conv: SshConv, peer: Peer): number {
  const tree = pinfo.tree;
  if ((peer.frameKeyStart === 0 || peer.frameKeyStart === pinfo.num) && !pinfo.visited) peer.frameKeyStart = pinfo.num;
  if (o + 16 > end) return end;
  tree.add(sshFields.cookie, o, 16, data.subarray(o, o + 16));
  o += 16;
  const lists: string[] = [];
  for (const name of NAME_LISTS) {
    if (o + 4 > end) return end;
    const len = u32(data, o);
    tree.add(sshFields[`${name}_length`], o, 4, len);
    o += 4;
    const e = Math.min(o + len, end);
    const text = formatText(data, o, e);
    tree.add(sshFields[name], o, e - o, text);
    lists.push(text);
    o = e;
  }
  if (o + 5 <= end) {
    tree.add(sshFields.first_kex_packet_follows, o, 1, data[o]!);
    tree.add(sshFields["kex.reserved"], o + 1, 4, data.subarray(o + 1, o + 5));
    o += 5;
  }
  hassh(tree, o, lists, peer === conv.peers[1]);
  if (!pinfo.visited) {
    peer.kexProposal = lists[0] ?? null;
    peer.encProposals = [lists[2] ?? null, lists[3] ?? null];
    const [client, server] = conv.peers;
    if (conv.kex === null && client.kexProposal !== null && server.kexProposal !== null) {
      conv.kex = chooseAlgorithm(client.kexProposal, server.kexProposal);
      const names = conv.kex === null ? null : kexNamesFor(conv.kex);
      if (names) conv.kexNames = names;
    }
  }
  return o;
}

/**
 * hassh and hasshServer (Salesforce's fingerprints, which Wireshark adds to
 * each KEXINIT): the kex, encryption, MAC and compression name-lists of the
 * sender's own direction joined by ";", and their MD5.
 */
function hassh(tree: ProtoTree, o: number, lists: readonly string[], server: boolean): void {
  const [algos, hash] = server
    ? [sshFields["kex.hasshserver_algorithms"], sshFields["kex.hasshserver"]]
    : [sshFields["kex.hassh_algorithms"], sshFields["kex.hassh"]];
  if (!tree.detailed && !tree.wants(algos) && !tree.wants(hash)) return;
  const dir = server ? 1 : 0;
  const text = [lists[0], lists[2 + dir], lists[4 + dir], lists[6 + dir]].join(";");
  tree.add(algos, o, 0, text, GENERATED);
  tree.add(hash, o, 0, md5Hex(text), GENERATED);
}

register("tcp.port", SSH_PORTS, ssh);
