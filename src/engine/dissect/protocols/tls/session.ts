/**
 * Conversation state: one TlsSession per TCP stream (version, cipher suite,
 * which side is the server, handshake messages pending reassembly per
 * direction), and `startTls` for protocols that switch to TLS in-band.
 */
import type { PacketInfo } from "../../packet-info";
import { SSLV3, TLS10, TLS11, TLS12, TLS13, TLS_PORTS } from "./tables";

/** A handshake message being reassembled across records (one per direction). */
export interface HsPending {
  type: number;
  parts: Uint8Array[];
  have: number;
  frames: { frame: number; len: number }[];
}

/** What the first pass learnt about one record's handshake fragment, for re-dissection. */
export interface HsFragment {
  type: number;
  /** Offset of this fragment in the message (0: the message starts in this record). */
  fragOffset: number;
  /** Bytes of this record that belong to the message. */
  subsetLen: number;
  /** The whole message, when this fragment completed it. */
  message: Uint8Array | null;
  /** Frame where the message was completed (0: never). */
  reassembledIn: number;
  frames: { frame: number; len: number }[];
}

export class TlsSession {
  /** Negotiated version (0: not known yet). */
  version = 0;
  tls13Draft = 0;
  /** Server endpoint, from the first Client Hello (ssl_set_server). */
  serverAddr = "";
  serverPort = -1;
  clientCcsFrame = 0;
  serverCcsFrame = 0;
  /**
   * Abbreviated handshake so far (is_session_resumed): set by a Server
   * Hello, cleared by a Server Hello Done and by the server's Change Cipher
   * Spec. A server CCS that finds it set resumed the session (RFC 5246 §7.3:
   * the abbreviated handshake has no Server Hello Done). First pass only;
   * `resumedCcs` keeps the frames for re-dissection.
   */
  resumed = false;
  readonly resumedCcs = new Set<number>();
  /** STARTTLS: frames up to this one are the plain-text protocol's. */
  lastNonTlsFrame = 0;
  /** Application protocol short name (STARTTLS, ALPN), for tls.app_data_proto. */
  app = "";
  /** Cipher suite chosen by the Server Hello (the key exchange decides the SKE/CKE layout). */
  cipher = -1;
  /** First frame the TCP heuristic claimed (0: never). */
  heuristicFrom = 0;
  hs: [HsPending | null, HsPending | null] = [null, null];
  readonly fragments = new Map<string, HsFragment>();
}

export class TlsState {
  readonly byStream = new Map<number | string, TlsSession>();
}

export function sessionKey(pinfo: PacketInfo): number | string {
  if (pinfo.tcpStream >= 0) return pinfo.tcpStream;
  const a = `${pinfo.netSrc}/${pinfo.srcPort}`;
  const b = `${pinfo.netDst}/${pinfo.dstPort}`;
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

export function getSession(pinfo: PacketInfo): TlsSession {
  const st = pinfo.state.get("tls", () => new TlsState());
  const key = sessionKey(pinfo);
  let s = st.byStream.get(key);
  if (!s) st.byStream.set(key, (s = new TlsSession()));
  return s;
}

/**
 * STARTTLS (ssl_starttls_ack): from the next frame on, this TCP conversation
 * carries TLS, with `app` (e.g. "ftp") as the protocol inside it. Call it on
 * the first pass from the frame that completed the upgrade (FTP's 234 reply).
 */
export function startTls(pinfo: PacketInfo, app: string): void {
  const s = getSession(pinfo);
  if (pinfo.visited) return;
  s.lastNonTlsFrame = pinfo.num;
  s.app = app;
}

export function fromServer(s: TlsSession, pinfo: PacketInfo): boolean {
  if (s.serverPort >= 0) return s.serverPort === pinfo.srcPort && s.serverAddr === pinfo.netSrc;
  return TLS_PORT_SET.has(pinfo.srcPort);
}

const TLS_PORT_SET = new Set(TLS_PORTS);

export function validContentType(t: number): boolean {
  return t >= 20 && t <= 24;
}

function validHandshakeType(t: number): boolean {
  switch (t) {
    case 0: case 1: case 2: case 4: case 5: case 6: case 8: case 11: case 12: case 13: case 14: case 15:
    case 16: case 20: case 21: case 22: case 23: case 24: case 25: case 67:
      return true;
  }
  return false;
}

/** ssl_try_set_version: only messages other than a Client Hello fix the conversation's version. */
export function trySetVersion(s: TlsSession, contentType: number, hsType: number, version: number): void {
  const authoritative = (contentType === 22 && validHandshakeType(hsType) && hsType !== 1) || (contentType !== 22 && validContentType(contentType));
  if (!authoritative) return;
  let draft = 0;
  if (hsType === 2) {
    draft = tls13Draft(version);
    if (draft !== 0) version = TLS13;
  }
  switch (version) {
    case SSLV3:
    case TLS10:
    case TLS11:
    case TLS12:
    case TLS13:
      break;
    default:
      return;
  }
  s.tls13Draft = draft;
  s.version = version;
}

/** extract_tls13_draft_version: 0x7fXX drafts and Facebook's 0xfbXX. */
export function tls13Draft(v: number): number {
  if ((v & 0xff00) === 0x7f00) return v & 0xff;
  if (v === 0xfb17) return 23;
  if (v === 0xfb1a) return 26;
  return 0;
}
