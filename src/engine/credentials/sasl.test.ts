import { describe, expect, it } from "vitest";
import { base64Text, decodeBase64 } from "./base64";
import { parsePlain, SaslExchange } from "./sasl";

describe("base64 (RFC 4648 §10 test vectors)", () => {
  it.each([
    ["", ""],
    ["Zg==", "f"],
    ["Zm8=", "fo"],
    ["Zm9v", "foo"],
    ["Zm9vYg==", "foob"],
    ["Zm9vYmE=", "fooba"],
    ["Zm9vYmFy", "foobar"],
    ["Zm9vYmFy\r\n", "foobar"],
    ["Zm9vYg", "foob"],
  ])("%j is %j", (text, decoded) => {
    expect(base64Text(text)).toBe(decoded);
  });

  it("refuses text that is not base64", () => {
    expect(decodeBase64("QUIT")).not.toBeNull(); // valid alphabet: callers check the shape of what they decode
    expect(decodeBase64("MAIL FROM:<a@b>")).toBeNull();
    expect(decodeBase64("Zg==Zg")).toBeNull();
    expect(decodeBase64("Z")).toBeNull();
  });
});

describe("SASL", () => {
  it("PLAIN: authzid NUL authcid NUL passwd (RFC 4616 §2)", () => {
    expect(parsePlain(btoa("\0tim\0tanstaaftanstaaf"))).toEqual({ user: "tim", password: "tanstaaftanstaaf" });
    expect(parsePlain(btoa("admin\0tim\0secret"))).toEqual({ user: "tim", password: "secret" });
    expect(parsePlain(btoa("no separators"))).toBeNull();
  });

  it("LOGIN: the user name as the initial response, then the password", () => {
    const x = new SaslExchange("LOGIN", btoa("alice"), 3, 3);
    expect(x.done()).toBe(false);
    expect(x.answer(btoa("wonderland"), 5, 5)).toBe(true);
    expect(x.credential()).toEqual({ mechanism: "LOGIN", user: "alice", password: "wonderland", frame: 5, time: 5 });
  });

  it("a cancelled exchange ('*') ends it", () => {
    const x = new SaslExchange("PLAIN", "", 3, 3);
    expect(x.answer("*", 4, 4)).toBe(false);
    expect(x.credential()).toBeNull();
  });
});
