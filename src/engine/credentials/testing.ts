/**
 * Test support: a hand-built conversation (ftp/testing.ts's Conversation:
 * client segments are direction 0) run through one protocol's parser, as
 * gather.ts runs a stream the pass kept. Not part of the engine.
 */
import { Conversation } from "../ftp/testing";
import { streamFindings } from "./gather";
import type { Service } from "./services";
import type { CredentialFinding } from "./types";

export { Conversation };

export const CLIENT = "192.0.2.10 40000";

/** The findings of `conv` between CLIENT and 192.0.2.20:`port` for `service`. */
export function findingsOf(conv: Conversation, service: Service, port: number): Promise<CredentialFinding[]> {
  return streamFindings(conv.stream(7, CLIENT, `192.0.2.20 ${port}`), service, port);
}

/** Text as Latin-1 bytes with Telnet commands spelled as numbers. */
export function bytes(...parts: (string | number[])[]): Uint8Array {
  const out: number[] = [];
  for (const p of parts) out.push(...(typeof p === "string" ? Array.from(p, (c) => c.charCodeAt(0) & 0xff) : p));
  return Uint8Array.from(out);
}
