/**
 * Client Hello, Server Hello, Hello Retry Request and New Session Ticket,
 * with the JA3/JA3S fingerprints Wireshark 4.0 adds.
 */
import { formatUtcDate } from "../../format";
import { GENERATED } from "../../tree";
import { TEXT } from "../dns";
import { ensure, g8, g16, g32 } from "../../bytes";
import { md5Hex } from "../../md5";
import { addBytes, addU16, addU32, addU8, close, ctx, endVector, open, setProtocol, shortName, timeSecs, vector, versionLabel } from "./context";
import { extensions } from "./extensions";
import { tlsFields as F } from "./fields";
import { JA3_EXTS_ONLY, JA3_NO_EXTS, JA3_WHOLE, isGrease, ja3 } from "./ja3";
import { tls13Draft } from "./session";
import { HRR_RANDOM, TLS12, TLS13 } from "./tables";

/** tls_scan_server_hello: the negotiated version (supported_versions wins) and whether this is a HelloRetryRequest. */
export function scanServerHello(o: number, oend: number): { version: number; hrr: boolean } {
  const { d, end } = ctx;
  let version = g16(d, o, end);
  let hrr = false;
  if (version === TLS12 && oend - o >= 46) {
    o += 2;
    ensure(o, 32, end);
    hrr = HRR_RANDOM.every((b, i) => d[o + i] === b);
    o += 32;
    const sidLen = g8(d, o, end);
    o++;
    if (oend - o < sidLen + 5) return { version, hrr };
    o += sidLen + 5;
    while (oend - o >= 6) {
      const t = g16(d, o, end);
      const l = g16(d, o + 2, end);
      if (oend - o < 4 + l) break;
      if (t === 43 && l === 2) {
        version = g16(d, o + 4, end);
        return { version, hrr };
      }
      o += 4 + l;
    }
  }
  return { version, hrr };
}

/** ssl_dissect_hnd_hello_common: random (with its GMT time) and session ID. */
function helloCommon(o: number, fromServer: boolean, isHrr: boolean): number {
  const { d, end, tree, s } = ctx;
  ensure(o, 32, end);
  const random = d.subarray(o, o + 32);
  open(F["handshake.random"], o, 32, random);
  // TLS 1.3 randoms carry no time (RFC 8446 §4.1.2), nor does a HelloRetryRequest's.
  if (!isHrr && s.version !== TLS13) {
    const t = g32(d, o, end);
    tree.add(F["handshake.random_time"], o, 4, [t, 0], 0, ctx.detailed ? `GMT Unix Time: ${formatUtcDate(t, 0)} UTC` : undefined);
    tree.add(F["handshake.random_bytes"], o + 4, 28, d.subarray(o + 4, o + 32));
  }
  close();
  o += 32;
  if (!fromServer || !(s.version === TLS13 && s.tls13Draft > 0 && s.tls13Draft < 22)) {
    const len = addU8(F["handshake.session_id_length"], o);
    o++;
    if (len > 0) {
      addBytes(F["handshake.session_id"], o, len);
      o += len;
    }
  }
  return o;
}

export function clientHello(o: number, oend: number): void {
  const { d, end, tree } = ctx;
  const version = addU16(F["handshake.version"], o, versionLabel(F["handshake.version"], g16(d, o, end)));
  o += 2;
  ja3.on = tree.detailed || tree.wants(F["handshake.ja3"]) || tree.wants(F["handshake.ja3_full"]);
  ja3.version = version;
  ja3.ciphers.length = ja3.exts.length = ja3.groups.length = ja3.formats.length = 0;
  ja3.cut = JA3_WHOLE;
  o = helloCommon(o, false, false);
  const csLen = vector(F["handshake.cipher_suites_length"], o, oend, 2, 0xffff);
  if (csLen === null) return;
  o += 2;
  let next = o + csLen;
  open(F["handshake.ciphersuites"], o, csLen, null, ctx.detailed ? `Cipher Suites (${csLen >> 1} suite${csLen >> 1 === 1 ? "" : "s"})` : undefined);
  while (o + 2 <= next) {
    const c = addU16(F["handshake.ciphersuite"], o);
    if (ja3.on && !isGrease(c)) ja3.ciphers.push(c);
    o += 2;
  }
  if (!endVector(o, next)) o = next;
  close();
  const cmLen = vector(F["handshake.comp_methods_length"], o, oend, 1, 0xff);
  if (cmLen === null) return;
  o++;
  next = o + cmLen;
  open(F["handshake.comp_methods"], o, cmLen, null, ctx.detailed ? `Compression Methods (${cmLen} method${cmLen === 1 ? "" : "s"})` : undefined);
  while (o < next) {
    const m = g8(d, o, end);
    tree.add(F["handshake.comp_method"], o, 1, m, 0, ctx.detailed && m >= 64 ? `Compression Method: ${m < 193 ? "Reserved - to be assigned by IANA" : "Private use range"} (${m})` : undefined);
    o++;
  }
  close();
  if (o < oend) extensions(o, oend, 1);
  if (ja3.on) {
    const head = `${ja3.version},${ja3.ciphers.join("-")},`;
    const full =
      ja3.cut === JA3_NO_EXTS ? head : ja3.cut === JA3_EXTS_ONLY ? head + ja3.exts.join("-") : `${head}${ja3.exts.join("-")},${ja3.groups.join("-")},${ja3.formats.join("-")}`;
    tree.add(F["handshake.ja3_full"], 0, 0, full, GENERATED);
    tree.add(F["handshake.ja3"], 0, 0, md5Hex(full), GENERATED);
    ja3.on = false;
  }
}

