/**
 * IMF's fields (packet-imf.c): one string field per header Wireshark 4.0
 * knows, named after the header (imf.from, imf.subject, imf.ext.mailer ...),
 * and the generic items of unknown headers and the body.
 */
import { defineField, defineFields, type FieldDef } from "../../field";

export const imfFields = defineFields("imf", {
  "": { name: "Internet Message Format", type: "protocol" },
  extension: { name: "Unknown-Extension", type: "string" },
  "extension.type": { name: "Type", type: "string" },
  "extension.value": { name: "Value", type: "string" },
  "content.type.type": { name: "Type", type: "string" },
  "content.type.parameters": { name: "Parameters", type: "string" },
  message_text: { name: "Message-Text", type: "none" },
});

/** A header Wireshark knows: its field and whether it goes into the Info column (From and Subject only). */
export interface ImfHeader {
  readonly field: FieldDef;
  /** The header's name in lower case, as Info writes it ("from: ..., "). */
  readonly key: string;
  readonly toInfo: boolean;
}

/** Header name (lower case) → [abbreviation, field name]; Wireshark's imf_fields table. */
const HEADERS: readonly (readonly [string, string, string])[] = [
  ["date", "imf.date", "Date"],
  ["from", "imf.from", "From"],
  ["sender", "imf.sender", "Sender"],
  ["reply-to", "imf.reply_to", "Reply-To"],
  ["to", "imf.to", "To"],
  ["cc", "imf.cc", "Cc"],
  ["bcc", "imf.bcc", "Bcc"],
  ["message-id", "imf.message_id", "Message-ID"],
  ["in-reply-to", "imf.in_reply_to", "In-Reply-To"],
  ["references", "imf.references", "References"],
  ["subject", "imf.subject", "Subject"],
  ["comments", "imf.comments", "Comments"],
  ["user-agent", "imf.user_agent", "User-Agent"],
  ["keywords", "imf.keywords", "Keywords"],
  ["resent-date", "imf.resent.date", "Resent-Date"],
  ["resent-from", "imf.resent.from", "Resent-From"],
  ["resent-sender", "imf.resent.sender", "Resent-Sender"],
  ["resent-to", "imf.resent.to", "Resent-To"],
  ["resent-cc", "imf.resent.cc", "Resent-Cc"],
  ["resent-bcc", "imf.resent.bcc", "Resent-Bcc"],
  ["resent-message-id", "imf.resent.message_id", "Resent-Message-ID"],
  ["return-path", "imf.return_path", "Return-Path"],
  ["received", "imf.received", "Received"],
  ["content-type", "imf.content.type", "Content-Type"],
  ["content-description", "imf.content.description", "Content-Description"],
  ["content-id", "imf.content.id", "Content-ID"],
  ["content-transfer-encoding", "imf.content.transfer_encoding", "Content-Transfer-Encoding"],
  ["mime-version", "imf.mime_version", "MIME-Version"],
  ["autoforwarded", "imf.autoforwarded", "Autoforwarded"],
  ["autosubmitted", "imf.autosubmitted", "Autosubmitted"],
  ["x400-content-identifier", "imf.x400_content_identifier", "X400-Content-Identifier"],
  ["content-language", "imf.content_language", "Content-Language"],
  ["conversion", "imf.conversion", "Conversion"],
  ["conversion-with-loss", "imf.conversion_with_loss", "Conversion-With-Loss"],
  ["delivery-date", "imf.delivery_date", "Delivery-Date"],
  ["discarded-x400-ipms-extensions", "imf.discarded_x400_ipms_extensions", "Discarded-X400-IPMS-Extensions"],
  ["discarded-x400-mts-extensions", "imf.discarded_x400_mts_extensions", "Discarded-X400-MTS-Extensions"],
  ["dl-expansion-history", "imf.dl_expansion_history", "DL-Expansion-History"],
  ["deferred-delivery", "imf.deferred_delivery", "Deferred-Delivery"],
  ["expires", "imf.expires", "Expires"],
  ["importance", "imf.importance", "Importance"],
  ["incomplete-copy", "imf.incomplete_copy", "Incomplete-Copy"],
  ["latest-delivery-time", "imf.latest_delivery_time", "Latest-Delivery-Time"],
  ["message-type", "imf.message_type", "Message-Type"],
  ["original-encoded-information-types", "imf.original_encoded_information_types", "Original-Encoded-Information-Types"],
  ["originator-return-address", "imf.originator_return_address", "Originator-Return-Address"],
  ["priority", "imf.priority", "Priority"],
  ["reply-by", "imf.reply_by", "Reply-By"],
  ["sensitivity", "imf.sensitivity", "Sensitivity"],
  ["supersedes", "imf.supersedes", "Supersedes"],
  ["x400-content-type", "imf.x400_content_type", "X400-Content-Type"],
  ["x400-mts-identifier", "imf.x400_mts_identifier", "X400-MTS-Identifier"],
  ["x400-originator", "imf.x400_originator", "X400-Originator"],
  ["x400-received", "imf.x400_received", "X400-Received"],
  ["x400-recipients", "imf.x400_recipients", "X400-Recipients"],
  ["delivered-to", "imf.delivered_to", "Delivered-To"],
  ["x-mailer", "imf.ext.mailer", "X-Mailer"],
  ["x-mimeole", "imf.ext.mimeole", "X-MimeOLE"],
  ["expiry-date", "imf.ext.expiry-date", "Expiry-Date"],
  ["x-ms-tnef-correlator", "imf.ext.tnef-correlator", "X-MS-TNEF-Correlator"],
  ["x-uidl", "imf.ext.uidl", "X-UIDL"],
  ["x-authentication-warning", "imf.ext.authentication_warning", "X-Authentication-Warning"],
  ["x-virus-scanned", "imf.ext.virus_scanned", "X-Virus-Scanned"],
  ["x-original-to", "imf.ext.original-to", "X-Original-To"],
  ["thread-index", "imf.thread-index", "Thread-Index"],
  ["lines", "imf.lines", "Lines"],
  ["precedence", "imf.precedence", "Precedence"],
  ["type", "imf.extension.type", "Type"],
  ["type", "imf.siolabel.type", "Type"],
];

export const imfHeaders = new Map<string, ImfHeader>(
  HEADERS.map(([key, abbrev, name]) => [key, { key, field: defineField(abbrev, { name, type: "string" }), toInfo: key === "from" || key === "subject" }]),
);
