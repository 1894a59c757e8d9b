/**
 * The Follow TCP/UDP/HTTP Stream pane (Wireshark's Follow Stream dialog):
 * the conversation coloured per direction (HTTP: the messages' headers and
 * decoded bodies), "Show data as", the direction,
 * previous/next stream, find, "Save as…", "Filter out this stream", "Back".
 * Clicking a chunk selects its packet in the packet list.
 */
import { useState, type FormEvent } from "react";
import { useCaptureStore } from "../../store/capture-store";
import {
  closeFollow,
  filterOutStream,
  followStream,
  setFollowFormat,
  setFollowSelection,
  transportOf,
  useFollowStore,
} from "../../store/follow-store";
import { nodeText, PANE_FORMATS, type PaneFormat } from "../../engine/follow/render";
import type { FollowSelection, FollowStreamInfo } from "../../engine/follow/types";
import { FollowText, type Found } from "./FollowText";
import "./follow.css";

const EXTENSION: Record<PaneFormat, string> = { ascii: "txt", utf8: "txt", hexdump: "txt", carrays: "c", yaml: "yaml", raw: "bin" };

function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function plural(n: number, what: string): string {
  return `${n.toLocaleString("en")} ${what}${n === 1 ? "" : "s"}`;
}

function directions(info: FollowStreamInfo): { value: FollowSelection; label: string }[] {
  const [a, b] = info.nodes.map((n) => nodeText(n.address, n.port));
  return [
    { value: "both", label: `Entire conversation (${plural(info.bytes[0] + info.bytes[1], "byte")})` },
    { value: 0, label: `${a} → ${b} (${plural(info.bytes[0], "byte")})` },
    { value: 1, label: `${b} → ${a} (${plural(info.bytes[1], "byte")})` },
  ];
}

export function FollowPane() {
  const protocol = useFollowStore((s) => s.protocol);
  const stream = useFollowStore((s) => s.stream);
  const info = useFollowStore((s) => s.info);
  const format = useFollowStore((s) => s.format);
  const selection = useFollowStore((s) => s.selection);
  const streamCount = useFollowStore((s) => s.streamCount);
  const loading = useFollowStore((s) => s.loading);
  const error = useFollowStore((s) => s.error);
  const client = useCaptureStore((s) => s.client);
  const [findText, setFindText] = useState("");
  const [found, setFound] = useState<Found | null>(null);
  const [findStatus, setFindStatus] = useState("");
  const [saving, setSaving] = useState(false);

  if (stream === null) return null;
  const P = protocol.toUpperCase();
  const title = `Follow ${P} Stream (${transportOf(protocol)}.stream eq ${stream})`;

  const find = async (e?: FormEvent): Promise<void> => {
    e?.preventDefault();
    if (!client || !findText) return;
    const from = found ? { chunk: found.chunk, offset: found.offset + 1 } : { chunk: 0, offset: 0 };
    let m = await client.followFind(protocol, stream, findText, from, selection);
    let wrapped = false;
    if (!m && found) {
      m = await client.followFind(protocol, stream, findText, { chunk: 0, offset: 0 }, selection);
      wrapped = m !== null;
    }
    if (!m) {
      setFound(null);
      setFindStatus(`“${findText}” not found`);
      return;
    }
    setFound({ ...m, length: findText.length, seq: (found?.seq ?? 0) + 1 });
    setFindStatus(wrapped ? "Search wrapped to the start" : "");
  };

  const save = async (): Promise<void> => {
    if (!client) return;
    setSaving(true);
    try {
      const blob = await client.followExport(protocol, stream, format, selection);
      const side = selection === "both" ? "" : selection === 0 ? "-a-to-b" : "-b-to-a";
      download(blob, `${protocol}-stream-${stream}${side}.${EXTENSION[format]}`);
    } finally {
      setSaving(false);
    }
  };

  const resetFind = (): void => {
    setFound(null);
    setFindStatus("");
  };

  return (
    <section className="follow-pane" role="region" aria-label={title}>
      <header className="follow-head">
        <h2 className="follow-title">{title}</h2>
        {info && (
          <span className="follow-summary">
            {plural(info.packets, "packet")}
            {info.missing[0] + info.missing[1] > 0 && ` · ${plural(info.missing[0] + info.missing[1], "byte")} missing in the capture`}
          </span>
        )}
        {loading && <span className="follow-summary">Reassembling…</span>}
      </header>
      {error && (
        <p className="follow-error" role="alert">
          {error}
        </p>
      )}
      {info && client ? (
        <FollowText
          key={`${protocol} ${stream} ${format} ${selection}`}
          client={client}
          protocol={protocol}
          stream={stream}
          format={format}
          selection={selection}
          found={found}
        />
      ) : (
        <div className="follow-body" />
      )}
      <div className="follow-controls">
        <label>
          <span>Direction</span>
          <select
            aria-label="Direction"
            value={String(selection)}
            disabled={!info}
            onChange={(e) => {
              resetFind();
              setFollowSelection(e.target.value === "both" ? "both" : e.target.value === "0" ? 0 : 1);
            }}
          >
            {(info ? directions(info) : [{ value: "both" as FollowSelection, label: "Entire conversation" }]).map((d) => (
              <option key={String(d.value)} value={String(d.value)}>
                {d.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>Show data as</span>
          <select aria-label="Show data as" value={format} onChange={(e) => setFollowFormat(e.target.value as PaneFormat)}>
            {PANE_FORMATS.map((f) => (
              <option key={f.id} value={f.id}>
                {f.label}
              </option>
            ))}
          </select>
        </label>
        <span className="follow-stream">
          <button
            type="button"
            className="button button-small"
            disabled={stream <= 0}
            onClick={() => void followStream(protocol, stream - 1)}
          >
            Previous stream
          </button>
          <label>
            <span>Stream</span>
            <input
              type="number"
              aria-label="Stream"
              min={0}
              max={Math.max(0, streamCount - 1)}
              value={stream}
              onChange={(e) => {
                const n = Number(e.target.value);
                if (Number.isInteger(n) && n >= 0 && n < streamCount) {
                  resetFind();
                  void followStream(protocol, n);
                }
              }}
            />
          </label>
          <button
            type="button"
            className="button button-small"
            disabled={stream + 1 >= streamCount}
            onClick={() => void followStream(protocol, stream + 1)}
          >
            Next stream
          </button>
        </span>
      </div>
      <div className="follow-actions">
        <form className="follow-find" role="search" onSubmit={(e) => void find(e)}>
          <label>
            <span>Find</span>
            <input
              type="search"
              aria-label="Find"
              value={findText}
              onChange={(e) => {
                setFindText(e.target.value);
                resetFind();
              }}
            />
          </label>
          <button type="submit" className="button button-small" disabled={!findText || !info}>
            Find Next
          </button>
          <span className="follow-find-status" role="status">
            {findStatus}
          </span>
        </form>
        <span className="follow-buttons">
          <button type="button" className="button button-small" onClick={filterOutStream}>
            Filter out this stream
          </button>
          <button type="button" className="button button-small" disabled={!info || saving} onClick={() => void save()}>
            Save as…
          </button>
          <button type="button" className="button button-small" onClick={closeFollow}>
            Back
          </button>
        </span>
      </div>
    </section>
  );
}
