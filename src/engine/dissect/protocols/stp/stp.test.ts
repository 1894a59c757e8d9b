/**
 * IEEE 802.3 frames with LLC, SNAP and Spanning Tree BPDUs, dissected from
 * hand-built Ethernet frames through the whole engine. Expected values are
 * what tshark 4.0.17 prints for the same bytes (the first two frames are
 * those of gre-keepalive-cmd-gre-in-gre-plus-stp-pvst-cdp-dtp.pcap; the
 * capture itself is compared in src/cli/link-layer-corpus.test.ts).
 */
import { describe, expect, it } from "vitest";
import { LinkType } from "../../../capture/types";
import { defaultLabel } from "../../format";
import type { TreeNode } from "../../tree";
import { detailsTree } from "../testing";
import { ethernet, findNode, frame } from "../ip-testing";

const STP_MULTICAST = [0x01, 0x80, 0xc2, 0x00, 0x00, 0x00];
const PVST_MULTICAST = [0x01, 0x00, 0x0c, 0xcc, 0xcc, 0xcd];
const BRIDGE = [0xaa, 0xbb, 0xcc, 0x00, 0x03, 0x10];
const ROOT_MAC = [0xaa, 0xbb, 0xcc, 0x00, 0x03, 0x00];

/** The 35 bytes of a configuration BPDU (IEEE 802.1D-2004 §9.3.1). */
function confBpdu(o: { flags?: number; rootPrio?: number; cost?: number; version?: number; type?: number } = {}): number[] {
  const prio = o.rootPrio ?? 0x8001;
  const cost = o.cost ?? 0;
  return [
    0x00, 0x00, // protocol identifier
    o.version ?? 0x00, // version: STP
    o.type ?? 0x00, // BPDU type: configuration
    o.flags ?? 0x00, // flags
    prio >> 8, prio & 0xff, ...ROOT_MAC, // root identifier: priority 32768, extension 1
    (cost >>> 24) & 0xff, (cost >> 16) & 0xff, (cost >> 8) & 0xff, cost & 0xff, // root path cost
    0x80, 0x01, ...ROOT_MAC, // bridge identifier
    0x80, 0x02, // port identifier
    0x00, 0x00, // message age 0
    0x14, 0x00, // max age 20 s
    0x02, 0x00, // hello time 2 s
    0x0f, 0x00, // forward delay 15 s
  ];
}

/** An 802.3 frame: destination, source, length, then `payload`, padded with zeros to 60 bytes. */
function ieee8023(dst: number[], payload: number[]): Uint8Array {
  const f = [...dst, ...BRIDGE, payload.length >> 8, payload.length & 0xff, ...payload];
  while (f.length < 60) f.push(0);
  return Uint8Array.from(f);
}

const LLC_BPDU = [0x42, 0x42, 0x03]; // DSAP and SSAP 0x42 (Spanning Tree), control UI

const labels = (n: TreeNode | undefined): string[] => (n?.children ?? []).map((c) => c.label ?? defaultLabel(c.field, c.value));

