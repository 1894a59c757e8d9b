/**
 * Handshake messages (RFC 8446 §4): the message header, reassembly of
 * messages split across records, encrypted handshakes, Info text, and the
 * dispatch to each message type.
 */
import { GENERATED } from "../../tree";
import { PRESENT } from "../../common";
import { asciiString, ensure, g8, g24 } from "../../bytes";
import { addBytes, addNone, addU8, close, ctx, infoSep, open, shortName } from "./context";
import { extensions } from "./extensions";
import { tlsFields as F } from "./fields";
import { clientHello, helloRetryRequestDraft, newSessionTicket, scanServerHello, serverHello } from "./hello";
import { certificate, certificateRequest, clientKeyExchange, digitallySigned, serverKeyExchange } from "./key-exchange";
import { type HsFragment, type HsPending, trySetVersion } from "./session";
import { HS_TYPES } from "./tables";

function isEncryptedHandshake(o: number, oend: number, maybeEncrypted: boolean): boolean {
  const { d, end, s, pinfo } = ctx;
  if (oend - o < 16) return false;
  if (maybeEncrypted) {
    ensure(o, 5, end);
    maybeEncrypted = d[o] === 0 && d[o + 1] === 0 && d[o + 2] === 0 && d[o + 3] === 0 && d[o + 4] === 0;
    if (!maybeEncrypted) {
      const ccs = ctx.server ? s.serverCcsFrame : s.clientCcsFrame;
      maybeEncrypted = ccs !== 0 && pinfo.num > ccs;
    }
  }
  if (!maybeEncrypted) {
    const t = g8(d, o, end);
    maybeEncrypted = !HS_TYPES.has(t);
    if (!maybeEncrypted) maybeEncrypted = g24(d, o + 1, end) >= 0x10000;
  }
  return maybeEncrypted;
}

/** tls_show_handshake_details: Info and the record/handshake labels. Opens the handshake item (caller closes). */
function showHandshakeDetails(version: number, type: number, encrypted: boolean, firstMsg: boolean, complete: boolean, o: number, len: number): string {
  const { tree } = ctx;
  let name = "Encrypted Handshake Message";
  if (!encrypted) name = HS_TYPES.get(type) ?? name;
  if (complete) infoSep(name);
  else if (firstMsg) infoSep(`[${name} Fragment]`);
  if (tree.detailed) {
    const vname = shortName(version, "TLS");
    if (firstMsg) tree.setLabel(`${vname} Record Layer: Handshake Protocol: ${name}${!complete && !encrypted ? " (fragment)" : ""}`);
    else tree.setLabel(`${vname} Record Layer: Handshake Protocol: Multiple Handshake Messages`);
  }
  open(F.handshake, o, len, null, tree.detailed ? `Handshake Protocol: ${name}${!complete && !encrypted ? " (fragment)" : ""}` : undefined);
  return name;
}

/**
 * dissect_tls_handshake: the handshake messages in one record's [o, oend),
 * with messages spanning records reassembled per direction.
 */
export function handshake(o: number, oend: number, maybeEncrypted: boolean, recordId: string, version: number): void {
  const { d, end, pinfo, tree, s } = ctx;
  const dir = ctx.server ? 1 : 0;
  const fragKey = `${pinfo.num}:${recordId}`;
  let frag: HsFragment | undefined;
  let firstMsg = true;

  if (ctx.first) {
    const pending = s.hs[dir];
    if (pending) {
      // Continue the message a previous record started.
      const head = new Uint8Array(Math.min(4, pending.have + (oend - o)));
      let k = 0;
      for (const p of pending.parts) for (let i = 0; i < p.length && k < head.length; i++) head[k++] = p[i]!;
      for (let i = o; k < head.length; i++) head[k++] = d[i]!;
      let subset = oend - o;
      let msgLen = 0;
      if (head.length >= 4) {
        msgLen = 4 + ((head[1]! << 16) | (head[2]! << 8) | head[3]!);
        if (subset > msgLen - pending.have) subset = msgLen - pending.have;
      }
      if (end < o + subset) {
        s.hs[dir] = null;
      } else {
        const isLast = pending.have + subset === msgLen;
        pending.parts.push(d.slice(o, o + subset));
        pending.frames.push({ frame: pinfo.num, len: subset });
        const fragOffset = pending.have;
        pending.have += subset;
        let message: Uint8Array | null = null;
        if (isLast) {
          message = new Uint8Array(pending.have);
          let p = 0;
          for (const part of pending.parts) {
            message.set(part, p);
            p += part.length;
          }
          s.hs[dir] = null;
        }
        frag = { type: head[0]!, fragOffset, subsetLen: subset, message, reassembledIn: isLast ? pinfo.num : 0, frames: pending.frames };
        s.fragments.set(fragKey, frag);
      }
    }
  } else {
    frag = s.fragments.get(fragKey);
  }

  if (frag && frag.fragOffset !== 0) {
    if (frag.message) {
      // This record completes a message that began earlier.
      addNone(F.handshake, o, frag.subsetLen, tree.detailed ? `Handshake Protocol: ${HS_TYPES.get(frag.type) ?? "Encrypted Handshake Message"} (last fragment)` : undefined);
      o += frag.subsetLen;
      const msg = frag.message;
      const saved = { d: ctx.d, end: ctx.end };
      const prev = pinfo.enterSource(pinfo.addSource("Reassembled TLS Handshake", msg));
      ctx.d = msg;
      ctx.end = msg.length;
      try {
        fragmentTree(frag, msg.length);
        handshakeFull(0, version, true);
      } finally {
        ctx.d = saved.d;
        ctx.end = saved.end;
        pinfo.enterSource(prev);
      }
      firstMsg = false;
      frag = undefined;
    } else {
      // The middle of a message: more records to come.
      showHandshakeDetails(version, frag.type, false, false, false, o, oend - o);
      close();
      if (frag.reassembledIn) tree.add(F["handshake.reassembled_in"], 0, 0, frag.reassembledIn, GENERATED);
      return;
    }
  } else if (!frag) {
    if (isEncryptedHandshake(o, oend, maybeEncrypted)) {
      showHandshakeDetails(version, 0, true, true, true, o, oend - o);
      close();
      return;
    }
  }

  while (o < oend) {
    const subset = oend - o;
    let msgLen = 0;
    if (subset >= 4) msgLen = 4 + g24(d, o + 1, end);
    if (msgLen === 0 || subset < msgLen) {
      // The message goes on in a later record.
      let type: number;
      if (ctx.first) {
        type = g8(d, o, end);
        const pending: HsPending = { type, parts: [d.slice(o, Math.min(end, o + subset))], have: subset, frames: [{ frame: pinfo.num, len: subset }] };
        if (end >= o + subset) {
          s.hs[dir] = pending;
          frag = { type, fragOffset: 0, subsetLen: subset, message: null, reassembledIn: 0, frames: pending.frames };
          s.fragments.set(fragKey, frag);
        }
      } else {
        type = frag ? frag.type : g8(d, o, end);
      }
      showHandshakeDetails(version, type, false, firstMsg, false, o, subset);
      close();
      break;
    }
    handshakeFull(o, version, firstMsg);
    o += msgLen;
    firstMsg = false;
  }
}

