/** Hello extensions (RFC 6066, RFC 7301, RFC 8446 §4.2, ...). */
import { MISSING } from "../../common";
import { TEXT } from "../dns";
import { asciiString, ensure, g16 } from "../../bytes";
import { addBytes, addNone, addU16, addU32, addU8, close, ctx, endVector, open, vector, versionLabel } from "./context";
import { tlsFields as F } from "./fields";
import { JA3_EXTS_ONLY, JA3_NO_EXTS, isGrease, ja3 } from "./ja3";
import { ALPN_APPS, EXT_TYPES, GROUPS, SIG_ALGS, SIG_HASH, SIG_SIG } from "./tables";

export function sigHashAlgs(o: number, oend: number): number {
  const { d, end, tree } = ctx;
  const len = vector(F["handshake.sig_hash_alg_len"], o, oend, 2, 0xfffe);
  if (len === null) return oend;
  o += 2;
  const next = o + len;
  open(F["handshake.sig_hash_algs"], o, len, null, ctx.detailed ? `Signature Hash Algorithms (${len >> 1} algorithm${len >> 1 === 1 ? "" : "s"})` : undefined);
  while (o + 2 <= next) {
    const alg = g16(d, o, end);
    open(F["handshake.sig_hash_alg"], o, 2, alg, ctx.detailed ? `Signature Algorithm: ${sigAlgName(alg)} (0x${alg.toString(16).padStart(4, "0")})` : undefined);
    tree.add(F["handshake.sig_hash_hash"], o, 1, alg >> 8);
    tree.add(F["handshake.sig_hash_sig"], o + 1, 1, alg & 0xff);
    close();
    o += 2;
  }
  close();
  if (!endVector(o, next)) o = next;
  return o;
}

export function sigAlgName(alg: number): string {
  return SIG_ALGS.get(alg) ?? `${SIG_HASH.get(alg >> 8) ?? "Unknown"} ${SIG_SIG.get(alg & 0xff) ?? "Unknown"}`;
}

/** ssl_dissect_hnd_extension: the extensions vector at `o`; `hs` is the handshake type it belongs to. */
export function extensions(o: number, oend: number, hs: number): number {
  const { d, end, tree } = ctx;
  const total = vector(F["handshake.extensions_length"], o, oend, 0, 0xffff);
  if (total === null) {
    ja3.cut = JA3_NO_EXTS;
    return oend;
  }
  o += 2;
  oend = o + total;
  while (oend - o >= 4) {
    const type = g16(d, o, end);
    const declared = g16(d, o + 2, end);
    open(TEXT, o, 4 + declared, null, ctx.detailed ? `Extension: ${EXT_TYPES.get(type) ?? `Unknown type ${type}`} (len=${declared})` : undefined);
    try {
      tree.add(F["handshake.extension.type"], o, 2, type);
      if (ja3.on && !isGrease(type)) ja3.exts.push(type);
      o += 2;
      const len = vector(F["handshake.extension.len"], o, oend, 0, 0xffff);
      if (len === null) {
        ja3.cut = JA3_EXTS_ONLY;
        return oend;
      }
      o += 2;
      const next = o + len;
      o = extension(type, o, next, hs);
      if (!endVector(o, next)) o = next;
    } finally {
      close();
    }
  }
  if (!endVector(o, oend)) o = oend;
  return o;
}

