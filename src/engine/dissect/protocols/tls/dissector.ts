/**
 * The entry point: dissect_ssl's loop over the records in a TCP payload
 * (plain text is declined, records split across segments go back to TCP),
 * the heuristic for TLS on other ports, and TLS's places in the tables.
 */
import { register, registerHeuristic } from "../../dissector";
import type { PacketInfo } from "../../packet-info";
import { malformed } from "../../common";
import { Truncated } from "../../bytes";
import { ctx, infoSep, setProtocol, shortName } from "./context";
import { tlsFields as F } from "./fields";
import { isV2ClientHello, looksLikeSslv2, looksLikeSslv3, sslv3Record } from "./records";
import { TlsState, fromServer, getSession, sessionKey } from "./session";
import { sslv2Record } from "./sslv2";
import { SSLV2, SSLV3, TLCP, TLS10, TLS11, TLS12, TLS_PORTS } from "./tables";

function isPrintable(c: number): boolean {
  return c >= 0x20 && c < 0x7f;
}

/** dissect_ssl: every record in data[offset, end). */
function dissectTls(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
  if (end - offset > 4 && isPrintable(data[offset]!) && isPrintable(data[offset + 1]!) && isPrintable(data[offset + 2]!) && isPrintable(data[offset + 3]!)) {
    // Four printable characters: plain text, not ours (a STARTTLS command, say).
    return 0;
  }
  const s = getSession(pinfo);
  if (s.lastNonTlsFrame !== 0 && s.lastNonTlsFrame >= pinfo.num) return 0;
  const again = pinfo.layers.includes("tls");
  if (!again || pinfo.layers[pinfo.layers.length - 1] !== "tls") pinfo.layers.push("tls");

  const tree = pinfo.tree;
  ctx.d = data;
  ctx.end = end;
  ctx.pinfo = pinfo;
  ctx.tree = tree;
  ctx.s = s;
  ctx.server = fromServer(s, pinfo);
  ctx.first = !pinfo.visited;
  ctx.cols = pinfo.wantColumns && !pinfo.inErrorPacket;
  ctx.detailed = tree.detailed;

  // Re-dissection sees the version the first pass left: Wireshark keeps it
  // in the conversation (SslSession.version), so on tshark's second pass a
  // Client Hello's Protocol column and record labels name the version the
  // server chose, not the one the record header gives (dissect_ssl3_record
  // sets COL_PROTOCOL from the session's version). What a re-dissected
  // Server Hello sets (ssl_try_set_version) is undone at the end, so the
  // details pane reads the same whatever order frames are opened in.
  const liveVersion = s.version;
  const liveDraft = s.tls13Draft;

  setProtocol(shortName(s.version, "SSL"));
  // A second call in one frame (a PDU after a reassembled one) keeps what
  // the first wrote: Wireshark's TCP fenced it and col_clear stops there.
  if (ctx.cols && !again) pinfo.info = "";

  // proto_tree_add_item without text: tshark prints the abbreviation for it.
  tree.open(F[""], offset, end - offset, tree.wants(F[""]) ? "tls" : null);
  let o = offset;
  try {
    while (o < end) {
      let next: number;
      const v = s.version;
      if (v === SSLV2) {
        next = sslv2Record(o, offset);
      } else if (v === SSLV3 || v === TLS10 || v === TLS11 || v === TLS12 || v === TLCP) {
        if (end - o < 5) {
          if (pinfo.canDesegment) {
            pinfo.desegmentOffset = o - offset;
            pinfo.desegmentLen = -1;
            break;
          }
          break;
        }
        next = isV2ClientHello(o) ? sslv2Record(o, offset) : sslv3Record(o, offset);
      } else {
        if (end - o < 5) {
          if (pinfo.canDesegment) {
            pinfo.desegmentOffset = o - offset;
            pinfo.desegmentLen = -1;
          }
          break;
        }
        if (looksLikeSslv2(o)) next = sslv2Record(o, offset);
        else if (looksLikeSslv3(o)) next = sslv3Record(o, offset);
        else {
          infoSep("Continuation Data");
          next = end;
        }
      }
      if (next < 0) break;
      o = next;
    }
  } catch (e) {
    if (!(e instanceof Truncated)) throw e;
    malformed(pinfo, "TLS", o, "record runs past the end of the data");
  } finally {
    tree.close();
    if (!ctx.first) {
      s.version = liveVersion;
      s.tls13Draft = liveDraft;
    }
  }
  return end - offset;
}

/** TLS on its ports (and whatever a STARTTLS hand-off gives it). */
export const tls = { name: "tls", dissect: dissectTls };

/**
 * Wireshark's "tls" heuristic on TCP (enabled by default): a handshake or
 * application-data record header with a known version and a sane length, or
 * an SSLv2-compatible Client Hello. Once it took a conversation, the rest of
 * that conversation is TLS (conversation_set_dissector_from_frame_number).
 */
export const tlsHeuristic = {
  name: "tls",
  dissect(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
    const st = pinfo.state.get("tls", () => new TlsState());
    const known = st.byStream.get(sessionKey(pinfo));
    if (known && known.heuristicFrom !== 0 && pinfo.num >= known.heuristicFrom) return dissectTls(data, offset, end, pinfo);
    if (!looksLikeRecord(data, offset, end) && !looksLikeV2Hello(data, offset, end)) return 0;
    const s = getSession(pinfo);
    if (!pinfo.visited && s.heuristicFrom === 0) s.heuristicFrom = pinfo.num;
    return dissectTls(data, offset, end, pinfo);
  },
};

function looksLikeRecord(d: Uint8Array, o: number, end: number): boolean {
  if (end - o < 5) return false;
  const ct = d[o]!;
  if (ct !== 22 && ct !== 23) return false;
  const v = (d[o + 1]! << 8) | d[o + 2]!;
  if (v !== SSLV3 && v !== TLS10 && v !== TLS11 && v !== TLS12 && v !== TLCP) return false;
  const len = (d[o + 3]! << 8) | d[o + 4]!;
  return len !== 0 && len < 0x4000 + 2048;
}

function looksLikeV2Hello(d: Uint8Array, o: number, end: number): boolean {
  if (end - o < 46) return false;
  if (d[o] !== 0x80 || d[o + 2] !== 1) return false;
  const cs = (d[o + 5]! << 8) | d[o + 6]!;
  if (cs === 0 || cs % 3 !== 0) return false;
  const sid = (d[o + 7]! << 8) | d[o + 8]!;
  if (sid !== 0 && sid !== 16) return false;
  return ((d[o + 9]! << 8) | d[o + 10]!) === 32;
}

register("tcp.port", TLS_PORTS, tls);

registerHeuristic("tcp", tlsHeuristic);
