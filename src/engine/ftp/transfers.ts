/**
 * Step 4 of the analysis (analyze.ts): each transfer command gets the data
 * channel of the announcement it uses (control.ts chose the announcement: the
 * latest one before the command that no started transfer used, whatever
 * commands come between and whether the connection opened before or after
 * the command). A command that failed at once leaves the channel to the next
 * one naming the same announcement.
 */
import type { PayloadRef } from "./content";
import type { ParsedControl, TransferCommand } from "./control";
import type { DataChannels } from "./data-channels";
import type { FtpDataChannel, FtpSession, FtpTransfer } from "./types";

/** The transfers, and for each (same index) its payload on the wire. */
export interface Transfers {
  transfers: FtpTransfer[];
  payloads: (PayloadRef | null)[];
}

export function isListing(t: { command: string }): boolean {
  return t.command === "LIST" || t.command === "NLST" || t.command === "MLSD";
}

/** Every session's transfers, each with the data channel of its announcement. */
export function buildTransfers(
  sessions: readonly FtpSession[],
  parsed: readonly ParsedControl[],
  { dataChannels, channelStreams, channelsOf }: DataChannels,
): Transfers {
  const transfers: FtpTransfer[] = [];
  const payloads: (PayloadRef | null)[] = [];
  for (let si = 0; si < sessions.length; si++) {
    const p = parsed[si]!;
    const sess = sessions[si]!;
    const chosen = chooseChannels(p, si, dataChannels, channelsOf);
    for (const t of p.transfers) {
      const dcId = chosen.get(t) ?? null;
      const dc = dcId !== null ? dataChannels[dcId]! : null;
      const id = transfers.length;
      if (t.exchangeIndex < sess.exchanges.length) sess.exchanges.setTransferId(t.exchangeIndex, id);
      let ref: PayloadRef | null = null;
      if (dc) {
        dc.transferId = id;
        dc.unexplained = false;
        dc.encrypted = t.protectedData;
        const s = channelStreams[dcId!]!;
        const serverNode = s.info.nodes[0].address === dc.server.address && s.info.nodes[0].port === dc.server.port ? 0 : 1;
        const direction = (t.direction === "download" ? serverNode : 1 - serverNode) as 0 | 1;
        const length = s.info.bytes[direction] + s.info.missing[direction];
        ref = { stream: s, direction, length, ascii: t.type.startsWith("A") && !isListing(t) };
      }
      transfers.push({
        id,
        sessionId: si,
        command: t.command,
        argument: t.argument,
        path: t.path,
        direction: t.direction,
        commandFrame: t.commandFrame,
        startReply: t.startReply,
        endReply: t.endReply,
        dataChannelId: dcId,
        dataStream: dc ? dc.stream : null,
        restOffset: t.restOffset,
        type: t.type,
        mode: t.mode,
        structure: t.structure,
        expectedSize: t.expectedSize,
        expectedSizeSource: t.expectedSizeSource,
        payloadSize: 0,
        payloadMissing: [],
        payloadMd5: null,
        payloadSha256: null,
        firstDataFrame: 0,
        lastDataFrame: 0,
        aborted: t.aborted,
        fileId: null,
      });
      payloads.push(ref);
      sess.transferIds.push(id);
    }
  }
  return { transfers, payloads };
}

/**
 * Several transfers may name one announcement (one failed at once, the next
 * used it): the one that started gets the channel, the one carrying bytes in
 * its direction when the announcement got several.
 */
function chooseChannels(
  p: ParsedControl,
  si: number,
  dataChannels: readonly FtpDataChannel[],
  channelsOf: ReadonlyMap<string, number[]>,
): Map<TransferCommand, number> {
  const byAnnouncement = new Map<number, TransferCommand[]>();
  for (const t of p.transfers) {
    if (t.announcement === null) continue;
    const list = byAnnouncement.get(t.announcement);
    if (list) list.push(t);
    else byAnnouncement.set(t.announcement, [t]);
  }
  const chosen = new Map<TransferCommand, number>();
  for (const [ai, list] of byAnnouncement) {
    const channels = [...(channelsOf.get(`${si} ${ai}`) ?? [])];
    if (!channels.length) continue;
    const started = list.filter((t) => t.startReply !== null || (t.endReply !== null && t.endReply.code < 300));
    const order = [...started, ...list.filter((t) => !started.includes(t))];
    for (const t of order) {
      if (!channels.length) break;
      // The channel carrying bytes in the transfer's direction, else the first.
      let pick = 0;
      let bestBytes = -1;
      channels.forEach((dcId, k) => {
        const dc = dataChannels[dcId]!;
        const n = t.direction === "download" ? dc.bytes[1] : dc.bytes[0];
        if (n > bestBytes) {
          bestBytes = n;
          pick = k;
        }
      });
      chosen.set(t, channels.splice(pick, 1)[0]!);
    }
  }
  return chosen;
}
