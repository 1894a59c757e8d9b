/**
 * Which TCP connections may carry cleartext credentials: the protocols'
 * registered ports (IANA; the ports Wireshark 4.0 registers its HTTP, SMTP,
 * POP, IMAP and Telnet dissectors on), and HTTP wherever a client opens
 * with a request line (RFC 9112 §3), as proxies and test servers run it on
 * any port. FTP's are the FTP analysis' own (engine/ftp).
 */
export const NONE = 0;
export const HTTP = 1;
export const SMTP = 2;
export const POP3 = 3;
export const IMAP = 4;
export const TELNET = 5;
export type Service = typeof NONE | typeof HTTP | typeof SMTP | typeof POP3 | typeof IMAP | typeof TELNET;

const PORTS = new Map<number, Service>([
  [80, HTTP],
  [8080, HTTP],
  [8000, HTTP],
  [8008, HTTP],
  [8888, HTTP],
  [3128, HTTP],
  [3132, HTTP],
  [25, SMTP],
  [587, SMTP],
  [2525, SMTP],
  [110, POP3],
  [143, IMAP],
  [23, TELNET],
]);

export function serviceOfPort(port: number): Service {
  return PORTS.get(port) ?? NONE;
}

/** Method tokens browsers and tools send (RFC 9110 §9, WebDAV's PROPFIND): the first bytes and a space. */
const METHODS = ["GET ", "POST ", "PUT ", "HEAD ", "DELETE ", "OPTIONS ", "PATCH ", "PROPFIND "].map((m) => Uint8Array.from(m, (c) => c.charCodeAt(0)));

/** Whether the payload opens like an HTTP request line (a few byte compares: it runs once per TCP stream). */
export function opensLikeHttpRequest(b: Uint8Array, at: number, length: number): boolean {
  outer: for (const m of METHODS) {
    if (length < m.length) continue;
    for (let i = 0; i < m.length; i++) if (b[at + i] !== m[i]) continue outer;
    return true;
  }
  return false;
}
