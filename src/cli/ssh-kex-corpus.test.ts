/**
 * SSH's key exchange fields against live tshark: the hassh fingerprints of
 * each KEXINIT and the host key, ephemeral keys and signature of the reply
 * (src/engine/dissect/protocols/ssh/kex.ts), with the expert items, on the
 * recorded OpenSSH 9.2 sessions (fixtures/) and the shared OpenSSH 7 capture
 * (../shared/captures, skipped with a notice without it or tshark).
 */
import { protocolCorpus } from "./protocol-corpus";
import { fixturesDir } from "./corpus-files";

const FIELDS = [
  "_ws.col.Protocol", "_ws.col.Info",
  "ssh.kex.hassh", "ssh.kex.hassh_algorithms", "ssh.kex.hasshserver", "ssh.kex.hasshserver_algorithms",
  "ssh.host_key.length", "ssh.host_key.type_length", "ssh.host_key.type", "ssh.host_key.data",
  "ssh.host_key.rsa.e", "ssh.host_key.rsa.n", "ssh.host_key.eddsa.key_length", "ssh.host_key.eddsa.key",
  "ssh.host_sig.length", "ssh.host_sig.type_length", "ssh.host_sig.type", "ssh.host_sig.data",
  "ssh.dh.e", "ssh.dh.f", "ssh.ecdh.q_c_length", "ssh.ecdh.q_c", "ssh.ecdh.q_s_length", "ssh.ecdh.q_s",
  "ssh.mpint_length", "ssh.payload", "ssh.padding_string", "ssh.packet_decode.error",
  "_ws.expert.message", "_ws.expert.severity", "_ws.expert.group",
];
const MINE = /^(SSH|SSHv2|TCP)$/;

protocolCorpus({
  name: "SSH key exchange corpus",
  title: "SSH key exchange fields against live tshark (shared captures)",
  captures: ["ssh2-openssh-version-exchange-ecdh-kex.pcap"],
  fields: FIELDS,
  mine: MINE,
});

protocolCorpus({
  name: "SSH key exchange fixtures",
  title: "SSH key exchange fields against live tshark (recorded fixtures)",
  captures: ["ssh-publickey-password-login-openssh.pcap"],
  fields: FIELDS,
  mine: MINE,
  dir: fixturesDir,
  // tshark is wrong (fixtures/README.md): Wireshark 4.0 reads OpenSSH 9's sntrup761x25519-sha512 keys as
  // Diffie-Hellman values longer than its 512-byte limit, "Invalid key length" errors on valid packets.
  known: { "ssh-publickey-password-login-openssh.pcap": [16, 17] },
});
