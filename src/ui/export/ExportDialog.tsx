/**
 * File ▸ Export Specified Packets and Export Packet Dissections, in one
 * dialog opened from the toolbar's "Export…" button. The worker builds the
 * file (a Blob, mostly slices of the open File); the page only saves it
 * through the download helper. Ctrl+M marks or unmarks the selected packet,
 * as in Wireshark.
 */
import { useEffect, useState, type FormEvent } from "react";
import { useCaptureStore } from "../../store/capture-store";
import { useSelectionStore } from "../../store/selection-store";
import { useViewStore } from "../../store/view-store";
import { toggleMark, useMarkStore } from "../../store/mark-store";
import { fieldColumnKey, fieldColumnOf, type FieldColumn } from "../../engine/session/column-types";
import { shownFieldColumns, useColumnPrefs } from "../../store/column-prefs";
import type { PacketChoice } from "../../engine/session/export-packets";
import type { OutputFormat } from "../../engine/capture/write-capture";
import type { DissectionFormat } from "../../engine/session/dissection-export";
import type { ListColumn } from "../../worker/export-api";
import { download } from "../download";
import { ModalDialog } from "../layout/ModalDialog";
import "./export.css";

type Which = "all" | "displayed" | "selected" | "marked" | "range";

/** The list's shown columns, in order, each field column with its place among those the batches carry (as the list asks for them). */
function shownColumns(): { columns: ListColumn[]; fields: FieldColumn[] } {
  const shown = useColumnPrefs.getState().columns.filter((c) => c.visible);
  const fields = shownFieldColumns(shown);
  const keys = fields.map(fieldColumnKey);
  const columns = shown.map((c) => {
    const f = fieldColumnOf(c.spec);
    return { title: c.title, spec: c.spec, field: f ? keys.indexOf(fieldColumnKey(f)) : -1 };
  });
  return { columns, fields };
}

const LIST_FORMAT_NAMES: Record<DissectionFormat, string> = { csv: "CSV", text: "text", json: "JSON" };

const EXTENSIONS: Record<OutputFormat | DissectionFormat, string> = {
  pcapng: "pcapng",
  pcap: "pcap",
  nsecpcap: "pcap",
  csv: "csv",
  text: "txt",
  json: "json",
};

/** "capture.pcapng" → "capture-export.csv". */
function exportName(fileName: string | undefined, format: OutputFormat | DissectionFormat): string {
  const base = (fileName ?? "capture").replace(/\.(pcapng|pcap|cap)(\.gz)?$/i, "");
  return `${base}-export.${EXTENSIONS[format]}`;
}

export function ExportControls() {
  const [open, setOpen] = useState(false);
  const packets = useCaptureStore((s) => s.packets);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === "m") {
        const target = e.target as HTMLElement | null;
        if (target?.closest("input, textarea, [contenteditable]")) return;
        e.preventDefault();
        toggleMark(useSelectionStore.getState().packet);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  return (
    <>
      <button
        type="button"
        className="button button-small"
        disabled={packets === 0}
        title="Export Specified Packets as pcap or pcapng, or the packet list as CSV or text"
        onClick={() => setOpen(true)}
      >
        Export…
      </button>
      {open && <ExportDialog onClose={() => setOpen(false)} />}
    </>
  );
}

