import { describe, expect, it } from "vitest";
import { cellFilter } from "./column-filter";

describe("Apply as Filter on a packet-list cell", () => {
  it("writes the field behind the column with the cell's value", () => {
    expect(cellFilter({ type: "custom", field: "ftp.request.command", occurrence: 0 }, "USER")).toBe('ftp.request.command == "USER"');
    expect(cellFilter({ type: "custom", field: "ip.id", occurrence: 1 }, "0x1a2b")).toBe("ip.id == 0x1a2b");
    expect(cellFilter({ type: "custom", field: "ip.addr", occurrence: 0 }, "10.0.0.1,10.0.0.2")).toBe(
      "ip.addr == 10.0.0.1 && ip.addr == 10.0.0.2",
    );
    expect(cellFilter({ type: "custom", field: "ftp.response.arg", occurrence: 0 }, 'Please, say "hi"')).toBe(
      'ftp.response.arg == "Please, say \\"hi\\""',
    );
    expect(cellFilter({ type: "custom", field: "tcp.seq", occurrence: 0 }, "")).toBe("!tcp.seq");
    expect(cellFilter({ type: "hw-src" }, "02:77:00:00:00:01")).toBe("eth.src == 02:77:00:00:00:01");
    expect(cellFilter({ type: "tcp-stream" }, "3")).toBe("tcp.stream == 3");
    expect(cellFilter({ type: "dst-port" }, "21")).toBe("tcp.dstport == 21 || udp.dstport == 21");
    expect(cellFilter({ type: "source" }, "10.77.0.2")).toBe("ip.src == 10.77.0.2");
    expect(cellFilter({ type: "destination" }, "fe80::1")).toBe("ipv6.dst == fe80::1");
    expect(cellFilter({ type: "protocol" }, "FTP-DATA")).toBe("ftp-data");
    expect(cellFilter({ type: "delta-displayed" }, "0.000154")).toBe("frame.time_delta_displayed == 0.000154");
  });

  it("offers nothing where no field stands behind the column", () => {
    expect(cellFilter({ type: "info" }, "Request: USER anonymous")).toBeUndefined();
    expect(cellFilter({ type: "cumulative" }, "1234")).toBeUndefined();
    expect(cellFilter({ type: "tcp-stream" }, "")).toBeUndefined();
  });
});
