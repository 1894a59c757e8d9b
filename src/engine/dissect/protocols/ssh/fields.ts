/**
 * SSH's fields and message names as Wireshark 4.0 registers them
 * (packet-ssh.c; message numbers from RFC 4250 §4.1).
 */
import { defineFields, vals } from "../../field";

/** ssh2_msg_vals: the transport, authentication and connection messages. */
export const MESSAGE_NAMES = vals({
  1: "Disconnect",
  2: "Ignore",
  3: "Unimplemented",
  4: "Debug",
  5: "Service Request",
  6: "Service Accept",
  20: "Key Exchange Init",
  21: "New Keys",
  50: "User Authentication Request",
  51: "User Authentication Failure",
  52: "User Authentication Success",
  53: "User Authentication Banner",
  60: "Public Key algorithm accepted",
  80: "Global Request",
  81: "Request Success",
  82: "Request Failure",
  90: "Channel Open",
  91: "Channel Open Confirmation",
  92: "Channel Open Failure",
  93: "Window Adjust",
  94: "Channel Data",
  95: "Channel Extended Data",
  96: "Channel EOF",
  97: "Channel Close",
  98: "Channel Request",
  99: "Channel Success",
  100: "Channel Failure",
});

/** Messages 30–39 are named by the key exchange method (RFC 4253 §8, RFC 4419 §5, RFC 5656 §7.1). */
export const DH_NAMES = vals({ 30: "Diffie-Hellman Key Exchange Init", 31: "Diffie-Hellman Key Exchange Reply" });
export const DH_GEX_NAMES = vals({
  30: "Diffie-Hellman Group Exchange Request (Old)",
  31: "Diffie-Hellman Group Exchange Group",
  32: "Diffie-Hellman Group Exchange Init",
  33: "Diffie-Hellman Group Exchange Reply",
  34: "Diffie-Hellman Group Exchange Request",
});
export const ECDH_NAMES = vals({ 30: "Elliptic Curve Diffie-Hellman Key Exchange Init", 31: "Elliptic Curve Diffie-Hellman Key Exchange Reply" });

/** The ten name-lists of SSH_MSG_KEXINIT, in order (RFC 4253 §7.1). */
export const NAME_LISTS = [
  "kex_algorithms",
  "server_host_key_algorithms",
  "encryption_algorithms_client_to_server",
  "encryption_algorithms_server_to_client",
  "mac_algorithms_client_to_server",
  "mac_algorithms_server_to_client",
  "compression_algorithms_client_to_server",
  "compression_algorithms_server_to_client",
  "languages_client_to_server",
  "languages_server_to_client",
] as const;

const nameListFields = Object.fromEntries(
  NAME_LISTS.flatMap((n) => [
    [n, { name: `${n} string`, type: "string" as const }],
    [`${n}_length`, { name: `${n} length`, type: "uint32" as const }],
  ]),
) as Record<(typeof NAME_LISTS)[number] | `${(typeof NAME_LISTS)[number]}_length`, { name: string; type: "string" | "uint32" }>;

export const sshFields = defineFields("ssh", {
  "": { name: "SSH Protocol", type: "protocol" },
  protocol: { name: "Protocol", type: "string" },
  packet_length: { name: "Packet Length", type: "uint32" },
  padding_length: { name: "Padding Length", type: "uint8" },
  message_code: { name: "Message Code", type: "uint8" },
  payload: { name: "Payload", type: "bytes" },
  padding_string: { name: "Padding String", type: "bytes" },
  cookie: { name: "Cookie", type: "bytes" },
  first_kex_packet_follows: { name: "First KEX Packet Follows", type: "uint8" },
  "kex.reserved": { name: "Reserved", type: "bytes" },
  packet_length_encrypted: { name: "Packet Length (encrypted)", type: "bytes" },
  encrypted_packet: { name: "Encrypted Packet", type: "bytes" },
  direction: { name: "Direction", type: "boolean", tfs: ["Server-to-client", "Client-to-server"] },
  ...nameListFields,
});

/** RFC 4253 §4.1: port 22 (and Gerrit's 29418, which Wireshark registers too). */
export const SSH_PORTS = [22, 29418] as const;

/**
 * The ciphers Wireshark 4.0 sets up a decryption context for after NEWKEYS,
 * with zero keys when it has none (ssh_decryption_set_cipher_id). Their
 * packets go through the decryption path, which shows nothing without keys;
 * any other cipher's packets say "Encrypted packet (len=N)".
 */
export const DECRYPTABLE_CIPHERS = new Set([
  "chacha20-poly1305@openssh.com",
  "aes128-gcm@openssh.com",
  "aes128-gcm",
  "aes256-gcm@openssh.com",
  "aes256-gcm",
  "aes128-cbc",
  "aes192-cbc",
  "aes256-cbc",
  "aes128-ctr",
  "aes192-ctr",
  "aes256-ctr",
]);
