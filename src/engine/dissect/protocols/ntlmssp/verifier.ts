/**
 * The NTLMSSP message signature (MS-NLMP §2.2.2.9) as Wireshark 4.0 shows a
 * verifier it cannot check (no session key given): its version and the rest
 * as the body. SPNEGO's mechListMIC carries one when the mechanism is NTLMSSP.
 */
import { enterLayer, u32le } from "../../common";
import { defineFields } from "../../field";
import type { PacketInfo } from "../../packet-info";

export const verifierFields = defineFields("ntlmssp.verf", {
  "": { name: "NTLMSSP Verifier", type: "none" },
  vers: { name: "Version Number", type: "uint32" },
  body: { name: "Verifier Body", type: "bytes" },
});
const F = verifierFields;

/** A verifier in data[start, end): a layer of its own, as packet-ntlmssp.c's verifier handle adds one. */
export function ntlmsspVerifier(data: Uint8Array, start: number, end: number, pinfo: PacketInfo): void {
  if (end - start < 4) return;
  enterLayer(pinfo, "ntlmssp");
  const tree = pinfo.tree;
  tree.open(F[""], start, end - start);
  tree.add(F.vers, start, 4, u32le(data, start));
  if (end > start + 4) tree.add(F.body, start + 4, end - start - 4, data.subarray(start + 4, end));
  tree.close();
}
