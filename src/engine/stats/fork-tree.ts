/** One dissection reported to two trees (the output's and the statistics'). */
import type { FieldDef, FieldValue } from "../dissect/field";
import type { ProtoTree, Severity } from "../dissect/tree";
import type { ExpertGroup } from "../dissect/expert-info";

export class ForkTree implements ProtoTree {
  readonly detailed: boolean;
  readonly built: boolean;
  readonly shown: boolean;
  constructor(
    private readonly a: ProtoTree,
    private readonly b: ProtoTree,
  ) {
    this.detailed = a.detailed || b.detailed;
    this.built = a.built || b.built;
    this.shown = a.shown === true || b.shown === true;
  }
  wants(f: FieldDef): boolean {
    return this.a.wants(f) || this.b.wants(f);
  }
  add(f: FieldDef, offset: number, length: number, value: FieldValue, flags?: number, label?: string): void {
    this.a.add(f, offset, length, value, flags, label);
    this.b.add(f, offset, length, value, flags, label);
  }
  open(f: FieldDef, offset: number, length: number, value?: FieldValue, label?: string, flags?: number): void {
    this.a.open(f, offset, length, value, label, flags);
    this.b.open(f, offset, length, value, label, flags);
  }
  close(length?: number): void {
    this.a.close(length);
    this.b.close(length);
  }
  setLabel(label: string): void {
    this.a.setLabel(label);
    this.b.setLabel(label);
  }
  expert(offset: number, length: number, severity: Severity, message: string, group?: ExpertGroup, field?: FieldDef): void {
    this.a.expert(offset, length, severity, message, group, field);
    this.b.expert(offset, length, severity, message, group, field);
  }
  setSource(index: number): void {
    this.a.setSource(index);
    this.b.setSource(index);
  }
  enterRoot(): void {
    this.a.enterRoot?.();
    this.b.enterRoot?.();
  }
  leaveRoot(): void {
    this.a.leaveRoot?.();
    this.b.leaveRoot?.();
  }
}