describe("IEEE 802.3 and LLC", () => {
  it("dissects an 802.2 BPDU frame as tshark does (frame 3 of the GRE/STP capture)", () => {
    const r = ethernet()(ieee8023(STP_MULTICAST, [...LLC_BPDU, ...confBpdu()]));
    expect(r.layers).toBe("eth:llc:stp");
    expect(r.f("eth.len")).toBe("38");
    expect(r.f("eth.padding")).toBe("0000000000000000");
    expect(r.f("eth.trailer")).toBe("");
    expect(r.f("llc.dsap")).toBe("0x42");
    expect(r.f("llc.dsap.sap")).toBe("33"); // the SAP without its I/G bit, shifted: Wireshark prints it so
    expect(r.f("llc.dsap.ig")).toBe("0");
    expect(r.f("llc.ssap.cr")).toBe("0");
    expect(r.f("llc.control")).toBe("0x0003");
    expect(r.f("llc.control.u_modifier_cmd")).toBe("0x00");
    expect(r.f("llc.control.ftype")).toBe("0x03");
    expect(r.protocol).toBe("STP");
    expect(r.info).toBe("Conf. Root = 32768/1/aa:bb:cc:00:03:00  Cost = 0  Port = 0x8002");
  });

  it("says what the LLC header holds when no dissector takes the SAP", () => {
    // DSAP 0x18 (Texas Instruments), SSAP 0x19 (the same, response), UI, 4 bytes of payload.
    const r = ethernet()(ieee8023(STP_MULTICAST, [0x18, 0x19, 0x03, 1, 2, 3, 4]));
    expect(r.layers).toBe("eth:llc:data");
    expect(r.protocol).toBe("LLC");
    expect(r.info).toBe("U, func=UI; DSAP Texas Instruments Individual, SSAP Texas Instruments Response");
    expect(r.f("data.data")).toBe("01020304");
  });

  it("reads the two-byte control field of I frames (LLC type 2)", () => {
    // DSAP/SSAP 0x86 (Nestar), control 0x0a 0x04: I frame, N(S)=5, N(R)=2, P clear.
    const r = ethernet()(ieee8023(STP_MULTICAST, [0x86, 0x86, 0x0a, 0x04, 0xff]));
    expect(r.info).toBe("I, N(R)=2, N(S)=5; DSAP Nestar Individual, SSAP Nestar Command");
    expect(r.f("llc.control")).toBe("0x040a");
    expect(r.f("llc.control.n_r")).toBe("2");
    expect(r.f("llc.control.n_s")).toBe("5");
  });

  it("names a SNAP payload it cannot hand on", () => {
    // SNAP, OUI 12-34-56 (unassigned), PID 0x0001.
    const r = ethernet()(ieee8023(STP_MULTICAST, [0xaa, 0xaa, 0x03, 0x12, 0x34, 0x56, 0x00, 0x01, 0x01]));
    expect(r.layers).toBe("eth:llc:data");
    expect(r.f("llc.oui")).toBe("1193046");
    expect(r.f("llc.pid")).toBe("0x0001");
    expect(r.info).toBe("U, func=UI; SNAP, OUI 0x123456 (Unknown), PID 0x0001");
  });

  it("hands an RFC 1042 SNAP payload (OUI 00-00-00) to the EtherType's dissector without an ethertype layer", () => {
    // SNAP, OUI 0, EtherType 0x9000 (Loopback): a Reply with receipt number 7.
    const r = ethernet()(ieee8023(STP_MULTICAST, [0xaa, 0xaa, 0x03, 0, 0, 0, 0x90, 0x00, 0, 0, 1, 0, 7, 0]));
    expect(r.layers).toBe("eth:llc:loop");
    expect(r.f("llc.type")).toBe("0x9000");
    expect(r.protocol).toBe("LOOP");
    expect(r.info).toBe("Reply");
  });

  it("flags an 802.3 length past the frame and dissects what is there", () => {
    const payload = [...LLC_BPDU, ...confBpdu()];
    const f = [...STP_MULTICAST, ...BRIDGE, 0x05, 0xdc, ...payload]; // length 1500
    const r = ethernet()(Uint8Array.from(f));
    expect(r.f("_ws.expert.message")).toContain("Length field value goes past the end of the payload");
    expect(r.protocol).toBe("STP");
  });
});

