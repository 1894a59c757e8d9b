/**
 * SSL 3.0/TLS records (RFC 5246 §6.2): the 5-byte header, the version the
 * conversation settles on, and the record types other than handshake
 * (alerts, heartbeats, Change Cipher Spec, application data).
 */
import { GENERATED } from "../../tree";
import { expertField } from "../../common";
import { g8, g16 } from "../../bytes";
import { addBytes, addNone, close, ctx, infoSep, open, setProtocol, shortName } from "./context";
import { tlsFields as F } from "./fields";
import { handshake } from "./handshake";
import { trySetVersion, validContentType } from "./session";
import { ALERT_DESC, ALERT_LEVELS, APP_NAMES, HEARTBEAT_NAMES, PORT_APPS, SSLV2, SSLV3, STARTTLS_PORT_APPS, TLCP, TLS10, TLS11, TLS12, TLS13 } from "./tables";

export function looksLikeSslv3(o: number): boolean {
  const { d, end } = ctx;
  if (!validContentType(g8(d, o, end))) return false;
  const v = g16(d, o + 1, end);
  return v === SSLV3 || v === TLS10 || v === TLS11 || v === TLS12 || v === TLCP;
}

export function looksLikeSslv2(o: number): boolean {
  const { d, end } = ctx;
  if (g8(d, o, end) < 0x80) return false;
  if (g8(d, o + 2, end) > 8) return false;
  const v = g16(d, o + 3, end);
  return v === SSLV2 || v === SSLV3 || v === TLS10 || v === TLS11 || v === TLS12 || v === TLCP;
}

export function isV2ClientHello(o: number): boolean {
  return g8(ctx.d, o, ctx.end) === 0x80 && g8(ctx.d, o + 2, ctx.end) === 0x01;
}

/**
 * dissect_ssl3_record: one record at `o`. Returns the offset after it, or -1
 * after asking TCP for more data.
 */
export function sslv3Record(o: number, base: number): number {
  const { d, end, pinfo, tree, s } = ctx;
  const available = end - o;
  if ((s.version === TLS10 || s.version === TLS11 || s.version === TLS12 || s.version === TLCP) && available >= 1 && !validContentType(d[o]!)) {
    expertField(pinfo, F.ignored_unknown_record, o, available, "warn", "Ignored Unknown Record", "Protocol", "TLS");
    infoSep("Ignored Unknown Record");
    return o + available;
  }
  if (available < 5) {
    if (pinfo.canDesegment) {
      pinfo.desegmentOffset = o - base;
      pinfo.desegmentLen = -1;
      return -1;
    }
    return o + available;
  }
  const contentType = d[o]!;
  let version = (d[o + 1]! << 8) | d[o + 2]!;
  const recordVersion = version;
  const length = (d[o + 3]! << 8) | d[o + 4]!;
  if (validContentType(contentType)) {
    if (available < length + 5) {
      if (pinfo.canDesegment) {
        pinfo.desegmentOffset = o - base;
        pinfo.desegmentLen = length + 5 - available;
        return -1;
      }
      return o + available;
    }
  } else {
    infoSep("Continuation Data");
    return o + 5 + length;
  }

  open(F.record, o, 5 + length, null);
  try {
    if (s.version === TLS13 && contentType === 23) tree.add(F["record.opaque_type"], o, 1, contentType);
    else tree.add(F["record.content_type"], o, 1, contentType);
    tree.add(F["record.version"], o + 1, 2, recordVersion);
    tree.add(F["record.length"], o + 3, 2, length);
    const body = o + 5;
    const nextByte = g8(d, body, end);
    if (s.version === 0) {
      trySetVersion(s, contentType, nextByte, version);
      setProtocol(shortName(version, "SSL"));
    } else {
      version = s.version;
    }
    if (length > 0x4000 + (version === TLS13 ? 256 : 2048)) {
      expertField(pinfo, F["record.length.invalid"], o + 3, 2, "error", `TLSCiphertext length MUST NOT exceed 2^14 + ${version === TLS13 ? 256 : 2048}`, "Protocol", "TLS");
    }
    const vname = shortName(version, "TLS");
    switch (contentType) {
      case 20: {
        infoSep("Change Cipher Spec");
        if (tree.detailed) tree.setLabel(`${vname} Record Layer: Change Cipher Spec Protocol: Change Cipher Spec`);
        addNone(F.change_cipher_spec, body, length);
        // TLS 1.3's CCS is a dummy (RFC 8446 §5): it says nothing about resumption.
        if (ctx.server && version !== TLS13) {
          if (ctx.first && s.resumed) s.resumedCcs.add(pinfo.num);
          if (s.resumedCcs.has(pinfo.num)) expertField(pinfo, F.resumed, body, 1, "note", "This session reuses previously negotiated keys (Session resumption)", "Sequence", "TLS");
        }
        if (ctx.first) {
          if (ctx.server) s.serverCcsFrame = pinfo.num;
          else s.clientCcsFrame = pinfo.num;
          // Any later CCS is not a resumption of this handshake.
          if (ctx.server && version !== TLS13) s.resumed = false;
        }
        break;
      }
      case 21:
        alert(body, length);
        break;
      case 22:
        handshake(body, body + length, true, `${pinfo.sources.length}:${body}`, version);
        break;
      case 23: {
        infoSep("Application Data");
        const app =
          s.app ||
          PORT_APPS.get(pinfo.srcPort) ||
          PORT_APPS.get(pinfo.dstPort) ||
          (s.heuristicFrom !== 0 ? STARTTLS_PORT_APPS.get(pinfo.srcPort) || STARTTLS_PORT_APPS.get(pinfo.dstPort) : "") ||
          "";
        const appName = app ? APP_NAMES[app] ?? app : "";
        if (tree.detailed) tree.setLabel(`${shortName(version, "SSL")} Record Layer: Application Data Protocol: ${appName || "Application Data"}`);
        addBytes(F.app_data, body, length);
        if (appName) tree.add(F.app_data_proto, 0, 0, appName, GENERATED);
        break;
      }
      case 24:
        if (version === TLS13) break;
        heartbeat(body, length, vname);
        break;
    }
  } finally {
    close();
  }
  return o + 5 + length;
}

