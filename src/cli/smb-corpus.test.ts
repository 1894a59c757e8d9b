/**
 * The SMB family (NBSS, SMB, SMB2, BROWSER, LANMAN, DCERPC, SRVSVC, GSS-API/SPNEGO, NetBIOS over LLC) against live
 * tshark on the shared captures that carry it (../shared/captures, never
 * copied into the project): on every packet tshark shows as one of them,
 * the Protocol and Info columns and the fields below must equal tshark's.
 * Runs when the folder and tshark exist; otherwise skips with a printed
 * notice. The same capture's SMB filters (LANMAN, the pipe and mailslot
 * headers, SRVSVC: protocols frame.protocols does not list) select tshark's
 * frames both by dissection and from the app's packet index.
 */
import { describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { hasTshark } from "../../scripts/tshark-compare";
import { ourMatches, tsharkFrameSets } from "../../scripts/filter-compare";
import { CaptureSession } from "../engine/session/capture-session";
import { FileSource } from "./file-source";
import { protocolCorpus } from "./protocol-corpus";

const CAPTURES = [
  "lan-windows-nbns-llmnr-ssdp-dhcpv6-icmpv6-nd-igmpv3-smb.pcap",
  "netmon2-wsus-http-soap-ntp-nbns-dhcpv6-llmnr.cap",
  "malformed-fuzz-bigendian-mixed-incl-ftp.pcap",
  "snoop-solaris-1998-lan-stp-nbns-ipx-appletalk.snoop",
];

const FIELDS = [
  "_ws.col.Protocol", "_ws.col.Info",
  "nbss.type", "nbss.length", "nbss.called_name", "nbss.calling_name",
  "smb.nt_status", "smb.flags2", "smb.tid", "smb.pid", "smb.uid", "smb.mid", "smb.wct", "smb.bcc", "smb.trans_name",
  "mailslot.opcode", "mailslot.name",
  "netbios.command", "netbios.hdr_len",
  "browser.command", "browser.server", "browser.uptime", "browser.os_major", "browser.os_minor", "browser.proto_major", "browser.sig", "browser.comment",
  "lanman.function_code", "lanman.param_desc", "lanman.ret_desc", "lanman.status", "lanman.entry_count",
  "lanman.server", "lanman.server.name", "lanman.server.major", "lanman.server.minor", "lanman.server.comment", "lanman.enumeration_domain",
  "smb2.cmd", "smb2.msg_id", "smb2.sesid", "smb2.flags", "smb2.filename", "smb2.read_length", "smb2.file_offset", "smb2.class", "smb2.infolevel",
  "ntlmssp.messagetype", "ntlmssp.auth.username", "ntlmssp.auth.domain", "ntlmssp.auth.hostname",
  "dcerpc.pkt_type", "dcerpc.cn_call_id", "dcerpc.cn_frag_len", "dcerpc.cn_max_xmit", "dcerpc.cn_num_ctx_items", "dcerpc.cn_ack_result", "dcerpc.opnum",
  "dcerpc.cn_flags.first_frag", "dcerpc.cn_flags.last_frag", "dcerpc.cn_flags.object", "dcerpc.drep.byteorder", "dcerpc.drep.character", "dcerpc.drep.fp",
  "dcerpc", "dcerpc.request_in", "dcerpc.time", "dcerpc.cn_cancel_count", "dcerpc.payload_stub_data",
  "smb_pipe", "smb_pipe.function", "frame.protocols", "_ws.expert.message",
  "gss-api", "gss-api.OID", "spnego", "spnego.mechTypes", "spnego.MechType", "spnego.mechToken", "spnego.negResult", "spnego.supportedMech",
  "spnego.responseToken", "spnego.mechListMIC", "ntlmssp.verf.vers", "ntlmssp.verf.body",
  "srvsvc", "srvsvc.opnum", "srvsvc.srvsvc_NetShareEnumAll.server_unc", "srvsvc.srvsvc_NetShareEnumAll.level", "srvsvc.srvsvc_NetShareEnumAll.ctr",
  "srvsvc.srvsvc_NetShareCtr.ctr0", "srvsvc.srvsvc_NetShareCtr.ctr1", "srvsvc.srvsvc_NetShareCtr0.count", "srvsvc.srvsvc_NetShareCtr1.count",
  "srvsvc.srvsvc_NetShareCtr0.array", "srvsvc.srvsvc_NetShareEnumAll.max_buffer", "srvsvc.srvsvc_NetShareEnumAll.resume_handle",
  "dcerpc.referent_id64", "dcerpc.null_pointer", "dcerpc.array.max_count", "dcerpc.array.offset", "dcerpc.array.actual_count", "dcerpc.long_frame",
];

/** The Protocol column values of the protocols under test. */
const MINE = /^(NBSS|SMB|SMB2|BROWSER|LANMAN|DCERPC|SRVSVC|NetBIOS)$/;

protocolCorpus({
  name: "smb corpus",
  title: "The SMB family against live tshark",
  captures: CAPTURES,
  fields: FIELDS,
  mine: MINE,
});

const LAN = resolve(process.env.PCAPSCOPE_SHARED ?? join(__dirname, "../../../shared"), "captures", CAPTURES[0]!);
const FILTERS = ["lanman", "smb_pipe", "mailslot", "browser", "srvsvc", "dcerpc", "smb", 'frame.protocols contains "lanman"', "srvsvc.opnum == 15", "lanman && !smb_pipe"];

describe.skipIf(!existsSync(LAN) || !hasTshark())("SMB filters on the lan-windows capture", () => {
  it("select tshark's frames by dissection and from the packet index", { timeout: 300_000 }, async () => {
    const theirs = tsharkFrameSets(LAN, FILTERS);
    const ours = await ourMatches(LAN, FILTERS);
    const session = new CaptureSession(new FileSource(LAN));
    await session.load();
    for (const f of FILTERS) {
      expect(ours.frames.get(f), f).toEqual(theirs.get(f));
      const { display } = await session.applyDisplayFilter(f);
      expect(Array.from(display ?? [], (row) => row + 1), `${f} from the index`).toEqual(theirs.get(f));
    }
  });
});
