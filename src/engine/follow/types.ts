/**
 * Follow TCP/UDP Stream: the public API. One conversation's payload, per
 * direction, as chunk descriptors (where the bytes are in the capture, not
 * the bytes), read back in windows on demand. The same objects serve the CLI
 * and tests (`followStreams(source)`, one pass over a file) and the app
 * (`CaptureSession.follow(...)`, from the packets the index lists for the
 * stream). See README.md.
 */

export type FollowProtocol = "tcp" | "udp";

/**
 * Which node sent the bytes. Node 0 is the side that sent the stream's first
 * packet (the SYN, when it was captured), as tshark's "Node 0"; direction 0
 * is node 0 → node 1 ("A→B"), direction 1 node 1 → node 0 ("B→A").
 */
export type Direction = 0 | 1;

export interface FollowEndpoint {
  /** Printed as tshark prints it: 10.0.0.1, 2001:db8::1. */
  address: string;
  port: number;
}

/** What a stream holds, without its bytes. Plain data (crosses the worker boundary). */
export interface FollowStreamInfo {
  protocol: FollowProtocol;
  /** tcp.stream / udp.stream index. */
  stream: number;
  /** [node 0, node 1]. */
  nodes: [FollowEndpoint, FollowEndpoint];
  /** Captured payload bytes per direction (gaps not counted). */
  bytes: [number, number];
  /**
   * Bytes per direction that the sender sent but the capture lacks, inside
   * the stream (sum of the chunks' `gapBefore`) and after its last captured
   * byte (`trailingGap`). Always 0 for UDP.
   */
  missing: [number, number];
  /**
   * Bytes missing after the last captured byte of each direction: the peer
   * acknowledged them, or the sender's FIN came later in sequence space.
   */
  trailingGap: [number, number];
  /** Number of chunks (see FollowChunk). */
  chunkCount: number;
  /** Packets of the stream (with or without payload). */
  packets: number;
  /** First and last frame of the stream (0 when none). */
  firstFrame: number;
  lastFrame: number;
  /** Whether each direction's start (SYN) and end (FIN) were seen; RST in either. TCP only. */
  syn: [boolean, boolean];
  fin: [boolean, boolean];
  rst: boolean;
}

/**
 * One run of payload bytes, in delivery order: the order in which the bytes
 * became contiguous for the receiver (an out-of-order segment is delivered
 * when the gap before it is filled; a retransmission delivers only bytes not
 * seen before). Interleaving the two directions by this order shows the
 * conversation as it happened.
 */
export interface FollowChunk {
  /** Index of the chunk in the stream (0-based, delivery order). */
  index: number;
  /** Frame (1-based) whose packet carried these bytes. */
  frame: number;
  direction: Direction;
  /**
   * Offset of the first byte in its direction's byte stream, counted in
   * sequence space from the direction's first byte (gaps count: the byte at
   * streamOffset k had sequence number ISN + 1 + k). For UDP: the sum of the
   * previous datagrams' lengths in that direction.
   */
  streamOffset: number;
  /** Payload bytes of this chunk (never 0). */
  length: number;
  /**
   * Bytes missing (never captured) in this direction right before this chunk:
   * streamOffset - (previous chunk's streamOffset + length) in the same
   * direction, 0 when contiguous.
   */
  gapBefore: number;
  /**
   * When `gapBefore` > 0: the frame that showed the bytes were missing (the
   * peer's acknowledgment past them, as tshark marks it), else this chunk's
   * own frame; 0 when there is no gap.
   */
  gapFrame: number;
  /** Capture time of `frame`. */
  tsSec: number;
  tsNsec: number;
}

/**
 * Chunk descriptors [first, first + count) as columns, for the worker to
 * transfer in one message.
 */
export interface FollowChunkColumns {
  first: number;
  count: number;
  frame: Uint32Array;
  direction: Uint8Array;
  streamOffset: Float64Array;
  length: Uint32Array;
  gapBefore: Float64Array;
  gapFrame: Uint32Array;
  tsSec: Float64Array;
  tsNsec: Uint32Array;
}

/** A piece of a read: bytes, or a gap of known size where the capture has none. */
export type FollowPiece =
  | {
      kind: "data";
      /** Chunk the bytes belong to (a window may start or end inside a chunk). */
      chunk: number;
      frame: number;
      direction: Direction;
      streamOffset: number;
      bytes: Uint8Array;
    }
  | {
      kind: "gap";
      /** The chunk the gap precedes (chunkCount when it is the trailing gap). */
      chunk: number;
      direction: Direction;
      streamOffset: number;
      length: number;
    };

/** Which bytes a view shows: both directions in delivery order, or one. */
export type FollowSelection = "both" | Direction;

/**
 * One followed stream. Descriptors are in memory (a few dozen bytes per
 * chunk); bytes are read from the capture when asked for.
 */
export interface FollowStream {
  readonly info: FollowStreamInfo;
  /** Descriptor of chunk `i` (0 ≤ i < info.chunkCount). */
  chunk(i: number): FollowChunk;
  /** Descriptors of chunks [first, first + count), clipped, as columns. */
  chunkColumns(first: number, count: number): FollowChunkColumns;
  /**
   * The bytes of chunks [first, first + count) (clipped), in delivery order,
   * each preceded by a gap piece when its `gapBefore` > 0; with `selection`
   * a direction, only that direction's chunks in that range are returned.
   */
  readChunks(first: number, count: number, selection?: FollowSelection): Promise<FollowPiece[]>;
  /**
   * One direction's byte stream, [offset, offset + length) in stream offsets
   * (defaults: all of it): data pieces and gap pieces in stream order,
   * including the trailing gap when the window reaches it.
   */
  read(direction: Direction, offset?: number, length?: number): Promise<FollowPiece[]>;
  /** Index of the chunk holding stream offset `offset` of `direction` (or the first after it); chunkCount if none. */
  chunkAt(direction: Direction, offset: number): number;
}

/** All followable streams of a capture (from `followStreams`). */
export interface FollowIndex {
  /** Number of TCP streams (tcp.stream 0..tcpCount-1) and UDP streams. */
  readonly tcpCount: number;
  readonly udpCount: number;
  /** The stream, or null when there is no such index. */
  stream(protocol: FollowProtocol, index: number): FollowStream | null;
}
