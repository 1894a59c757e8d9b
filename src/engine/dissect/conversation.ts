/**
 * Conversations announced by one protocol for another (Wireshark's
 * conversation_new with NO_PORT_B / NO_ADDR_B wildcards): FTP announces its data
 * connections (PORT/EPRT, 227/229 replies) so TCP hands those streams to
 * FTP-DATA whatever their ports.
 *
 * An expectation matches a TCP/UDP packet in either direction when the
 * addresses and ports agree, a null address or port on side B matching any.
 * A later expectation for the same endpoint replaces an earlier one (a new PASV
 * reply reuses the server's port for the next transfer).
 */
import type { Dissector } from "./dissector";
import type { PacketInfo } from "./packet-info";
import type { CaptureState } from "./state";

export interface Expectation {
  /** "tcp" or "udp". */
  transport: "tcp" | "udp";
  addrA: string;
  portA: number;
  /** null: any address. */
  addrB: string | null;
  /** null: any port (Wireshark's NO_PORT_B). */
  portB: number | null;
  dissector: Dissector;
  /** Frame that announced it; only packets after it match. */
  setupFrame: number;
  /** Whatever the announcing protocol wants the data dissector to know (e.g. the FTP command). */
  data?: unknown;
}

export class ConversationTable {
  /**
   * The fixed endpoint (transport, then portA, then addrA) to its
   * expectations, nested so that a lookup builds no key string: most packets
   * stop at the port.
   */
  private readonly byEndpoint = new Map<string, Map<number, Map<string, Expectation[]>>>();
  /** Every list, in the order its endpoint was first announced (for `all`). */
  private readonly lists: Expectation[][] = [];

  expect(e: Expectation): void {
    let byPort = this.byEndpoint.get(e.transport);
    if (!byPort) this.byEndpoint.set(e.transport, (byPort = new Map()));
    let byAddr = byPort.get(e.portA);
    if (!byAddr) byPort.set(e.portA, (byAddr = new Map()));
    let list = byAddr.get(e.addrA);
    if (!list) {
      byAddr.set(e.addrA, (list = []));
      this.lists.push(list);
    }
    list.push(e);
  }

  /**
   * The latest expectation (announced before `frame`) that the packet's
   * endpoints satisfy, trying the source then the destination as side A.
   */
  match(
    transport: "tcp" | "udp",
    frame: number,
    src: string,
    srcPort: number,
    dst: string,
    dstPort: number,
    skip?: (e: Expectation) => boolean,
  ): Expectation | undefined {
    const byPort = this.byEndpoint.get(transport);
    if (!byPort) return undefined;
    return this.find(byPort, frame, src, srcPort, dst, dstPort, skip) ?? this.find(byPort, frame, dst, dstPort, src, srcPort, skip);
  }

  private find(
    byPort: Map<number, Map<string, Expectation[]>>,
    frame: number,
    a: string,
    pa: number,
    b: string,
    pb: number,
    skip: ((e: Expectation) => boolean) | undefined,
  ): Expectation | undefined {
    const list = byPort.get(pa)?.get(a);
    if (!list) return undefined;
    for (let i = list.length - 1; i >= 0; i--) {
      const e = list[i]!;
      if (e.setupFrame >= frame || skip?.(e)) continue;
      if (e.addrB !== null && e.addrB !== b) continue;
      if (e.portB !== null && e.portB !== pb) continue;
      return e;
    }
    return undefined;
  }

  /** All expectations, for analyses (FTP forensics lists data channels). */
  all(): Expectation[] {
    return this.lists.flat();
  }
}

export function conversations(state: CaptureState): ConversationTable {
  return state.get("conversations", () => new ConversationTable());
}

/** Convenience for transport dissectors. */
export function matchConversation(pinfo: PacketInfo, transport: "tcp" | "udp", skip?: (e: Expectation) => boolean): Expectation | undefined {
  return conversations(pinfo.state).match(transport, pinfo.num, pinfo.netSrc, pinfo.srcPort, pinfo.netDst, pinfo.dstPort, skip);
}
