/**
 * ONC RPC and Portmap from hand-built datagrams. The expected columns and
 * fields are tshark 4.0.17's for a capture of the same two datagrams
 * (checked: Protocol, Info, frame.protocols and portmap.port equal).
 */
import { describe, expect, it } from "vitest";
import { ipFrame, udp } from "../ip-testing";
import { ethernet } from "../testing";

const CLIENT = [10, 0, 0, 1];
const SERVER = [10, 0, 0, 2];
const words = (...v: number[]): number[] => v.flatMap((x) => [(x >>> 24) & 0xff, (x >>> 16) & 0xff, (x >>> 8) & 0xff, x & 0xff]);

const getportCall = words(
  0x1234, // xid
  0, // message type: call
  2, // RPC version
  100000, // program: Portmap
  2, // program version
  3, // procedure: GETPORT
  0, 0, // credentials: AUTH_NULL, length 0
  0, 0, // verifier: AUTH_NULL, length 0
  100003, 3, 17, 0, // arguments: NFS version 3 over UDP, port 0
);
const getportReply = words(
  0x1234, // xid
  1, // message type: reply
  0, // reply state: accepted
  0, 0, // verifier: AUTH_NULL, length 0
  0, // accept state: success
  2049, // port
);

describe("RPC and Portmap", () => {
  it("reads a GETPORT call and pairs its reply", () => {
    const run = ethernet();
    const c = run(ipFrame(CLIENT, SERVER, 17, udp(900, 111, getportCall)));
    expect(c.layers).toBe("eth:ethertype:ip:udp:rpc:portmap");
    expect(c.protocol).toBe("Portmap");
    expect(c.info).toBe("V2 GETPORT Call NFS(100003) V:3 UDP");
    expect(c.f("rpc.xid")).toBe("0x00001234");
    expect(c.f("portmap.prog")).toBe("100003");
    const r = run(ipFrame(SERVER, CLIENT, 17, udp(111, 900, getportReply)));
    expect(r.info).toBe("V2 GETPORT Reply (Call In 1) Port:2049");
    expect(r.f("portmap.port")).toBe("2049");
    expect(r.f("rpc.repframe")).toBe("1");
  });

  it("leaves a reply to no call it saw, and other programs, to UDP", () => {
    const run = ethernet();
    expect(run(ipFrame(SERVER, CLIENT, 17, udp(111, 900, getportReply))).layers).toBe("eth:ethertype:ip:udp:data");
    const nfsCall = [...getportCall];
    nfsCall.splice(12, 4, ...words(100003));
    expect(run(ipFrame(CLIENT, SERVER, 17, udp(900, 2049, nfsCall))).layers).not.toContain("rpc");
  });
});