function extension(type: number, o: number, next: number, hs: number): number {
  const { d, end, tree, s } = ctx;
  switch (type) {
    case 0: {
      // server_name (RFC 6066 §3); a server answers with an empty one.
      if (o === next) return o;
      ensure(o, next - o, end);
      open(TEXT, o, next - o, null, "Server Name Indication extension");
      try {
        const listLen = vector(F["handshake.extensions_server_name_list_len"], o, next, 1, 0xffff);
        if (listLen === null) return next;
        o += 2;
        const listEnd = o + listLen;
        while (o < listEnd) {
          addU8(F["handshake.extensions_server_name_type"], o);
          o++;
          const nl = vector(F["handshake.extensions_server_name_len"], o, listEnd, 1, 0xffff);
          if (nl === null) return listEnd;
          o += 2;
          ensure(o, nl, end);
          tree.add(F["handshake.extensions_server_name"], o, nl, asciiString(d, o, o + nl));
          o += nl;
        }
        return o;
      } finally {
        close();
      }
    }
    case 1:
      addU8(F["handshake.max_fragment_length"], o);
      return o + 1;
    case 5: {
      if (hs !== 1) return o;
      // status_request (RFC 6066 §8)
      const t = addU8(F["handshake.extensions_status_request_type"], o);
      o++;
      if (t === 1) {
        const rl = vector(F["handshake.extensions_status_request_responder_ids_len"], o, next, 0, 0xffff);
        if (rl === null) return next;
        o += 2 + rl;
        const el = vector(F["handshake.extensions_status_request_exts_len"], o, next, 0, 0xffff);
        if (el === null) return next;
        o += 2 + el;
      }
      return o;
    }
    case 10: {
      const len = vector(F["handshake.extensions_supported_groups_length"], o, next, 2, 0xffff);
      if (len === null) return next;
      o += 2;
      const listEnd = o + len;
      open(F["handshake.extensions_supported_groups"], o, len, null, ctx.detailed ? `Supported Groups (${len >> 1} group${len >> 1 === 1 ? "" : "s"})` : undefined);
      while (o + 2 <= listEnd) {
        const g = addU16(F["handshake.extensions_supported_group"], o);
        if (ja3.on && hs === 1 && !isGrease(g)) ja3.groups.push(g);
        o += 2;
      }
      close();
      if (!endVector(o, listEnd)) o = listEnd;
      return o;
    }
    case 11: {
      const len = addU8(F["handshake.extensions_ec_point_formats_length"], o);
      o++;
      open(F["handshake.extensions_ec_point_formats"], o, len, null, ctx.detailed ? `Elliptic curves point formats (${len})` : undefined);
      for (let i = 0; i < len; i++) {
        const f = addU8(F["handshake.extensions_ec_point_format"], o);
        if (ja3.on && hs === 1) ja3.formats.push(f);
        o++;
      }
      close();
      return o;
    }
    case 13:
    case 50:
      return sigHashAlgs(o, next);
    case 15:
      addU8(F["handshake.extension.heartbeat.mode"], o);
      return o + 1;
    case 16: {
      // ALPN (RFC 7301 §3.1)
      const len = vector(F["handshake.extensions_alpn_len"], o, next, 2, 0xffff);
      if (len === null) return next;
      o += 2;
      const listEnd = o + len;
      open(F["handshake.extensions_alpn_list"], o, len, null);
      try {
        while (o < listEnd) {
          const sl = vector(F["handshake.extensions_alpn_str_len"], o, listEnd, 1, 0xff);
          if (sl === null) return listEnd;
          o++;
          ensure(o, sl, end);
          const proto = asciiString(d, o, o + sl);
          tree.add(F["handshake.extensions_alpn_str"], o, sl, proto);
          o += sl;
          if (hs === 2 && ctx.first && !s.app) {
            for (const [prefix, app] of ALPN_APPS) {
              if (prefix.endsWith("/") ? proto.startsWith(prefix) : proto === prefix) {
                s.app = app;
                break;
              }
            }
          }
        }
      } finally {
        close();
      }
      return o;
    }
    case 21:
      addBytes(F["handshake.extensions_padding_data"], o, next - o);
      return next;
    case 28:
      addU16(F.record_size_limit, o);
      return o + 2;
    case 27: {
      if (hs !== 1 && hs !== 13) return o;
      const len = vector(F["compress_certificate.algorithms_length"], o, next, 2, 0xfe);
      if (len === null) return next;
      o++;
      const listEnd = o + len;
      while (o + 2 <= listEnd) {
        addU16(F["compress_certificate.algorithm"], o);
        o += 2;
      }
      return o;
    }
    case 35: {
      // session_ticket (RFC 5077 §3.2): opaque data.
      const len = next - o;
      ensure(o, len, end);
      tree.add(F["handshake.extension.data"], o, len, len === 0 ? MISSING : d.subarray(o, next), 0, ctx.detailed ? `Data (${len} byte${len === 1 ? "" : "s"})` : undefined);
      return next;
    }
    case 40:
    case 51:
      return keyShare(o, next, hs);
    case 41:
      return preSharedKey(o, next, hs);
    case 42:
      if (hs === 4) {
        addU32(F["early_data.max_early_data_size"], o);
        return o + 4;
      }
      return o;
    case 43: {
      if (hs === 1) {
        const len = vector(F["handshake.extensions.supported_versions_len"], o, next, 2, 254);
        if (len === null) return next;
        o++;
        const listEnd = o + len;
        while (o + 2 <= listEnd) {
          const v = g16(d, o, end);
          tree.add(F["handshake.extensions.supported_version"], o, 2, v, 0, versionLabel(F["handshake.extensions.supported_version"], v));
          o += 2;
        }
        if (!endVector(o, listEnd)) o = listEnd;
        return o;
      }
      if (hs === 2 || hs === 6) {
        const v = g16(d, o, end);
        tree.add(F["handshake.extensions.supported_version"], o, 2, v, 0, versionLabel(F["handshake.extensions.supported_version"], v));
        return o + 2;
      }
      return o;
    }
    case 44: {
      const len = vector(F["handshake.extensions.cookie_len"], o, next, 1, 0xffff);
      if (len === null) return next;
      o += 2;
      addBytes(F["handshake.extensions.cookie"], o, len);
      return o + len;
    }
    case 45: {
      const len = vector(F["extension.psk_ke_modes_length"], o, next, 1, 255);
      if (len === null) return next;
      o++;
      const listEnd = o + len;
      while (o < listEnd) {
        addU8(F["extension.psk_ke_mode"], o);
        o++;
      }
      return o;
    }
    case 65281: {
      // renegotiation_info (RFC 5746 §3.2)
      ensure(o, next - o, end);
      open(TEXT, o, next - o, null, "Renegotiation Info extension");
      try {
        const len = vector(F["handshake.extensions_reneg_info_len"], o, next, 0, 255);
        if (len === null) return next;
        o++;
        if (len > 0) {
          addBytes(F["handshake.extensions_reneg_info"], o, len);
          o += len;
        }
      } finally {
        close();
      }
      return o;
    }
    case 13172: {
      // next_protocol_negotiation (draft-agl-tls-nextprotoneg): empty from the client, a list from the server.
      while (o < next) {
        const l = addU8(F["handshake.extensions_npn_str_len"], o);
        o++;
        ensure(o, l, end);
        tree.add(F["handshake.extensions_npn"], o, l, asciiString(d, o, o + l));
        o += l;
      }
      return o;
    }
    case 4:
    case 17:
    case 22:
    case 23:
    case 49:
      return o;
    case 18:
      // signed_certificate_timestamp: the SCT list is only in server messages.
      if (hs === 2 || hs === 8 || hs === 11) return next;
      return o;
    default: {
      const len = next - o;
      addBytes(F["handshake.extension.data"], o, len);
      return next;
    }
  }
}

