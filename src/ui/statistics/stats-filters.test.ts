import { describe, expect, it } from "vitest";
import type { ConversationEntry, EndpointEntry } from "../../engine/stats/snapshot";
import { conversationFilter, endpointFilter } from "./stats-filters";

function conv(a: string, portA: number, b: string, portB: number): ConversationEntry {
  return { a, b, portA, portB, framesAB: 1, bytesAB: 60, framesBA: 1, bytesBA: 60, start: 0, duration: 1 };
}

function endpoint(address: string, port: number): EndpointEntry {
  return { address, port, txFrames: 1, txBytes: 60, rxFrames: 0, rxBytes: 0 };
}

describe("conversationFilter", () => {
  it("writes both addresses of a link or network conversation", () => {
    expect(conversationFilter("eth", conv("02:77:00:00:00:01", 0, "ff:ff:ff:ff:ff:ff", 0))).toBe(
      "eth.addr==02:77:00:00:00:01 && eth.addr==ff:ff:ff:ff:ff:ff",
    );
    expect(conversationFilter("ip", conv("10.0.0.1", 0, "10.0.0.2", 0))).toBe("ip.addr==10.0.0.1 && ip.addr==10.0.0.2");
    expect(conversationFilter("ipv6", conv("fd00::1", 0, "fd00::2", 0))).toBe("ipv6.addr==fd00::1 && ipv6.addr==fd00::2");
  });

  it("writes each end's address and port for TCP and UDP, A first", () => {
    expect(conversationFilter("tcp", conv("10.77.0.2", 52594, "10.77.0.1", 21))).toBe(
      "ip.addr==10.77.0.2 && tcp.port==52594 && ip.addr==10.77.0.1 && tcp.port==21",
    );
    expect(conversationFilter("udp", conv("fd00::1", 546, "fd00::2", 547))).toBe(
      "ipv6.addr==fd00::1 && udp.port==546 && ipv6.addr==fd00::2 && udp.port==547",
    );
  });
});

describe("endpointFilter", () => {
  it("writes the address, with its port for TCP and UDP", () => {
    expect(endpointFilter("ip", endpoint("10.0.0.1", 0))).toBe("ip.addr==10.0.0.1");
    expect(endpointFilter("eth", endpoint("02:77:00:00:00:01", 0))).toBe("eth.addr==02:77:00:00:00:01");
    expect(endpointFilter("tcp", endpoint("10.77.0.1", 21))).toBe("ip.addr==10.77.0.1 && tcp.port==21");
    expect(endpointFilter("udp", endpoint("fe80::1", 53))).toBe("ipv6.addr==fe80::1 && udp.port==53");
  });
});
