/**
 * Where dissectors report fields. Three implementations of one interface, chosen
 * by what the caller needs, so dissectors are written once:
 * - `NullTree`: indexing pass; nothing is recorded (cheapest).
 * - `FieldCollector`: only the fields asked for (CLI `-e`, display filters).
 * - `TreeBuilder`: the whole tree with byte ranges and labels (details pane).
 *
 * Offsets are relative to the data source currently being dissected: 0 is the
 * frame's bytes; reassembled buffers (IP fragments, TCP PDUs) are added with
 * `pushSource` and become 1, 2, ...
 */
import { fieldCount, type FieldDef, type FieldValue } from "./field";

export const GENERATED = 1;
export const HIDDEN = 2;

export type Severity = "chat" | "note" | "warn" | "error";

export interface ProtoTree {
  /** True when labels and full subtrees are wanted; dissectors skip costly text otherwise. */
  readonly detailed: boolean;
  /** Whether `f` is recorded at all (lets dissectors skip computing a value). */
  wants(f: FieldDef): boolean;
  /** A leaf field. `label` replaces the default "Name: value" text. */
  add(f: FieldDef, offset: number, length: number, value: FieldValue, flags?: number, label?: string): void;
  /** Opens a subtree (a protocol layer or a field with children). */
  open(f: FieldDef, offset: number, length: number, value?: FieldValue, label?: string, flags?: number): void;
  /** Closes the innermost subtree; `length`, when given, replaces the length given to `open`. */
  close(length?: number): void;
  /** Changes the label of the innermost open subtree (e.g. once a protocol's summary is known). */
  setLabel(label: string): void;
  /** Expert info (Wireshark's "Expert Info" items, `_ws.expert`). */
  expert(offset: number, length: number, severity: Severity, message: string, field?: FieldDef): void;
  /** Switches data source for the following items (see pushSource in PacketInfo). */
  setSource(index: number): void;
}

export class NullTree implements ProtoTree {
  readonly detailed = false;
  wants(): boolean {
    return false;
  }
  add(): void {}
  open(): void {}
  close(): void {}
  setLabel(): void {}
  expert(): void {}
  setSource(): void {}
}

export const NULL_TREE = new NullTree();

/**
 * Collects every occurrence of the wanted fields for one packet at a time.
 * `values(f)` lists them in dissection order (tshark's occurrence order).
 */
export class FieldCollector implements ProtoTree {
  readonly detailed = false;
  private readonly wanted: Uint8Array;
  private readonly found: (FieldValue[] | undefined)[] = [];
  private touched: number[] = [];

  constructor(fields: readonly FieldDef[]) {
    this.wanted = new Uint8Array(Math.max(fieldCount(), 1));
    for (const f of fields) this.wanted[f.id] = 1;
  }
  wants(f: FieldDef): boolean {
    return this.wanted[f.id] === 1;
  }
  add(f: FieldDef, _offset: number, _length: number, value: FieldValue, _flags?: number, label?: string): void {
    if (this.wanted[f.id] !== 1) return;
    // tshark prints a protocol item as its label when a dissector changed it, else its abbreviation.
    if (f.type === "protocol") value = label ?? f.abbrev;
    let list = this.found[f.id];
    if (!list) {
      list = [];
      this.found[f.id] = list;
    }
    if (list.length === 0) this.touched.push(f.id);
    list.push(value);
  }
  open(f: FieldDef, offset: number, length: number, value: FieldValue = null, label?: string): void {
    if (this.wanted[f.id] === 1) this.add(f, offset, length, value, 0, label);
  }
  close(): void {}
  setLabel(): void {}
  expert(): void {}
  setSource(): void {}
  values(f: FieldDef): readonly FieldValue[] {
    return this.found[f.id] ?? EMPTY;
  }
  /** Forget the previous packet's values. */
  reset(): void {
    for (const id of this.touched) this.found[id]!.length = 0;
    this.touched = [];
  }
}
const EMPTY: readonly FieldValue[] = [];

export interface TreeNode {
  field: FieldDef;
  offset: number;
  length: number;
  value: FieldValue;
  flags: number;
  /** Data source index (0 = frame bytes). */
  source: number;
  label?: string;
  children?: TreeNode[];
  /** Expert severity, when this node is an expert item. */
  severity?: Severity;
}

/** Builds the full tree for the details pane. */
export class TreeBuilder implements ProtoTree {
  readonly detailed = true;
  readonly roots: TreeNode[] = [];
  private stack: TreeNode[] = [];
  private source = 0;

  constructor(private readonly expertField: FieldDef) {}

  wants(): boolean {
    return true;
  }
  private append(node: TreeNode): void {
    const parent = this.stack[this.stack.length - 1];
    if (parent) (parent.children ??= []).push(node);
    else this.roots.push(node);
  }
  add(f: FieldDef, offset: number, length: number, value: FieldValue, flags = 0, label?: string): void {
    if (flags & HIDDEN) return;
    const node: TreeNode = { field: f, offset, length, value, flags, source: this.source };
    if (label !== undefined) node.label = label;
    this.append(node);
  }
  open(f: FieldDef, offset: number, length: number, value: FieldValue = null, label?: string, flags = 0): void {
    const node: TreeNode = { field: f, offset, length, value, flags, source: this.source, children: [] };
    if (label !== undefined) node.label = label;
    this.append(node);
    this.stack.push(node);
  }
  close(length?: number): void {
    const node = this.stack.pop();
    if (node && length !== undefined) node.length = length;
  }
  setLabel(label: string): void {
    const node = this.stack[this.stack.length - 1];
    if (node) node.label = label;
  }
  expert(offset: number, length: number, severity: Severity, message: string): void {
    this.append({ field: this.expertField, offset, length, value: message, flags: GENERATED, source: this.source, label: message, severity });
  }
  setSource(index: number): void {
    this.source = index;
  }
}
