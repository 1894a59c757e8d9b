/**
 * The key exchange messages 30–39 as Wireshark 4.0's packet-ssh.c reads
 * them, by the negotiated method: Diffie-Hellman (RFC 4253 §8; also every
 * method 4.0 does not know, such as sntrup761x25519), group exchange
 * (RFC 4419 §3) and ECDH / curve25519 (RFC 5656 §4, RFC 8731). The reply
 * carries the server's host key (RFC 4253 §6.6) and the exchange hash's
 * signature.
 *
 * Reads are bounded by the data, as the tvb's are: a length running past it
 * throws `Truncated` (the caller marks the packet malformed).
 */
import { ensure, g32 } from "../../bytes";
import { expertField } from "../../common";
import { formatText } from "../../format-text";
import type { FieldDef } from "../../field";
import type { PacketInfo } from "../../packet-info";
import { sshFields as F, textField } from "./fields";

/** Which reader messages 30–39 get (ssh_set_kex_specific_dissector). */
export type KexMethod = "dh" | "dh_gex" | "ecdh";

/** ssh_tree_add_mpint: uint32 length and the integer's bytes (RFC 4251 §5). */
function mpint(data: Uint8Array, o: number, end: number, pinfo: PacketInfo, f: FieldDef): number {
  const len = g32(data, o, end);
  pinfo.tree.add(F.mpint_length, o, 4, len);
  ensure(o + 4, len, end);
  pinfo.tree.add(f, o + 4, len, pinfo.tree.wants(f) ? data.subarray(o + 4, o + 4 + len) : null);
  return 4 + len;
}

/** ssh_tree_add_string: uint32 length, then the string as field `f`. */
function string(data: Uint8Array, o: number, end: number, pinfo: PacketInfo, f: FieldDef, lengthField: FieldDef): number {
  const len = g32(data, o, end);
  pinfo.tree.add(lengthField, o, 4, len);
  ensure(o + 4, len, end);
  const value = f.type === "string" ? formatText(data, o + 4, o + 4 + len) : pinfo.tree.wants(f) ? data.subarray(o + 4, o + 4 + len) : null;
  pinfo.tree.add(f, o + 4, len, value);
  return 4 + len;
}

/** The length and type name that open a host key or signature blob, and the subtree titled with the type. */
function blobHead(
  data: Uint8Array,
  o: number,
  end: number,
  pinfo: PacketInfo,
  title: string,
  lengthField: FieldDef,
  typeLengthField: FieldDef,
  typeField: FieldDef,
): { len: number; type: string; typeLen: number } {
  const len = g32(data, o, end);
  const typeLen = g32(data, o + 4, end);
  ensure(o + 8, typeLen, end);
  const type = formatText(data, o + 8, o + 8 + typeLen);
  const tree = pinfo.tree;
  tree.open(textField, o, len + 4, null, tree.detailed ? `${title} (type: ${type})` : undefined);
  tree.add(lengthField, o, 4, len);
  tree.add(typeLengthField, o + 4, 4, typeLen);
  tree.add(typeField, o + 8, typeLen, type);
  return { len, type, typeLen };
}

/** ssh_tree_add_hostkey: K_S, the server's public host key (RFC 4253 §6.6); its whole length. */
function hostKey(data: Uint8Array, start: number, end: number, pinfo: PacketInfo): number {
  const { len, type, typeLen } = blobHead(data, start, end, pinfo, "KEX host key", F["host_key.length"], F["host_key.type_length"], F["host_key.type"]);
  try {
    hostKeyBody(data, start + 8 + typeLen, end, pinfo, type, len - (typeLen + 4));
  } finally {
    pinfo.tree.close();
  }
  return 4 + len;
}

/** The key after its type name, by type; `rest` is what the blob holds after the name. */
function hostKeyBody(data: Uint8Array, o: number, end: number, pinfo: PacketInfo, type: string, rest: number): void {
  if (type === "ssh-rsa") {
    o += mpint(data, o, end, pinfo, F["host_key.rsa.e"]);
    mpint(data, o, end, pinfo, F["host_key.rsa.n"]);
  } else if (type === "ssh-dss") {
    for (const f of [F["host_key.dsa.p"], F["host_key.dsa.q"], F["host_key.dsa.g"]]) o += mpint(data, o, end, pinfo, f);
    mpint(data, o, end, pinfo, F["host_key.dsa.y"]);
  } else if (type.startsWith("ecdsa-sha2-")) {
    o += string(data, o, end, pinfo, F["host_key.ecdsa.id"], F["host_key.ecdsa.id_length"]);
    string(data, o, end, pinfo, F["host_key.ecdsa.q"], F["host_key.ecdsa.q_length"]);
  } else if (type.startsWith("ssh-ed")) {
    string(data, o, end, pinfo, F["host_key.eddsa.key"], F["host_key.eddsa.key_length"]);
  } else {
    ensure(o, rest, end);
    pinfo.tree.add(F["host_key.data"], o, rest, pinfo.tree.wants(F["host_key.data"]) ? data.subarray(o, o + rest) : null);
  }
}

