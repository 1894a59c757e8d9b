/**
 * NDR, the DCE/RPC transfer syntax (C706 §14), and NDR64 (MS-RPCE §2.2.5),
 * read the way Wireshark 4.0's packet-dcerpc-ndr.c and packet-dcerpc.c read
 * them for the PIDL-generated interface dissectors (packet-dcerpc-srvsvc.c),
 * so that fields, tree and exceptions fall where tshark's do:
 *
 * - alignment counts from the start of the stub;
 * - NDR64 makes referent IDs and array counts 8 bytes, aligned to 8; plain
 *   integers keep their own size and alignment;
 * - a top-level pointer's referent is read right after it, with every
 *   pointer met on the way (deferred pointers, dissect_deferred_pointers):
 *   a pointer met while a referent is read is queued after that referent,
 *   and its referent's items go inside the pointer's item, wherever the
 *   reading then is. The tree is therefore built here first and handed to
 *   the packet's tree in its final order (`emit`);
 * - reading past the stub throws `Truncated`: the items made so far stay
 *   (an item whose end was not known yet keeps "to the end of the stub"),
 *   and the caller marks the packet malformed, as Wireshark's exception does.
 */
import { defineField, defineFields, type FieldDef, type FieldValue } from "../../field";
import { ensure } from "../../bytes";
import type { ProtoTree } from "../../tree";

export const ndrFields = defineFields("dcerpc", {
  referent_id: { name: "Referent ID", type: "uint32", base: "hex" },
  referent_id64: { name: "Referent ID", type: "uint64", base: "hex" },
  "array.max_count": { name: "Max Count", type: "uint32" },
  "array.offset": { name: "Offset", type: "uint32" },
  "array.actual_count": { name: "Actual Count", type: "uint32" },
  null_pointer: { name: "NULL Pointer", type: "bytes" },
});
const F = ndrFields;

/** Wireshark's text items (proto_tree_add_text): "Pointer to …", a union's name. */
const textField = defineField("_ws.text", { name: "Text item", type: "none" });

/** One item of the stub's tree. `len` -1: not known yet (the rest of the stub, if it never is). */
export interface NdrNode {
  f: FieldDef;
  at: number;
  len: number;
  value: FieldValue;
  label?: string;
  flags: number;
  kids: NdrNode[] | null;
}

export type PointerKind = "ref" | "unique";

interface Deferred {
  /** The pointer's item: the referent's items go inside it, and its length becomes the referent's. */
  node: NdrNode;
  read: () => void;
}

export class Ndr {
  /** Where the reading is (an offset into `data`). */
  at: number;
  /** The items of the stub, top level. */
  readonly roots: NdrNode[] = [];
  private parent: NdrNode[];
  private topLevel = true;
  private readonly deferred: Deferred[] = [];
  /** Where a pointer met now is queued (ndr_pointer_list_pos). */
  private queueAt = 0;

  constructor(
    readonly data: Uint8Array,
    /** The stub's first byte: alignment counts from here. */
    readonly start: number,
    readonly end: number,
    /** The context's transfer syntax is NDR64. */
    readonly ndr64: boolean,
  ) {
    this.at = start;
    this.parent = this.roots;
  }

  align(n: number): void {
    const rel = this.at - this.start;
    if (rel % n) this.at += n - (rel % n);
  }

  /** An item in the current subtree. */
  add(f: FieldDef, at: number, len: number, value: FieldValue, label?: string, flags = 0): NdrNode {
    const node: NdrNode = { f, at, len, value, flags, kids: null };
    if (label !== undefined) node.label = label;
    this.parent.push(node);
    return node;
  }

  /**
   * Opens a subtree at the reading position, sized later. Wireshark adds it
   * with length -1 ("to the end"), which throws when nothing is left
   * (tvb_ensure_captured_length_remaining).
   */
  open(f: FieldDef, label?: string, value: FieldValue = null): NdrNode {
    ensure(this.at, 1, this.end);
    const node = this.add(f, this.at, -1, value, label);
    node.kids = [];
    return node;
  }

  /** Reads `fn` inside `node` (items go into its subtree). */
  inside(node: NdrNode, fn: () => void): void {
    const saved = this.parent;
    node.kids ??= [];
    this.parent = node.kids;
    try {
      fn();
    } finally {
      this.parent = saved;
    }
  }

  /** dissect_ndr_uint32: aligned to 4, little-endian (the capture's data representation). */
  u32(f: FieldDef | null): number {
    this.align(4);
    ensure(this.at, 4, this.end);
    const d = this.data;
    const at = this.at;
    const v = (d[at]! | (d[at + 1]! << 8) | (d[at + 2]! << 16) | (d[at + 3]! << 24)) >>> 0;
    this.at += 4;
    if (f) this.add(f, at, 4, f.type === "none" ? null : v);
    return v;
  }

  /** dissect_ndr_uint3264: a referent ID or an array count, 8 bytes aligned to 8 in NDR64. */
  private u3264(): bigint {
    const size = this.ndr64 ? 8 : 4;
    this.align(size);
    ensure(this.at, size, this.end);
    const d = this.data;
    let v = 0n;
    for (let i = size - 1; i >= 0; i--) v = (v << 8n) | BigInt(d[this.at + i]!);
    this.at += size;
    return v;
  }

