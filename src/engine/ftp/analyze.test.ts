/**
 * The analysis on hand-built TCP streams (testing.ts): control channels with
 * lines split anywhere, data connections opened before or after their
 * command, parallel sessions, REST segments, TYPE A, STOU, brute force.
 */
import { sha256 as sha256Of } from "hash-wasm";
import { describe, expect, it } from "vitest";
import { analyzeFtp } from "./analyze";
import { exportPlan, safeFileName, UniqueNames } from "./export";
import { pull } from "./service";
import { Clock, Conversation, memorySource, type MemoryStream } from "./testing";

const sha256 = (b: Uint8Array | string): Promise<string> =>
  sha256Of(typeof b === "string" ? Uint8Array.from(b, (c) => c.charCodeAt(0) & 0xff) : b);

/** Bytes 0..n-1 of a deterministic "file". */
function blob(n: number, seed = 1): Uint8Array {
  const b = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    b[i] = x >>> 24;
  }
  return b;
}

const latin1 = (b: Uint8Array): string => String.fromCharCode(...b);

describe("FTP analysis", () => {
  it("links a PASV data connection opened before TYPE/SIZE/REST 0 and RETR (tshark names it after SIZE)", async () => {
    const clock = new Clock();
    const c = new Conversation(clock);
    const file = blob(5000);
    c.s("220 hi\r\n").c("USER anonymous\r\n").s("331 pw\r\n").c("PASS a@b\r\n").s("230 ok\r\n").c("CWD /pub\r\n").s("250 ok\r\n");
    c.c("PASV\r\n").s("227 Entering Passive Mode (10,0,0,1,195,80).\r\n");
    const d = new Conversation(clock);
    d.c(""); // the connection opens now (frame only)
    c.c("TYPE I\r\n")
      .s("200 ok\r\n")
      .c("SIZE a.bin\r\n")
      .s("213 5000\r\n")
      .c("REST 0\r\n")
      .s("350 ok\r\n")
      .c("RETR a.bin\r\n")
      .s("150 Opening BINARY mode (5000 bytes)\r\n");
    d.s(file.subarray(0, 2000)).s(file.subarray(2000));
    c.s("226 done\r\n").c("QUIT\r\n").s("221 bye\r\n");
    d.segments.shift();
    const streams = [c.stream(0, "10.0.0.2 40000", "10.0.0.1 21"), d.stream(1, "10.0.0.2 40001", "10.0.0.1 50000", { firstFrame: 10 })];
    const { analysis } = await analyzeFtp(memorySource(streams));
    expect(analysis.files).toHaveLength(1);
    const f = analysis.files[0]!;
    expect(f).toMatchObject({
      name: "/pub/a.bin",
      command: "RETR",
      size: 5000,
      expectedSize: 5000,
      complete: true,
      sha256: await sha256(file),
      transferMode: "passive (PASV)",
    });
    expect(analysis.transfers[0]).toMatchObject({ expectedSizeSource: "150", type: "I", dataStream: 1 });
    expect(analysis.sessions[0]).toMatchObject({ user: "anonymous", loginResult: "success", end: "quit", commandCount: 9 });
  });

  it("takes 229's port on the control connection's server address, and EPRT v6 for the client", async () => {
    const clock = new Clock();
    const c = new Conversation(clock);
    const a = blob(3000, 2);
    const b = blob(1234, 3);
    c.s("220 hi\r\n").c("EPSV\r\n").s("229 Entering Extended Passive Mode (|||6446|)\r\n");
    const d1 = new Conversation(clock).c("");
    c.c("RETR a\r\n").s("125 Data connection already open.\r\n");
    d1.s(a);
    c.s("226 ok\r\n").c("EPRT |2|fd77::2|40002|\r\n").s("200 ok\r\n").c("RETR b\r\n");
    const d2 = new Conversation(clock).c("");
    c.s("150 ok\r\n");
    d2.c(b); // node 0 of the active connection is the server (it connects)
    c.s("226 ok\r\n");
    d1.segments.shift();
    d2.segments.shift();
    const streams: MemoryStream[] = [
      c.stream(0, "fd77::2 40000", "fd77::1 21"),
      d1.stream(1, "fd77::2 40001", "fd77::1 6446", { firstFrame: 4 }),
      // The server connects from an ephemeral port (pyftpdlib), not 20.
      d2.stream(2, "fd77::1 51515", "fd77::2 40002", { firstFrame: 11 }),
    ];
    const { analysis } = await analyzeFtp(memorySource(streams));
    expect(analysis.files.map((f) => [f.name, f.sha256, f.transferMode])).toEqual([
      ["/a", await sha256(a), "passive (EPSV)"],
      ["/b", await sha256(b), "active (EPRT)"],
    ]);
    expect(analysis.dataChannels.map((d) => [d.stream, d.method, d.mode, d.server.port, d.client.port])).toEqual([
      [1, "EPSV", "passive", 6446, 40001],
      [2, "EPRT", "active", 51515, 40002],
    ]);
  });

  it("matches a 227 that names a private (NAT) address by the port on the server's public address", async () => {
    const clock = new Clock();
    const c = new Conversation(clock);
    const a = blob(100, 4);
    c.s("220 hi\r\n").c("PASV\r\n").s("227 Entering Passive Mode (192,168,1,10,4,1)\r\n").c("RETR x\r\n").s("150 ok\r\n");
    const d = new Conversation(clock).s(a);
    c.s("226 ok\r\n");
    const { analysis } = await analyzeFtp(
      memorySource([c.stream(0, "10.0.0.2 40000", "203.0.113.5 21"), d.stream(1, "10.0.0.2 40001", "203.0.113.5 1025")]),
    );
    expect(analysis.files[0]).toMatchObject({ name: "/x", sha256: await sha256(a) });
  });

  it("stitches REST segments fetched over parallel sessions (lftp pget) and reports holes", async () => {
    const clock = new Clock();
    const whole = blob(40000, 5);
    const controls: Conversation[] = [];
    const datas: Conversation[] = [];
    const offsets = [0, 10000, 20000, 30000];
    for (let k = 0; k < 4; k++) {
      const c = new Conversation(clock);
      c.s("220 hi\r\n")
        .c("TYPE I\r\n")
        .s("200 ok\r\n")
        .c(`PASV\r\n`)
        .s(`227 Entering Passive Mode (10,0,0,1,${100 + k},0)\r\n`);
      if (offsets[k]) c.c(`REST ${offsets[k]}\r\n`).s("350 ok\r\n");
      c.c("RETR /pub/big.bin\r\n").s("150 Opening BINARY mode data connection for /pub/big.bin (40000 bytes).\r\n");
      controls.push(c);
    }
    for (let k = 0; k < 4; k++) {
      // Each segment runs 500 bytes past the next one's start before ABOR (the last ends at the file's end).
      const end = Math.min(40000, offsets[k]! + 10500);
      const d = new Conversation(clock).s(whole.subarray(offsets[k], end));
      datas.push(d);
      controls[k]!.c("ABOR\r\n").s("426 aborted\r\n226 ok\r\n");
    }
    const streams: MemoryStream[] = [];
    controls.forEach((c, k) => streams.push(c.stream(streams.length, `10.0.0.2 ${41000 + k}`, "10.0.0.1 21")));
    datas.forEach((d, k) => streams.push(d.stream(streams.length, `10.0.0.2 ${42000 + k}`, `10.0.0.1 ${(100 + k) * 256}`)));
    const report = await analyzeFtp(memorySource(streams));
    const { analysis } = report;
    expect(analysis.files).toHaveLength(1);
    const f = analysis.files[0]!;
    expect(f).toMatchObject({
      name: "/pub/big.bin",
      size: 40000,
      expectedSize: 40000,
      complete: true,
      sha256: await sha256(whole),
      missingRanges: [],
      conflictingRanges: [],
    });
    expect(f.transferIds).toHaveLength(4);
    expect(new Set(f.sessionIds).size).toBe(4);
    expect(analysis.transfers.every((t) => t.aborted)).toBe(true);
    expect(await sha256(await report.fileBytes(f.id))).toBe(await sha256(whole));

    // Without the second segment the file has a hole.
    const holed = streams.filter((s) => s.info.stream !== 5);
    const r2 = await analyzeFtp(memorySource(holed));
    expect(r2.analysis.files[0]).toMatchObject({ complete: false, missingRanges: [[10500, 20000]] });
    expect(r2.analysis.alerts.map((a) => a.kind)).toContain("incomplete-file");
    const bytes = await r2.fileBytes(0);
    expect(bytes.subarray(10500, 20000).every((x) => x === 0)).toBe(true);
    expect(await sha256(bytes.subarray(0, 10500))).toBe(await sha256(whole.subarray(0, 10500)));
  });

  it("places a resumed download at its REST offset and exports its wire bytes too", async () => {
    const clock = new Clock();
    const whole = blob(25000, 6);
    const c = new Conversation(clock);
    c.s("220 hi\r\n")
      .c("EPSV\r\n")
      .s("229 (|||5000|)\r\n")
      .c("REST 10000\r\n")
      .s("350 ok\r\n")
      .c("RETR r.bin\r\n")
      .s("150 Opening BINARY mode data connection for r.bin (25000 bytes).\r\n");
    const d = new Conversation(clock).s(whole.subarray(10000));
    c.s("226 ok\r\n");
    const { analysis } = await analyzeFtp(
      memorySource([c.stream(0, "10.0.0.2 40000", "10.0.0.1 21"), d.stream(1, "10.0.0.2 40001", "10.0.0.1 5000")]),
    );
    expect(analysis.files[0]).toMatchObject({
      size: 25000,
      expectedSize: 25000,
      complete: false,
      missingRanges: [[0, 10000]],
      derived: true,
    });
    const plan = exportPlan(analysis);
    const tail = await sha256(whole.subarray(10000));
    expect(plan.map((i) => [i.entry.kind, i.entry.path, i.entry.size, i.entry.sha256 === tail])).toEqual([
      ["file", "r.bin", 25000, false],
      ["part", "r.bin.t0.part", 15000, true],
    ]);
  });

  it("converts TYPE A CRLF to LF for the file and keeps the wire bytes as a part; names STOU files from the reply", async () => {
    const clock = new Clock();
    const c = new Conversation(clock);
    const wire = "line one\r\nline two\r\n\r\nend\r";
    c.s("220 hi\r\n")
      .c("TYPE A\r\n")
      .s("200 ok\r\n")
      .c("CWD /in\r\n")
      .s("250 ok\r\n")
      .c("PASV\r\n")
      .s("227 (10,0,0,1,4,1)\r\n")
      .c("STOU\r\n")
      .s("150 FILE: u.12345\r\n");
    // The CR of a CRLF at the end of one segment, its LF in the next.
    const d = new Conversation(clock).c("line one\r").c("\nline two\r\n\r\nend\r");
    c.s("226 ok\r\n");
    const { analysis } = await analyzeFtp(
      memorySource([c.stream(0, "10.0.0.2 40000", "10.0.0.1 21"), d.stream(1, "10.0.0.2 40001", "10.0.0.1 1025")]),
    );
    const f = analysis.files[0]!;
    expect(f).toMatchObject({
      name: "/in/u.12345",
      command: "STOU",
      direction: "upload",
      type: "A",
      size: 23,
      sha256: await sha256("line one\nline two\n\nend\r"),
      derived: true,
    });
    expect(analysis.transfers[0]!.payloadSha256).toBe(await sha256(wire));
  });

  it("keeps parallel sessions apart (same server, interleaved, reused ports across sessions)", async () => {
    const clock = new Clock();
    const n = 40;
    const controls: Conversation[] = [];
    const files = Array.from({ length: n }, (_, k) => blob(300 + k, 100 + k));
    for (let k = 0; k < n; k++)
      controls.push(new Conversation(clock).s("220 hi\r\n").c(`USER u${k}\r\n`).s("331 pw\r\n").c(`PASS p${k}\r\n`).s("230 ok\r\n"));
    // Every session gets a PASV port; sessions k and k+20 get the same one, at different times.
    const datas: { conv: Conversation; k: number }[] = [];
    for (let round = 0; round < 2; round++) {
      for (let k = round * 20; k < round * 20 + 20; k++) {
        const port = 2000 + (k % 20);
        controls[k]!.c("PASV\r\n")
          .s(`227 Entering Passive Mode (10,0,0,1,${port >> 8},${port & 255})\r\n`)
          .c(`RETR f${k}\r\n`)
          .s("150 ok\r\n");
      }
      for (let k = round * 20; k < round * 20 + 20; k++) datas.push({ conv: new Conversation(clock).s(files[k]!), k });
      for (let k = round * 20; k < round * 20 + 20; k++) controls[k]!.s("226 ok\r\n");
    }
    const streams: MemoryStream[] = [];
    controls.forEach((c, k) => streams.push(c.stream(streams.length, `10.0.${k % 2}.2 ${40000 + k}`, "10.0.0.1 21")));
    for (const { conv, k } of datas)
      streams.push(conv.stream(streams.length, `10.0.${k % 2}.2 ${50000 + k}`, `10.0.0.1 ${2000 + (k % 20)}`));
    const { analysis } = await analyzeFtp(memorySource(streams));
    expect(analysis.sessions).toHaveLength(n);
    expect(analysis.files).toHaveLength(n);
    for (let k = 0; k < n; k++) {
      const f = analysis.files.find((x) => x.name === `/f${k}`)!;
      expect(f.sha256, `f${k}`).toBe(await sha256(files[k]!));
      expect(f.sessionId).toBe(k);
    }
    expect(analysis.credentials.map((c) => [c.user, c.password, c.result])).toEqual(
      Array.from({ length: n }, (_, k) => [`u${k}`, `p${k}`, "success"]),
    );
  });

  it("raises brute force at 5 failed logins from one client across sessions, not at 4", async () => {
    const build = (fails: number) => {
      const clock = new Clock();
      const streams: MemoryStream[] = [];
      for (let k = 0; k < fails; k++) {
        const c = new Conversation(clock)
          .s("220 hi\r\n")
          .c("USER root\r\n")
          .s("331 pw\r\n")
          .c(`PASS guess${k}\r\n`)
          .s("530 Login incorrect.\r\n");
        streams.push(c.stream(k, `10.9.9.9 ${30000 + k}`, "10.0.0.1 21"));
      }
      return analyzeFtp(memorySource(streams));
    };
    const four = (await build(4)).analysis;
    expect(four.alerts.filter((a) => a.kind === "brute-force")).toEqual([]);
    const five = (await build(5)).analysis;
    const bf = five.alerts.filter((a) => a.kind === "brute-force");
    expect(bf).toHaveLength(1);
    expect(bf[0]).toMatchObject({ client: "10.9.9.9", sessionIds: [0, 1, 2, 3, 4] });
    expect(five.sessions.every((s) => s.loginResult === "failed")).toBe(true);
    expect(five.alerts.find((a) => a.kind === "cleartext-credentials")).toMatchObject({ severity: "warning", frames: [4, 9, 14, 19, 24] });
  });

  it("flags data connections no command explains, and size mismatches", async () => {
    const clock = new Clock();
    const c = new Conversation(clock);
    c.s("220 hi\r\n").c("PASV\r\n").s("227 (10,0,0,1,4,1)\r\n").c("RETR x\r\n").s("150 Opening (999 bytes)\r\n");
    const d = new Conversation(clock).s("short");
    c.s("226 ok\r\n").c("PASV\r\n").s("227 (10,0,0,1,4,2)\r\n");
    const stray = new Conversation(clock).s("stray bytes");
    const streams = [
      c.stream(0, "10.0.0.2 40000", "10.0.0.1 21"),
      d.stream(1, "10.0.0.2 40001", "10.0.0.1 1025"),
      stray.stream(2, "10.0.0.2 40002", "10.0.0.1 1026"),
    ];
    const { analysis } = await analyzeFtp(memorySource(streams));
    expect(analysis.alerts.map((a) => a.kind).sort()).toEqual(["size-mismatch", "unexplained-data-connection"]);
    expect(analysis.dataChannels[1]).toMatchObject({ unexplained: true, sha256: [null, await sha256("stray bytes")] });
    expect(exportPlan(analysis).map((i) => i.entry.path)).toEqual(["x", "unexplained-stream-2-to-client.bin"]);
  });

  it("marks FTPS sessions encrypted and attributes their data connections", async () => {
    const clock = new Clock();
    const c = new Conversation(clock).s("220 hi\r\n").c("AUTH TLS\r\n").s("234 go\r\n").c("\x16\x03\x01 hello").s("\x16\x03\x03 hello");
    const d = new Conversation(clock).c("\x16\x03\x01 data");
    c.c("\x17\x03\x03 later");
    const { analysis } = await analyzeFtp(
      memorySource([c.stream(0, "10.0.0.2 40000", "10.0.0.1 21"), d.stream(1, "10.0.0.2 40001", "10.0.0.1 50000")]),
    );
    expect(analysis.sessions[0]).toMatchObject({ encrypted: true, authMechanism: "TLS", tlsFrame: 3, dataChannelIds: [0] });
    expect(analysis.dataChannels[0]).toMatchObject({ encrypted: true, unexplained: false });
    expect(analysis.alerts.map((a) => a.kind)).toEqual(["ftps"]);
    expect(analysis.files).toEqual([]);
  });

  it("finds FTP on another port by its greeting", async () => {
    const c = new Conversation().s("220 ProFTPD\r\n").c("USER x\r\n").s("331 pw\r\n");
    const { analysis } = await analyzeFtp(memorySource([c.stream(0, "10.0.0.2 40000", "10.0.0.1 2121")]));
    expect(analysis.sessions.map((s) => s.server.port)).toEqual([2121]);
  });
});

