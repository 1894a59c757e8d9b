/**
 * HTTP/1.x credentials in the client's requests:
 *
 * - `Authorization: Basic base64(user-id ":" password)` (RFC 7617 §2: the
 *   user-id ends at the first colon) and the same in `Proxy-Authorization`
 *   (RFC 9110 §11.7.1);
 * - form posts, `application/x-www-form-urlencoded` bodies (WHATWG URL
 *   §5.1: `+` is a space, `%XX` a byte of UTF-8) with a password-like field
 *   and, when there is one, a user-like field (what NetworkMiner lists).
 *
 * The request is seen in the frame that completes it (its last header line,
 * or its body's last byte), as Wireshark marks a reassembled request.
 * Responses are paired with requests in order (RFC 9112 §9.3: pipelined
 * responses come in request order; 1xx are interim). Basic credentials are
 * rejected by 401/407 and accepted by 2xx/3xx; a form's response only says
 * "rejected" with 401/403 (a login page answers 200 or 302 either way).
 */
import { base64Text } from "./base64";
import { type StreamContext, tcpFinding } from "./stream-text";
import type { CredentialFinding } from "./types";

/** Longest request head kept while looking for its end (a longer one is not a request we read). */
const MAX_HEAD = 64 * 1024;
/** Longest form body decoded (a login form is small; larger bodies are uploads). */
const MAX_FORM = 256 * 1024;

const METHOD = /^(?:GET|POST|PUT|HEAD|DELETE|OPTIONS|PATCH|PROPFIND|CONNECT) /;
const USER_FIELD = /user|login|e-?mail|uname|usr|account|^log$|^id$|^name$|nick/i;
const PASSWORD_FIELD = /pass|pwd|secret/i;

const latin1 = new TextDecoder("latin1");
const utf8 = new TextDecoder("utf-8");

/** `application/x-www-form-urlencoded` into name/value pairs (names and values decoded as UTF-8). */
export function parseForm(body: string): [string, string][] {
  const pairs: [string, string][] = [];
  for (const part of body.split("&")) {
    if (!part) continue;
    const eq = part.indexOf("=");
    const name = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? "" : part.slice(eq + 1);
    pairs.push([percentDecode(name), percentDecode(value)]);
  }
  return pairs;
}

function percentDecode(s: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const hex = c === 0x25 && i + 2 < s.length ? Number.parseInt(s.slice(i + 1, i + 3), 16) : Number.NaN;
    if (!Number.isNaN(hex) && /^[0-9a-fA-F]{2}$/.test(s.slice(i + 1, i + 3))) {
      bytes.push(hex);
      i += 2;
    } else if (c === 0x2b) bytes.push(0x20);
    else for (const b of new TextEncoder().encode(s[i]!)) bytes.push(b);
  }
  return utf8.decode(Uint8Array.from(bytes));
}

/** The user and password fields of a form, or null when it has no password-like field with a value. */
export function formCredential(pairs: readonly [string, string][]): { user: string; password: string } | null {
  const pass = pairs.find(([n, v]) => PASSWORD_FIELD.test(n) && v !== "");
  if (!pass) return null;
  const user = pairs.find(([n]) => n !== pass[0] && USER_FIELD.test(n) && !PASSWORD_FIELD.test(n));
  return { user: user?.[1] ?? "", password: pass[1] };
}

/** `Basic <token68>` into user-id and password (RFC 7617 §2), or null. */
export function basicCredential(value: string): { user: string; password: string } | null {
  const m = /^Basic\s+(\S+)\s*$/i.exec(value);
  const text = m ? base64Text(m[1]!) : null;
  if (text === null) return null;
  const colon = text.indexOf(":");
  return colon < 0 ? null : { user: text.slice(0, colon), password: text.slice(colon + 1) };
}

/** A credential-carrying request awaiting its response. */
interface Sent {
  finding: CredentialFinding;
  basic: boolean;
}

/** The HTTP parser of one connection: client bytes, and the server's status codes as the pass recorded them. */
export class HttpCredentials {
  private head = new Uint8Array(4096);
  private headLength = 0;
  /** Body bytes still to skip or collect (after a head with Content-Length). */
  private bodyLeft = 0;
  private body: Uint8Array | null = null;
  private bodyLength = 0;
  private request: { method: string; target: string; host: string; contentType: string } | null = null;
  /** Lost: bytes are dropped until a segment opens with a request line (after a gap or an unreadable request). */
  private lost = false;
  /** Requests in order, awaiting a response: credential ones, or null for the others. */
  private readonly queue: (Sent | null)[] = [];
  private readonly found: CredentialFinding[] = [];

  constructor(private readonly ctx: StreamContext) {}

