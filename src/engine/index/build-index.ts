/**
 * The indexing pass: reads a capture once, dissects every packet without a
 * tree or Info text, and fills the PacketIndex. This is what the worker runs
 * when a file is opened; the details pane later re-dissects single packets
 * from their file offset.
 */
import type { ByteSource } from "../io/byte-source";
import { readCapture } from "../capture/open";
import type { ReadOptions, ReadResult } from "../capture/types";
import { Dissection } from "../dissect/dissection";
import { NULL_TREE } from "../dissect/tree";
import { PacketIndex } from "./packet-index";

export interface IndexResult {
  index: PacketIndex;
  dissection: Dissection;
  result: ReadResult;
}

export interface IndexOptions extends ReadOptions {
  /** Called with each new batch of rows (first row, count) as they are indexed. */
  onRows?: (first: number, count: number) => void;
  /** Rows per onRows batch. */
  batchRows?: number;
}

export async function buildIndex(source: ByteSource, options: IndexOptions = {}): Promise<IndexResult> {
  const index = new PacketIndex();
  const dissection = new Dissection();
  let reported = 0;
  const batch = options.batchRows ?? 5000;
  const result = await readCapture(
    source,
    (rec, data) => {
      const pinfo = dissection.dissect(rec, data, NULL_TREE, false);
      index.append(rec, pinfo);
      if (options.onRows && index.count - reported >= batch) {
        options.onRows(reported, index.count - reported);
        reported = index.count;
      }
    },
    options,
  );
  if (options.onRows && index.count > reported) options.onRows(reported, index.count - reported);
  return { index, dissection, result };
}
