import { describe, expect, it } from "vitest";
import { basicCredential, formCredential, parseForm } from "./http";
import { HTTP } from "./services";
import { Conversation, findingsOf } from "./testing";

describe("HTTP credentials", () => {
  it("Basic: the user-id ends at the first colon (RFC 7617 §2)", () => {
    expect(basicCredential(`Basic ${btoa("Aladdin:open sesame")}`)).toEqual({ user: "Aladdin", password: "open sesame" });
    expect(basicCredential(`basic ${btoa("u:pa:ss")}`)).toEqual({ user: "u", password: "pa:ss" });
    expect(basicCredential("Bearer abc")).toBeNull();
    expect(basicCredential(`Basic ${btoa("no colon")}`)).toBeNull();
  });

  it("forms: + and %XX decoded as UTF-8, password-like and user-like fields", () => {
    expect(parseForm("a=1&b=x+y%26z&c=%C3%A9")).toEqual([
      ["a", "1"],
      ["b", "x y&z"],
      ["c", "é"],
    ]);
    expect(formCredential(parseForm("log=wpuser&pwd=p%40ss&wp-submit=Log+In"))).toEqual({ user: "wpuser", password: "p@ss" });
    expect(formCredential(parseForm("email=a%40b.c&passwd=x"))).toEqual({ user: "a@b.c", password: "x" });
    expect(formCredential(parseForm("q=search&page=2"))).toBeNull();
    expect(formCredential(parseForm("user=a&password="))).toBeNull();
  });

  it("a Basic retry after 401 and a form post split across segments, paired with their responses in order", async () => {
    const body = "username=admin&password=p%40ss+word&Login=Login";
    const conv = new Conversation()
      .c(`GET /private HTTP/1.1\r\nHost: intranet\r\nAuthorization: Basic ${btoa("admin:guess")}\r\n\r\n`)
      .s("HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n")
      .c(`GET /private HTTP/1.1\r\nHost: intranet\r\nAuthorization: Basic ${btoa("admin:right")}\r\n\r\n`)
      .s("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
      .c(`POST /login.php HTTP/1.1\r\nHost: intranet\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n\r\n`)
      .c(body.slice(0, 20))
      .c(body.slice(20))
      .s("HTTP/1.1 302 Found\r\nLocation: index.php\r\n\r\n");
    const found = await findingsOf(conv, HTTP, 80);
    expect(found.map(({ kind, user, secret, result, frame, detail }) => ({ kind, user, secret, result, frame, detail }))).toEqual([
      { kind: "HTTP Basic", user: "admin", secret: "guess", result: "failed", frame: 1, detail: "GET intranet/private" },
      { kind: "HTTP Basic", user: "admin", secret: "right", result: "success", frame: 3, detail: "GET intranet/private" },
      { kind: "HTTP form", user: "admin", secret: "p@ss word", result: "unknown", frame: 7, detail: "POST intranet/login.php" },
    ]);
  });

  it("a request cut by a hole is dropped; the next request is read again", async () => {
    const conv = new Conversation()
      .c(`POST /a HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 30\r\n\r\nuser=x`)
      .c("ord=lost", 10)
      .c(`GET / HTTP/1.1\r\nAuthorization: Basic ${btoa("u:p")}\r\n\r\n`);
    const found = await findingsOf(conv, HTTP, 8080);
    expect(found.map((f) => [f.kind, f.user, f.secret])).toEqual([["HTTP Basic", "u", "p"]]);
  });
});
