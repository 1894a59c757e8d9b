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
import { fieldByAbbrev, fieldCount, type FieldDef, type FieldValue } from "./field";
import { expertGroupCode, type ExpertGroup } from "./expert-info";

export const GENERATED = 1;
export const HIDDEN = 2;

/** Wireshark's expert severities; "comment" is a packet comment's (PI_COMMENT). */
export type Severity = "comment" | "chat" | "note" | "warn" | "error";

export interface ProtoTree {
  /** True when labels and full subtrees are wanted; dissectors skip costly text otherwise. */
  readonly detailed: boolean;
  /**
   * Whether Wireshark would have a tree in this pass (its `tree` non-NULL):
   * tshark builds one for -V, -T fields, a display or tap filter and the
   * Protocol Hierarchy, and none for columns or -z expert alone. A few items
   * are added only under another item, so only with a tree (TCP's "4 NOP in
   * a row", packet-tcp.c's `if (opt_item && …)`).
   */
  readonly built: boolean;
  /**
   * Whether Wireshark shows this tree (tshark -V or -T fields, the details
   * pane): every item is then made, where a tree nobody shows makes only the
   * items of fields a filter names (proto.c's TRY_TO_FAKE_THIS_ITEM). A few
   * expert items exist only on made items ("Trailing stray characters").
   * `detailed` trees are shown; a collector is when it prints -T fields.
   */
  readonly shown?: boolean;
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
  /**
   * Expert info (Wireshark's "Expert Info" items, `_ws.expert`): `group` is the
   * one the item is registered with, `field` its own filterable name when it has
   * one (an ei_register_info abbreviation such as frame.comment.expert).
   */
  expert(offset: number, length: number, severity: Severity, message: string, group?: ExpertGroup, field?: FieldDef): void;
  /** Switches data source for the following items (see pushSource in PacketInfo). */
  setSource(index: number): void;
  /**
   * Sends the following items to the top level until `leaveRoot`: a
   * dissector handing its payload to proto_tree_get_root(tree), as UDP's
   * decode_udp_ports does (so what an ICMP error quotes over UDP is a
   * top-level item, beside the ICMP one). Trees that keep no structure need
   * not implement it.
   */
  enterRoot?(): void;
  /** Returns to the subtrees that were open at the matching `enterRoot`. */
  leaveRoot?(): void;
}

export class NullTree implements ProtoTree {
  readonly detailed = false;
  readonly built = false;
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

/** Wireshark's expert severity codes (PI_COMMENT .. PI_ERROR, epan/proto.h), the values of _ws.expert.severity. */
export const SEVERITY_CODES: Record<Severity, number> = { comment: 0x100000, chat: 0x200000, note: 0x400000, warn: 0x600000, error: 0x800000 };
/** The severities as expert.c's expert_severity_vals names them. */
const SEVERITY_NAMES: Record<Severity, string> = { comment: "Comment", chat: "Chat", note: "Note", warn: "Warning", error: "Error" };

/** The expert item's text, as expert_create_tree labels it: "Expert Info (Warning/Sequence): message". */
export function expertItemLabel(severity: Severity, group: ExpertGroup, message: string): string {
  return `Expert Info (${SEVERITY_NAMES[severity]}/${group}): ${message}`;
}

/** The expert item fields, looked up once (they are defined with the dissectors' common helpers). */
interface ExpertItemFields {
  expert?: FieldDef;
  message?: FieldDef;
  severity?: FieldDef;
  group?: FieldDef;
}
let expertItemFields: ExpertItemFields | null = null;
const expertItems = (): ExpertItemFields =>
  (expertItemFields ??= {
    expert: fieldByAbbrev("_ws.expert"),
    message: fieldByAbbrev("_ws.expert.message"),
    severity: fieldByAbbrev("_ws.expert.severity"),
    group: fieldByAbbrev("_ws.expert.group"),
  });

/**
 * Collects every occurrence of the wanted fields for one packet at a time.
 * `values(f)` lists them in dissection order (tshark's occurrence order).
 *
 * Built for the CLI's per-packet loop: occurrences go into flat reusable
 * slots chained per field, and `reset` is O(1) (a generation counter marks
 * which fields were seen in the current packet), so collecting allocates
 * nothing. `count`/`first`/`last`/`head`/`next`/`valueAt` read them without
 * building an array.
 */
export class FieldCollector implements ProtoTree {
  readonly detailed = false;
  readonly built = true;
  /** Set for the collector tshark -T fields prints (its tree is shown). */
  readonly shown: boolean;
  private readonly wanted: Uint8Array;
  /** Per field id: the generation in which it was last seen, its first and last slot, its count. */
  private readonly seen: Uint32Array;
  private readonly firstSlot: Int32Array;
  private readonly lastSlot: Int32Array;
  private readonly counts: Int32Array;
  /** Per slot: the value and the next slot of the same field (-1: none). */
  private vals: FieldValue[] = [];
  private nextSlot = new Int32Array(64);
  private n = 0;
  private gen = 1;
  /** With `positions`: per slot, the item's offset, length and data source (Follow Stream needs the payload's). */
  private readonly positions: boolean;
  private slotOffset = new Int32Array(0);
  private slotLength = new Int32Array(0);
  private slotSource = new Int32Array(0);
  private source = 0;
  /**
   * With `trackLayers`: per slot, the layer number of the protocol that was
   * current when the item was added (Wireshark's proto_layer_num: 2 for
   * fields of the second `ip` in a packet), for display filters' `ip.addr#2`.
   */
  private layerOf: (() => number) | null = null;
  private slotLayer = new Int32Array(0);

