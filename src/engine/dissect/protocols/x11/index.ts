/** X11 (x11.ts: the dissector; byte-order.ts: the byte-order guess; names.ts: request, event and error names). */
export { x11Fields, X11_PORTS } from "./x11";
