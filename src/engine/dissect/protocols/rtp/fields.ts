/** RTP's fields (tshark 4.0's rtp.* names) and what an announcing protocol tells RTP about a conversation. */
import { defineFields } from "../../field";

/** What the announcing protocol tells RTP about the conversation (Wireshark's rtp_conversation_info). */
export interface RtpSetup {
  frame: number;
  method: string;
  /** rtpmap names of dynamic payload types. */
  payloadNames: ReadonlyMap<number, string>;
}

export const rtpFields = defineFields("rtp", {
  "": { name: "Real-Time Transport Protocol", type: "protocol" },
  setup: { name: "Stream setup", type: "string" },
  "setup-frame": { name: "Setup frame", type: "framenum" },
  "setup-method": { name: "Setup Method", type: "string" },
  version: { name: "Version", type: "uint8", bitmask: 0xc0, bitWidth: 8, vals: { 0: "Old VAT Version", 1: "First Draft Version", 2: "RFC 1889 Version" } },
  padding: { name: "Padding", type: "boolean", bitmask: 0x20, bitWidth: 8 },
  ext: { name: "Extension", type: "boolean", bitmask: 0x10, bitWidth: 8 },
  cc: { name: "Contributing source identifiers count", type: "uint8", bitmask: 0x0f, bitWidth: 8 },
  marker: { name: "Marker", type: "boolean", bitmask: 0x80, bitWidth: 8 },
  p_type: { name: "Payload type", type: "uint8", bitmask: 0x7f, bitWidth: 8 },
  seq: { name: "Sequence number", type: "uint16" },
  timestamp: { name: "Timestamp", type: "uint32" },
  ssrc: { name: "Synchronization Source identifier", type: "uint32", base: "hex_dec" },
  csrc_item: { name: "CSRC item", type: "uint32", base: "hex" },
  "ext.profile": { name: "Defined by profile", type: "uint16", base: "hex" },
  "ext.len": { name: "Extension length", type: "uint16" },
  payload: { name: "Payload", type: "bytes" },
  padding_data: { name: "Padding data", type: "bytes" },
  padding_count: { name: "Padding count", type: "uint8" },
});

