/**
 * What a capture session hands to its users (the worker API, and through it the
 * UI): plain data only, structured-clone friendly, typed arrays for anything
 * per-packet so a batch of rows costs a few allocations, not one per row.
 */
import type { CaptureErrorKind, CaptureFormat } from "../capture/types";
import type { Severity } from "../dissect/tree";

/** Capture-wide facts for the status bar and the time column. */
export interface CaptureSummary {
  fileName: string;
  fileSize: number;
  format: CaptureFormat;
  /** As capinfos says it: "Wireshark/tcpdump/... - pcap". */
  formatDescription: string;
  /** Distinct link types, named ("Ethernet", "Raw IP"...). */
  linkTypes: string[];
  /** Decimals of the time column: 6 for microsecond captures, 9 for nanosecond ones. */
  timeDecimals: number;
}

export interface LoadProgress {
  bytesRead: number;
  totalBytes: number;
  /** Packets indexed so far: rows 0..packets-1 can be asked for. */
  packets: number;
}

/** Why loading stopped early, in plain words, with where. */
export interface CaptureProblem {
  kind: CaptureErrorKind | "internal";
  /** A sentence for the alert banner. */
  message: string;
  /** The engine's own message (kept for logs and tests). */
  detail: string;
  packetNumber: number;
  byteOffset: number;
}

export interface LoadResult {
  summary: CaptureSummary | null;
  packets: number;
  cancelled: boolean;
  /** Set when the file is not a capture (packets = 0) or is damaged part-way. */
  problem: CaptureProblem | null;
  /** Milliseconds from the start of loading to the first rows, and to the end. */
  firstRowsMs: number;
  elapsedMs: number;
  /** First packet's time, origin of "seconds since beginning of capture". */
  firstSec: number;
  firstNsec: number;
}

/**
 * A window of rows of the packet list, in display order, as columns.
 * Strings that repeat (addresses, protocol names) travel as ids into tables the
 * receiver keeps; each batch carries only the table entries the receiver said
 * it does not have yet (`from` = how many it had).
 */
export interface RowBatch {
  /** Display position of the first row. */
  first: number;
  count: number;
  number: Uint32Array;
  timeSec: Float64Array;
  timeNsec: Uint32Array;
  /** Time since the previous packet in frame order (Wireshark's frame.time_delta). */
  deltaSec: Float64Array;
  deltaNsec: Int32Array;
  /**
   * Time since the previous displayed packet (frame.time_delta_displayed) and
   * bytes of the displayed packets up to this one (Cumulative Bytes): filled
   * by ColumnValues.fill (column-values.ts), zero otherwise.
   */
  shownDeltaSec: Float64Array;
  shownDeltaNsec: Int32Array;
  cumBytes: Float64Array;
  /** The transport's ports (when flags has PacketFlag.PORT_TCP or PORT_UDP) and tcp.stream (-1: none). */
  srcPort: Uint16Array;
  dstPort: Uint16Array;
  tcpStream: Int32Array;
  src: Uint32Array;
  dst: Uint32Array;
  protocol: Uint32Array;
  length: Uint32Array;
  /** 0 = no colouring rule matched, i = COLOUR_RULES[i - 1]. */
  colourIndex: Uint8Array;
  /** Index flags (PacketFlag bits). */
  flags: Uint32Array;
  info: string[];
  addresses: StringTableDelta;
  protocols: StringTableDelta;
  /** The field columns asked for (ColumnValues.fill): per column, each row's text as an index into `texts`. */
  fields: { ids: Uint32Array[]; texts: string[] } | null;
}

export interface StringTableDelta {
  from: number;
  strings: string[];
}

export type SortKey = "number" | "time" | "source" | "destination" | "protocol" | "length" | "info";
export type SortDirection = "asc" | "desc";

/** One line of the details tree, with the bytes it covers. */
export interface DetailNode {
  /** Pre-order index within this packet's tree (stable for one packet). */
  id: number;
  /** The line as the details pane shows it (generated fields in [brackets]). */
  label: string;
  /** Wireshark field name (`ip.src`), shown on hover. */
  abbrev: string;
  /** The value part alone, for "Copy value" ("" for protocols and text items). */
  value: string;
  /** The display filter that selects this item ("Apply as Filter"); absent for text items. */
  filter?: string;
  /** Data source index (0 = frame), offset and length of the covered bytes. */
  source: number;
  offset: number;
  length: number;
  generated: boolean;
  /** Expert severity of an expert item; "error" for a malformed mark. */
  severity?: Severity;
  /** A layer (or subtree) with a malformed mark somewhere below it. */
  malformed?: boolean;
  children?: DetailNode[];
}

export interface DataSourceBytes {
  /** "Frame (74 bytes)", "Reassembled TCP (1460 bytes)". */
  name: string;
  bytes: Uint8Array;
}

export interface PacketDetails {
  number: number;
  tree: DetailNode[];
  sources: DataSourceBytes[];
}
