/**
 * What the indexing pass records besides the packet index, so that the views
 * opened later (Follow Stream, Sessions, Files, Credentials, Diagrams) are
 * built from facts instead of a second read and dissection of the capture:
 *
 * - Follow Stream's per-segment facts (follow-facts.ts, ~24 bytes per TCP packet);
 * - each TCP and UDP stream's rows (stream-rows.ts, 4 bytes per packet);
 * - the FTP control connections' payloads and the FTP probe's opening
 *   classes (ftp-facts.ts: a few bytes per control packet), and the control
 *   connections on port 21 parsed (control-parses.ts: their commands and
 *   replies, by column);
 * - the diagrams' FTP lines (diagram-facts.ts: interned strings, per FTP packet);
 * - the payloads of HTTP, SMTP, POP3, IMAP and Telnet connections and the
 *   SNMP communities, for the Credentials view (credentials/credential-facts.ts);
 * - the hashes of FTP data connections (data-hashes.ts), when asked for.
 *
 * All are read from the one FieldCollector the pass dissects into, which
 * must want PASS_FIELDS with positions.
 */
import type { CaptureInfo, PacketRecord } from "../capture/types";
import type { FieldDef } from "../dissect/field";
import type { PacketInfo } from "../dissect/packet-info";
import type { FieldCollector, TreeBuilder } from "../dissect/tree";
import { FOLLOW_FIELDS, FollowFacts } from "../follow/follow-facts";
import { StreamRows } from "../follow/stream-rows";
import { FtpFacts } from "../ftp/ftp-facts";
import { DataHashes, type StreamHasher } from "../ftp/data-hashes";
import { ControlParses } from "../ftp/control-parses";
import type { PacketIndex } from "../index/packet-index";
import { DiagramFacts } from "../diagram/diagram-facts";
import { DIAGRAM_FIELDS } from "../diagram/packets";
import { CredentialFacts } from "../credentials/credential-facts";
import { SNMP_CREDENTIAL_FIELDS } from "../credentials/snmp";

/** The fields the pass's collector must want (with positions). */
export const PASS_FIELDS: readonly FieldDef[] = [...new Set([...FOLLOW_FIELDS, ...DIAGRAM_FIELDS, ...SNMP_CREDENTIAL_FIELDS])];

export class PassFacts {
  readonly follow: FollowFacts;
  readonly tcpRows = new StreamRows();
  readonly udpRows = new StreamRows();
  readonly ftp: FtpFacts;
  readonly diagram: DiagramFacts;
  readonly credentials: CredentialFacts;
  /** The FTP data connections' hashes (null: not asked for). */
  readonly dataHashes: DataHashes | null;
  /** The FTP control connections parsed (null: not asked for). */
  readonly ftpControls: ControlParses | null;

  /**
   * `hasher`: hash FTP data connections during the pass with it; `parseFtpControl`:
   * parse the FTP control connections (both need the pass's `index`).
   */
  constructor(collector: FieldCollector, index?: PacketIndex, hasher?: StreamHasher | null, parseFtpControl = true) {
    this.follow = new FollowFacts(collector);
    const parsingControl = index !== undefined && parseFtpControl;
    this.ftp = new FtpFacts(this.follow, { keepControlPorts: !parsingControl });
    this.diagram = new DiagramFacts(collector, this.follow, this.tcpRows);
    this.credentials = new CredentialFacts(collector, this.follow);
    this.dataHashes = index && hasher ? new DataHashes(this.follow, index, hasher) : null;
    this.ftpControls = parsingControl ? new ControlParses(this.follow, index) : null;
  }

  /** Payload bytes of the connections that may be FTP control (on port 21, or opening with a 220 greeting). */
  get ftpControlBytes(): number {
    return this.ftp.keptBytes + (this.ftpControls?.controlBytes ?? 0);
  }

  /** Records row `row`, just dissected from `frame` into the collector. */
  record(row: number, pinfo: PacketInfo, frame: Uint8Array): void {
    this.follow.record(row, pinfo);
    if (pinfo.tcpStream >= 0) {
      this.tcpRows.add(pinfo.tcpStream, row);
      this.ftp.record(row, pinfo, frame);
      this.diagram.record(row, pinfo);
      this.dataHashes?.record(row, pinfo, frame);
      this.ftpControls?.record(row, pinfo, frame);
      this.credentials.recordTcp(row, pinfo, frame);
    }
    if (pinfo.udpStream >= 0) {
      this.udpRows.add(pinfo.udpStream, row);
      this.credentials.recordUdp(row, pinfo);
    }
  }

  /** After the pass's last packet. */
  async finish(): Promise<void> {
    this.ftpControls?.finish();
    await this.dataHashes?.finish();
  }
}

/**
 * Work done on each packet of the indexing pass by someone else, from the
 * same dissection (the CLI prints packets while the pass records them).
 */
export interface PassTap {
  /**
   * The collector the pass dissects into instead of its own (the tap's
   * fields and the pass's in one): it must want PASS_FIELDS with positions,
   * and the session's colours be off.
   */
  readonly collector?: FieldCollector;
  /** Whether the Info and Protocol columns are computed. */
  readonly columns: boolean;
  /** The capture's description, before its first packet. */
  info?(info: CaptureInfo): void;
  /** Before a packet is dissected: a details tree to dissect it into as well (-V), or null. */
  tree(rec: PacketRecord): TreeBuilder | null;
  /** After the packet is dissected and recorded. */
  packet(rec: PacketRecord, data: Uint8Array, pinfo: PacketInfo): void;
}
