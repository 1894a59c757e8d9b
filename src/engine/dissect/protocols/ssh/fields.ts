/**
 * SSH's fields and message names as Wireshark 4.0 registers them
 * (packet-ssh.c; message numbers from RFC 4250 §4.1).
 */
import { defineField, defineFields, vals } from "../../field";

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
  // hassh (Salesforce's SSH client/server fingerprint): the KEXINIT's kex, encryption, MAC and compression lists of one direction, and their MD5.
  "kex.hassh_algorithms": { name: "hasshAlgorithms", type: "string" },
  "kex.hassh": { name: "hassh", type: "string" },
  "kex.hasshserver_algorithms": { name: "hasshServerAlgorithms", type: "string" },
  "kex.hasshserver": { name: "hasshServer", type: "string" },
  // The server's host key (RFC 4253 §6.6) and the exchange hash's signature, in the key exchange reply.
  "host_key.length": { name: "Host key length", type: "uint32" },
  "host_key.type_length": { name: "Host key type length", type: "uint32" },
  "host_key.type": { name: "Host key type", type: "string" },
  "host_key.data": { name: "Host key data", type: "bytes" },
  "host_key.rsa.n": { name: "RSA modulus (N)", type: "bytes" },
  "host_key.rsa.e": { name: "RSA public exponent (e)", type: "bytes" },
  "host_key.dsa.p": { name: "DSA prime modulus (p)", type: "bytes" },
  "host_key.dsa.q": { name: "DSA prime divisor (q)", type: "bytes" },
  "host_key.dsa.g": { name: "DSA subgroup generator (g)", type: "bytes" },
  "host_key.dsa.y": { name: "DSA public key (y)", type: "bytes" },
  "host_key.ecdsa.id": { name: "ECDSA elliptic curve identifier", type: "string" },
  "host_key.ecdsa.id_length": { name: "ECDSA elliptic curve identifier length", type: "uint32" },
  "host_key.ecdsa.q": { name: "ECDSA public key (Q)", type: "bytes" },
  "host_key.ecdsa.q_length": { name: "ECDSA public key length", type: "uint32" },
  "host_key.eddsa.key": { name: "EdDSA public key", type: "bytes" },
  "host_key.eddsa.key_length": { name: "EdDSA public key length", type: "uint32" },
  "host_sig.length": { name: "Host signature length", type: "uint32" },
  "host_sig.type_length": { name: "Host signature type length", type: "uint32" },
  "host_sig.type": { name: "Host signature type", type: "string" },
  "host_sig.data": { name: "Host signature data", type: "bytes" },
  "host_sig.rsa": { name: "RSA signature", type: "bytes" },
  "host_sig.dsa": { name: "DSA signature", type: "bytes" },
  // The ephemeral keys of Diffie-Hellman (RFC 4253 §8), group exchange (RFC 4419 §3) and ECDH (RFC 5656 §4).
  "dh.e": { name: "DH client e", type: "bytes" },
  "dh.f": { name: "DH server f", type: "bytes" },
  "dh_gex.min": { name: "DH GEX Min", type: "uint32" },
  "dh_gex.nbits": { name: "DH GEX Number of Bits", type: "uint32" },
  "dh_gex.max": { name: "DH GEX Max", type: "uint32" },
  "dh_gex.p": { name: "DH GEX modulus (P)", type: "bytes" },
  "dh_gex.g": { name: "DH GEX base (G)", type: "bytes" },
  "ecdh.q_c": { name: "ECDH client's ephemeral public key (Q_C)", type: "bytes" },
  "ecdh.q_c_length": { name: "ECDH client's ephemeral public key length", type: "uint32" },
  "ecdh.q_s": { name: "ECDH server's ephemeral public key (Q_S)", type: "bytes" },
  "ecdh.q_s_length": { name: "ECDH server's ephemeral public key length", type: "uint32" },
  mpint_length: { name: "Multi Precision Integer Length", type: "uint32" },
  "packet_decode.error": { name: "Packet decoded length not equal to packet length", type: "none" },
});

/** Wireshark's text items (proto_tree_add_subtree): the host key and signature subtrees. */
export const textField = defineField("_ws.text", { name: "Text item", type: "none" });

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
