/**
 * The Files view's HTTP objects through the analyzer's API (as the page
 * calls it over Comlink): pages of rows with tshark's export names and
 * hashes equal to the recorded fixture's ground truth, one object as a Blob,
 * and "Download all" as a zip of the same files.
 */
import { describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { AnalyzerApi } from "./analyzer-api";
import { readZip } from "../engine/ftp/testing";

const fixtures = join(__dirname, "../../fixtures");
const NAME = "http-keepalive-gzip-chunked-post-basic-curl-wget-nginx";
const truth = JSON.parse(readFileSync(join(fixtures, `${NAME}.truth.json`), "utf8")) as { http_objects: { sha256: string }[] };
const sha256 = (b: Uint8Array): string => createHash("sha256").update(b).digest("hex");

describe("AnalyzerApi: HTTP objects", () => {
  it("pages rows with names and hashes, serves one object and all of them as a zip", async () => {
    const api = new AnalyzerApi({ prepareFtp: false });
    await api.open(new Blob([readFileSync(join(fixtures, `${NAME}.pcap`))]), `${NAME}.pcap`);
    const first = await api.httpObjects(0, 4);
    expect(first.total).toBe(truth.http_objects.length);
    expect(first.rows.map((r) => r.id)).toEqual([0, 1, 2, 3]);
    const all = [...first.rows, ...(await api.httpObjects(4, 100)).rows];
    expect(all.map((r) => r.sha256).sort()).toEqual(truth.http_objects.map((o) => o.sha256).sort());
    const logo = all.find((r) => r.name === "logo.png")!;
    expect(logo).toMatchObject({ uri: "/img/logo.png", host: "www.psc.test", contentType: "image/png", status: 200, complete: true });
    expect(logo.md5).toMatch(/^[0-9a-f]{32}$/);
    const blob = (await api.httpObject(logo.id))!;
    expect(sha256(new Uint8Array(await blob.arrayBuffer()))).toBe(logo.sha256);
    const zip = readZip(new Uint8Array(await (await api.httpArchive()).arrayBuffer()));
    expect([...zip.keys()].sort()).toEqual(all.map((r) => r.name).sort());
    for (const r of all) expect(sha256(zip.get(r.name)!)).toBe(r.sha256);
    api.close();
  });
});
