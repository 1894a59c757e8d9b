/**
 * HTTP objects for the app's Files view, as the worker serves them: pages of
 * rows with each object's export name and MD5/SHA-256 (hashed when its page
 * is first asked for, then kept), one object as a Blob, and every object in
 * a zip under the names tshark's export gives them (client-zip, streamed).
 */
import { makeZip } from "client-zip";
import { md5, sha256 } from "hash-wasm";
import { httpExportPlan, type HttpReport } from "./report";
import type { HttpObject } from "./objects";

/** One row of the Files view's HTTP list. Strings come from the capture: text only. */
export interface HttpObjectRow extends HttpObject {
  /** The file name Export Objects gives it (tshark's), or "" when it is not exported (incomplete). */
  name: string;
  /** Hex digests of the exported bytes (null when incomplete). */
  md5: string | null;
  sha256: string | null;
}

export interface HttpObjectsPage {
  /** Objects in the capture (complete or not). */
  total: number;
  /** Objects written by "Download all" / --export-objects. */
  exported: number;
  rows: HttpObjectRow[];
}

/** Rows asked for at once at most. */
export const MAX_HTTP_PAGE = 500;

export class HttpObjectsService {
  private readonly hashes = new Map<number, { md5: string; sha256: string }>();
  private names: Map<number, string> | null = null;

  constructor(private readonly report: () => Promise<HttpReport>) {}

  private async exportNames(r: HttpReport): Promise<Map<number, string>> {
    this.names ??= new Map(httpExportPlan(r).map((p) => [p.object.id, p.name]));
    return this.names;
  }

  /** Rows [start, start + count) in packet order, hashed. */
  async page(start: number, count: number): Promise<HttpObjectsPage> {
    const r = await this.report();
    const names = await this.exportNames(r);
    const objects = r.objects.slice(Math.max(0, start), Math.max(0, start) + Math.min(Math.max(0, count), MAX_HTTP_PAGE));
    // Hash what this page lacks, one read per stream.
    const wanted = new Set(objects.filter((o) => o.complete && !this.hashes.has(o.id)).map((o) => o.id));
    for (const stream of new Set(objects.filter((o) => wanted.has(o.id)).map((o) => o.stream))) {
      await r.readStreamObjects(stream, async (o, bytes) => {
        if (wanted.has(o.id)) this.hashes.set(o.id, { md5: await md5(bytes), sha256: await sha256(bytes) });
      });
    }
    return {
      total: r.objects.length,
      exported: names.size,
      rows: objects.map((o) => ({ ...o, name: names.get(o.id) ?? "", md5: this.hashes.get(o.id)?.md5 ?? null, sha256: this.hashes.get(o.id)?.sha256 ?? null })),
    };
  }

  /** One object's bytes (null when it is incomplete). */
  async blob(id: number): Promise<Blob | null> {
    const bytes = await (await this.report()).readObject(id);
    return bytes ? new Blob([bytes as Uint8Array<ArrayBuffer>], { type: "application/octet-stream" }) : null;
  }

  /** Every exported object in a zip, under tshark's names. */
  async archive(): Promise<Blob> {
    const r = await this.report();
    const plan = httpExportPlan(r);
    const byStream = new Map<number, typeof plan>();
    for (const p of plan) byStream.set(p.object.stream, [...(byStream.get(p.object.stream) ?? []), p]);
    async function* entries() {
      for (const [stream, items] of byStream) {
        const names = new Map(items.map((p) => [p.object.id, p.name]));
        const found: { name: string; input: Uint8Array }[] = [];
        await r.readStreamObjects(stream, (o, bytes) => {
          const name = names.get(o.id);
          if (name !== undefined) found.push({ name, input: bytes });
        });
        yield* found;
      }
    }
    return new Response(makeZip(entries()), { headers: { "content-type": "application/zip" } }).blob();
  }
}
