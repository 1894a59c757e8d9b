/**
 * Step 7 of the analysis (analyze.ts): cleartext credentials, and the alerts
 * an analyst should see first (cleartext passwords, brute force, FTPS, size
 * mismatches, incomplete files, overlapping segments that disagree, data
 * connections no command explains, and unattributed FTP data: one finding
 * per connection, since each is one file with its own likely session and
 * confidence).
 */
import type { FtpAlert, FtpCredential, FtpDataChannel, FtpEndpoint, FtpFile, FtpSession } from "./types";

/** Brute force: this many failed logins from one client (across its sessions) raise an alert. */
export const BRUTE_FORCE_THRESHOLD = 5;

/** Every login attempt of every session, with its password when one was sent. */
export function collectCredentials(sessions: FtpSession[]): FtpCredential[] {
  const out: FtpCredential[] = [];
  for (const s of sessions) {
    for (const l of s.logins) {
      let t = s.start;
      const log = s.exchanges;
      const frame = l.passFrame ?? l.userFrame;
      for (let i = 0; i < log.length; i++) if (log.verb(i) !== null && log.commandFrame(i) === frame) t = log.commandTime(i);
      out.push({
        id: out.length,
        protocol: "FTP",
        sessionId: s.id,
        client: { ...s.client },
        server: { ...s.server },
        user: l.user,
        password: l.password,
        result: l.result,
        userFrame: l.userFrame,
        passFrame: l.passFrame,
        time: t,
      });
    }
  }
  return out;
}

function endpointText(e: FtpEndpoint): string {
  return e.address.includes(":") ? `[${e.address}]:${e.port}` : `${e.address}:${e.port}`;
}

