/** Interns strings (addresses, protocol names) so the packet index stores small ids. */
export class StringTable {
  private readonly ids = new Map<string, number>();
  readonly strings: string[] = [];

  intern(s: string): number {
    let id = this.ids.get(s);
    if (id === undefined) {
      id = this.strings.length;
      this.strings.push(s);
      this.ids.set(s, id);
    }
    return id;
  }
  get(id: number): string {
    return this.strings[id] ?? "";
  }
  get size(): number {
    return this.strings.length;
  }
}
