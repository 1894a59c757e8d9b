/**
 * The Credentials view's rows by pages: the capture's records sorted by a
 * column and filtered by text, served a window at a time so that a brute
 * force of a hundred thousand logins crosses the worker boundary only as the
 * rows on screen. The filter searches what the view shows in clear
 * (protocol, kind, endpoints, user, detail, result), never the secrets: a
 * masked list must not be searchable by its passwords.
 */
import type { CredentialRecord } from "./types";

export type CredentialColumn = "frame" | "protocol" | "kind" | "client" | "server" | "user" | "secret" | "result" | "time";

export interface CredentialQuery {
  sort: CredentialColumn;
  descending: boolean;
  /** Case-insensitive text every shown row contains ("" for all). */
  filter: string;
  offset: number;
  limit: number;
}

export interface CredentialPage {
  /** Rows that pass the filter, and all rows. */
  total: number;
  all: number;
  /** Accepted among all rows. */
  accepted: number;
  offset: number;
  rows: CredentialRecord[];
}

const RESULT_TEXT = { success: "accepted", failed: "rejected", unknown: "unknown" } as const;

function endpointText(e: { address: string; port: number }): string {
  return `${e.address}:${e.port}`;
}

function sortKey(r: CredentialRecord, column: CredentialColumn): string | number {
  switch (column) {
    case "frame":
      return r.frame;
    case "time":
      return r.time;
    case "client":
      return endpointText(r.client);
    case "server":
      return endpointText(r.server);
    case "secret":
      return r.secret ?? "";
    case "result":
      return RESULT_TEXT[r.result];
    default:
      return r[column];
  }
}

function searchable(r: CredentialRecord): string {
  return [r.protocol, r.kind, endpointText(r.client), endpointText(r.server), r.user, r.detail, RESULT_TEXT[r.result], String(r.frame)].join("\n").toLowerCase();
}

export class CredentialList {
  private order: { key: string; rows: number[] } | null = null;
  private readonly accepted: number;

  constructor(private readonly records: readonly CredentialRecord[]) {
    this.accepted = records.filter((r) => r.result === "success").length;
  }

  page(q: CredentialQuery): CredentialPage {
    const order = this.orderOf(q);
    const offset = Math.max(0, Math.min(q.offset, order.length));
    const rows = order.slice(offset, offset + Math.max(0, q.limit)).map((i) => this.records[i]!);
    return { total: order.length, all: this.records.length, accepted: this.accepted, offset, rows };
  }

  /** The filtered, sorted row indices, kept for the next page of the same query. */
  private orderOf(q: CredentialQuery): number[] {
    const key = `${q.sort}\0${q.descending}\0${q.filter}`;
    if (this.order?.key === key) return this.order.rows;
    const needle = q.filter.trim().toLowerCase();
    const rows: number[] = [];
    for (let i = 0; i < this.records.length; i++) if (!needle || searchable(this.records[i]!).includes(needle)) rows.push(i);
    const keys = rows.map((i) => sortKey(this.records[i]!, q.sort));
    const at = new Map(rows.map((r, k) => [r, k]));
    const sign = q.descending ? -1 : 1;
    rows.sort((a, b) => {
      const x = keys[at.get(a)!]!;
      const y = keys[at.get(b)!]!;
      // Ties keep frame order (the records are numbered by frame).
      const c = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
      return c !== 0 ? sign * c : a - b;
    });
    this.order = { key, rows };
    return rows;
  }
}