  /** An array count (max count, offset, actual count): FT_UINT32 fields whatever the syntax. */
  private count(f: FieldDef): number {
    const v = Number(this.u3264() & 0xffffffffn);
    const size = this.ndr64 ? 8 : 4;
    this.add(f, this.at - size, size, v);
    return v;
  }

  /**
   * A pointer (dissect_ndr_pointer_cb), `text` its item's label ("Pointer to
   * Level (uint32)"). A top-level one reads its referent, and everything it
   * defers, before returning; an embedded one queues its referent.
   */
  pointer(kind: PointerKind, text: string, read: () => void): void {
    const startAt = this.at;
    const size = this.ndr64 ? 8 : 4;
    let node: NdrNode | null = null;
    if (this.topLevel && kind === "ref") {
      // A top-level reference pointer has no wire form.
      node = this.add(textField, this.at, 0, null, text);
      node.kids = [];
      this.queue(node, read);
    } else {
      const id = this.u3264();
      if (id === 0n) {
        this.add(F.null_pointer, this.at - size, size, this.data.subarray(this.at - size, this.at), `NULL Pointer: ${text}`);
      } else {
        node = this.add(textField, this.at - size, size, null, text);
        node.kids = [];
        const idField = this.ndr64 ? F.referent_id64 : F.referent_id;
        const value = this.ndr64 ? id : Number(id);
        // The label is built here: the default one would print a 64-bit value in decimal (BASE_HEX: 0x and 16 digits).
        const label = `Referent ID: 0x${id.toString(16).padStart(size * 2, "0")}`;
        node.kids.push({ f: idField, at: this.at - size, len: size, value, label, flags: 0, kids: null });
        this.queue(node, read);
      }
    }
    if (this.topLevel) {
      this.topLevel = false;
      try {
        this.deferredPointers();
      } finally {
        this.topLevel = true;
      }
      // packet-dcerpc.c measures a top-level pointer from where the reading was, before the alignment.
      if (node) node.len = this.at - startAt;
    }
  }

  private queue(node: NdrNode, read: () => void): void {
    this.deferred.splice(this.queueAt, 0, { node, read });
    this.queueAt++;
  }

  /** dissect_deferred_pointers: each queued referent in turn, those it queues right after it. */
  deferredPointers(): void {
    while (this.deferred.length > 0) {
      const next = this.deferred.shift()!;
      this.queueAt = 0;
      const from = this.at;
      this.inside(next.node, next.read);
      next.node.len = this.at - from;
    }
  }

  /**
   * A structure (PIDL's struct dissector): aligned to 4, or with `pointers`
   * to the pointer size (PIDL's ALIGN_TO_5_BYTES), its item sized to what it
   * read; NDR64 pads its end to 8.
   */
  struct(f: FieldDef, pointers: boolean, read: () => void): void {
    this.align(pointers && this.ndr64 ? 8 : 4);
    const node = this.open(f);
    const from = this.at;
    this.inside(node, read);
    node.len = this.at - from;
    if (this.ndr64) this.align(8);
  }

  /** A union with its discriminant (a uint32 under the union's own field) before the arm; the arm is `arms(level)`. */
  union(name: string, f: FieldDef, arms: (level: number) => void): void {
    const node = this.open(textField, name);
    const from = this.at;
    this.inside(node, () => {
      const level = this.u32(f);
      arms(level);
    });
    node.len = this.at - from;
  }

  /** A conformant array of `read` elements (dissect_ndr_ucarray): its max count, then the elements. */
  conformantArray(read: () => void): void {
    const n = this.count(F["array.max_count"]);
    for (let i = 0; i < n; i++) read();
  }

  /**
   * A conformant varying UTF-16 string (dissect_ndr_cvstring): max count,
   * offset, actual count, then the characters (the count includes the NUL;
   * the field's text stops at it).
   */
  cvString(f: FieldDef): void {
    this.count(F["array.max_count"]);
    this.count(F["array.offset"]);
    const n = this.count(F["array.actual_count"]);
    this.align(2);
    ensure(this.at, n * 2, this.end);
    let text = "";
    for (let i = 0; i < n; i++) {
      const c = this.data[this.at + 2 * i]! | (this.data[this.at + 2 * i + 1]! << 8);
      if (c === 0) break;
      text += String.fromCharCode(c);
    }
    if (n > 0) this.add(f, this.at, n * 2, text);
    this.at += n * 2;
  }

  /** Hands the stub's items to the packet's tree, in tree order. */
  emit(tree: ProtoTree): void {
    emitNodes(tree, this.roots, this.end);
  }
}

function emitNodes(tree: ProtoTree, nodes: readonly NdrNode[], end: number): void {
  for (const n of nodes) {
    const len = n.len < 0 ? end - n.at : n.len;
    const label = tree.detailed ? n.label : undefined;
    if (n.kids) {
      tree.open(n.f, n.at, len, n.value, label, n.flags);
      emitNodes(tree, n.kids, end);
      tree.close();
    } else tree.add(n.f, n.at, len, n.value, n.flags, label);
  }
}
