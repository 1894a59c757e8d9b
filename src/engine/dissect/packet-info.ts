/**
 * Per-packet dissection context (Wireshark's packet_info): what the layers
 * learned that later layers and the packet list need. One object is reused for
 * every packet of a pass; `reset` clears it.
 */
import type { ProtoTree } from "./tree";
import type { NetmonComment } from "../capture/types";
import type { CaptureState } from "./state";
import type { ExpertSink } from "./expert-info";

export const PortType = { NONE: 0, TCP: 1, UDP: 2 } as const;

export interface DataSource {
  name: string;
  bytes: Uint8Array;
}

/**
 * What the IP layer carrying the current payload knows and the rest of
 * PacketInfo has no slot for (Wireshark passes it as the `iph` argument and
 * pinfo->fragmented): ICMP prints the carrier's TTL in Info and verifies
 * checksums only over a complete, unfragmented payload. IPv4/IPv6 set it
 * around their payload call and put the previous values back afterwards.
 */
export interface IpCarrier {
  /** 4 or 6 while an IP payload is being dissected, else 0. */
  version: number;
  ttl: number;
  /** A first fragment handed on without reassembly (pinfo->fragmented). */
  fragmented: boolean;
  /** Fewer bytes captured than the IP header says the payload has. */
  truncated: boolean;
}

export class PacketInfo {
  /** 1-based frame number. */
  num = 0;
  tsSec = 0;
  tsNsec = 0;
  /** Captured and original (on-the-wire) length. */
  capLen = 0;
  len = 0;
  linkType = 0;
  interfaceId = 0;
  /** True when re-dissecting a packet after the first pass (details pane, sorting). */
  visited = false;

  /** Link-layer addresses for the Source/Destination columns when no network layer is present. */
  dlSrc = "";
  dlDst = "";
  /** Network-layer addresses (the columns prefer these). */
  netSrc = "";
  netDst = "";
  /** Transport: IP protocol number and addresses as raw bytes for conversation keys. */
  ipProto = -1;
  /**
   * The network addresses' bytes: [srcAddrAt, srcAddrAt + srcAddrLen) of
   * srcAddrBytes (null: none), the same for the destination. Set with
   * `setSrcAddr`/`setDstAddr` (or the `srcAddr`/`dstAddr` setters); a view
   * object is made only when `srcAddr`/`dstAddr` is read, so the common
   * path (conversation keys) costs no allocation.
   */
  srcAddrBytes: Uint8Array | null = null;
  srcAddrAt = 0;
  srcAddrLen = 0;
  dstAddrBytes: Uint8Array | null = null;
  dstAddrAt = 0;
  dstAddrLen = 0;
  private srcView: Uint8Array | null = null;
  private dstView: Uint8Array | null = null;
  portType: number = PortType.NONE;
  srcPort = 0;
  dstPort = 0;
  /**
   * Where the current IP payload ends on the wire, as an offset into the
   * buffer handed to the ip.proto dissector (Wireshark's tvb_reported_length):
   * beyond that dissector's `end` when the snap length cut the frame short.
   * -1 when not known (transport layers then use `end`). IPv4/IPv6 set it
   * right before calling the ip.proto table; TCP/UDP read it and reset it.
   */
  reportedEnd = -1;
  /** Nesting depth of IP layers (ICMP errors carry an inner IP header: depth > 1 there). */
  ipDepth = 0;
  /**
   * True while dissecting the datagram quoted inside an ICMP/ICMPv6 error
   * (Wireshark's pinfo->flags.in_error_pkt): inner layers add fields but must
   * not change the columns, addresses, conversations or stream state.
   */
  inErrorPacket = false;

  /** Protocol column (last layer that set it wins, like col_set_str(COL_PROTOCOL)). */
  protocol = "";
  /** Info column. Dissectors set it only when `wantColumns` (string building is not free). */
  info = "";
  /** Whether columns (Info) are needed for this pass. */
  wantColumns = true;
  /** Colon-separated layer names, as frame.protocols. */
  layers: string[] = [];
  /** The frame's NetMon comment (wiretap's pseudo_header.netmon), for the netmon_header dissector. */
  netmon: NetmonComment | null = null;

  tcpStream = -1;
  udpStream = -1;
  /** TCP analysis bits (see tcp.ts) for colouring "Bad TCP". */
  tcpAnalysis = 0;
  tcpFlags = -1;
  /** Set when any layer was malformed; the reason is the first one found. */
  malformed = "";
  /** Highest expert severity seen: 0 none, 1 chat, 2 note, 3 warn, 4 error. */
  expertSeverity = 0;
  /** Where a pass that lists expert items wants them (kept across packets; null: nobody asked). */
  expertSink: ExpertSink | null = null;

  /**
   * Desegmentation request from a subdissector of TCP (Wireshark's
   * pinfo->desegment_offset/len): "my PDU starting at desegmentOffset needs
   * desegmentLen more bytes". -1 means "one more segment", 0 none.
   */
  desegmentOffset = 0;
  desegmentLen = 0;
  /** Whether the current payload can be desegmented (TCP sets it for its subdissectors). */
  canDesegment = false;