function alert(o: number, length: number): void {
  const { d, end, tree, s } = ctx;
  open(F.alert_message, o, length, null);
  try {
    if (length !== 2) {
      infoSep("Encrypted Alert");
      if (tree.detailed) tree.setLabel("Alert Message: Encrypted Alert");
      return;
    }
    const level = g8(d, o, end);
    const desc = g8(d, o + 1, end);
    const ln = ALERT_LEVELS.get(level) ?? "Unknown";
    const dn = ALERT_DESC.get(desc) ?? "Unknown";
    infoSep(`Alert (Level: ${ln}, Description: ${dn})`);
    tree.add(F["alert_message.level"], o, 1, level);
    tree.add(F["alert_message.desc"], o + 1, 1, desc);
  } finally {
    close();
  }
  if (tree.detailed) {
    const vname = shortName(s.version, "TLS");
    if (length !== 2) tree.setLabel(`${vname} Record Layer: Encrypted Alert`);
    else tree.setLabel(`${vname} Record Layer: Alert (Level: ${ALERT_LEVELS.get(d[o]!) ?? "Unknown"}, Description: ${ALERT_DESC.get(d[o + 1]!) ?? "Unknown"})`);
  }
}

function heartbeat(o: number, length: number, vname: string): void {
  const { d, end, tree } = ctx;
  open(F.heartbeat_message, o, length, null);
  try {
    const type = g8(d, o, end);
    const payloadLen = g16(d, o + 1, end);
    const name = HEARTBEAT_NAMES.get(type);
    const plain = length <= 19 || 3 + payloadLen + 16 <= length;
    if (name && plain) {
      infoSep(`Heartbeat ${name}`);
      if (tree.detailed) tree.setLabel(`Heartbeat ${name}`);
      tree.add(F["heartbeat_message.type"], o, 1, type);
      tree.add(F["heartbeat_message.payload_length"], o + 1, 2, payloadLen);
      let pl = payloadLen;
      let pad = length - 3 - payloadLen;
      if (3 + payloadLen + 16 > length) {
        pl = length - 3;
        pad = 0;
      }
      addBytes(F["heartbeat_message.payload"], o + 3, pl);
      if (pad) addBytes(F["heartbeat_message.padding"], o + 3 + pl, pad);
    } else {
      infoSep("Encrypted Heartbeat");
    }
  } finally {
    close();
  }
  void vname;
}