describe("Spanning Tree BPDUs", () => {
  it("reads a PVST+ BPDU after a VLAN tag, with its originating VLAN TLV (frame 2)", () => {
    const llcSnap = [0xaa, 0xaa, 0x03, 0x00, 0x00, 0x0c, 0x01, 0x0b]; // SNAP, Cisco OUI, PID PVST+
    const bpdu = confBpdu({ rootPrio: 0x84bd });
    bpdu[17] = 0x84; // bridge priority 32768, extension 1213
    bpdu[18] = 0xbd;
    const tlv = [0x00, 0x00, 0x00, 0x02, 0x04, 0xbd]; // type 0 (originating VLAN), length 2, VLAN 1213
    const body = [...llcSnap, ...bpdu, 0x00, ...tlv]; // one pad byte: the TLVs start at offset 36
    const r = ethernet()(frame(PVST_MULTICAST, BRIDGE, [0x81, 0x00, 0x04, 0xbd, body.length >> 8, body.length & 0xff], body));
    expect(r.layers).toBe("eth:ethertype:vlan:llc:stp");
    expect(r.f("vlan.len")).toBe("50");
    expect(r.f("llc.cisco_pid")).toBe("0x010b");
    expect(r.f("llc.oui")).toBe("12");
    expect(r.f("stp.root.ext")).toBe("1213");
    expect(r.f("stp.bridge.ext")).toBe("1213");
    expect(r.f("stp.pvst.tlvtype")).toBe("0x0000");
    expect(r.f("stp.pvst.tlvlen")).toBe("2");
    expect(r.f("stp.pvst.origvlan")).toBe("1213");
    expect(r.f("_ws.expert.message")).toBe("");
    expect(r.info).toBe("Conf. Root = 32768/1213/aa:bb:cc:00:03:00  Cost = 0  Port = 0x8002");
  });

  it("prints every configuration BPDU field as tshark does", () => {
    const r = ethernet()(ieee8023(STP_MULTICAST, [...LLC_BPDU, ...confBpdu({ flags: 0x81, cost: 19 })]));
    expect(r.f("stp.protocol")).toBe("0x0000");
    expect(r.f("stp.version")).toBe("0");
    expect(r.f("stp.type")).toBe("0x00");
    expect(r.f("stp.flags")).toBe("0x81");
    expect(r.f("stp.flags.tcack")).toBe("1");
    expect(r.f("stp.flags.tc")).toBe("1");
    expect(r.f("stp.flags.agreement")).toBe(""); // RST flags only in RST BPDUs
    expect(r.f("stp.root.prio")).toBe("32768");
    expect(r.f("stp.root.hw")).toBe("aa:bb:cc:00:03:00");
    expect(r.f("stp.root.cost")).toBe("19");
    expect(r.f("stp.port")).toBe("0x8002");
    expect(r.f("stp.msg_age")).toBe("0");
    expect(r.f("stp.max_age")).toBe("20");
    expect(r.f("stp.hello")).toBe("2");
    expect(r.f("stp.forward")).toBe("15");
    expect(r.info).toBe("Conf. TC + Root = 32768/1/aa:bb:cc:00:03:00  Cost = 19  Port = 0x8002");
  });

  it("labels RST flags by name and role", () => {
    // RSTP: version 2, type 2, flags 0x3c (forwarding, learning, designated), version 1 length 0.
    const bpdu = [...confBpdu({ version: 2, type: 2, flags: 0x3c }), 0x00];
    const r = ethernet()(ieee8023(STP_MULTICAST, [...LLC_BPDU, ...bpdu]));
    expect(r.info).toBe("RST. Root = 32768/1/aa:bb:cc:00:03:00  Cost = 0  Port = 0x8002");
    expect(r.f("stp.flags.port_role")).toBe("3");
    expect(r.f("stp.flags.forwarding")).toBe("1");
    expect(r.f("stp.version_1_length")).toBe("0");
    const tree = detailsTree(LinkType.ETHERNET, ieee8023(STP_MULTICAST, [...LLC_BPDU, ...bpdu]));
    expect(findNode(tree, "stp.flags")!.label).toBe("BPDU flags: 0x3c, Forwarding, Learning, Port Role: Designated");
    expect(labels(findNode(tree, "stp")).slice(0, 5)).toEqual([
      "Protocol Identifier: Spanning Tree Protocol (0x0000)",
      "Protocol Version Identifier: Rapid Spanning Tree (2)",
      "BPDU Type: Rapid/Multiple Spanning Tree (0x02)",
      "BPDU flags: 0x3c, Forwarding, Learning, Port Role: Designated",
      "Root Identifier: 32768 / 1 / aa:bb:cc:00:03:00",
    ]);
  });

  it("stops a Topology Change Notification after its 4 bytes", () => {
    const r = ethernet()(ieee8023(STP_MULTICAST, [...LLC_BPDU, 0x00, 0x00, 0x00, 0x80]));
    expect(r.info).toBe("Topology Change Notification");
    expect(r.f("stp.type")).toBe("0x80");
    expect(r.f("stp.flags")).toBe("");
  });

  it("reads the MST extension and its MSTI messages", () => {
    const name = Array.from("region1", (c) => c.charCodeAt(0));
    const mst = [
      ...confBpdu({ version: 3, type: 2, flags: 0x7c }),
      0x00, // version 1 length
      0x00, 0x50, // version 3 length: 64 + one 16-byte MSTI message
      0x00, // MST config ID format selector
      ...name, ...new Array(32 - name.length).fill(0), // MST config name
      0x00, 0x01, // revision 1
      ...new Array(16).fill(0xab), // digest
      0x00, 0x00, 0x00, 0x00, // CIST internal root path cost
      0x80, 0x00, ...BRIDGE, // CIST bridge identifier
      20, // CIST remaining hops
      // MSTI 5: flags, regional root (priority 32768 + MSTID 5, MAC), cost 200000, bridge prio 0x80, port prio 0x80, hops 20
      0x7c, 0x80, 0x05, ...ROOT_MAC, 0x00, 0x03, 0x0d, 0x40, 0x80, 0x80, 20,
    ];
    const r = ethernet()(ieee8023(STP_MULTICAST, [...LLC_BPDU, ...mst]));
    expect(r.info).toBe("MST. Root = 32768/1/aa:bb:cc:00:03:00  Cost = 0  Port = 0x8002");
    expect(r.f("mstp.version_3_length")).toBe("80");
    expect(r.f("mstp.config_name")).toBe("region1");
    expect(r.f("mstp.config_revision_level")).toBe("1");
    expect(r.f("mstp.cist_bridge.hw")).toBe("aa:bb:cc:00:03:10");
    expect(r.f("mstp.cist_remaining_hops")).toBe("20");
    expect(r.f("mstp.msti.msti_id")).toBe("5");
    expect(r.f("mstp.msti.root_cost")).toBe("200000");
    expect(r.f("mstp.msti.bridge_priority")).toBe("8");
    expect(r.f("mstp.msti.remaining_hops")).toBe("20");
    expect(r.malformed).toBe("");
  });

  it("marks a BPDU cut short malformed", () => {
    const r = ethernet()(frame(STP_MULTICAST, BRIDGE, [0x00, 0x0d], LLC_BPDU, confBpdu().slice(0, 10)));
    expect(r.malformed).toContain("STP");
    expect(r.protocol).toBe("STP");
  });
});
