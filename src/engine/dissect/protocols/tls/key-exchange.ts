/**
 * Certificates, Certificate Request and the key exchanges (RFC 5246 §7.4.3,
 * §7.4.7; RFC 4492; RFC 8446 §4.4.2-4.4.3): the messages after the hellos.
 */
import type { FieldDef } from "../../field";
import { TEXT } from "../dns";
import { Truncated, ensure, g8, g16 } from "../../bytes";
import { CIPHER_SUITES } from "./cipher-suites";
import { addBytes, addNone, addU16, addU8, close, ctx, open, vector } from "./context";
import { extensions, sigAlgName, sigHashAlgs } from "./extensions";
import { tlsFields as F } from "./fields";
import { SSLV3, TLS12, TLS13 } from "./tables";

export function certificate(o: number, oend: number): void {
  const { d, end, s } = ctx;
  const tls13 = s.version === TLS13;
  if (tls13) {
    const cl = vector(F["handshake.certificate_request_context_length"], o, oend, 0, 0xff);
    if (cl === null) return;
    o++;
    if (cl > 0) {
      addBytes(F["handshake.certificate_request_context"], o, cl);
      o += cl;
    }
  }
  const listLen = vector(F["handshake.certificates_length"], o, oend, 0, 0xffffff);
  if (listLen === null) return;
  o += 3;
  const next = o + listLen;
  const sub = listLen > 0;
  if (sub) open(F["handshake.certificates"], o, listLen, null, ctx.detailed ? `Certificates (${listLen} bytes)` : undefined);
  try {
    while (o < next) {
      const certLen = vector(F["handshake.certificate_length"], o, next, 1, 0xffffff);
      if (certLen === null) return;
      o += 3;
      // The certificate item is the outer BER element (dissect_x509af_Certificate
      // on the whole tvb, not bounded by certificate_length): its extent comes
      // from its own tag and length and may run into the bytes that follow.
      const certEnd = berElementEnd(d, o, end, 0);
      ctx.tree.add(F["handshake.certificate"], o, certEnd - o, d.subarray(o, certEnd));
      o += certLen;
      if (tls13) o = extensions(o, next, 11);
    }
  } finally {
    if (sub) close();
  }
}

/**
 * End of the BER element at `o` (X.690 §8.1): identifier (high-tag-number
 * form included), definite length (short or long form; like Wireshark's
 * 32-bit accumulator) or indefinite length walked to its end-of-contents,
 * nested up to Wireshark's BER_MAX_NESTING. Throws Truncated when the header
 * or the content runs past `end`, as the BER dissector's bounds checks do.
 * X.509 itself (RFC 5280) is not dissected.
 */
function berElementEnd(d: Uint8Array, o: number, end: number, depth: number): number {
  if (depth > 500) throw new Truncated();
  let tag = g8(d, o, end);
  o++;
  if ((tag & 0x1f) === 0x1f) {
    do tag = g8(d, o++, end);
    while (tag & 0x80);
  }
  let len = g8(d, o, end);
  o++;
  if (len & 0x80) {
    let n = len & 0x7f;
    if (n === 0) {
      // Indefinite: elements until 00 00 (X.690 §8.1.3.6).
      while (g8(d, o, end) !== 0 || g8(d, o + 1, end) !== 0) o = berElementEnd(d, o, end, depth + 1);
      return o + 2;
    }
    len = 0;
    while (n-- > 0) len = ((len << 8) | g8(d, o++, end)) >>> 0;
  }
  ensure(o, len, end);
  return o + len;
}

