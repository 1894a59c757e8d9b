/**
 * SNMP communities (RFC 1157 §3.2.5, RFC 1901 §3): a v1/v2c message carries
 * its community string in the clear, and the community is the password.
 * Read from the SNMP dissector's fields during the indexing pass (no bytes
 * kept): one record per client, agent and community, as NetworkMiner lists
 * them. The sender of a request (get, get-next, get-bulk, set) or of a trap
 * or inform is the client; an agent's response with the same community
 * means it was accepted (agents drop wrong communities silently, RFC 3584
 * §4.2, so a request without answer stays "unknown").
 */
import type { PacketInfo } from "../dissect/packet-info";
import { snmpFields } from "../dissect/protocols/snmp/fields";
import type { FieldCollector } from "../dissect/tree";
import type { CredentialFinding } from "./types";

/** The fields the pass's collector must want for SNMP communities. */
export const SNMP_CREDENTIAL_FIELDS = [snmpFields.community, snmpFields.data, snmpFields.version];

/** PDU types (snmp.data): get-response and report come from the agent. */
const GET_RESPONSE = 2;
const SET_REQUEST = 3;
const REPORT = 8;

const VERSION_NAMES = ["SNMPv1", "SNMPv2c"];

interface Community {
  client: { address: string; port: number };
  server: { address: string; port: number };
  stream: number;
  row: number;
  community: string;
  version: number;
  answered: boolean;
  set: boolean;
}

export class SnmpCommunities {
  /** By client address, agent address and port, version and community: a handful per capture. */
  private readonly seen = new Map<string, Community>();

  constructor(private readonly c: FieldCollector) {}

  /** Row `row` was just dissected into the collector; only SNMP v1/v2c messages cost anything. */
  record(row: number, pinfo: PacketInfo): void {
    const community = this.c.first(snmpFields.community);
    if (typeof community !== "string") return;
    const pdu = this.c.first(snmpFields.data);
    const version = this.c.first(snmpFields.version);
    const fromAgent = pdu === GET_RESPONSE || pdu === REPORT;
    const client = fromAgent ? { address: pinfo.netDst, port: pinfo.dstPort } : { address: pinfo.netSrc, port: pinfo.srcPort };
    const server = fromAgent ? { address: pinfo.netSrc, port: pinfo.srcPort } : { address: pinfo.netDst, port: pinfo.dstPort };
    const v = typeof version === "number" ? version : 0;
    const key = `${client.address}\0${server.address}\0${server.port}\0${v}\0${community}`;
    let entry = this.seen.get(key);
    if (!entry) {
      entry = { client, server, stream: pinfo.udpStream, row, community, version: v, answered: false, set: false };
      this.seen.set(key, entry);
    }
    if (fromAgent) entry.answered = true;
    if (pdu === SET_REQUEST) entry.set = true;
  }

  /** The communities seen; `time(row)`: the capture time of a row. */
  findings(time: (row: number) => number): CredentialFinding[] {
    return [...this.seen.values()].map((e) => ({
      protocol: "SNMP",
      kind: "SNMP community",
      client: e.client,
      server: e.server,
      transport: "udp",
      stream: e.stream,
      frame: e.row + 1,
      time: time(e.row),
      user: "",
      secret: e.community,
      result: e.answered ? "success" : "unknown",
      detail: `${VERSION_NAMES[e.version] ?? `SNMP version ${e.version}`}${e.set ? ", set-request" : ""}`,
    }));
  }
}
