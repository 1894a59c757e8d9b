import { describe, expect, it } from "vitest";
import { credentialsTable, terminalSafe } from "./credentials";
import type { CredentialRecord } from "../engine/credentials/types";

const record = (over: Partial<CredentialRecord>): CredentialRecord => ({
  id: 0,
  protocol: "HTTP",
  kind: "HTTP form",
  client: { address: "2001:db8::1", port: 5000 },
  server: { address: "192.0.2.1", port: 80 },
  transport: "tcp",
  stream: 0,
  frame: 7,
  time: 0,
  user: "u",
  secret: "p",
  result: "unknown",
  detail: "",
  ...over,
});

describe("--credentials text", () => {
  it("capture text cannot drive the terminal: controls escaped, a backslash doubled", () => {
    expect(terminalSafe("a\u001b[31mred\r\n\\")).toBe("a\\x1b[31mred\\x0d\\x0a\\\\");
    expect(terminalSafe("héllo ✓")).toBe("héllo ✓");
  });

  it("columns padded to the widest cell; IPv6 endpoints bracketed; no secret and an empty one told apart", () => {
    const text = credentialsTable([record({ user: "admin\u0007", secret: null }), record({ frame: 12, secret: "", protocol: "SNMP", kind: "SNMP community", user: "" })]);
    expect(text.split("\n")).toEqual([
      "Frame  Protocol  Kind            Client              Server        User       Secret       Result   Detail",
      "    7  HTTP      HTTP form       [2001:db8::1]:5000  192.0.2.1:80  admin\\x07  (none sent)  unknown",
      '   12  SNMP      SNMP community  [2001:db8::1]:5000  192.0.2.1:80             ""           unknown',
      "",
    ]);
  });
});