  /** Data sources beyond the frame (reassembled buffers); index 0 is the frame. */
  sources: DataSource[] = [];
  /**
   * The data source the layers are reporting in now (the tree has no getter
   * for it): the frame (0) until a layer enters a reassembled buffer.
   */
  source = 0;
  /** What the IP layer carrying the current payload knows (see IpCarrier). */
  readonly ipCarrier: IpCarrier = { version: 0, ttl: -1, fragmented: false, truncated: false };

  constructor(
    public tree: ProtoTree,
    public state: CaptureState,
  ) {}

  reset(): void {
    this.dlSrc = this.dlDst = this.netSrc = this.netDst = "";
    this.ipProto = -1;
    this.srcAddrBytes = this.dstAddrBytes = null;
    this.srcAddrAt = this.srcAddrLen = this.dstAddrAt = this.dstAddrLen = 0;
    this.srcView = this.dstView = null;
    this.portType = PortType.NONE;
    this.srcPort = this.dstPort = 0;
    this.reportedEnd = -1;
    this.ipDepth = 0;
    this.inErrorPacket = false;
    this.protocol = "";
    this.info = "";
    this.netmon = null;
    this.truncateLayers(0);
    this.tcpStream = this.udpStream = -1;
    this.tcpAnalysis = 0;
    this.tcpFlags = -1;
    this.malformed = "";
    this.expertSeverity = 0;
    this.desegmentOffset = this.desegmentLen = 0;
    this.canDesegment = false;
    // Setting an array's length is a runtime call: only when there is something to drop.
    if (this.sources.length !== 0) this.sources.length = 0;
    this.source = 0;
    const c = this.ipCarrier;
    c.version = 0;
    c.ttl = -1;
    c.fragmented = c.truncated = false;
  }

  /** Switches the tree to data source `index`; returns the previous one, to switch back to. */
  enterSource(index: number): number {
    const prev = this.source;
    this.source = index;
    this.tree.setSource(index);
    return prev;
  }

  /** Source network address as a view of its bytes (null: none). */
  get srcAddr(): Uint8Array | null {
    if (this.srcView === null && this.srcAddrBytes !== null) this.srcView = this.srcAddrBytes.subarray(this.srcAddrAt, this.srcAddrAt + this.srcAddrLen);
    return this.srcView;
  }
  set srcAddr(v: Uint8Array | null) {
    this.srcAddrBytes = this.srcView = v;
    this.srcAddrAt = 0;
    this.srcAddrLen = v ? v.length : 0;
  }
  get dstAddr(): Uint8Array | null {
    if (this.dstView === null && this.dstAddrBytes !== null) this.dstView = this.dstAddrBytes.subarray(this.dstAddrAt, this.dstAddrAt + this.dstAddrLen);
    return this.dstView;
  }
  set dstAddr(v: Uint8Array | null) {
    this.dstAddrBytes = this.dstView = v;
    this.dstAddrAt = 0;
    this.dstAddrLen = v ? v.length : 0;
  }
  /** The source address is bytes [at, at + len) of `data`. */
  setSrcAddr(data: Uint8Array, at: number, len: number): void {
    this.srcAddrBytes = data;
    this.srcAddrAt = at;
    this.srcAddrLen = len;
    this.srcView = null;
  }
  setDstAddr(data: Uint8Array, at: number, len: number): void {
    this.dstAddrBytes = data;
    this.dstAddrAt = at;
    this.dstAddrLen = len;
    this.dstView = null;
  }

  /**
   * `layers.length = n`, without the runtime call an array length store
   * costs when the list only has to shrink (the usual case).
   */
  truncateLayers(n: number): void {
    const l = this.layers;
    if (l.length > n) while (l.length > n) l.pop();
    else if (l.length < n) l.length = n;
  }

  /**
   * Length of the transport payload [offset, end) as the wire had it (Wireshark's
   * tvb_reported_length): the IP layer's reportedEnd when it reaches past the
   * captured end, else the captured length. Consumes reportedEnd, which is meant
   * for the one layer directly above IP.
   */
  takeReportedLength(offset: number, end: number): number {
    const rep = this.reportedEnd >= end ? this.reportedEnd - offset : end - offset;
    this.reportedEnd = -1;
    return rep;
  }

  /** Registers a reassembled buffer as a data source and returns its index (≥ 1). */
  addSource(name: string, bytes: Uint8Array): number {
    this.sources.push({ name, bytes });
    return this.sources.length;
  }

  setInfo(text: string): void {
    this.info = text;
  }

  appendInfo(text: string): void {
    this.info = this.info ? `${this.info}${text}` : text;
  }

  /** Column Source: network address if a network layer set one, else link address. */
  get srcColumn(): string {
    return this.netSrc || this.dlSrc;
  }
  get dstColumn(): string {
    return this.netDst || this.dlDst;
  }
}