/**
 * ssh_tree_add_hostsignature: the signature of the exchange hash. Wireshark
 * 4.0 decodes only ssh-rsa and ssh-dss signatures; for any other type
 * (rsa-sha2-512 and ssh-ed25519, RFC 8332 and RFC 8709, what OpenSSH sends
 * today) it reads the type alone and warns that it decoded fewer bytes than
 * the blob holds ("legnth" sic). pcapscope says what Wireshark says.
 */
function hostSignature(data: Uint8Array, start: number, end: number, pinfo: PacketInfo): number {
  const { len, type, typeLen } = blobHead(data, start, end, pinfo, "KEX host signature", F["host_sig.length"], F["host_sig.type_length"], F["host_sig.type"]);
  try {
    signatureBody(data, start, end, pinfo, type, typeLen, len);
  } finally {
    pinfo.tree.close();
  }
  return 4 + len;
}

function signatureBody(data: Uint8Array, start: number, end: number, pinfo: PacketInfo, type: string, typeLen: number, len: number): void {
  let o = start + 8 + typeLen;
  if (type === "ssh-rsa") o += mpint(data, o, end, pinfo, F["host_sig.rsa"]);
  else if (type === "ssh-dss") o += mpint(data, o, end, pinfo, F["host_sig.dsa"]);
  else if (!type.startsWith("ecdsa-sha2-") && !type.startsWith("ssh-ed")) {
    // Shown, but not counted as decoded.
    const rest = len - (typeLen + 4);
    ensure(o, rest, end);
    pinfo.tree.add(F["host_sig.data"], o, rest, pinfo.tree.wants(F["host_sig.data"]) ? data.subarray(o, o + rest) : null);
  }
  const decoded = o - start;
  if (decoded !== 4 + len) {
    expertField(pinfo, F["packet_decode.error"], start, 4, "warn", `Decoded ${decoded} bytes, but packet legnth is ${len} bytes`, "Protocol", "SSH");
  }
}

/** The fields of message `code` of `method` from `o` (after the message code); where they end. */
export function kexMessage(data: Uint8Array, o: number, end: number, pinfo: PacketInfo, method: KexMethod, code: number): number {
  if (method === "ecdh") {
    if (code === 30) return o + string(data, o, end, pinfo, F["ecdh.q_c"], F["ecdh.q_c_length"]);
    if (code === 31) {
      o += hostKey(data, o, end, pinfo);
      o += string(data, o, end, pinfo, F["ecdh.q_s"], F["ecdh.q_s_length"]);
      return o + hostSignature(data, o, end, pinfo);
    }
    return o;
  }
  if (method === "dh_gex") {
    switch (code) {
      case 30:
        pinfo.tree.add(F["dh_gex.nbits"], o, 4, g32(data, o, end));
        return o + 4;
      case 31:
        o += mpint(data, o, end, pinfo, F["dh_gex.p"]);
        return o + mpint(data, o, end, pinfo, F["dh_gex.g"]);
      case 32:
        return o + mpint(data, o, end, pinfo, F["dh.e"]);
      case 33:
        o += hostKey(data, o, end, pinfo);
        o += mpint(data, o, end, pinfo, F["dh.f"]);
        return o + hostSignature(data, o, end, pinfo);
      case 34:
        for (const f of [F["dh_gex.min"], F["dh_gex.nbits"], F["dh_gex.max"]]) {
          pinfo.tree.add(f, o, 4, g32(data, o, end));
          o += 4;
        }
        return o;
    }
    return o;
  }
  if (code === 30) return o + mpint(data, o, end, pinfo, F["dh.e"]);
  if (code === 31) {
    o += hostKey(data, o, end, pinfo);
    o += mpint(data, o, end, pinfo, F["dh.f"]);
    return o + hostSignature(data, o, end, pinfo);
  }
  return o;
}
