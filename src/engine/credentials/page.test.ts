import { describe, expect, it } from "vitest";
import { CredentialList, type CredentialQuery } from "./page";
import type { CredentialRecord } from "./types";

const rec = (id: number, over: Partial<CredentialRecord>): CredentialRecord => ({
  id,
  protocol: "FTP",
  kind: "FTP USER/PASS",
  client: { address: "10.0.0.1", port: 40000 + id },
  server: { address: "10.0.0.2", port: 21 },
  transport: "tcp",
  stream: id,
  frame: 10 * (id + 1),
  time: id,
  user: `user${id}`,
  secret: `secret${id}`,
  result: "unknown",
  detail: "",
  ...over,
});

const records = [
  rec(0, { user: "carol", result: "failed" }),
  rec(1, { user: "alice", protocol: "HTTP", kind: "HTTP Basic", result: "success" }),
  rec(2, { user: "bob", secret: "alice-pw" }),
  rec(3, { user: "alice", protocol: "SNMP", kind: "SNMP community", transport: "udp", result: "success" }),
];
const q = (over: Partial<CredentialQuery>): CredentialQuery => ({ sort: "frame", descending: false, filter: "", offset: 0, limit: 100, ...over });

describe("credential pages", () => {
  const list = new CredentialList(records);

  it("sorts by a column, ties in frame order, either way", () => {
    expect(list.page(q({ sort: "user" })).rows.map((r) => r.id)).toEqual([1, 3, 2, 0]);
    expect(list.page(q({ sort: "user", descending: true })).rows.map((r) => r.id)).toEqual([0, 2, 1, 3]);
    expect(list.page(q({ sort: "result" })).rows.map((r) => r.id)).toEqual([1, 3, 0, 2]);
  });

  it("filters on what is shown in clear, never on the secrets", () => {
    const p = list.page(q({ filter: "ALICE" }));
    expect(p.rows.map((r) => r.id)).toEqual([1, 3]);
    expect(p).toMatchObject({ total: 2, all: 4, accepted: 2 });
    expect(list.page(q({ filter: "snmp community" })).rows.map((r) => r.id)).toEqual([3]);
    expect(list.page(q({ filter: "secret1" })).total).toBe(0);
  });

  it("serves a window; an offset past the end gives no rows", () => {
    const p = list.page(q({ offset: 1, limit: 2 }));
    expect([p.offset, p.rows.map((r) => r.id)]).toEqual([1, [1, 2]]);
    expect(list.page(q({ offset: 9 })).rows).toEqual([]);
  });
});
