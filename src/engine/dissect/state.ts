/**
 * Capture-wide dissection state (conversations, reassembly tables, stream
 * counters). Each stateful protocol keeps one object here under its own key,
 * created on first use. State lives per conversation, never per packet, except
 * compact typed-array columns where a protocol must remember a per-frame fact
 * for re-dissection (`visited`).
 */
export class CaptureState {
  private readonly slots = new Map<string, unknown>();

  get<T>(key: string, create: () => T): T {
    let v = this.slots.get(key) as T | undefined;
    if (v === undefined) {
      v = create();
      this.slots.set(key, v);
    }
    return v;
  }

  /** Time of the first packet (frame.time_relative's origin). */
  firstSec = NaN;
  firstNsec = 0;
  /** Time of the previous captured / displayed packet (frame.time_delta). */
  prevSec = NaN;
  prevNsec = 0;
}
