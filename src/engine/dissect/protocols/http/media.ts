/**
 * The body's hand-off by media type (Wireshark's "media_type" dissector
 * table): what each dissector Wireshark 4.0 registers for the types seen on
 * the web does to the columns and the layers. Their own trees (XML elements,
 * PNG chunks, form fields) are not built here: the body shows as the
 * protocol item with its bytes.
 *
 * - XML (text/xml, application/xml and the +xml types Wireshark lists):
 *   Protocol gains "/XML".
 * - JSON (application/json and kin): Protocol gains "/JSON", Info
 *   ", JavaScript Object Notation (type)".
 * - Line-based text (text/html, text/css, text/plain, text/javascript…):
 *   Info gains " (type)"; a body starting "<?xml" (longer than 38 bytes) is XML.
 * - PNG " (PNG)", JPEG " (JPEG JFIF image)", GIF " (GIF89a)", form posts
 *   " (application/x-www-form-urlencoded)".
 * - application/octet-stream: plain data. Anything else with a type: the
 *   "media" dissector, Info " (type)". No type: data.
 */
import { dissectData, enterLayer } from "../../common";
import { defineField, type FieldDef } from "../../field";
import type { PacketInfo } from "../../packet-info";
import { textLinesField } from "../ftp-data";

/** The protocol items of the dissectors a body goes to (their abbreviations are the layer names in frame.protocols). */
const mediaFields = {
  media: defineField("media", { name: "Media Type", type: "protocol" }),
  xml: defineField("xml", { name: "eXtensible Markup Language", type: "protocol" }),
  json: defineField("json", { name: "JavaScript Object Notation", type: "protocol" }),
  png: defineField("png", { name: "Portable Network Graphics", type: "protocol" }),
  "image-jfif": defineField("image-jfif", { name: "JPEG File Interchange Format", type: "protocol" }),
  "image-gif": defineField("image-gif", { name: "Compuserve GIF", type: "protocol" }),
  "urlencoded-form": defineField("urlencoded-form", { name: "HTML Form URL Encoded", type: "protocol" }),
};

const enum Kind {
  XML,
  JSON,
  TEXT,
  PNG,
  JFIF,
  GIF,
  FORM,
  DATA,
}

const XML_TYPES = [
  "text/xml", "text/vnd.wap.wml", "text/vnd.wap.si", "text/vnd.wap.sl", "text/vnd.wap.co", "text/vnd.wap.emn",
  "application/3gpp-ims+xml", "application/atom+xml", "application/auth-policy+xml", "application/ccmp+xml",
  "application/conference-info+xml", "application/cpim-pidf+xml", "application/cpl+xml", "application/dds-web+xml",
  "application/im-iscomposing+xml", "application/load-control+xml", "application/mathml+xml", "application/media_control+xml",
  "application/note+xml", "application/pidf+xml", "application/pidf-diff+xml", "application/poc-settings+xml",
  "application/rdf+xml", "application/reginfo+xml", "application/resource-lists+xml", "application/rlmi+xml",
  "application/rls-services+xml", "application/rss+xml", "application/rs-metadata+xml", "application/smil",
  "application/simple-filter+xml", "application/simple-message-summary+xml", "application/simservs+xml",
  "application/soap+xml", "application/vnd.wv.csp+xml", "application/vnd.wv.csp.xml", "application/watcherinfo+xml",
  "application/xcap-att+xml", "application/xcap-caps+xml", "application/xcap-diff+xml", "application/xcap-el+xml",
  "application/xcap-error+xml", "application/xcap-ns+xml", "application/xml", "application/xml-dtd",
  "application/xpidf+xml", "application/xslt+xml", "application/x-crd+xml", "application/x-wms-logconnectstats",
  "application/x-wms-logplaystats", "application/x-wms-sendevent", "image/svg+xml",
];
const JSON_TYPES = [
  "application/json", "application/senml+json", "application/sensml+json", "application/json-rpc", "application/jsonrequest",
  "application/dds-web+json", "application/vnd.oma.lwm2m+json", "application/problem+json", "application/merge-patch+json",
  "application/json-patch+json", "application/x-ndjson",
];
const TEXT_TYPES = [
  "text/plain", "text/richtext", "text/enriched", "text/parameters", "text/html", "text/xml-external-parsed-entity", "text/css",
  "application/xml-external-parsed-entity", "text/javascript", "application/x-javascript", "application/x-tia-p25-issi",
  "application/x-tia-p25-sndcp", "application/x-ns-proxy-autoconfig", "text/vnd.sun.j2me.app-descriptor",
  "application/vnd.poc.refer-to", "application/vnd.drm.message", "application/x-wms-logplaystats", "application/x-rtsp-udp-packetpair",
];