  data(bytes: Uint8Array, frame: number, time: number): void {
    if (this.lost) {
      if (!METHOD.test(latin1.decode(bytes.subarray(0, 12)))) return;
      this.lost = false;
    }
    let i = 0;
    while (i < bytes.length) {
      if (this.request) {
        const n = Math.min(this.bodyLeft, bytes.length - i);
        if (this.body) this.body.set(bytes.subarray(i, i + n), this.bodyLength);
        this.bodyLength += n;
        this.bodyLeft -= n;
        i += n;
        if (this.bodyLeft === 0) this.endBody(frame, time);
        continue;
      }
      // Collect the head up to its blank line.
      const c = bytes[i++]!;
      if (this.headLength === this.head.length) {
        if (this.head.length >= MAX_HEAD) {
          this.lose();
          return;
        }
        const grown = new Uint8Array(this.head.length * 2);
        grown.set(this.head);
        this.head = grown;
      }
      this.head[this.headLength++] = c;
      if (c === 0x0a && this.headEnds()) {
        if (!this.endHead(frame, time)) return;
      }
    }
  }

  /** Bytes of the client's the parser does not have: the request they cut is lost. */
  gap(): void {
    this.lose();
  }

  /** A response's status code, in order. */
  response(code: number): void {
    if (code < 200) return;
    const sent = this.queue.shift();
    if (!sent) return;
    const f = sent.finding;
    if (sent.basic) f.result = code === 401 || code === 407 ? "failed" : code < 400 ? "success" : "unknown";
    else if (code === 401 || code === 403) f.result = "failed";
  }

  finish(): CredentialFinding[] {
    return this.found;
  }

  private lose(): void {
    this.lost = true;
    this.headLength = 0;
    this.request = null;
    this.body = null;
  }

  private headEnds(): boolean {
    const h = this.head;
    const n = this.headLength;
    return (n >= 4 && h[n - 4] === 0x0d && h[n - 3] === 0x0a && h[n - 2] === 0x0d) || (n >= 2 && h[n - 2] === 0x0a);
  }

  /** The head is complete: false when it is not a request (the parser waits for the next one). */
  private endHead(frame: number, time: number): boolean {
    const lines = latin1.decode(this.head.subarray(0, this.headLength)).split(/\r?\n/);
    this.headLength = 0;
    const requestLine = /^(\S+) (\S+) HTTP\/1\.\d$/.exec(lines[0] ?? "");
    if (!requestLine) {
      // Blank lines between requests are allowed (RFC 9112 §2.2).
      if (lines.every((l) => l === "")) return true;
      this.lose();
      return false;
    }
    const headers = new Map<string, string>();
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(":");
      if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    const method = requestLine[1]!;
    const request = { method, target: requestLine[2]!, host: headers.get("host") ?? "", contentType: headers.get("content-type") ?? "" };
    let sent: Sent | null = null;
    for (const name of ["authorization", "proxy-authorization"]) {
      const basic = basicCredential(headers.get(name) ?? "");
      if (basic) {
        sent = { finding: this.finding("HTTP Basic", basic, request, frame, time), basic: true };
        this.found.push(sent.finding);
      }
    }
    if (headers.has("transfer-encoding")) {
      // A chunked request body (rare from browsers): not read; the next request resynchronises.
      this.queue.push(sent);
      this.lose();
      return false;
    }
    const length = Number(headers.get("content-length") ?? "0");
    if (!Number.isSafeInteger(length) || length < 0) {
      this.queue.push(sent);
      this.lose();
      return false;
    }
    if (length === 0) {
      this.queue.push(sent);
      return true;
    }
    this.request = request;
    this.bodyLeft = length;
    this.bodyLength = 0;
    const form = /^application\/x-www-form-urlencoded/i.test(request.contentType) && length <= MAX_FORM;
    this.body = form ? new Uint8Array(length) : null;
    if (sent) this.queue.push(sent);
    else this.pendingForm = true;
    return true;
  }

  /** The request whose body is being read has no Basic credential: its queue entry waits for the body. */
  private pendingForm = false;

  private endBody(frame: number, time: number): void {
    const request = this.request!;
    const body = this.body;
    this.request = null;
    this.body = null;
    const form = body ? formCredential(parseForm(latin1.decode(body))) : null;
    const sent = form ? { finding: this.finding("HTTP form", form, request, frame, time), basic: false } : null;
    if (sent) this.found.push(sent.finding);
    if (this.pendingForm) this.queue.push(sent);
    this.pendingForm = false;
  }

  private finding(
    kind: "HTTP Basic" | "HTTP form",
    c: { user: string; password: string },
    r: { method: string; target: string; host: string },
    frame: number,
    time: number,
  ): CredentialFinding {
    const detail = `${r.method} ${r.target.startsWith("/") ? r.host + r.target : r.target}`;
    return tcpFinding(this.ctx, "HTTP", kind, { user: c.user, secret: c.password, frame, time, detail });
  }
}
