/**
 * Protocol Hierarchy Statistics (`-z io,phs`) as Wireshark's
 * tap-protohierstat.c builds it: a packet's top-level tree items, in
 * order, are a path from the root (frame excluded); each node on the path
 * counts the packet and its length on the wire. Siblings keep the order
 * they first appeared in. Nodes are rows of typed arrays.
 */
import { intColumn, floatColumn } from "./growable";
import type { FieldDef } from "../dissect/field";

/** A node's name as tshark prints it: its field's abbreviation, "text" for a text-only item (epan's hf_text_only). */
export function hierarchyName(f: FieldDef): string {
  return f.abbrev === "_ws.text" ? "text" : f.abbrev;
}

export interface HierarchyNode {
  field: number;
  depth: number;
  frames: number;
  bytes: number;
}

export class ProtocolHierarchy {
  private nodes = 0;
  private readonly field = intColumn();
  private readonly firstChild = intColumn();
  private readonly nextSibling = intColumn();
  private readonly frameCount = floatColumn();
  private readonly byteCount = floatColumn();
  /** First top-level node (-1: none yet). */
  private first = -1;

  /** Counts one packet whose top-level items are `path[0..length)` (field ids). */
  add(path: Int32Array, length: number, bytes: number): void {
    let parent = -1;
    for (let i = 0; i < length; i++) {
      const node = this.child(parent, path[i]!);
      this.frameCount.a[node] = this.frameCount.a[node]! + 1;
      this.byteCount.a[node] = this.byteCount.a[node]! + bytes;
      parent = node;
    }
  }

  /** Every node depth first, siblings in order of appearance. */
  walk(): HierarchyNode[] {
    const out: HierarchyNode[] = [];
    const visit = (node: number, depth: number): void => {
      for (let n = node; n >= 0; n = this.nextSibling.a[n]!) {
        out.push({ field: this.field.a[n]!, depth, frames: this.frameCount.a[n]!, bytes: this.byteCount.a[n]! });
        visit(this.firstChild.a[n]!, depth + 1);
      }
    };
    visit(this.first, 0);
    return out;
  }

  private child(parent: number, field: number): number {
    let n = parent < 0 ? this.first : this.firstChild.a[parent]!;
    let last = -1;
    for (; n >= 0; last = n, n = this.nextSibling.a[n]!) if (this.field.a[n] === field) return n;
    n = this.nodes++;
    for (const col of [this.field, this.firstChild, this.nextSibling, this.frameCount, this.byteCount]) col.ensure(this.nodes);
    this.field.a[n] = field;
    this.firstChild.a[n] = this.nextSibling.a[n] = -1;
    if (last >= 0) this.nextSibling.a[last] = n;
    else if (parent < 0) this.first = n;
    else this.firstChild.a[parent] = n;
    return n;
  }
}