const BY_TYPE: ReadonlyMap<string, Kind> = new Map<string, Kind>([
  ...TEXT_TYPES.map((t) => [t, Kind.TEXT] as const),
  ...XML_TYPES.map((t) => [t, Kind.XML] as const),
  ...JSON_TYPES.map((t) => [t, Kind.JSON] as const),
  ["image/png", Kind.PNG],
  ["image/jfif", Kind.JFIF],
  ["image/jpg", Kind.JFIF],
  ["image/jpeg", Kind.JFIF],
  ["image/gif", Kind.GIF],
  ["application/x-www-form-urlencoded", Kind.FORM],
  ["application/octet-stream", Kind.DATA],
]);

function protocolItem(pinfo: PacketInfo, layer: string, f: FieldDef, d: Uint8Array, at: number, end: number, label: string): void {
  enterLayer(pinfo, layer);
  const tree = pinfo.tree;
  tree.open(f, at, end - at, null, tree.detailed || tree.wants(f) ? label : undefined);
  tree.close();
}

/** col_append_sep_fstr(COL_INFO, " ", "(%s)"): the separator only after text. */
function appendParenthesised(pinfo: PacketInfo, text: string): void {
  if (!pinfo.wantColumns) return;
  pinfo.info = pinfo.info ? `${pinfo.info} (${text})` : `(${text})`;
}

function startsCi(d: Uint8Array, at: number, end: number, s: string): boolean {
  if (end - at < s.length) return false;
  for (let i = 0; i < s.length; i++) if ((d[at + i]! | 0x20) !== s.charCodeAt(i)) return false;
  return true;
}

function xml(pinfo: PacketInfo, d: Uint8Array, at: number, end: number): void {
  pinfo.protocol += "/XML";
  protocolItem(pinfo, "xml", mediaFields.xml, d, at, end, "eXtensible Markup Language");
}

/**
 * Hands the body data[at, end) (in the current data source) to what
 * Wireshark's media type table has for `type` (lower-case, no parameters;
 * null when the message had no Content-Type).
 */
export function dissectBody(pinfo: PacketInfo, d: Uint8Array, at: number, end: number, type: string | null, parameters: string | null): void {
  if (type === null) {
    dissectData(d, at, end, pinfo);
    return;
  }
  switch (BY_TYPE.get(type)) {
    case Kind.XML:
      xml(pinfo, d, at, end);
      return;
    case Kind.JSON:
      pinfo.protocol += "/JSON";
      // col_append_sep_str with a NULL separator: ", " after text.
      if (pinfo.wantColumns) pinfo.info = pinfo.info ? `${pinfo.info}, JavaScript Object Notation` : "JavaScript Object Notation";
      protocolItem(pinfo, "json", mediaFields.json, d, at, end, `JavaScript Object Notation: ${type}`);
      appendParenthesised(pinfo, type);
      return;
    case Kind.TEXT:
      if (end - at > 38 && startsCi(d, at, end, "<?xml")) {
        xml(pinfo, d, at, end);
        return;
      }
      appendParenthesised(pinfo, type);
      protocolItem(pinfo, "data-text-lines", textLinesField, d, at, end, `Line-based text data: ${type}`);
      return;
    case Kind.PNG:
      if (pinfo.wantColumns) pinfo.info += " (PNG)";
      protocolItem(pinfo, "png", mediaFields.png, d, at, end, "Portable Network Graphics");
      return;
    case Kind.JFIF:
      appendParenthesised(pinfo, "JPEG JFIF image");
      protocolItem(pinfo, "image-jfif", mediaFields["image-jfif"], d, at, end, "JPEG File Interchange Format");
      return;
    case Kind.GIF:
      gif(pinfo, d, at, end, type);
      return;
    case Kind.FORM:
      appendParenthesised(pinfo, type);
      protocolItem(pinfo, "urlencoded-form", mediaFields["urlencoded-form"], d, at, end, `HTML Form URL Encoded: ${type}`);
      return;
    case Kind.DATA:
      dissectData(d, at, end, pinfo);
      return;
    default:
      media(pinfo, d, at, end, type, parameters);
  }
}

/** The GIF dissector takes only "GIF87a"/"GIF89a" bodies; others go to the media dissector. */
function gif(pinfo: PacketInfo, d: Uint8Array, at: number, end: number, type: string): void {
  const version = end - at >= 6 && startsCi(d, at, at + 3, "gif") ? String.fromCharCode(...d.subarray(at, at + 6)) : "";
  if (version !== "GIF87a" && version !== "GIF89a") {
    media(pinfo, d, at, end, type, null);
    return;
  }
  if (pinfo.wantColumns) pinfo.info += ` (${version})`;
  protocolItem(pinfo, "image-gif", mediaFields["image-gif"], d, at, end, `Compuserve GIF, Version: ${version}`);
}

/** packet-media.c: " (type)" and the bytes. */
function media(pinfo: PacketInfo, d: Uint8Array, at: number, end: number, type: string, parameters: string | null): void {
  if (pinfo.wantColumns) pinfo.info += ` (${type})`;
  protocolItem(pinfo, "media", mediaFields.media, d, at, end, `Media Type: ${type}${parameters ? `; ${parameters}` : ""} (${end - at} byte${end - at === 1 ? "" : "s"})`);
}
