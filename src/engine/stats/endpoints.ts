/**
 * An endpoint table (Statistics ▸ Endpoints, `-z endpoints,TYPE`) as
 * Wireshark's conversation_table.c keeps it: one row per address (and
 * port, for TCP and UDP; the stream plays no part), in order of first
 * appearance. Every tap event counts twice: as sent ("tx") by its source
 * and received ("rx") by its destination, so a host talking to itself
 * counts both ways.
 */
import { intColumn, TrafficColumns, type Traffic } from "./growable";

export interface EndpointRow extends Traffic {
  address: number;
  port: number;
}

export class EndpointTable {
  rows = 0;
  private readonly cols = {
    address: intColumn(),
    port: intColumn(),
  };
  private readonly traffic = new TrafficColumns();
  private readonly byKey = new Map<number, number>();

  add(src: number, dst: number, sport: number, dport: number, bytes: number): void {
    this.traffic.count(this.rowOf(src, sport), true, bytes);
    this.traffic.count(this.rowOf(dst, dport), false, bytes);
  }

  frames(row: number): number {
    return this.traffic.frames(row);
  }

  row(i: number): EndpointRow {
    return { address: this.cols.address.a[i]!, port: this.cols.port.a[i]!, ...this.traffic.of(i) };
  }

  private rowOf(address: number, port: number): number {
    const key = address * 65536 + port;
    let row = this.byKey.get(key);
    if (row === undefined) {
      row = this.rows++;
      for (const col of Object.values(this.cols)) col.ensure(this.rows);
      this.traffic.ensure(this.rows);
      this.cols.address.a[row] = address;
      this.cols.port.a[row] = port;
      this.byKey.set(key, row);
    }
    return row;
  }
}