export function certificateRequest(o: number, oend: number): void {
  const { d, end, tree, s } = ctx;
  const tls13 = s.version === TLS13;
  if (tls13) {
    const cl = vector(F["handshake.certificate_request_context_length"], o, oend, 0, 0xff);
    if (cl === null) return;
    o++;
    if (cl > 0) {
      addBytes(F["handshake.certificate_request_context"], o, cl);
      o += cl;
    }
  } else {
    const n = vector(F["handshake.cert_types_count"], o, oend, 1, 0xff);
    if (n === null) return;
    o++;
    const next = o + n;
    open(F["handshake.cert_types"], o, n, null, ctx.detailed ? `Certificate types (${n} type${n === 1 ? "" : "s"})` : undefined);
    while (o < next) {
      addU8(F["handshake.cert_type"], o);
      o++;
    }
    close();
  }
  if (s.version === TLS12 || (tls13 && s.tls13Draft > 0 && s.tls13Draft < 19)) o = sigHashAlgs(o, oend);
  if (tls13 && (s.tls13Draft === 0 || s.tls13Draft >= 19)) {
    extensions(o, oend, 13);
    return;
  }
  // certificate_authorities: DistinguishedName certificate_authorities<0..2^16-1> (RFC 5246 §7.4.4).
  const dl = vector(F["handshake.dnames_len"], o, oend, 0, 0xffff);
  if (dl === null) return;
  o += 2;
  const next = o + dl;
  if (dl > 0) open(F["handshake.dnames"], o, dl, null, ctx.detailed ? `Distinguished Names (${dl} byte${dl === 1 ? "" : "s"})` : undefined);
  try {
    while (o < next) {
      const nl = vector(F["handshake.dname_len"], o, next, 1, 0xffff);
      if (nl === null) return;
      o += 2;
      addNone(F["handshake.dname"], o, nl);
      o += nl;
    }
  } finally {
    if (dl > 0) close();
  }
  void d;
  void end;
  void tree;
}

/** Key exchange of the negotiated cipher suite, from its IANA name (RFC 5246 Appendix A.5, RFC 8422, RFC 4279). */
function keyExchange(cipher: number): string {
  const n = CIPHER_SUITES.get(cipher) ?? "";
  if (/^TLS_(AES|CHACHA20|SM4)_/.test(n)) return "tls13";
  if (n.includes("_ECDHE_PSK_")) return "ecdhe_psk";
  if (n.includes("_DHE_PSK_")) return "dhe_psk";
  if (n.includes("_RSA_PSK_")) return "rsa_psk";
  if (n.includes("_PSK_")) return "psk";
  if (n.includes("_ECDHE_") || n.includes("_ECDH_anon_")) return n.includes("_anon_") ? "ecdh_anon" : "ecdhe";
  if (n.includes("_ECDH_")) return "ecdh";
  if (n.includes("_DHE_")) return "dhe";
  if (n.includes("_DH_anon_")) return "dh_anon";
  if (n.includes("_DH_")) return "dh";
  if (n.includes("_RSA_EXPORT")) return "rsa_export";
  if (n.includes("_RSA_")) return "rsa";
  return "";
}

export function serverKeyExchange(o: number, oend: number): void {
  const { d, end, tree, s } = ctx;
  const kex = keyExchange(s.cipher);
  const sig = (p: number): void => {
    digitallySigned(p, oend, s.version, F["handshake.sig_len"], F["handshake.sig"]);
  };
  switch (kex) {
    case "ecdhe":
    case "ecdh_anon": {
      ensure(o, oend - o, end);
      open(TEXT, o, oend - o, null, "EC Diffie-Hellman Server Params");
      try {
        const ct = addU8(F["handshake.server_curve_type"], o);
        o++;
        if (ct !== 3) return;
        addU16(F["handshake.server_named_curve"], o);
        o += 2;
        const pl = addU8(F["handshake.server_point_len"], o);
        addBytes(F["handshake.server_point"], o + 1, pl);
        o += 1 + pl;
        if (kex === "ecdhe") sig(o);
      } finally {
        close();
      }
      return;
    }
    case "dhe":
    case "dh_anon": {
      ensure(o, oend - o, end);
      open(TEXT, o, oend - o, null, "Diffie-Hellman Server Params");
      try {
        const pl = addU16(F["handshake.p_len"], o);
        addBytes(F["handshake.p"], o + 2, pl);
        o += 2 + pl;
        const gl = addU16(F["handshake.g_len"], o);
        addBytes(F["handshake.g"], o + 2, gl);
        o += 2 + gl;
        const yl = addU16(F["handshake.ys_len"], o);
        addBytes(F["handshake.ys"], o + 2, yl);
        o += 2 + yl;
        if (kex === "dhe") sig(o);
      } finally {
        close();
      }
      return;
    }
    case "rsa_export":
    case "rsa": {
      ensure(o, oend - o, end);
      open(TEXT, o, oend - o, null, "RSA-EXPORT Server Params");
      try {
        const ml = addU16(F["handshake.modulus_len"], o);
        addBytes(F["handshake.modulus"], o + 2, ml);
        o += 2 + ml;
        const el = addU16(F["handshake.exponent_len"], o);
        addBytes(F["handshake.exponent"], o + 2, el);
        o += 2 + el;
        sig(o);
      } finally {
        close();
      }
      return;
    }
    case "psk":
    case "rsa_psk": {
      const hl = g16(d, o, end);
      if (2 + hl !== oend - o) return;
      open(TEXT, o, oend - o, null, "PSK Server Params");
      tree.add(F["handshake.hint_len"], o, 2, hl);
      addBytes(F["handshake.hint"], o + 2, hl);
      close();
      return;
    }
  }
}