/** The alerts, each numbered; also listed in its sessions' alertIds. */
export function collectAlerts(
  sessions: FtpSession[],
  channels: FtpDataChannel[],
  files: FtpFile[],
  credentials: FtpCredential[],
  cleanEnds: ReadonlySet<number>,
): FtpAlert[] {
  const alerts: FtpAlert[] = [];
  const add = (a: Omit<FtpAlert, "id">): void => {
    alerts.push({ id: alerts.length, ...a });
  };

  // Cleartext credentials: one alert per client, server and user.
  const creds = new Map<string, FtpCredential[]>();
  for (const c of credentials) {
    if (c.password === null) continue;
    const key = `${c.client.address}\u0000${c.server.address}\u0000${c.user}`;
    const list = creds.get(key);
    if (list) list.push(c);
    else creds.set(key, [c]);
  }
  for (const list of creds.values()) {
    const c = list[0]!;
    const ok = list.some((x) => x.result === "success");
    add({
      kind: "cleartext-credentials",
      severity: ok ? "critical" : "warning",
      message: `Password for user "${c.user}" sent in cleartext from ${c.client.address} to ${endpointText(c.server)} (${list.length} time${list.length === 1 ? "" : "s"}${ok ? ", accepted" : ""}).`,
      sessionIds: [...new Set(list.map((x) => x.sessionId))],
      client: c.client.address,
      fileId: null,
      dataChannelId: null,
      frames: list.map((x) => x.passFrame ?? x.userFrame),
    });
  }

  // Brute force: failed logins per client address across its sessions.
  const failures = new Map<
    string,
    { sessions: Set<number>; frames: number[]; users: Set<string>; servers: Set<string>; success: boolean }
  >();
  for (const s of sessions) {
    for (const l of s.logins) {
      let f = failures.get(s.client.address);
      if (!f) {
        f = { sessions: new Set(), frames: [], users: new Set(), servers: new Set(), success: false };
        failures.set(s.client.address, f);
      }
      if (l.result === "failed") {
        f.sessions.add(s.id);
        f.frames.push(l.replyFrame ?? l.passFrame ?? l.userFrame);
        f.users.add(l.user);
        f.servers.add(s.server.address);
      } else if (l.result === "success") f.success = true;
    }
  }
  for (const [client, f] of failures) {
    if (f.frames.length < BRUTE_FORCE_THRESHOLD) continue;
    const users = [...f.users];
    add({
      kind: "brute-force",
      severity: "critical",
      message: `${f.frames.length} failed logins from ${client} across ${f.sessions.size} session${f.sessions.size === 1 ? "" : "s"} (user${users.length === 1 ? "" : "s"} ${users.map((u) => `"${u}"`).join(", ")})${f.success ? ", then a successful login" : ""}.`,
      sessionIds: [...f.sessions],
      client,
      fileId: null,
      dataChannelId: null,
      frames: f.frames,
    });
  }

  for (const s of sessions) {
    if (!s.encrypted) continue;
    add({
      kind: "ftps",
      severity: "info",
      message:
        s.clearFrame !== null
          ? `FTPS: the control connection ${endpointText(s.client)} → ${endpointText(s.server)} switched to TLS (AUTH ${s.authMechanism ?? "TLS"}) and back to cleartext after CCC (frame ${s.clearFrame}); what it said under TLS is encrypted.`
          : `FTPS: the control connection ${endpointText(s.client)} → ${endpointText(s.server)} switched to TLS (AUTH ${s.authMechanism ?? "TLS"}); later commands, credentials and files are encrypted.`,
      sessionIds: [s.id],
      client: s.client.address,
      fileId: null,
      dataChannelId: null,
      frames: s.tlsFrame !== null ? [s.tlsFrame] : [],
    });
  }

  for (const f of files) {
    if (f.kind !== "file") continue;
    // Bytes the capture lacks inside the file, or at its end when the transfer did not end cleanly.
    const holes = f.missingRanges.filter(([s]) => s < f.size || !cleanEnds.has(f.id));
    if (f.expectedSize !== null && f.expectedSize !== f.size && (cleanEnds.has(f.id) || f.size > f.expectedSize)) {
      add({
        kind: "size-mismatch",
        severity: "warning",
        message: `${f.name}: ${f.size} bytes transferred, the server announced ${f.expectedSize}.`,
        sessionIds: f.sessionIds,
        client: null,
        fileId: f.id,
        dataChannelId: null,
        frames: [f.commandFrame],
      });
    }
    if (f.conflictingRanges.length > 0) {
      const n = f.conflictingRanges.reduce((k, [s, e]) => k + e - s, 0);
      add({
        kind: "overlap-mismatch",
        severity: "warning",
        message: `${f.name}: ${n} bytes differ between the segments that overlap (the first segment's bytes are kept).`,
        sessionIds: f.sessionIds,
        client: null,
        fileId: f.id,
        dataChannelId: null,
        frames: [f.commandFrame],
      });
    }
    if (holes.length > 0) {
      const lost = holes.reduce((n, [s, e]) => n + e - s, 0);
      add({
        kind: "incomplete-file",
        severity: "warning",
        message: `${f.name}: ${lost} of ${Math.max(f.size, f.expectedSize ?? 0)} bytes are not in the capture.`,
        sessionIds: f.sessionIds,
        client: null,
        fileId: f.id,
        dataChannelId: null,
        frames: [f.commandFrame],
      });
    }
  }

  for (const dc of channels) {
    if (!dc.unexplained) continue;
    const a = dc.attribution;
    add({
      kind: a ? "unattributed-data" : "unexplained-data-connection",
      severity: "warning",
      message: a
        ? `Unattributed FTP data ${endpointText(dc.client)} ↔ ${endpointText(dc.server)} (tcp.stream ${dc.stream}, ${dc.bytes[0] + dc.bytes[1]} bytes ${a.direction === "download" ? "server → client" : "client → server"}, ${a.mime}): no readable command announces it; most likely session ${dc.sessionId} (${a.confidence} confidence).`
        : `Data connection ${endpointText(dc.client)} ↔ ${endpointText(dc.server)} (${dc.bytes[0] + dc.bytes[1]} bytes) that no transfer command explains${dc.method !== "none" ? ` (announced by ${dc.method})` : ""}.`,
      sessionIds: dc.sessionId !== null ? [dc.sessionId] : [],
      client: dc.client.address,
      fileId: null,
      dataChannelId: dc.id,
      frames: [dc.firstFrame],
    });
  }
  for (const a of alerts) for (const s of a.sessionIds) sessions[s]!.alertIds.push(a.id);
  return alerts;
}