export function serverHello(o: number, oend: number, isHrr: boolean): void {
  const { d, end, tree, s } = ctx;
  setProtocol(shortName(s.version, "SSL"));
  // Assume an abbreviated (resumed) handshake until a Server Hello Done says otherwise.
  if (ctx.first) s.resumed = true;
  const version = addU16(F["handshake.version"], o, versionLabel(F["handshake.version"], g16(d, o, end)));
  o += 2;
  o = helloCommon(o, true, isHrr);
  const cipher = addU16(F["handshake.ciphersuite"], o);
  if (ctx.first) s.cipher = cipher;
  o += 2;
  if (!(s.version === TLS13 && s.tls13Draft > 0 && s.tls13Draft < 22)) {
    addU8(F["handshake.comp_method"], o);
    o++;
  }
  const ja3sOn = tree.detailed || tree.wants(F["handshake.ja3s"]) || tree.wants(F["handshake.ja3s_full"]);
  ja3.exts.length = 0;
  ja3.on = ja3sOn;
  if (o < oend) extensions(o, oend, isHrr ? 6 : 2);
  if (ja3sOn) {
    const full = `${version},${cipher},${ja3.exts.join("-")}`;
    tree.add(F["handshake.ja3s_full"], 0, 0, full, GENERATED);
    tree.add(F["handshake.ja3s"], 0, 0, md5Hex(full), GENERATED);
    ja3.on = false;
  }
}

export function helloRetryRequestDraft(o: number, oend: number): void {
  const { d, end } = ctx;
  const v = addU16(F["handshake.version"], o, versionLabel(F["handshake.version"], g16(d, o, end)));
  o += 2;
  const draft = tls13Draft(v);
  if (draft === 0 || draft >= 19) {
    addU16(F["handshake.ciphersuite"], o);
    o += 2;
  }
  extensions(o, oend, 6);
}

export function newSessionTicket(o: number, oend: number): void {
  const { d, end, tree, s } = ctx;
  const tls13 = s.version === TLS13;
  ensure(o, oend - o, end);
  open(TEXT, o, oend - o, null, "TLS Session Ticket");
  try {
    const hint = g32(d, o, end);
    tree.add(F["handshake.session_ticket_lifetime_hint"], o, 4, hint, 0, ctx.detailed ? `Session Ticket Lifetime Hint: ${hint} seconds${hint >= 60 ? ` (${timeSecs(hint)})` : ""}` : undefined);
    o += 4;
    if (tls13) {
      addU32(F["handshake.session_ticket_age_add"], o);
      o += 4;
      if (s.tls13Draft === 0 || s.tls13Draft >= 21) {
        const nl = vector(F["handshake.session_ticket_nonce_length"], o, oend, 0, 255);
        if (nl === null) return;
        o++;
        addBytes(F["handshake.session_ticket_nonce"], o, nl);
        o += nl;
      }
    }
    const tl = vector(F["handshake.session_ticket_length"], o, oend, tls13 ? 1 : 0, 0xffff);
    if (tl === null) return;
    o += 2;
    addBytes(F["handshake.session_ticket"], o, tl);
    o += tl;
    if (tls13) extensions(o, oend, 4);
  } finally {
    close();
  }
}