export function digitallySigned(o: number, oend: number, version: number, lenF: FieldDef, sigF: FieldDef): number {
  const { d, end, tree } = ctx;
  if (version === TLS12 || version === TLS13) {
    const alg = g16(d, o, end);
    open(F["handshake.sig_hash_alg"], o, 2, alg, ctx.detailed ? `Signature Algorithm: ${sigAlgName(alg)} (0x${alg.toString(16).padStart(4, "0")})` : undefined);
    tree.add(F["handshake.sig_hash_hash"], o, 1, alg >> 8);
    tree.add(F["handshake.sig_hash_sig"], o + 1, 1, alg & 0xff);
    close();
    o += 2;
  }
  const l = vector(lenF, o, oend, 0, 0xffff);
  if (l === null) return oend;
  o += 2;
  addBytes(sigF, o, l);
  return o + l;
}

export function clientKeyExchange(o: number, length: number): void {
  const { d, end, tree, s } = ctx;
  const kex = keyExchange(s.cipher);
  switch (kex) {
    case "ecdhe":
    case "ecdh_anon":
    case "ecdh": {
      open(TEXT, o, length, null, "EC Diffie-Hellman Client Params");
      try {
        const pl = addU8(F["handshake.client_point_len"], o);
        addBytes(F["handshake.client_point"], o + 1, pl);
      } finally {
        close();
      }
      return;
    }
    case "dhe":
    case "dh_anon":
    case "dh": {
      open(TEXT, o, length, null, "Diffie-Hellman Client Params");
      try {
        const yl = addU16(F["handshake.yc_len"], o);
        addBytes(F["handshake.yc"], o + 2, yl);
      } finally {
        close();
      }
      return;
    }
    case "rsa":
    case "rsa_export": {
      open(TEXT, o, length, null, "RSA Encrypted PreMaster Secret");
      try {
        let l = length;
        if (s.version !== SSLV3) {
          l = addU16(F["handshake.epms_len"], o);
          o += 2;
        }
        addBytes(F["handshake.epms"], o, l);
      } finally {
        close();
      }
      return;
    }
    case "psk": {
      open(TEXT, o, length, null, "PSK Client Params");
      try {
        const il = addU16(F["handshake.identity_len"], o);
        addBytes(F["handshake.identity"], o + 2, il);
      } finally {
        close();
      }
      return;
    }
    case "rsa_psk": {
      open(TEXT, o, length, null, "RSA PSK Client Params");
      try {
        const il = addU16(F["handshake.identity_len"], o);
        addBytes(F["handshake.identity"], o + 2, il);
        o += 2 + il;
        const el = addU16(F["handshake.epms_len"], o);
        addBytes(F["handshake.epms"], o + 2, el);
      } finally {
        close();
      }
      return;
    }
  }
  void d;
  void end;
  void tree;
}
