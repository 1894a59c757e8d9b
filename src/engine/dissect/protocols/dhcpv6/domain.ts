/**
 * Domain-name fields (RFC 8415 §10: names in the uncompressed RFC 1035 §3.1
 * wire format), used by the domain search list (RFC 3646 §4), the client
 * FQDN (RFC 4704 §4.2), SIP/NIS/BCMCS domain lists, AFTR and NTP server names.
 *
 * A field holds zero or more names. Each name is a run of length-prefixed
 * labels; a zero length (the root) ends a fully qualified name. A name whose
 * last label reaches the end of the field without a root is a partial name
 * (RFC 4704 §4.2 allows it in the client FQDN), which must then be the only
 * one. tshark 4.0 diagnoses the ways a field can break these rules, with
 * items and Info suffixes of its own; this follows it step by step, including
 * two of its quirks that show in the output:
 * - the text of a partial name is built without dots, and its last label's
 *   bytes are taken from just after the name's first length byte;
 * - an over-long name is decoded with a leading dot.
 */
import type { FieldDef } from "../../field";
import { fitLabel, shown, type Ctx } from "./context";
import { dhcpv6Fields as F } from "./fields";

const utf8 = new TextDecoder("utf-8");

/** Wireshark's name buffer read as a C string: up to the first NUL. */
function cString(b: number[]): string {
  const nul = b.indexOf(0);
  return utf8.decode(Uint8Array.from(nul < 0 ? b : b.slice(0, nul)));
}

/** Decodes the names of the field at [start, start + len) into `field` items. */
export function domainField(c: Ctx, field: FieldDef, start: number, len: number): void {
  const detailed = c.detailed;
  if (len === 0) {
    // RFC 4704 §4.2: an empty field asks the server to pick the name.
    c.add(F.domain_field_len, start - 3, 2, 0, detailed ? "Empty domain field: the client requests the server to provide a domain name" : undefined);
    return;
  }
  const last = start + len - 1;
  const name: number[] = [];
  let at = start;
  let first = start;
  let remaining = len;
  let labels = 0;
  let fqdnSeen = false;

  while (remaining > 0) {
    const labelLen = c.u8(at);
    if (labelLen > 63) {
      // RFC 1035 §3.1: the two top bits of a length octet are zero; this is likely plain text.
      const label = detailed
        ? `Label Length: ${labelLen}\nThis is not a DNS record encoded domain name. The value in the first octet of\n` +
          `a label is the length of the name that follows and must be 63 octets or less.\n` +
          `However, in this case it is ${labelLen} which typically means the name is not DNS encoded.\n`
        : undefined;
      c.open(F.bogus_label_length, at, 1, labelLen, label && fitLabel(label));
      if (labels) {
        const s = cString(name);
        c.str(F.decoded_portion, first, name.length, s, detailed ? fitLabel(`The decoded portion of this FQDN to this point is [${s}]\n`) : undefined);
      }
      c.expert(F["expert.name_not_dns_encoded"], at, 1, "error", "ERROR: This name is not a DNS record encoded");
      c.close();
      return;
    }
    if (name.length === 0) first = at;
    at++;
    remaining--;

    if (labelLen > remaining) {
      c.info(" [DOMAIN FIELD LEN EXCEEDED]");
      const label = detailed
        ? `ERROR: The length of this name, ${labelLen}, exceeds the remaining length, ${remaining}, in the\ndomain name field.\n`
        : undefined;
      c.open(F.domain_field_len_exceeded, at - 1, 1, labelLen, label && fitLabel(label));
      if (labels) {
        const s = cString(name);
        c.str(F.decoded_portion, first, name.length, s, detailed ? fitLabel(`The successfully decoded portion of this FQDN: [${s}]\n`) : undefined);
      }
      c.expert(F["expert.domain_field_length_exceeded"], start, len, "error", "ERROR: FQDN exceeds length of the domain name field");
      c.close();
      return;
    }

    if (name.length + labelLen + 2 > 255) {
      // RFC 1035 §3.1: 255 octets at most for the whole encoded name.
      c.info(" [FQDN > 255]");
      name.push(0x2e);
      c.need(at, labelLen);
      for (let i = 0; i < labelLen; i++) name.push(c.d[at + i]!);
      at += labelLen;
      let complete = false;
      if (c.u8(at) === 0) {
        name.push(0x2e);
        at++;
        complete = true;
      }
      const n = name.length;
      const label = detailed
        ? `FQDN: ${cString(name)}${complete ? " " : "<incomplete>"}\n` +
          `ERROR: The total length of DNS-encoded names of this FQDN, ${n}, exceeds 255,\nthe maximum allowed.`
        : undefined;
      c.open(F.encoded_fqdn_gt_255, first, n - 1, n, label && fitLabel(label));
      c.expert(F["expert.encoded_fqdn_gt_255"], first, n - 1, "error", "ERROR: FQDN's *encoded* length exceeds 255 octets [RFC 1035 3.1.]");
      c.close();
      return;
    }

    if (labelLen === 0) {
      name.push(0x2e);
      const s = cString(name);
      if (labels === 0) {
        // The root alone names nothing a resolver could return.
        c.info(" [ROOT-ONLY DOMAIN NAME]");
        c.openStr(F.root_only_domain_name, at - 1, 1, "['.' (0)]");
        c.expert(F["expert.root_only_domain_name"], at - 1, 1, "error", "ERROR: A root-only domain name cannot be resolved.");
        c.close();
        return;
      }
      if (labels === 1) {
        // A single label before the root: a top-level domain, rarely resolvable.
        c.openStr(F.tld, first, name.length + 1, s, detailed ? fitLabel(`Top Level Domain name (TLD): ${s}`) : undefined);
        c.expert(F["expert.tld_lookup"], first, name.length + 1, "warn", "WARNING: TLDs are rarely resolvable ");
        c.close();
      } else {
        c.str(field, first, name.length + 1, s, detailed ? fitLabel(`${field.name}: ${shown(s)}`, field.name.length) : undefined);
      }
      labels = 0;
      name.length = 0;
      fqdnSeen = true;
      continue;
    }

    if (at + labelLen - 1 === last) {
      // The last label ends the field with no root: a partial (relative) name.
      c.need(first + 1, labelLen);
      for (let i = 0; i < labelLen; i++) name.push(c.d[first + 1 + i]!);
      labels++;
      const s = cString(name);
      if (fqdnSeen) {
        c.info(" [PROTOCOL VIOLATION]");
        const label = detailed
          ? `Partial name: ${s}\nERROR: A single or multi-part partial name must be the only name in the domain field`
          : undefined;
        c.openStr(F.partial_name_preceded_by_fqdn, first, labelLen, s, label && fitLabel(label));
        c.expert(F["expert.partial_name_preceded_by_fqdn"], first, labelLen, "error", "ERROR: Partial name is preceded by an FQDN");
        c.close();
        return;
      }
      const kind = labels === 1 ? "Partial domain name" : "Multi-part partially qualified Domain Name";
      c.str(field, first, name.length + 1, s, detailed ? fitLabel(`${kind}: ${s}`) : undefined);
      return;
    }

    if (labels) name.push(0x2e);
    c.need(at, labelLen);
    for (let i = 0; i < labelLen; i++) name.push(c.d[at + i]!);
    at += labelLen;
    remaining -= labelLen;
    labels++;
  }
}
