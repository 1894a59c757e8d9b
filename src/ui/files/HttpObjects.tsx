/**
 * The Files view's HTTP objects (Wireshark's File ▸ Export Objects ▸ HTTP):
 * every message body the capture holds, de-chunked and decoded, with its
 * frame, host, request URI, content type, status, size, the name the export
 * gives it, MD5 and SHA-256; "Download" per object and "Download all" (a zip
 * under tshark's names, built in the worker). Rows come from the worker by
 * pages as they scroll into view (hashed there when first asked for).
 *
 * Every string is the capture's: rendered as text only.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import type { HttpObjectRow } from "../../engine/http/objects-service";
import { useCaptureStore } from "../../store/capture-store";
import { FrameLink } from "../sessions/FrameLink";
import { Spacer, useVirtualRows } from "../sessions/virtual-rows";
import { useDownloads } from "./downloads";

const PAGE = 200;

interface Loaded {
  generation: number;
  total: number;
  exported: number;
  pages: Map<number, HttpObjectRow[]>;
  error: string | null;
}

/**
 * Pages of HTTP object rows for the current capture, and `ensure(pages)` to
 * ask the worker for pages not yet asked for (the first one at once).
 */
function useHttpPages(): { data: Loaded | null; ensure: (pages: readonly number[]) => void } {
  const client = useCaptureStore((s) => s.client);
  const generation = useCaptureStore((s) => s.generation);
  const loadState = useCaptureStore((s) => s.state);
  const packets = useCaptureStore((s) => s.packets);
  const loaded = loadState === "ready" || (loadState === "error" && packets > 0);
  const [state, setState] = useState<Loaded | null>(null);
  const asked = useRef(new Set<string>());
  const ensure = useCallback(
    (pages: readonly number[]) => {
      if (!client || !loaded) return;
      for (const page of pages) {
        const id = `${generation}:${page}`;
        if (asked.current.has(id)) continue;
        asked.current.add(id);
        client.httpObjects(page * PAGE, PAGE).then(
          (p) =>
            setState((s) => {
              const kept = new Map(s?.generation === generation ? s.pages : []);
              kept.set(page, p.rows);
              return { generation, total: p.total, exported: p.exported, pages: kept, error: null };
            }),
          (e: unknown) => setState({ generation, total: 0, exported: 0, pages: new Map(), error: e instanceof Error ? e.message : String(e) }),
        );
      }
    },
    [client, loaded, generation],
  );
  useEffect(() => ensure([0]), [ensure]);
  return { data: state?.generation === generation ? state : null, ensure };
}

export function HttpObjects() {
  const scroller = useRef<HTMLDivElement>(null);
  const { data, ensure } = useHttpPages();
  const rows = useVirtualRows(data?.total ?? 0, scroller, 26);
  const { notice, busy, save, saveArchive } = useDownloads();
  const visibleKey = [...new Set(rows.items.map((i) => Math.floor(i.index / PAGE)))].join(",");
  useEffect(() => {
    if (visibleKey !== "") ensure(visibleKey.split(",").map(Number));
  }, [ensure, visibleKey]);

  const download = (r: HttpObjectRow): Promise<void> => save((c) => c.httpObject(r.id), r.name, "This object is incomplete in the capture.");
  const downloadAll = (): Promise<void> => saveArchive((c) => c.httpArchive(), "http-objects");

  if (!data) return <p className="ftp-message">Listing HTTP objects…</p>;
  if (data.error) return <p className="ftp-message ftp-error">HTTP objects could not be listed: {data.error}</p>;
  if (data.total === 0) return <p className="ftp-message">No HTTP objects in this capture.</p>;
  return (
    <div className="ftp-pane">
      <div className="ftp-toolbar">
        <span>
          {data.total} HTTP object{data.total === 1 ? "" : "s"}
          {data.exported < data.total ? `, ${data.total - data.exported} incomplete` : ""}
        </span>
        <button type="button" className="button button-small" disabled={busy || data.exported === 0} onClick={() => void downloadAll()}>
          Download all HTTP objects
        </button>
        <span className="ftp-notice" role="status">
          {busy ? "Building the archive…" : notice}
        </span>
      </div>
      <div className="ftp-scroll" ref={scroller}>
        <table className="ftp-table" aria-label="HTTP objects" aria-rowcount={data.total + 1}>
          <thead>
            <tr>
              <th className="num">Packet</th>
              <th>Host</th>
              <th>Request URI</th>
              <th>Content type</th>
              <th className="num">Status</th>
              <th className="num">Size</th>
              <th>File name</th>
              <th>MD5</th>
              <th>SHA-256</th>
              <th />
            </tr>
          </thead>
          <tbody>
            <Spacer height={rows.before} />
            {rows.items.map(({ index }) => {
              const r = data.pages.get(Math.floor(index / PAGE))?.[index % PAGE];
              if (!r)
                return (
                  <tr key={`wait-${index}`} ref={rows.measure} data-index={index} aria-rowindex={index + 2}>
                    <td colSpan={10}>…</td>
                  </tr>
                );
              return (
                <tr key={r.id} ref={rows.measure} data-index={index} aria-rowindex={index + 2} data-row-id={r.id}>
                  <td className="num">
                    <FrameLink frame={r.frame} />
                  </td>
                  <td className="ftp-line">{r.host ?? ""}</td>
                  <td className="ftp-line" title={r.kind === "request" ? `${r.method ?? ""} body` : undefined}>
                    {r.uri ?? ""}
                  </td>
                  <td>{r.contentType ?? ""}</td>
                  <td className="num">{r.kind === "request" ? (r.method ?? "") : r.status || ""}</td>
                  <td className="num" title={r.wireSize !== r.size ? `${r.wireSize} bytes on the wire` : undefined}>
                    {r.complete ? r.size : ""}
                  </td>
                  <td className={r.complete ? "ftp-line" : "ftp-bad"}>{r.complete ? r.name : `Incomplete (${r.problem ?? ""})`}</td>
                  <td className="ftp-hash">{r.md5 ?? ""}</td>
                  <td className="ftp-hash">{r.sha256 ?? ""}</td>
                  <td>
                    {r.complete && (
                      <button type="button" className="button button-small" onClick={() => void download(r)}>
                        {`Download ${r.name}`}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
            <Spacer height={rows.after} />
          </tbody>
        </table>
      </div>
    </div>
  );
}