function fragmentTree(frag: HsFragment, total: number): void {
  const { tree } = ctx;
  if (!tree.detailed && !tree.wants(F["handshake.fragments"]) && !tree.wants(F["handshake.fragment"]) && !tree.wants(F["handshake.fragment.count"])) return;
  tree.open(F["handshake.fragments"], 0, total, PRESENT, tree.detailed ? `${frag.frames.length} Reassembled Handshake Fragments (${total} bytes): ${frag.frames.map((f) => `#${f.frame}(${f.len})`).join(", ")}` : undefined);
  let off = 0;
  for (const f of frag.frames) {
    tree.add(F["handshake.fragment"], off, f.len, f.frame, GENERATED);
    off += f.len;
  }
  tree.add(F["handshake.fragment.count"], 0, 0, frag.frames.length, GENERATED);
  tree.close();
}

/** dissect_tls_handshake_full: one whole handshake message at `o`. */
function handshakeFull(o: number, version: number, firstMsg: boolean): void {
  const { d, end, pinfo, tree, s } = ctx;
  const type = g8(d, o, end);
  const length = g24(d, o + 1, end);
  let name = HS_TYPES.get(type);
  if (!name && !firstMsg) return;
  let isHrr = false;
  if (firstMsg && type === 2 && length > 2) {
    const sv = scanServerHello(o + 4, o + 4 + length);
    isHrr = sv.hrr;
    // On re-dissection too: the frame starts from the version it first saw (dissector.ts).
    trySetVersion(s, 22, 2, sv.version);
    if (isHrr) name = "Hello Retry Request";
  }
  showHandshakeDetails(version, isHrr ? 6 : type, false, firstMsg, true, o, length + 4);
  try {
    if (!name) return;
    tree.add(F["handshake.type"], o, 1, type);
    tree.add(F["handshake.length"], o + 1, 3, length);
    const b = o + 4;
    const e = b + length;
    switch (type) {
      case 1:
        if (ctx.first && s.serverPort < 0) {
          s.serverAddr = pinfo.netDst;
          s.serverPort = pinfo.dstPort;
        }
        clientHello(b, e);
        break;
      case 2:
        serverHello(b, e, isHrr);
        break;
      case 4:
        newSessionTicket(b, e);
        break;
      case 6:
        helloRetryRequestDraft(b, e);
        break;
      case 8:
        extensions(b, e, 8);
        break;
      case 11:
        certificate(b, e);
        break;
      case 12:
        serverKeyExchange(b, e);
        break;
      case 13:
        certificateRequest(b, e);
        break;
      case 14:
        // A full handshake: the session is certainly not resumed.
        if (ctx.first) s.resumed = false;
        break;
      case 15:
        digitallySigned(b, e, s.version, F["handshake.client_cert_vrfy.sig_len"], F["handshake.client_cert_vrfy.sig"]);
        break;
      case 16:
        clientKeyExchange(b, length);
        break;
      case 20:
        addNone(F["handshake.verify_data"], b, length);
        break;
      case 24:
        addU8(F["handshake.key_update.request_update"], b);
        break;
      case 67: {
        const l = addU8(F["handshake.npn_selected_protocol_len"], b);
        ensure(b + 1, l, end);
        tree.add(F["handshake.npn_selected_protocol"], b + 1, l, asciiString(d, b + 1, b + 1 + l));
        const p = b + 1 + l;
        const pl = addU8(F["handshake.npn_padding_len"], p);
        if (pl > 0) addBytes(F["handshake.npn_padding"], p + 1, pl);
        break;
      }
    }
  } finally {
    close();
  }
}
