/** SSL 2.0 records (only the SSLv2-compatible Client Hello matters today). */
import { GENERATED } from "../../tree";
import { g8, g16 } from "../../bytes";
import { addBytes, addNone, addU16, addU24Field, addU8, close, ctx, infoSep, open, setProtocol, validVersion, versionLabel } from "./context";
import { tlsFields as F } from "./fields";
import { SSL2_MSG_TYPES, SSLV2 } from "./tables";

export function sslv2Record(o: number, base: number): number {
  const { d, end, pinfo, tree, s } = ctx;
  const first = g8(d, o, end);
  const hdrLen = first & 0x80 ? 2 : 3;
  const available = end - o;
  if (available < hdrLen) {
    if (pinfo.canDesegment) {
      pinfo.desegmentOffset = o - base;
      pinfo.desegmentLen = -1;
      return -1;
    }
    return o + available;
  }
  const recLen = hdrLen === 2 ? g16(d, o, end) & 0x7fff : g16(d, o, end) & 0x3fff;
  if (available < hdrLen + recLen) {
    if (pinfo.canDesegment) {
      pinfo.desegmentOffset = o - base;
      pinfo.desegmentLen = hdrLen + recLen - available;
      return -1;
    }
    return o + available;
  }
  open(F.record, o, hdrLen + recLen, null);
  try {
    const msgType = g8(d, o + hdrLen, end);
    if (s.version === 0 && msgType >= 2 && msgType <= 8 && ctx.first) s.version = SSLV2;
    setProtocol("SSLv2");
    const name = SSL2_MSG_TYPES.get(msgType);
    if (!name || (msgType === 1 && !validVersion(g16(d, o + hdrLen + 1, end)))) {
      if (tree.detailed) tree.setLabel("SSLv2 Record Layer: Encrypted Data");
      tree.add(F["record.version"], o, 0, SSLV2, GENERATED);
      infoSep("Encrypted Data");
      return o + hdrLen + recLen;
    }
    infoSep(name);
    if (tree.detailed) tree.setLabel(`SSLv2 Record Layer: ${name}`);
    tree.add(F["record.version"], o, 0, SSLV2, GENERATED);
    tree.add(F["record.length"], o, hdrLen, recLen);
    if (hdrLen === 3) {
      tree.add(F["record.is_escape"], o, 1, (first & 0x40) !== 0);
      addU8(F["record.padding_length"], o + 2);
    }
    let p = o + hdrLen;
    tree.add(F["handshake.type"], p, 1, msgType);
    p++;
    if (msgType === 1) {
      const v = addU16(F["handshake.version"], p, versionLabel(F["handshake.version"], g16(d, p, end)));
      void v;
      p += 2;
      const csl = addU16(F["handshake.cipher_spec_len"], p);
      p += 2;
      const sidl = addU16(F["handshake.session_id_length"], p);
      p += 2;
      const chl = addU16(F["handshake.challenge_length"], p);
      p += 2;
      open(F["handshake.ciphersuites"], p, csl, null, ctx.detailed ? `Cipher Specs (${Math.trunc(csl / 3)} spec${Math.trunc(csl / 3) === 1 ? "" : "s"})` : undefined);
      for (let i = 0; i + 3 <= csl; i += 3) addU24Field(F["handshake.cipherspec"], p + i);
      close();
      p += csl;
      if (sidl > 0) {
        addBytes(F["handshake.session_id"], p, sidl);
        p += sidl;
      }
      if (chl > 0) addNone(F["handshake.challenge"], p, chl);
    }
  } finally {
    close();
  }
  return o + hdrLen + recLen;
}
