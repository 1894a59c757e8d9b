/** The F5 Ethernet trailer (packet-f5ethtrailer.c): a heuristic on Ethernet trailers. */
export { f5ethtrailer } from "./f5ethtrailer";
export { f5Fields } from "./fields";