describe("export names", () => {
  it("never leaves the directory and stays portable", () => {
    expect(safeFileName("/a/../../etc/passwd")).toBe("passwd");
    expect(safeFileName("..")).toBe("unnamed");
    expect(safeFileName("/x/<img src=x>.txt")).toBe("_img src=x_.txt");
    expect(safeFileName("a\\b\\..\\c")).toBe("c");
    expect(safeFileName("CON.txt")).toBe("_CON.txt");
    expect(safeFileName(".bashrc")).toBe("bashrc");
    expect(safeFileName("x\u0000y\n")).toBe("x_y_");
    expect(new TextEncoder().encode(safeFileName("é".repeat(300) + ".bin")).length).toBeLessThanOrEqual(200);
    const names = new UniqueNames(["b.txt"]);
    expect([names.take("a.txt"), names.take("A.txt"), names.take("a.txt"), names.take("B.txt")]).toEqual(["a.txt", "A (2).txt", "a (3).txt", "B (2).txt"]);
    // A numbered name taken before its turn is skipped; every name stays unique.
    expect([names.take("c (2).txt"), names.take("c.txt"), names.take("c.txt"), names.take("c (2).txt")]).toEqual(["c (2).txt", "c.txt", "c (3).txt", "c (2) (2).txt"]);
    const many = Array.from({ length: 5000 }, () => names.take("same.bin"));
    expect(new Set(many.map((n) => n.toLowerCase())).size).toBe(5000);
    expect(many.at(-1)).toBe("same (5000).bin");
  });

  it("keeps capture text out of markup: a hostile listing name stays a plain string", async () => {
    const clock = new Clock();
    const c = new Conversation(clock)
      .s("220 <script>alert(1)</script>\r\n")
      .c("PASV\r\n")
      .s("227 (10,0,0,1,4,1)\r\n")
      .c("MLSD\r\n")
      .s("150 ok\r\n");
    const d = new Conversation(clock).s('type=file;size=3; <img src=x onerror="alert(1)">\r\n');
    c.s("226 ok\r\n");
    const { analysis } = await analyzeFtp(
      memorySource([c.stream(0, "10.0.0.2 40000", "10.0.0.1 21"), d.stream(1, "10.0.0.2 40001", "10.0.0.1 1025")]),
    );
    expect(analysis.sessions[0]!.banner).toBe("<script>alert(1)</script>");
    expect(analysis.files[0]!.entries).toEqual([
      expect.objectContaining({ name: '<img src=x onerror="alert(1)">', type: "file", size: 3 }),
    ]);
    void latin1;
  });
});

describe("pull", () => {
  it("turns a push reader into an async iterable, one window at a time, errors included", async () => {
    const got: number[] = [];
    for await (const b of pull(async (out) => {
      for (let i = 0; i < 3; i++) await out(Uint8Array.of(i, i));
    }))
      got.push(...b);
    expect(got).toEqual([0, 0, 1, 1, 2, 2]);
    const failing = pull(async (out) => {
      await out(Uint8Array.of(1));
      throw new Error("boom");
    });
    await expect(
      (async () => {
        for await (const _ of failing) void _;
      })(),
    ).rejects.toThrow("boom");
  });
});
