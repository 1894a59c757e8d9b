/**
 * Host names the capture itself resolves: every DNS A/AAAA answer seen, name
 * (lower case) to address. Display filters read it for `ip.addr == name`
 * and `ip.host == name`; nothing is ever looked up on a network.
 */
import type { CaptureState } from "./state";
import { ipv6ToString } from "./format";

export class HostTable {
  /** Every address each name was answered with, in the order seen. */
  readonly v4 = new Map<string, number[]>();
  readonly v6 = new Map<string, Uint8Array[]>();

  addV4(name: string, addr: number): void {
    const k = name.toLowerCase();
    const list = this.v4.get(k) ?? this.v4.set(k, []).get(k)!;
    if (!list.includes(addr >>> 0)) list.push(addr >>> 0);
  }
  addV6(name: string, addr: Uint8Array): void {
    const k = name.toLowerCase();
    const list = this.v6.get(k) ?? this.v6.set(k, []).get(k)!;
    if (!list.some((a) => a.every((b, i) => b === addr[i]))) list.push(addr.slice());
  }
  /** A name's address as a resolver would give it: the first answer. */
  ipv4(name: string): number | undefined {
    return this.v4.get(name.toLowerCase())?.[0];
  }
  ipv6(name: string): Uint8Array | undefined {
    return this.v6.get(name.toLowerCase())?.[0];
  }
  /** Every address the name had, as text (what ip.host holds for them with name resolution off). */
  addressTexts(name: string): string[] {
    const k = name.toLowerCase();
    return [...(this.v4.get(k) ?? []).map((a) => `${a >>> 24}.${(a >>> 16) & 0xff}.${(a >>> 8) & 0xff}.${a & 0xff}`), ...(this.v6.get(k) ?? []).map(ipv6ToString)];
  }
}

export function hostTable(state: CaptureState): HostTable {
  return state.get("hosts", () => new HostTable());
}