  constructor(fields: readonly FieldDef[], options: { positions?: boolean; shown?: boolean } = {}) {
    this.positions = options.positions === true;
    this.shown = options.shown === true;
    if (this.positions) {
      this.slotOffset = new Int32Array(64);
      this.slotLength = new Int32Array(64);
      this.slotSource = new Int32Array(64);
    }
    const size = Math.max(fieldCount(), 1);
    this.wanted = new Uint8Array(size);
    this.seen = new Uint32Array(size);
    this.firstSlot = new Int32Array(size);
    this.lastSlot = new Int32Array(size);
    this.counts = new Int32Array(size);
    for (const f of fields) this.wanted[f.id] = 1;
  }
  wants(f: FieldDef): boolean {
    return this.wanted[f.id] === 1;
  }
  // add/open stay tiny (one test) so they inline at the dissectors' many call sites; recording is out of line.
  add(f: FieldDef, offset: number, length: number, value: FieldValue, _flags?: number, label?: string): void {
    if (this.wanted[f.id] === 1) this.record(f, value, label, offset, length);
  }
  open(f: FieldDef, offset: number, length: number, value: FieldValue = null, label?: string): void {
    if (this.wanted[f.id] === 1) this.record(f, value, label, offset, length);
  }
  private record(f: FieldDef, value: FieldValue, label: string | undefined, offset: number, length: number): void {
    const id = f.id;
    // tshark prints a protocol item as its label when a dissector changed it, else its abbreviation.
    if (f.type === "protocol") value = label ?? f.abbrev;
    const k = this.n++;
    if (k === this.nextSlot.length) {
      const grown = new Int32Array(k * 2);
      grown.set(this.nextSlot);
      this.nextSlot = grown;
    }
    this.vals[k] = value;
    this.nextSlot[k] = -1;
    if (this.positions) this.position(k, offset, length);
    if (this.layerOf !== null) {
      if (k >= this.slotLayer.length) {
        const grown = new Int32Array(Math.max(64, this.slotLayer.length * 2));
        grown.set(this.slotLayer);
        this.slotLayer = grown;
      }
      this.slotLayer[k] = this.layerOf();
    }
    if (this.seen[id] !== this.gen) {
      this.seen[id] = this.gen;
      this.firstSlot[id] = k;
      this.counts[id] = 1;
    } else {
      this.nextSlot[this.lastSlot[id]!] = k;
      this.counts[id]!++;
    }
    this.lastSlot[id] = k;
  }
  private position(k: number, offset: number, length: number): void {
    if (k >= this.slotOffset.length) {
      const grow = (a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> => {
        const b = new Int32Array(this.nextSlot.length);
        b.set(a);
        return b;
      };
      this.slotOffset = grow(this.slotOffset);
      this.slotLength = grow(this.slotLength);
      this.slotSource = grow(this.slotSource);
    }
    this.slotOffset[k] = offset;
    this.slotLength[k] = length;
    this.slotSource[k] = this.source;
  }
  close(): void {}
  setLabel(): void {}
  /**
   * An expert item's fields, when wanted (display filters and -T fields read
   * them): `_ws.expert` (its text, as tshark prints a protocol item), the
   * item's own field, the message, severity and group.
   */
  expert(offset: number, length: number, severity: Severity, message: string, group?: ExpertGroup, field?: FieldDef): void {
    const f = expertItems();
    const w = this.wanted;
    if (f.expert && w[f.expert.id] === 1) this.record(f.expert, null, group && expertItemLabel(severity, group, message), offset, length);
    if (field && w[field.id] === 1) this.record(field, null, undefined, offset, length);
    if (f.message && w[f.message.id] === 1) this.record(f.message, message, undefined, offset, length);
    if (f.severity && w[f.severity.id] === 1) this.record(f.severity, SEVERITY_CODES[severity], undefined, offset, length);
    if (group && f.group && w[f.group.id] === 1) this.record(f.group, expertGroupCode(group), undefined, offset, length);
  }
  setSource(index: number): void {
    this.source = index;
  }
  /** Records each item's protocol layer number from now on (see `layerAt`). */
  trackLayers(layerOf: () => number): void {
    this.layerOf = layerOf;
  }
  /** With `trackLayers`: the layer number of the item in `slot`. */
  layerAt(slot: number): number {
    return this.slotLayer[slot]!;
  }
  /** Adds `f` to the fields recorded (before a packet is dissected). */
  want(f: FieldDef): void {
    this.wanted[f.id] = 1;
  }
  /** Slot of the last occurrence of `f` (-1: none). */
  tail(f: FieldDef): number {
    return this.seen[f.id] === this.gen ? this.lastSlot[f.id]! : -1;
  }
  /** With the `positions` option: the byte range of the item in `slot` and its data source (0: the frame). */
  offsetAt(slot: number): number {
    return this.slotOffset[slot]!;
  }
  lengthAt(slot: number): number {
    return this.slotLength[slot]!;
  }
  sourceAt(slot: number): number {
    return this.slotSource[slot]!;
  }
  /** Occurrences of `f` in the current packet. */
  count(f: FieldDef): number {
    return this.seen[f.id] === this.gen ? this.counts[f.id]! : 0;
  }
  /** Slot of the first occurrence of `f` (-1: none); walk on with `next`, read with `valueAt`. */
  head(f: FieldDef): number {
    return this.seen[f.id] === this.gen ? this.firstSlot[f.id]! : -1;
  }
  /** Slot of the next occurrence of the same field (-1: none). */
  next(slot: number): number {
    return this.nextSlot[slot]!;
  }
  valueAt(slot: number): FieldValue {
    return this.vals[slot]!;
  }
  /** The first / last occurrence's value (undefined: none). */
  first(f: FieldDef): FieldValue | undefined {
    return this.seen[f.id] === this.gen ? this.vals[this.firstSlot[f.id]!] : undefined;
  }
  last(f: FieldDef): FieldValue | undefined {
    return this.seen[f.id] === this.gen ? this.vals[this.lastSlot[f.id]!] : undefined;
  }
  /** Every occurrence of `f`, in order (a new array; empty when absent). */
  values(f: FieldDef): readonly FieldValue[] {
    if (this.seen[f.id] !== this.gen) return EMPTY;
    const out: FieldValue[] = [];
    for (let k = this.firstSlot[f.id]!; k >= 0; k = this.nextSlot[k]!) out.push(this.vals[k]!);
    return out;
  }
  /** Forget the previous packet's values. */
  reset(): void {
    // Drop references into the previous packet's bytes.
    const vals = this.vals;
    for (let k = 0; k < this.n; k++) vals[k] = null;
    this.n = 0;
    this.source = 0;
    if (++this.gen === 0xffffffff) {
      this.seen.fill(0);
      this.gen = 1;
    }
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
  readonly built = true;
  readonly roots: TreeNode[] = [];
  private stack: TreeNode[] = [];
  /** The open subtrees set aside by enterRoot, innermost call last. */
  private readonly suspended: TreeNode[][] = [];
  private source = 0;

  /** `keepHidden`: keep hidden fields too (tshark -T json writes them; the details pane shows none). */
  constructor(
    private readonly expertField: FieldDef,
    private readonly keepHidden = false,
  ) {}

  wants(): boolean {
    return true;
  }
  private append(node: TreeNode): void {
    const parent = this.stack[this.stack.length - 1];
    if (parent) (parent.children ??= []).push(node);
    else this.roots.push(node);
  }
  add(f: FieldDef, offset: number, length: number, value: FieldValue, flags = 0, label?: string): void {
    if (flags & HIDDEN && !this.keepHidden) return;
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
  /**
   * An expert item as expert_create_tree draws it: "[Expert Info
   * (Severity/Group): message]" over the item's own field (or the message),
   * its severity and group; an item with no group is its message alone.
   */
  expert(offset: number, length: number, severity: Severity, message: string, group?: ExpertGroup, field?: FieldDef): void {
    const source = this.source;
    const node: TreeNode = { field: this.expertField, offset, length, value: message, flags: GENERATED, source, label: message, severity };
    if (group !== undefined) {
      const f = expertItems();
      node.label = expertItemLabel(severity, group, message);
      const leaf = (def: FieldDef | undefined, value: FieldValue, label: string, flags = GENERATED): TreeNode[] =>
        def && (this.keepHidden || (flags & HIDDEN) === 0) ? [{ field: def, offset: 0, length: 0, value, flags, source, label }] : [];
      // With its own field, the item shows that and hides the generic message (expert.c).
      node.children = [
        ...(field ? leaf(field, null, message) : []),
        ...leaf(f.message, message, message, field ? HIDDEN : GENERATED),
        ...leaf(f.severity, SEVERITY_CODES[severity], `Severity level: ${SEVERITY_NAMES[severity]}`),
        ...leaf(f.group, expertGroupCode(group), `Group: ${group}`),
      ];
    }
    this.append(node);
  }
  setSource(index: number): void {
    this.source = index;
  }
  enterRoot(): void {
    this.suspended.push(this.stack);
    this.stack = [];
  }
  leaveRoot(): void {
    this.stack = this.suspended.pop() ?? [];
  }
  /** Empties the tree for the next packet (one builder over many packets, as session.collectFields asks). */
  reset(): void {
    this.roots.length = 0;
    this.stack = [];
    this.suspended.length = 0;
    this.source = 0;
  }
  /**
   * Adds a leaf to an already closed top-level node (frame.protocols is known
   * only after every layer ran, but Wireshark shows it inside "Frame").
   */
  addToRoot(rootIndex: number, f: FieldDef, offset: number, length: number, value: FieldValue, flags = 0): void {
    const root = this.roots[rootIndex];
    if (!root) return this.add(f, offset, length, value, flags);
    (root.children ??= []).push({ field: f, offset, length, value, flags, source: 0 });
  }
}

/**
 * Two trees fed by one dissection: the details tree for printing and a
 * collector for a display filter (the CLI's `-V -Y`). Labels are built,
 * since the details tree wants them.
 */
export class TeeTree implements ProtoTree {
  readonly detailed = true;
  readonly built = true;
  constructor(
    readonly builder: TreeBuilder,
    readonly collector: FieldCollector,
  ) {}
  wants(): boolean {
    return true;
  }
  add(f: FieldDef, offset: number, length: number, value: FieldValue, flags = 0, label?: string): void {
    this.builder.add(f, offset, length, value, flags, label);
    this.collector.add(f, offset, length, value, flags, label);
  }
  open(f: FieldDef, offset: number, length: number, value: FieldValue = null, label?: string, flags = 0): void {
    this.builder.open(f, offset, length, value, label, flags);
    this.collector.open(f, offset, length, value, label);
  }
  close(length?: number): void {
    this.builder.close(length);
    this.collector.close();
  }
  setLabel(label: string): void {
    this.builder.setLabel(label);
  }
  expert(offset: number, length: number, severity: Severity, message: string, group?: ExpertGroup, field?: FieldDef): void {
    this.builder.expert(offset, length, severity, message, group, field);
    this.collector.expert(offset, length, severity, message, group, field);
  }
  setSource(index: number): void {
    this.builder.setSource(index);
    this.collector.setSource(index);
  }
  enterRoot(): void {
    this.builder.enterRoot();
  }
  leaveRoot(): void {
    this.builder.leaveRoot();
  }
}