function keyShare(o: number, next: number, hs: number): number {
  const { d, end, tree } = ctx;
  const entry = (p: number, limit: number): number => {
    const group = g16(d, p, end);
    const kl = g16(d, p + 2, end);
    open(TEXT, p, 4 + kl, null, ctx.detailed ? `Key Share Entry: Group: ${GROUPS.get(group) ?? "Unknown"}, Key Exchange length: ${kl}` : undefined);
    try {
      tree.add(F["handshake.extensions_key_share_group"], p, 2, group);
      p += 2;
      const l = vector(F["handshake.extensions_key_share_key_exchange_length"], p, limit, 1, 0xffff);
      if (l === null) return limit;
      p += 2;
      addBytes(F["handshake.extensions_key_share_key_exchange"], p, l);
      return p + l;
    } finally {
      close();
    }
  };
  switch (hs) {
    case 1: {
      ensure(o, next - o, end);
      open(TEXT, o, next - o, null, "Key Share extension");
      try {
        const len = vector(F["handshake.extensions_key_share_client_length"], o, next, 0, 0xffff);
        if (len === null) return next;
        o += 2;
        const listEnd = o + len;
        while (o < listEnd) o = entry(o, listEnd);
      } finally {
        close();
      }
      return o;
    }
    case 2: {
      ensure(o, next - o, end);
      open(TEXT, o, next - o, null, "Key Share extension");
      try {
        return entry(o, next);
      } finally {
        close();
      }
    }
    case 6:
      addU16(F["handshake.extensions_key_share_selected_group"], o);
      return o + 2;
  }
  return o;
}

function preSharedKey(o: number, next: number, hs: number): number {
  const { d, end, tree } = ctx;
  if (hs === 2) {
    addU16(F["handshake.extensions.psk.identity.selected"], o);
    return o + 2;
  }
  if (hs !== 1) return o;
  const il = vector(F["handshake.extensions.psk.identities.length"], o, next, 7, 0xffff);
  if (il === null) return next;
  o += 2;
  const idsEnd = o + il;
  while (o < idsEnd) {
    const l = g16(d, o, end);
    open(TEXT, o, 6 + l, null, "PSK Identity");
    try {
      const idl = vector(F["handshake.extensions.psk.identity.identity_length"], o, idsEnd, 1, 0xffff);
      if (idl === null) return next;
      o += 2;
      addBytes(F["handshake.extensions.psk.identity.identity"], o, idl);
      o += idl;
      addU32(F["handshake.extensions.psk.identity.obfuscated_ticket_age"], o);
      o += 4;
    } finally {
      close();
    }
  }
  const bl = vector(F["handshake.extensions.psk.binders_len"], o, next, 33, 0xffff);
  if (bl === null) return next;
  o += 2;
  addNone(F["handshake.extensions.psk.binders"], o, bl);
  void tree;
  return o + bl;
}