function ExportDialog({ onClose }: { onClose(): void }) {
  const client = useCaptureStore((s) => s.client);
  const file = useCaptureStore((s) => s.file);
  const packets = useCaptureStore((s) => s.packets);
  const displayed = useCaptureStore((s) => s.displayed) ?? packets;
  const selected = useSelectionStore((s) => s.packet);
  const marked = useMarkStore((s) => s.marked);
  const [which, setWhich] = useState<Which>(displayed < packets ? "displayed" : "all");
  const [range, setRange] = useState("");
  const [displayedOnly, setDisplayedOnly] = useState(false);
  const [format, setFormat] = useState<OutputFormat>("pcapng");
  const [listFormat, setListFormat] = useState<DissectionFormat>("csv");
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  const choice = (): PacketChoice => {
    switch (which) {
      case "all":
      case "displayed":
        return { kind: which };
      case "selected":
        return { kind: "frames", frames: selected === null ? [] : [selected], displayedOnly };
      case "marked":
        return { kind: "frames", frames: [...marked], displayedOnly };
      case "range":
        return { kind: "range", text: range, displayedOnly };
    }
  };

  const run = async (work: () => Promise<string>): Promise<void> => {
    setBusy(true);
    setMessage(null);
    try {
      setMessage(await work());
    } catch (e) {
      setMessage(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const exportPackets = (e: FormEvent): void => {
    e.preventDefault();
    if (!client) return;
    void run(async () => {
      const out = await client.exportPackets(choice(), format);
      download(out.blob, exportName(file?.name, format));
      return `Exported ${out.packets} packet${out.packets === 1 ? "" : "s"}`;
    });
  };

  const exportList = (): void => {
    if (!client) return;
    const { summary, firstSec, firstNsec } = useCaptureStore.getState();
    void run(async () => {
      const blob = await client.exportDissections({
        ...shownColumns(),
        time: { format: useViewStore.getState().timeFormat, decimals: summary?.timeDecimals ?? 6, firstSec, firstNsec },
        format: listFormat,
      });
      download(blob, exportName(file?.name, listFormat));
      return `Exported the ${displayed} displayed packet${displayed === 1 ? "" : "s"} as ${LIST_FORMAT_NAMES[listFormat]}`;
    });
  };

  const option = (value: Which, label: string, count: number | null, disabled = false) => (
    <label className="export-choice">
      <input
        type="radio"
        name="export-which"
        value={value}
        checked={which === value}
        disabled={disabled}
        onChange={() => setWhich(value)}
      />
      {label}
      {count !== null && <span className="export-count"> ({count})</span>}
    </label>
  );

  return (
    <ModalDialog label="Export" className="export-dialog" onClose={onClose}>
      <form onSubmit={exportPackets}>
        <fieldset>
          <legend>Export Specified Packets</legend>
          {option("all", "All packets", packets)}
          {option("displayed", "Displayed packets", displayed)}
          {option("selected", "Selected packet", selected === null ? 0 : 1, selected === null)}
          {option("marked", "Marked packets (Ctrl+M)", marked.size, marked.size === 0)}
          <label className="export-choice">
            <input type="radio" name="export-which" value="range" checked={which === "range"} onChange={() => setWhich("range")} />
            Range{" "}
            <input
              aria-label="Packet range"
              placeholder="1-10,20"
              value={range}
              onFocus={() => setWhich("range")}
              onChange={(e) => setRange(e.target.value)}
            />
          </label>
          <label className="export-choice">
            <input
              type="checkbox"
              checked={displayedOnly}
              disabled={which === "all" || which === "displayed"}
              onChange={(e) => setDisplayedOnly(e.target.checked)}
            />
            Only those displayed
          </label>
          <label>
            Format{" "}
            <select aria-label="Capture format" value={format} onChange={(e) => setFormat(e.target.value as OutputFormat)}>
              <option value="pcapng">pcapng</option>
              <option value="pcap">pcap</option>
            </select>
          </label>{" "}
          <button type="submit" className="button button-primary" disabled={busy}>
            Export packets
          </button>
        </fieldset>
      </form>
      <fieldset>
        <legend>Export Packet Dissections (the displayed packets)</legend>
        <label>
          As{" "}
          <select aria-label="List format" value={listFormat} onChange={(e) => setListFormat(e.target.value as DissectionFormat)}>
            <option value="csv">CSV</option>
            <option value="text">Plain text</option>
            <option value="json">JSON (details, as tshark -T json)</option>
          </select>
        </label>{" "}
        <button type="button" className="button" disabled={busy} onClick={exportList}>
          Export list
        </button>
      </fieldset>
      {message && (
        <p className="dialog-status" role="status">
          {message}
        </p>
      )}
      <button type="button" className="button" onClick={onClose}>
        Close
      </button>
    </ModalDialog>
  );
}
