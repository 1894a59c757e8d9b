/**
 * `--credentials`: every cleartext credential of the capture (the records
 * the app's Credentials view lists: engine/credentials), as an aligned text
 * table or as JSON (`-T json`). Secrets are printed: the analyst ran the
 * command on their own file. Capture text is data: control characters are
 * escaped so that it cannot move the terminal's cursor or change its colours.
 */
import { CaptureError } from "../engine/capture/types";
import type { CredentialRecord } from "../engine/credentials/types";
import { CaptureSession } from "../engine/session/capture-session";
import type { ByteSource } from "../engine/io/byte-source";
import type { Io } from "./io";
import { nativeDigests } from "./native-digests";

const RESULT = { success: "accepted", failed: "rejected", unknown: "unknown" } as const;

/** C0 and C1 controls and DEL as \xNN (a backslash as \\), the rest untouched. */
export function terminalSafe(s: string): string {
  let out = "";
  for (const c of s) {
    const code = c.charCodeAt(0);
    if (c === "\\") out += "\\\\";
    else if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) out += `\\x${code.toString(16).padStart(2, "0")}`;
    else out += c;
  }
  return out;
}

function endpoint(e: { address: string; port: number }): string {
  return e.address.includes(":") ? `[${e.address}]:${e.port}` : `${e.address}:${e.port}`;
}

/** The text table: a header, then one line per record, columns padded to their widest cell. */
export function credentialsTable(records: readonly CredentialRecord[]): string {
  const header = ["Frame", "Protocol", "Kind", "Client", "Server", "User", "Secret", "Result", "Detail"];
  const rows = records.map((r) => [
    String(r.frame),
    r.protocol,
    r.kind,
    endpoint(r.client),
    endpoint(r.server),
    terminalSafe(r.user),
    r.secret === null ? "(none sent)" : r.secret === "" ? '""' : terminalSafe(r.secret),
    RESULT[r.result],
    terminalSafe(r.detail),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (i === 0 ? c.padStart(widths[i]!) : i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map(line)].join("\n") + "\n";
}

/** Prints the capture's credentials; the exit status (1: the file could not be read). */
export async function printCredentials(source: ByteSource & { name: string }, format: "text" | "json", io: Io): Promise<number> {
  const session = new CaptureSession(source, { colours: false, hashFtpData: false, prepareFtp: false, digests: nativeDigests });
  try {
    await session.load();
    const failure = session.loadError;
    if (failure?.thrown) {
      const e = failure.error;
      io.stderr(`pcapscope: ${source.name}: ${e instanceof CaptureError ? e.message : `internal error: ${e instanceof Error ? e.message : String(e)}`}\n`);
      return 1;
    }
    const records = await session.credentials();
    io.stdout(format === "json" ? JSON.stringify(records, null, 2) + "\n" : credentialsTable(records));
    return 0;
  } catch (e) {
    io.stderr(`pcapscope: --credentials: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}
