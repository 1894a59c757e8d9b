/**
 * NTLMSSP's session key items against live tshark on the shared Windows LAN
 * capture (../shared/captures, never copied into the project): every packet
 * carrying NTLMSSP, with its expert items, must read as tshark's. Four
 * AUTHENTICATE messages there were made with an empty password, which
 * Wireshark tries when none is configured; the others (another password, an
 * anonymous logon) get none. Skips with a printed notice without the capture
 * or tshark. Hand-built messages: src/engine/dissect/protocols/ntlmssp/keys.test.ts.
 */
import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { hasTshark } from "../../scripts/follow-compare";
import { run } from "./main";
import { sharedCapturesDir } from "./corpus-files";

const FILE = join(sharedCapturesDir, "lan-windows-nbns-llmnr-ssdp-dhcpv6-icmpv6-nd-igmpv3-smb.pcap");
const ready = hasTshark() && existsSync(FILE);
if (!ready) console.log(`ntlmssp corpus: skipped (needs tshark and ${FILE})`);

const ARGS = ["-Y", "ntlmssp", "-T", "fields", "-e", "frame.number", "-e", "ntlmssp.messagetype", "-e", "ntlmssp.auth.username"];
const EXPERT = ["-e", "_ws.expert.message", "-e", "_ws.expert.severity", "-e", "_ws.expert.group"];

describe.skipIf(!ready)("NTLMSSP session key items against live tshark", () => {
  it("agrees on every NTLMSSP packet's expert items", async () => {
    const expected = execFileSync("tshark", ["-n", "-r", FILE, ...ARGS, ...EXPERT], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    // The capture has what this test is about: four logons with the empty password.
    expect(expected.match(/NTLMv2 authenticated using <Global NT Password> \(31d6cfe0\.\.\.\)/g)).toHaveLength(4);
    let actual = "";
    await run(["-r", FILE, ...ARGS, ...EXPERT], { stdout: (s) => (actual += s), stderr: () => {} });
    expect(actual).toBe(expected);
  }, 60_000);
});
