/**
 * TLS (RFC 5246, RFC 8446) and SSL 3.0 (RFC 6101) record layer and handshake,
 * as Wireshark 4.0 shows them without keys: records, handshake messages
 * (hellos with their extensions, certificates, key exchanges), Change Cipher
 * Spec, alerts and opaque application data. SSL 2.0 records are recognised
 * (the SSLv2-compatible Client Hello).
 *
 *   record: +0 content type  +1 version (2)  +3 length (2)  +5 fragment
 *   handshake: +0 type  +1 length (3)  +4 body
 *
 * Follows packet-tls.c / packet-tls-utils.c: the version shown in the
 * Protocol column is the conversation's once a Server Hello (or any
 * non-Client-Hello record) fixed it, else the record's; a Server Hello's
 * supported_versions extension makes it TLS 1.3 (RFC 8446 §4.2.1). Records
 * split across TCP segments go back to TCP through the desegmentation
 * contract (the 5-byte header plus the length); handshake messages split
 * across records are reassembled here, per direction, as Wireshark does.
 * Per-conversation state lives under the TCP stream (pinfo.tcpStream).
 *
 * Also exported: `startTls`, which a plain-text protocol calls when STARTTLS
 * succeeded (FTP's AUTH TLS + 234, RFC 4217 §4), and `tls`, the dissector it
 * then hands the stream's data to.
 */
import { defineFields, type FieldDef, type FieldValue } from "../field";
import { register, registerHeuristic } from "../dissector";
import { formatUtcDate } from "../format";
import type { PacketInfo } from "../packet-info";
import { GENERATED, type ProtoTree } from "../tree";
import { FrameColumnU32 } from "../../reassembly/frame-columns";
import { MISSING, PRESENT, expertField, malformed } from "../common";
import { TEXT } from "./dns";
import { Truncated, asciiString, ensure, g8, g16, g24, g32 } from "../bytes";

function table(spec: string): ReadonlyMap<number, string> {
  const m = new Map<number, string>();
  for (const e of spec.split(";")) {
    const i = e.indexOf("=");
    m.set(parseInt(e.slice(0, i), 16), e.slice(i + 1));
  }
  return m;
}

/** tls.handshake.ciphersuite */
const CIPHER_SUITES = table("0=TLS_NULL_WITH_NULL_NULL;1=TLS_RSA_WITH_NULL_MD5;2=TLS_RSA_WITH_NULL_SHA;3=TLS_RSA_EXPORT_WITH_RC4_40_MD5;4=TLS_RSA_WITH_RC4_128_MD5;5=TLS_RSA_WITH_RC4_128_SHA;6=TLS_RSA_EXPORT_WITH_RC2_CBC_40_MD5;7=TLS_RSA_WITH_IDEA_CBC_SHA;8=TLS_RSA_EXPORT_WITH_DES40_CBC_SHA;9=TLS_RSA_WITH_DES_CBC_SHA;a=TLS_RSA_WITH_3DES_EDE_CBC_SHA;b=TLS_DH_DSS_EXPORT_WITH_DES40_CBC_SHA;c=TLS_DH_DSS_WITH_DES_CBC_SHA;d=TLS_DH_DSS_WITH_3DES_EDE_CBC_SHA;e=TLS_DH_RSA_EXPORT_WITH_DES40_CBC_SHA;f=TLS_DH_RSA_WITH_DES_CBC_SHA;10=TLS_DH_RSA_WITH_3DES_EDE_CBC_SHA;11=TLS_DHE_DSS_EXPORT_WITH_DES40_CBC_SHA;12=TLS_DHE_DSS_WITH_DES_CBC_SHA;13=TLS_DHE_DSS_WITH_3DES_EDE_CBC_SHA;14=TLS_DHE_RSA_EXPORT_WITH_DES40_CBC_SHA;15=TLS_DHE_RSA_WITH_DES_CBC_SHA;16=TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA;17=TLS_DH_anon_EXPORT_WITH_RC4_40_MD5;18=TLS_DH_anon_WITH_RC4_128_MD5;19=TLS_DH_anon_EXPORT_WITH_DES40_CBC_SHA;1a=TLS_DH_anon_WITH_DES_CBC_SHA;1b=TLS_DH_anon_WITH_3DES_EDE_CBC_SHA;1c=SSL_FORTEZZA_KEA_WITH_NULL_SHA;1d=SSL_FORTEZZA_KEA_WITH_FORTEZZA_CBC_SHA;1e=TLS_KRB5_WITH_DES_CBC_SHA;1f=TLS_KRB5_WITH_3DES_EDE_CBC_SHA;20=TLS_KRB5_WITH_RC4_128_SHA;21=TLS_KRB5_WITH_IDEA_CBC_SHA;22=TLS_KRB5_WITH_DES_CBC_MD5;23=TLS_KRB5_WITH_3DES_EDE_CBC_MD5;24=TLS_KRB5_WITH_RC4_128_MD5;25=TLS_KRB5_WITH_IDEA_CBC_MD5;26=TLS_KRB5_EXPORT_WITH_DES_CBC_40_SHA;27=TLS_KRB5_EXPORT_WITH_RC2_CBC_40_SHA;28=TLS_KRB5_EXPORT_WITH_RC4_40_SHA;29=TLS_KRB5_EXPORT_WITH_DES_CBC_40_MD5;2a=TLS_KRB5_EXPORT_WITH_RC2_CBC_40_MD5;2b=TLS_KRB5_EXPORT_WITH_RC4_40_MD5;2c=TLS_PSK_WITH_NULL_SHA;2d=TLS_DHE_PSK_WITH_NULL_SHA;2e=TLS_RSA_PSK_WITH_NULL_SHA;2f=TLS_RSA_WITH_AES_128_CBC_SHA;30=TLS_DH_DSS_WITH_AES_128_CBC_SHA;31=TLS_DH_RSA_WITH_AES_128_CBC_SHA;32=TLS_DHE_DSS_WITH_AES_128_CBC_SHA;33=TLS_DHE_RSA_WITH_AES_128_CBC_SHA;34=TLS_DH_anon_WITH_AES_128_CBC_SHA;35=TLS_RSA_WITH_AES_256_CBC_SHA;36=TLS_DH_DSS_WITH_AES_256_CBC_SHA;37=TLS_DH_RSA_WITH_AES_256_CBC_SHA;38=TLS_DHE_DSS_WITH_AES_256_CBC_SHA;39=TLS_DHE_RSA_WITH_AES_256_CBC_SHA;3a=TLS_DH_anon_WITH_AES_256_CBC_SHA;3b=TLS_RSA_WITH_NULL_SHA256;3c=TLS_RSA_WITH_AES_128_CBC_SHA256;3d=TLS_RSA_WITH_AES_256_CBC_SHA256;3e=TLS_DH_DSS_WITH_AES_128_CBC_SHA256;3f=TLS_DH_RSA_WITH_AES_128_CBC_SHA256;40=TLS_DHE_DSS_WITH_AES_128_CBC_SHA256;41=TLS_RSA_WITH_CAMELLIA_128_CBC_SHA;42=TLS_DH_DSS_WITH_CAMELLIA_128_CBC_SHA;43=TLS_DH_RSA_WITH_CAMELLIA_128_CBC_SHA;44=TLS_DHE_DSS_WITH_CAMELLIA_128_CBC_SHA;45=TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA;46=TLS_DH_anon_WITH_CAMELLIA_128_CBC_SHA;60=TLS_RSA_EXPORT1024_WITH_RC4_56_MD5;61=TLS_RSA_EXPORT1024_WITH_RC2_CBC_56_MD5;62=TLS_RSA_EXPORT1024_WITH_DES_CBC_SHA;63=TLS_DHE_DSS_EXPORT1024_WITH_DES_CBC_SHA;64=TLS_RSA_EXPORT1024_WITH_RC4_56_SHA;65=TLS_DHE_DSS_EXPORT1024_WITH_RC4_56_SHA;66=TLS_DHE_DSS_WITH_RC4_128_SHA;67=TLS_DHE_RSA_WITH_AES_128_CBC_SHA256;68=TLS_DH_DSS_WITH_AES_256_CBC_SHA256;69=TLS_DH_RSA_WITH_AES_256_CBC_SHA256;6a=TLS_DHE_DSS_WITH_AES_256_CBC_SHA256;6b=TLS_DHE_RSA_WITH_AES_256_CBC_SHA256;6c=TLS_DH_anon_WITH_AES_128_CBC_SHA256;6d=TLS_DH_anon_WITH_AES_256_CBC_SHA256;80=TLS_GOSTR341094_WITH_28147_CNT_IMIT;81=TLS_GOSTR341001_WITH_28147_CNT_IMIT;82=TLS_GOSTR341094_WITH_NULL_GOSTR3411;83=TLS_GOSTR341001_WITH_NULL_GOSTR3411;84=TLS_RSA_WITH_CAMELLIA_256_CBC_SHA;85=TLS_DH_DSS_WITH_CAMELLIA_256_CBC_SHA;86=TLS_DH_RSA_WITH_CAMELLIA_256_CBC_SHA;87=TLS_DHE_DSS_WITH_CAMELLIA_256_CBC_SHA;88=TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA;89=TLS_DH_anon_WITH_CAMELLIA_256_CBC_SHA;8a=TLS_PSK_WITH_RC4_128_SHA;8b=TLS_PSK_WITH_3DES_EDE_CBC_SHA;8c=TLS_PSK_WITH_AES_128_CBC_SHA;8d=TLS_PSK_WITH_AES_256_CBC_SHA;8e=TLS_DHE_PSK_WITH_RC4_128_SHA;8f=TLS_DHE_PSK_WITH_3DES_EDE_CBC_SHA;90=TLS_DHE_PSK_WITH_AES_128_CBC_SHA;91=TLS_DHE_PSK_WITH_AES_256_CBC_SHA;92=TLS_RSA_PSK_WITH_RC4_128_SHA;93=TLS_RSA_PSK_WITH_3DES_EDE_CBC_SHA;94=TLS_RSA_PSK_WITH_AES_128_CBC_SHA;95=TLS_RSA_PSK_WITH_AES_256_CBC_SHA;96=TLS_RSA_WITH_SEED_CBC_SHA;97=TLS_DH_DSS_WITH_SEED_CBC_SHA;98=TLS_DH_RSA_WITH_SEED_CBC_SHA;99=TLS_DHE_DSS_WITH_SEED_CBC_SHA;9a=TLS_DHE_RSA_WITH_SEED_CBC_SHA;9b=TLS_DH_anon_WITH_SEED_CBC_SHA;9c=TLS_RSA_WITH_AES_128_GCM_SHA256;9d=TLS_RSA_WITH_AES_256_GCM_SHA384;9e=TLS_DHE_RSA_WITH_AES_128_GCM_SHA256;9f=TLS_DHE_RSA_WITH_AES_256_GCM_SHA384;a0=TLS_DH_RSA_WITH_AES_128_GCM_SHA256;a1=TLS_DH_RSA_WITH_AES_256_GCM_SHA384;a2=TLS_DHE_DSS_WITH_AES_128_GCM_SHA256;a3=TLS_DHE_DSS_WITH_AES_256_GCM_SHA384;a4=TLS_DH_DSS_WITH_AES_128_GCM_SHA256;a5=TLS_DH_DSS_WITH_AES_256_GCM_SHA384;a6=TLS_DH_anon_WITH_AES_128_GCM_SHA256;a7=TLS_DH_anon_WITH_AES_256_GCM_SHA384;a8=TLS_PSK_WITH_AES_128_GCM_SHA256;a9=TLS_PSK_WITH_AES_256_GCM_SHA384;aa=TLS_DHE_PSK_WITH_AES_128_GCM_SHA256;ab=TLS_DHE_PSK_WITH_AES_256_GCM_SHA384;ac=TLS_RSA_PSK_WITH_AES_128_GCM_SHA256;ad=TLS_RSA_PSK_WITH_AES_256_GCM_SHA384;ae=TLS_PSK_WITH_AES_128_CBC_SHA256;af=TLS_PSK_WITH_AES_256_CBC_SHA384;b0=TLS_PSK_WITH_NULL_SHA256;b1=TLS_PSK_WITH_NULL_SHA384;b2=TLS_DHE_PSK_WITH_AES_128_CBC_SHA256;b3=TLS_DHE_PSK_WITH_AES_256_CBC_SHA384;b4=TLS_DHE_PSK_WITH_NULL_SHA256;b5=TLS_DHE_PSK_WITH_NULL_SHA384;b6=TLS_RSA_PSK_WITH_AES_128_CBC_SHA256;b7=TLS_RSA_PSK_WITH_AES_256_CBC_SHA384;b8=TLS_RSA_PSK_WITH_NULL_SHA256;b9=TLS_RSA_PSK_WITH_NULL_SHA384;ba=TLS_RSA_WITH_CAMELLIA_128_CBC_SHA256;bb=TLS_DH_DSS_WITH_CAMELLIA_128_CBC_SHA256;bc=TLS_DH_RSA_WITH_CAMELLIA_128_CBC_SHA256;bd=TLS_DHE_DSS_WITH_CAMELLIA_128_CBC_SHA256;be=TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA256;bf=TLS_DH_anon_WITH_CAMELLIA_128_CBC_SHA256;c0=TLS_RSA_WITH_CAMELLIA_256_CBC_SHA256;c1=TLS_DH_DSS_WITH_CAMELLIA_256_CBC_SHA256;c2=TLS_DH_RSA_WITH_CAMELLIA_256_CBC_SHA256;c3=TLS_DHE_DSS_WITH_CAMELLIA_256_CBC_SHA256;c4=TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA256;c5=TLS_DH_anon_WITH_CAMELLIA_256_CBC_SHA256;c6=TLS_SM4_GCM_SM3;c7=TLS_SM4_CCM_SM3;ff=TLS_EMPTY_RENEGOTIATION_INFO_SCSV;a0a=Reserved (GREASE);1301=TLS_AES_128_GCM_SHA256;1302=TLS_AES_256_GCM_SHA384;1303=TLS_CHACHA20_POLY1305_SHA256;1304=TLS_AES_128_CCM_SHA256;1305=TLS_AES_128_CCM_8_SHA256;1a1a=Reserved (GREASE);2a2a=Reserved (GREASE);3a3a=Reserved (GREASE);4a4a=Reserved (GREASE);5600=TLS_FALLBACK_SCSV;5a5a=Reserved (GREASE);6a6a=Reserved (GREASE);7a7a=Reserved (GREASE);8a8a=Reserved (GREASE);9a9a=Reserved (GREASE);aaaa=Reserved (GREASE);baba=Reserved (GREASE);c001=TLS_ECDH_ECDSA_WITH_NULL_SHA;c002=TLS_ECDH_ECDSA_WITH_RC4_128_SHA;c003=TLS_ECDH_ECDSA_WITH_3DES_EDE_CBC_SHA;c004=TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA;c005=TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA;c006=TLS_ECDHE_ECDSA_WITH_NULL_SHA;c007=TLS_ECDHE_ECDSA_WITH_RC4_128_SHA;c008=TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA;c009=TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA;c00a=TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA;c00b=TLS_ECDH_RSA_WITH_NULL_SHA;c00c=TLS_ECDH_RSA_WITH_RC4_128_SHA;c00d=TLS_ECDH_RSA_WITH_3DES_EDE_CBC_SHA;c00e=TLS_ECDH_RSA_WITH_AES_128_CBC_SHA;c00f=TLS_ECDH_RSA_WITH_AES_256_CBC_SHA;c010=TLS_ECDHE_RSA_WITH_NULL_SHA;c011=TLS_ECDHE_RSA_WITH_RC4_128_SHA;c012=TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA;c013=TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA;c014=TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA;c015=TLS_ECDH_anon_WITH_NULL_SHA;c016=TLS_ECDH_anon_WITH_RC4_128_SHA;c017=TLS_ECDH_anon_WITH_3DES_EDE_CBC_SHA;c018=TLS_ECDH_anon_WITH_AES_128_CBC_SHA;c019=TLS_ECDH_anon_WITH_AES_256_CBC_SHA;c01a=TLS_SRP_SHA_WITH_3DES_EDE_CBC_SHA;c01b=TLS_SRP_SHA_RSA_WITH_3DES_EDE_CBC_SHA;c01c=TLS_SRP_SHA_DSS_WITH_3DES_EDE_CBC_SHA;c01d=TLS_SRP_SHA_WITH_AES_128_CBC_SHA;c01e=TLS_SRP_SHA_RSA_WITH_AES_128_CBC_SHA;c01f=TLS_SRP_SHA_DSS_WITH_AES_128_CBC_SHA;c020=TLS_SRP_SHA_WITH_AES_256_CBC_SHA;c021=TLS_SRP_SHA_RSA_WITH_AES_256_CBC_SHA;c022=TLS_SRP_SHA_DSS_WITH_AES_256_CBC_SHA;c023=TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256;c024=TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384;c025=TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA256;c026=TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA384;c027=TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256;c028=TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384;c029=TLS_ECDH_RSA_WITH_AES_128_CBC_SHA256;c02a=TLS_ECDH_RSA_WITH_AES_256_CBC_SHA384;c02b=TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256;c02c=TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384;c02d=TLS_ECDH_ECDSA_WITH_AES_128_GCM_SHA256;c02e=TLS_ECDH_ECDSA_WITH_AES_256_GCM_SHA384;c02f=TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256;c030=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384;c031=TLS_ECDH_RSA_WITH_AES_128_GCM_SHA256;c032=TLS_ECDH_RSA_WITH_AES_256_GCM_SHA384;c033=TLS_ECDHE_PSK_WITH_RC4_128_SHA;c034=TLS_ECDHE_PSK_WITH_3DES_EDE_CBC_SHA;c035=TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA;c036=TLS_ECDHE_PSK_WITH_AES_256_CBC_SHA;c037=TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256;c038=TLS_ECDHE_PSK_WITH_AES_256_CBC_SHA384;c039=TLS_ECDHE_PSK_WITH_NULL_SHA;c03a=TLS_ECDHE_PSK_WITH_NULL_SHA256;c03b=TLS_ECDHE_PSK_WITH_NULL_SHA384;c03c=TLS_RSA_WITH_ARIA_128_CBC_SHA256;c03d=TLS_RSA_WITH_ARIA_256_CBC_SHA384;c03e=TLS_DH_DSS_WITH_ARIA_128_CBC_SHA256;c03f=TLS_DH_DSS_WITH_ARIA_256_CBC_SHA384;c040=TLS_DH_RSA_WITH_ARIA_128_CBC_SHA256;c041=TLS_DH_RSA_WITH_ARIA_256_CBC_SHA384;c042=TLS_DHE_DSS_WITH_ARIA_128_CBC_SHA256;c043=TLS_DHE_DSS_WITH_ARIA_256_CBC_SHA384;c044=TLS_DHE_RSA_WITH_ARIA_128_CBC_SHA256;c045=TLS_DHE_RSA_WITH_ARIA_256_CBC_SHA384;c046=TLS_DH_anon_WITH_ARIA_128_CBC_SHA256;c047=TLS_DH_anon_WITH_ARIA_256_CBC_SHA384;c048=TLS_ECDHE_ECDSA_WITH_ARIA_128_CBC_SHA256;c049=TLS_ECDHE_ECDSA_WITH_ARIA_256_CBC_SHA384;c04a=TLS_ECDH_ECDSA_WITH_ARIA_128_CBC_SHA256;c04b=TLS_ECDH_ECDSA_WITH_ARIA_256_CBC_SHA384;c04c=TLS_ECDHE_RSA_WITH_ARIA_128_CBC_SHA256;c04d=TLS_ECDHE_RSA_WITH_ARIA_256_CBC_SHA384;c04e=TLS_ECDH_RSA_WITH_ARIA_128_CBC_SHA256;c04f=TLS_ECDH_RSA_WITH_ARIA_256_CBC_SHA384;c050=TLS_RSA_WITH_ARIA_128_GCM_SHA256;c051=TLS_RSA_WITH_ARIA_256_GCM_SHA384;c052=TLS_DHE_RSA_WITH_ARIA_128_GCM_SHA256;c053=TLS_DHE_RSA_WITH_ARIA_256_GCM_SHA384;c054=TLS_DH_RSA_WITH_ARIA_128_GCM_SHA256;c055=TLS_DH_RSA_WITH_ARIA_256_GCM_SHA384;c056=TLS_DHE_DSS_WITH_ARIA_128_GCM_SHA256;c057=TLS_DHE_DSS_WITH_ARIA_256_GCM_SHA384;c058=TLS_DH_DSS_WITH_ARIA_128_GCM_SHA256;c059=TLS_DH_DSS_WITH_ARIA_256_GCM_SHA384;c05a=TLS_DH_anon_WITH_ARIA_128_GCM_SHA256;c05b=TLS_DH_anon_WITH_ARIA_256_GCM_SHA384;c05c=TLS_ECDHE_ECDSA_WITH_ARIA_128_GCM_SHA256;c05d=TLS_ECDHE_ECDSA_WITH_ARIA_256_GCM_SHA384;c05e=TLS_ECDH_ECDSA_WITH_ARIA_128_GCM_SHA256;c05f=TLS_ECDH_ECDSA_WITH_ARIA_256_GCM_SHA384;c060=TLS_ECDHE_RSA_WITH_ARIA_128_GCM_SHA256;c061=TLS_ECDHE_RSA_WITH_ARIA_256_GCM_SHA384;c062=TLS_ECDH_RSA_WITH_ARIA_128_GCM_SHA256;c063=TLS_ECDH_RSA_WITH_ARIA_256_GCM_SHA384;c064=TLS_PSK_WITH_ARIA_128_CBC_SHA256;c065=TLS_PSK_WITH_ARIA_256_CBC_SHA384;c066=TLS_DHE_PSK_WITH_ARIA_128_CBC_SHA256;c067=TLS_DHE_PSK_WITH_ARIA_256_CBC_SHA384;c068=TLS_RSA_PSK_WITH_ARIA_128_CBC_SHA256;c069=TLS_RSA_PSK_WITH_ARIA_256_CBC_SHA384;c06a=TLS_PSK_WITH_ARIA_128_GCM_SHA256;c06b=TLS_PSK_WITH_ARIA_256_GCM_SHA384;c06c=TLS_DHE_PSK_WITH_ARIA_128_GCM_SHA256;c06d=TLS_DHE_PSK_WITH_ARIA_256_GCM_SHA384;c06e=TLS_RSA_PSK_WITH_ARIA_128_GCM_SHA256;c06f=TLS_RSA_PSK_WITH_ARIA_256_GCM_SHA384;c070=TLS_ECDHE_PSK_WITH_ARIA_128_CBC_SHA256;c071=TLS_ECDHE_PSK_WITH_ARIA_256_CBC_SHA384;c072=TLS_ECDHE_ECDSA_WITH_CAMELLIA_128_CBC_SHA256;c073=TLS_ECDHE_ECDSA_WITH_CAMELLIA_256_CBC_SHA384;c074=TLS_ECDH_ECDSA_WITH_CAMELLIA_128_CBC_SHA256;c075=TLS_ECDH_ECDSA_WITH_CAMELLIA_256_CBC_SHA384;c076=TLS_ECDHE_RSA_WITH_CAMELLIA_128_CBC_SHA256;c077=TLS_ECDHE_RSA_WITH_CAMELLIA_256_CBC_SHA384;c078=TLS_ECDH_RSA_WITH_CAMELLIA_128_CBC_SHA256;c079=TLS_ECDH_RSA_WITH_CAMELLIA_256_CBC_SHA384;c07a=TLS_RSA_WITH_CAMELLIA_128_GCM_SHA256;c07b=TLS_RSA_WITH_CAMELLIA_256_GCM_SHA384;c07c=TLS_DHE_RSA_WITH_CAMELLIA_128_GCM_SHA256;c07d=TLS_DHE_RSA_WITH_CAMELLIA_256_GCM_SHA384;c07e=TLS_DH_RSA_WITH_CAMELLIA_128_GCM_SHA256;c07f=TLS_DH_RSA_WITH_CAMELLIA_256_GCM_SHA384;c080=TLS_DHE_DSS_WITH_CAMELLIA_128_GCM_SHA256;c081=TLS_DHE_DSS_WITH_CAMELLIA_256_GCM_SHA384;c082=TLS_DH_DSS_WITH_CAMELLIA_128_GCM_SHA256;c083=TLS_DH_DSS_WITH_CAMELLIA_256_GCM_SHA384;c084=TLS_DH_anon_WITH_CAMELLIA_128_GCM_SHA256;c085=TLS_DH_anon_WITH_CAMELLIA_256_GCM_SHA384;c086=TLS_ECDHE_ECDSA_WITH_CAMELLIA_128_GCM_SHA256;c087=TLS_ECDHE_ECDSA_WITH_CAMELLIA_256_GCM_SHA384;c088=TLS_ECDH_ECDSA_WITH_CAMELLIA_128_GCM_SHA256;c089=TLS_ECDH_ECDSA_WITH_CAMELLIA_256_GCM_SHA384;c08a=TLS_ECDHE_RSA_WITH_CAMELLIA_128_GCM_SHA256;c08b=TLS_ECDHE_RSA_WITH_CAMELLIA_256_GCM_SHA384;c08c=TLS_ECDH_RSA_WITH_CAMELLIA_128_GCM_SHA256;c08d=TLS_ECDH_RSA_WITH_CAMELLIA_256_GCM_SHA384;c08e=TLS_PSK_WITH_CAMELLIA_128_GCM_SHA256;c08f=TLS_PSK_WITH_CAMELLIA_256_GCM_SHA384;c090=TLS_DHE_PSK_WITH_CAMELLIA_128_GCM_SHA256;c091=TLS_DHE_PSK_WITH_CAMELLIA_256_GCM_SHA384;c092=TLS_RSA_PSK_WITH_CAMELLIA_128_GCM_SHA256;c093=TLS_RSA_PSK_WITH_CAMELLIA_256_GCM_SHA384;c094=TLS_PSK_WITH_CAMELLIA_128_CBC_SHA256;c095=TLS_PSK_WITH_CAMELLIA_256_CBC_SHA384;c096=TLS_DHE_PSK_WITH_CAMELLIA_128_CBC_SHA256;c097=TLS_DHE_PSK_WITH_CAMELLIA_256_CBC_SHA384;c098=TLS_RSA_PSK_WITH_CAMELLIA_128_CBC_SHA256;c099=TLS_RSA_PSK_WITH_CAMELLIA_256_CBC_SHA384;c09a=TLS_ECDHE_PSK_WITH_CAMELLIA_128_CBC_SHA256;c09b=TLS_ECDHE_PSK_WITH_CAMELLIA_256_CBC_SHA384;c09c=TLS_RSA_WITH_AES_128_CCM;c09d=TLS_RSA_WITH_AES_256_CCM;c09e=TLS_DHE_RSA_WITH_AES_128_CCM;c09f=TLS_DHE_RSA_WITH_AES_256_CCM;c0a0=TLS_RSA_WITH_AES_128_CCM_8;c0a1=TLS_RSA_WITH_AES_256_CCM_8;c0a2=TLS_DHE_RSA_WITH_AES_128_CCM_8;c0a3=TLS_DHE_RSA_WITH_AES_256_CCM_8;c0a4=TLS_PSK_WITH_AES_128_CCM;c0a5=TLS_PSK_WITH_AES_256_CCM;c0a6=TLS_DHE_PSK_WITH_AES_128_CCM;c0a7=TLS_DHE_PSK_WITH_AES_256_CCM;c0a8=TLS_PSK_WITH_AES_128_CCM_8;c0a9=TLS_PSK_WITH_AES_256_CCM_8;c0aa=TLS_PSK_DHE_WITH_AES_128_CCM_8;c0ab=TLS_PSK_DHE_WITH_AES_256_CCM_8;c0ac=TLS_ECDHE_ECDSA_WITH_AES_128_CCM;c0ad=TLS_ECDHE_ECDSA_WITH_AES_256_CCM;c0ae=TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8;c0af=TLS_ECDHE_ECDSA_WITH_AES_256_CCM_8;c0b0=TLS_ECCPWD_WITH_AES_128_GCM_SHA256;c0b1=TLS_ECCPWD_WITH_AES_256_GCM_SHA384;c0b2=TLS_ECCPWD_WITH_AES_128_CCM_SHA256;c0b3=TLS_ECCPWD_WITH_AES_256_CCM_SHA384;c0b4=TLS_SHA256_SHA256;c0b5=TLS_SHA384_SHA384;c0ff=TLS_ECJPAKE_WITH_AES_128_CCM_8;c100=TLS_GOSTR341112_256_WITH_KUZNYECHIK_CTR_OMAC;c101=TLS_GOSTR341112_256_WITH_MAGMA_CTR_OMAC;c102=TLS_GOSTR341112_256_WITH_28147_CNT_IMIT;c103=TLS_GOSTR341112_256_WITH_KUZNYECHIK_MGM_L;c104=TLS_GOSTR341112_256_WITH_MAGMA_MGM_L;c105=TLS_GOSTR341112_256_WITH_KUZNYECHIK_MGM_S;c106=TLS_GOSTR341112_256_WITH_MAGMA_MGM_S;caca=Reserved (GREASE);cc13=TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256;cc14=TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256;cc15=TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256;cca8=TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256;cca9=TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256;ccaa=TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256;ccab=TLS_PSK_WITH_CHACHA20_POLY1305_SHA256;ccac=TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256;ccad=TLS_DHE_PSK_WITH_CHACHA20_POLY1305_SHA256;ccae=TLS_RSA_PSK_WITH_CHACHA20_POLY1305_SHA256;d001=TLS_ECDHE_PSK_WITH_AES_128_GCM_SHA256;d002=TLS_ECDHE_PSK_WITH_AES_256_GCM_SHA384;d003=TLS_ECDHE_PSK_WITH_AES_128_CCM_8_SHA256;d005=TLS_ECDHE_PSK_WITH_AES_128_CCM_SHA256;dada=Reserved (GREASE);e001=ECDHE_SM1_SM3;e003=ECC_SM1_SM3;e005=IBSDH_SM1_SM3;e007=IBC_SM1_SM3;e009=RSA_SM1_SM3;e00a=RSA_SM1_SHA1;e011=ECDHE_SM4_CBC_SM3;e013=ECC_SM4_CBC_SM3;e015=IBSDH_SM4_CBC_SM3;e017=IBC_SM4_CBC_SM3;e019=RSA_SM4_CBC_SM3;e01a=RSA_SM4_CBC_SHA1;e01c=RSA_SM4_CBC_SHA256;e051=ECDHE_SM4_GCM_SM3;e053=ECC_SM4_GCM_SM3;e055=IBSDH_SM4_GCM_SM3;e057=IBC_SM4_GCM_SM3;e059=RSA_SM4_GCM_SM3;e05a=RSA_SM4_GCM_SHA256;e410=TLS_RSA_WITH_ESTREAM_SALSA20_SHA1;e411=TLS_RSA_WITH_SALSA20_SHA1;e412=TLS_ECDHE_RSA_WITH_ESTREAM_SALSA20_SHA1;e413=TLS_ECDHE_RSA_WITH_SALSA20_SHA1;e414=TLS_ECDHE_ECDSA_WITH_ESTREAM_SALSA20_SHA1;e415=TLS_ECDHE_ECDSA_WITH_SALSA20_SHA1;e416=TLS_PSK_WITH_ESTREAM_SALSA20_SHA1;e417=TLS_PSK_WITH_SALSA20_SHA1;e418=TLS_ECDHE_PSK_WITH_ESTREAM_SALSA20_SHA1;e419=TLS_ECDHE_PSK_WITH_SALSA20_SHA1;e41a=TLS_RSA_PSK_WITH_ESTREAM_SALSA20_SHA1;e41b=TLS_RSA_PSK_WITH_SALSA20_SHA1;e41c=TLS_DHE_PSK_WITH_ESTREAM_SALSA20_SHA1;e41d=TLS_DHE_PSK_WITH_SALSA20_SHA1;e41e=TLS_DHE_RSA_WITH_ESTREAM_SALSA20_SHA1;e41f=TLS_DHE_RSA_WITH_SALSA20_SHA1;eaea=Reserved (GREASE);fafa=Reserved (GREASE);fefe=SSL_RSA_FIPS_WITH_DES_CBC_SHA;feff=SSL_RSA_FIPS_WITH_3DES_EDE_CBC_SHA;ffe0=SSL_RSA_FIPS_WITH_3DES_EDE_CBC_SHA;ffe1=SSL_RSA_FIPS_WITH_DES_CBC_SHA");
/** tls.handshake.extensions_supported_group */
const GROUPS = table("1=sect163k1;2=sect163r1;3=sect163r2;4=sect193r1;5=sect193r2;6=sect233k1;7=sect233r1;8=sect239k1;9=sect283k1;a=sect283r1;b=sect409k1;c=sect409r1;d=sect571k1;e=sect571r1;f=secp160k1;10=secp160r1;11=secp160r2;12=secp192k1;13=secp192r1;14=secp224k1;15=secp224r1;16=secp256k1;17=secp256r1;18=secp384r1;19=secp521r1;1a=brainpoolP256r1;1b=brainpoolP384r1;1c=brainpoolP512r1;1d=x25519;1e=x448;29=curveSM2;100=ffdhe2048;101=ffdhe3072;102=ffdhe4096;103=ffdhe6144;104=ffdhe8192;200=frodo640aes;2f00=p256_frodo640aes;201=frodo640shake;2f01=p256_frodo640shake;202=frodo976aes;2f02=p384_frodo976aes;203=frodo976shake;2f03=p384_frodo976shake;204=frodo1344aes;2f04=p521_frodo1344aes;205=frodo1344shake;2f05=p521_frodo1344shake;23a=kyber512;2f3a=p256_kyber512;23c=kyber768;2f3c=p384_kyber768;23d=kyber1024;2f3d=p521_kyber1024;214=ntru_hps2048509;2f14=p256_ntru_hps2048509;215=ntru_hps2048677;2f15=p384_ntru_hps2048677;216=ntru_hps4096821;2f16=p521_ntru_hps4096821;245=ntru_hps40961229;2f45=p521_ntru_hps40961229;217=ntru_hrss701;2f17=p384_ntru_hrss701;246=ntru_hrss1373;2f46=p521_ntru_hrss1373;218=lightsaber;2f18=p256_lightsaber;219=saber;2f19=p384_saber;21a=firesaber;2f1a=p521_firesaber;21b=sidhp434;2f1b=p256_sidhp434;21c=sidhp503;2f1c=p256_sidhp503;21d=sidhp610;2f1d=p384_sidhp610;21e=sidhp751;2f1e=p521_sidhp751;21f=sikep434;2f1f=p256_sikep434;220=sikep503;2f20=p256_sikep503;221=sikep610;2f21=p384_sikep610;222=sikep751;2f22=p521_sikep751;238=bikel1;2f38=p256_bikel1;23b=bikel3;2f3b=p384_bikel3;23e=kyber90s512;2f3e=p256_kyber90s512;23f=kyber90s768;2f3f=p384_kyber90s768;240=kyber90s1024;2f40=p521_kyber90s1024;22c=hqc128;2f2c=p256_hqc128;22d=hqc192;2f2d=p384_hqc192;22e=hqc256;2f2e=p521_hqc256;22f=ntrulpr653;2f2f=p256_ntrulpr653;230=ntrulpr761;2f43=p256_ntrulpr761;231=ntrulpr857;2f31=p384_ntrulpr857;241=ntrulpr1277;2f41=p521_ntrulpr1277;232=sntrup653;2f32=p256_sntrup653;233=sntrup761;2f44=p256_sntrup761;234=sntrup857;2f34=p384_sntrup857;242=sntrup1277;2f42=p521_sntrup1277;a0a=Reserved (GREASE);1a1a=Reserved (GREASE);2a2a=Reserved (GREASE);3a3a=Reserved (GREASE);4a4a=Reserved (GREASE);5a5a=Reserved (GREASE);6a6a=Reserved (GREASE);7a7a=Reserved (GREASE);8a8a=Reserved (GREASE);9a9a=Reserved (GREASE);aaaa=Reserved (GREASE);baba=Reserved (GREASE);caca=Reserved (GREASE);dada=Reserved (GREASE);eaea=Reserved (GREASE);fafa=Reserved (GREASE);ff01=arbitrary_explicit_prime_curves;ff02=arbitrary_explicit_char2_curves");
/** tls.handshake.extension.type */
const EXT_TYPES = table("0=server_name;1=max_fragment_length;2=client_certificate_url;3=trusted_ca_keys;4=truncated_hmac;5=status_request;6=user_mapping;7=client_authz;8=server_authz;9=cert_type;a=supported_groups;b=ec_point_formats;c=srp;d=signature_algorithms;e=use_srtp;f=heartbeat;10=application_layer_protocol_negotiation;11=status_request_v2;12=signed_certificate_timestamp;13=client_certificate_type;14=server_certificate_type;15=padding;16=encrypt_then_mac;17=extended_master_secret;18=token_binding;19=cached_info;1b=compress_certificate;1c=record_size_limit;22=delegated_credentials;23=session_ticket;28=Reserved (key_share);29=pre_shared_key;2a=early_data;2b=supported_versions;2c=cookie;2d=psk_key_exchange_modes;2e=Reserved (ticket_early_data_info);2f=certificate_authorities;30=oid_filters;31=post_handshake_auth;32=signature_algorithms_cert;33=key_share;34=transparency_info;35=connection_id (deprecated);36=connection_id;37=external_id_hash;38=external_session_id;39=quic_transport_parameters;3a=ticket_request;3b=dnssec_chain;a0a=Reserved (GREASE);1a1a=Reserved (GREASE);2a2a=Reserved (GREASE);3374=next_protocol_negotiation;3a3a=Reserved (GREASE);4469=application_settings;4a4a=Reserved (GREASE);5a5a=Reserved (GREASE);6a6a=Reserved (GREASE);754f=channel_id_old;7550=channel_id;ff01=renegotiation_info;7a7a=Reserved (GREASE);8a8a=Reserved (GREASE);9a9a=Reserved (GREASE);aaaa=Reserved (GREASE);baba=Reserved (GREASE);caca=Reserved (GREASE);dada=Reserved (GREASE);eaea=Reserved (GREASE);fafa=Reserved (GREASE);ffa5=quic_transport_parameters (drafts version);ffce=encrypted_server_name");
/** tls.handshake.sig_hash_alg */
const SIG_ALGS = table("201=rsa_pkcs1_sha1;203=ecdsa_sha1;401=rsa_pkcs1_sha256;403=ecdsa_secp256r1_sha256;501=rsa_pkcs1_sha384;503=ecdsa_secp384r1_sha384;601=rsa_pkcs1_sha512;603=ecdsa_secp521r1_sha512;708=sm2sig_sm3;804=rsa_pss_rsae_sha256;805=rsa_pss_rsae_sha384;806=rsa_pss_rsae_sha512;807=ed25519;808=ed448;809=rsa_pss_pss_sha256;80a=rsa_pss_pss_sha384;80b=rsa_pss_pss_sha512;fea0=dilithium2;fea1=p256_dilithium2;fea2=rsa3072_dilithium2;fea3=dilithium3;fea4=p384_dilithium3;fea5=dilithium5;fea6=p521_dilithium5;fea7=dilithium2_aes;fea8=p256_dilithium2_aes;fea9=rsa3072_dilithium2_aes;feaa=dilithium3_aes;feab=p384_dilithium3_aes;feac=dilithium5_aes;fead=p521_dilithium5_aes;fe0b=falcon512;fe0c=p256_falcon512;fe0d=rsa3072_falcon512;fe0e=falcon1024;fe0f=p521_falcon1024;fe96=picnicl1full;fe97=p256_picnicl1full;fe98=rsa3072_picnicl1full;fe1b=picnic3l1;fe1c=p256_picnic3l1;fe1d=rsa3072_picnic3l1;fe27=rainbowIclassic;fe28=p256_rainbowIclassic;fe29=rsa3072_rainbowIclassic;fe3c=rainbowVclassic;fe3d=p521_rainbowVclassic;fe42=sphincsharaka128frobust;fe43=p256_sphincsharaka128frobust;fe44=rsa3072_sphincsharaka128frobust;fe5e=sphincssha256128frobust;fe5f=p256_sphincssha256128frobust;fe60=rsa3072_sphincssha256128frobust;fe7a=sphincsshake256128frobust;fe7b=p256_sphincsshake256128frobust;fe7c=rsa3072_sphincsshake256128frobust");
/** tls.record.version */
const VERSIONS = table("2=SSL 2.0;300=SSL 3.0;301=TLS 1.0;101=GMTLS;302=TLS 1.1;303=TLS 1.2;304=TLS 1.3;7f0e=TLS 1.3 (draft 14);7f0f=TLS 1.3 (draft 15);7f10=TLS 1.3 (draft 16);7f11=TLS 1.3 (draft 17);7f12=TLS 1.3 (draft 18);7f13=TLS 1.3 (draft 19);7f14=TLS 1.3 (draft 20);7f15=TLS 1.3 (draft 21);7f16=TLS 1.3 (draft 22);7f17=TLS 1.3 (draft 23);7f18=TLS 1.3 (draft 24);7f19=TLS 1.3 (draft 25);7f1a=TLS 1.3 (draft 26);7f1b=TLS 1.3 (draft 27);7f1c=TLS 1.3 (draft 28);fb17=TLS 1.3 (Facebook draft 23);fb1a=TLS 1.3 (Facebook draft 26);100=DTLS 1.0 (OpenSSL pre 0.9.8f);feff=DTLS 1.0;fefd=DTLS 1.2;a0a=Reserved (GREASE);1a1a=Reserved (GREASE);2a2a=Reserved (GREASE);3a3a=Reserved (GREASE);4a4a=Reserved (GREASE);5a5a=Reserved (GREASE);6a6a=Reserved (GREASE);7a7a=Reserved (GREASE);8a8a=Reserved (GREASE);9a9a=Reserved (GREASE);aaaa=Reserved (GREASE);baba=Reserved (GREASE);caca=Reserved (GREASE);dada=Reserved (GREASE);eaea=Reserved (GREASE);fafa=Reserved (GREASE)");
/** tls.alert_message.desc */
const ALERT_DESC = table("0=Close Notify;1=End of Early Data;a=Unexpected Message;14=Bad Record MAC;15=Decryption Failed;16=Record Overflow;1e=Decompression Failure;28=Handshake Failure;29=No Certificate;2a=Bad Certificate;2b=Unsupported Certificate;2c=Certificate Revoked;2d=Certificate Expired;2e=Certificate Unknown;2f=Illegal Parameter;30=Unknown CA;31=Access Denied;32=Decode Error;33=Decrypt Error;3c=Export Restriction;46=Protocol Version;47=Insufficient Security;50=Internal Error;56=Inappropriate Fallback;5a=User Canceled;64=No Renegotiation;6d=Missing Extension;6e=Unsupported Extension;6f=Certificate Unobtainable;70=Unrecognized Name;71=Bad Certificate Status Response;72=Bad Certificate Hash Value;73=Unknown PSK Identity;74=Certificate Required;78=No application Protocol;79=ECH Required");
/** tls.handshake.sig_hash_hash */
const SIG_HASH = table("0=None;1=MD5;2=SHA1;3=SHA224;4=SHA256;5=SHA384;6=SHA512;7=SM3");
/** tls.handshake.sig_hash_sig */
const SIG_SIG = table("0=Anonymous;1=RSA;2=DSA;3=ECDSA;4=SM2");
/** tls.handshake.extensions_ec_point_format */
const EC_POINT_FORMATS = table("0=uncompressed;1=ansiX962_compressed_prime;2=ansiX962_compressed_char2");
/** tls.extension.psk_ke_mode */
const PSK_KE_MODES = table("0=PSK-only key establishment (psk_ke);1=PSK with (EC)DHE key establishment (psk_dhe_ke)");
/** tls.handshake.server_curve_type */
const CURVE_TYPES = table("1=explicit_prime;2=explicit_char2;3=named_curve");
/** tls.handshake.extensions_status_request_type */
const STATUS_TYPES = table("1=OCSP;2=OCSP Multi");
/** tls.handshake.cert_type */
const CERT_TYPES = table("0=N/A;1=X.509 Certificate;2=DSS Sign;3=RSA Fixed DH;4=DSS Fixed DH;15=GOST R 34.10-94;16=GOST R 34.10-2001;40=ECDSA Sign;41=RSA Fixed ECDH;42=ECDSA Fixed ECDH;50=IBC Params");
/** tls.heartbeat_message.type */
const HEARTBEAT_TYPES = table("1=Request;2=Response");
/** tls.handshake.key_update.request_update */
const KEY_UPDATE = table("0=update_not_requested;1=update_requested");
/** tls.handshake.max_fragment_length */
const MAX_FRAG = table("1=512;2=1024;3=2048;4=4096");
/** tls.compress_certificate.algorithm */
const CERT_COMPRESSION = table("1=zlib;2=brotli;3=zstd");
/** tls.handshake.extension.heartbeat.mode */
const HEARTBEAT_MODES = table("1=Peer allowed to send requests;2=Peer not allowed to send requests");

const SSLV2 = 0x0002;
const SSLV3 = 0x0300;
const TLS10 = 0x0301;
const TLS11 = 0x0302;
const TLS12 = 0x0303;
const TLS13 = 0x0304;
const TLCP = 0x0101;

/** ssl_version_short_names: the Protocol column. */
const SHORT_NAMES = new Map<number, string>([
  [SSLV2, "SSLv2"], [SSLV3, "SSLv3"], [TLS10, "TLSv1"], [TLS11, "TLSv1.1"], [TLS12, "TLSv1.2"], [TLS13, "TLSv1.3"],
  [0xfeff, "DTLSv1.0"], [0xfefd, "DTLSv1.2"], [0x0100, "DTLS 1.0 (OpenSSL pre 0.9.8f)"],
]);
const CONTENT_TYPES = new Map<number, string>([[20, "Change Cipher Spec"], [21, "Alert"], [22, "Handshake"], [23, "Application Data"], [24, "Heartbeat"], [25, "Connection ID"]]);
const HS_TYPES = new Map<number, string>([
  [0, "Hello Request"], [1, "Client Hello"], [2, "Server Hello"], [3, "Hello Verify Request"], [4, "New Session Ticket"],
  [5, "End of Early Data"], [6, "Hello Retry Request"], [8, "Encrypted Extensions"], [11, "Certificate"],
  [12, "Server Key Exchange"], [13, "Certificate Request"], [14, "Server Hello Done"], [15, "Certificate Verify"],
  [16, "Client Key Exchange"], [20, "Finished"], [21, "Client Certificate URL"], [22, "Certificate Status"],
  [23, "Supplemental Data"], [24, "Key Update"], [25, "Compressed Certificate"], [67, "Encrypted Extensions"],
]);
const SSL2_MSG_TYPES = new Map<number, string>([
  [0, "Error"], [1, "Client Hello"], [2, "Client Master Key"], [3, "Client Finished"], [4, "Server Hello"],
  [5, "Server Verify"], [6, "Server Finished"], [7, "Request Certificate"], [8, "Client Certificate"],
]);
const ALERT_LEVELS = new Map<number, string>([[1, "Warning"], [2, "Fatal"]]);
const COMP_METHODS = new Map<number, string>([[0, "null"], [1, "DEFLATE"], [64, "LZS"]]);
const SNI_TYPES = new Map<number, string>([[0, "host_name"]]);

/** Long names of the application protocols tls.app_data_proto can show. */
const APP_NAMES: Record<string, string> = {
  http: "Hypertext Transfer Protocol",
  http2: "HyperText Transfer Protocol 2",
  spdy: "SPDY",
  ftp: "File Transfer Protocol (FTP)",
  dns: "Domain Name System",
  imap: "Internet Message Access Protocol",
  pop: "Post Office Protocol",
  smtp: "Simple Mail Transfer Protocol",
  ldap: "Lightweight Directory Access Protocol",
  sip: "Session Initiation Protocol",
  mqtt: "MQ Telemetry Transport Protocol",
  mysql: "MySQL Protocol",
  pgsql: "PostgreSQL",
  xmpp: "XMPP Protocol",
};
/** Wireshark's "tls.port" associations (ssl_dissector_add) for the protocols above. */
const PORT_APPS = new Map<number, string>([
  [443, "http"], [853, "dns"], [993, "imap"], [995, "pop"], [465, "smtp"], [636, "ldap"], [3269, "ldap"], [5061, "sip"], [8883, "mqtt"],
]);
/**
 * Protocols that switch a TCP connection to TLS themselves (STARTTLS, MySQL's
 * and PostgreSQL's SSL requests) and then name themselves as the session's
 * application protocol (ssl_starttls_ack). pcapscope has no dissector for most
 * of them, so when the TLS heuristic picks up a connection on one of their
 * ports, their name stands in for the hand-off they would have made.
 */
const STARTTLS_PORT_APPS = new Map<number, string>([
  [21, "ftp"], [25, "smtp"], [110, "pop"], [143, "imap"], [389, "ldap"], [587, "smtp"], [3306, "mysql"], [5222, "xmpp"], [5432, "pgsql"],
]);
/** ALPN protocol IDs (RFC 7301) Wireshark maps to a dissector, longest prefix first. */
const ALPN_APPS: [string, string][] = [["http/1.1", "http"], ["h2c", "http2"], ["h2", "http2"], ["spdy/", "spdy"]];

/** TCP ports Wireshark 4.0 hands to TLS (tshark -G decodes, tcp.port → tls). */
export const TLS_PORTS = [324, 443, 465, 636, 802, 853, 993, 995, 1300, 2221, 2443, 3249, 3250, 3251, 3252, 3496, 5061, 5671, 5684, 5868, 8883, 11207, 19999, 27017];

// ---------------------------------------------------------------------------
// Fields
// ---------------------------------------------------------------------------

const u8 = "uint8" as const;
const u16 = "uint16" as const;
const u24 = "uint24" as const;
const u32 = "uint32" as const;
const bytes = "bytes" as const;

export const tlsFields = defineFields("tls", {
  "": { name: "Transport Layer Security", type: "protocol" },
  record: { name: "Record Layer", type: "none" },
  "record.content_type": { name: "Content Type", type: u8, vals: CONTENT_TYPES },
  "record.opaque_type": { name: "Opaque Type", type: u8, vals: CONTENT_TYPES },
  "record.version": { name: "Version", type: u16, base: "hex", vals: VERSIONS },
  "record.length": { name: "Length", type: u16 },
  "record.is_escape": { name: "Is Escape", type: "boolean" },
  "record.padding_length": { name: "Padding Length", type: u8 },
  app_data: { name: "Encrypted Application Data", type: bytes },
  app_data_proto: { name: "Application Data Protocol", type: "string" },
  alert_message: { name: "Alert Message", type: "none" },
  "alert_message.level": { name: "Level", type: u8, vals: ALERT_LEVELS },
  "alert_message.desc": { name: "Description", type: u8, vals: ALERT_DESC },
  handshake: { name: "Handshake Protocol", type: "none" },
  "handshake.type": { name: "Handshake Message Type", type: u8, vals: HS_TYPES },
  "handshake.length": { name: "Length", type: u24 },
  "handshake.version": { name: "Version", type: u16, base: "hex", vals: VERSIONS },
  "handshake.random": { name: "Random", type: bytes },
  "handshake.random_time": { name: "GMT Unix Time", type: "abstime", base: "dec" },
  "handshake.random_bytes": { name: "Random Bytes", type: bytes },
  "handshake.session_id_length": { name: "Session ID Length", type: u8 },
  "handshake.session_id": { name: "Session ID", type: bytes },
  "handshake.cipher_suites_length": { name: "Cipher Suites Length", type: u16 },
  "handshake.ciphersuites": { name: "Cipher Suites", type: "none" },
  "handshake.ciphersuite": { name: "Cipher Suite", type: u16, base: "hex", vals: CIPHER_SUITES },
  "handshake.comp_methods_length": { name: "Compression Methods Length", type: u8 },
  "handshake.comp_methods": { name: "Compression Methods", type: "none" },
  "handshake.comp_method": { name: "Compression Method", type: u8, vals: COMP_METHODS },
  "handshake.extensions_length": { name: "Extensions Length", type: u16 },
  "handshake.extension.type": { name: "Type", type: u16, vals: EXT_TYPES },
  "handshake.extension.len": { name: "Length", type: u16 },
  "handshake.extension.data": { name: "Data", type: bytes },
  "handshake.extensions_server_name_list_len": { name: "Server Name list length", type: u16 },
  "handshake.extensions_server_name_type": { name: "Server Name Type", type: u8, vals: SNI_TYPES },
  "handshake.extensions_server_name_len": { name: "Server Name length", type: u16 },
  "handshake.extensions_server_name": { name: "Server Name", type: "string" },
  "handshake.extensions_supported_groups_length": { name: "Supported Groups List Length", type: u16 },
  "handshake.extensions_supported_groups": { name: "Supported Groups List", type: "none" },
  "handshake.extensions_supported_group": { name: "Supported Group", type: u16, base: "hex", vals: GROUPS },
  "handshake.extensions_ec_point_formats_length": { name: "EC point formats Length", type: u8 },
  "handshake.extensions_ec_point_formats": { name: "EC point formats", type: "none" },
  "handshake.extensions_ec_point_format": { name: "EC point format", type: u8, vals: EC_POINT_FORMATS },
  "handshake.sig_hash_alg_len": { name: "Signature Hash Algorithms Length", type: u16 },
  "handshake.sig_hash_algs": { name: "Signature Algorithms", type: "none" },
  "handshake.sig_hash_alg": { name: "Signature Algorithm", type: u16, base: "hex", vals: SIG_ALGS },
  "handshake.sig_hash_hash": { name: "Signature Hash Algorithm Hash", type: u8, vals: SIG_HASH },
  "handshake.sig_hash_sig": { name: "Signature Hash Algorithm Signature", type: u8, vals: SIG_SIG },
  "handshake.extensions_alpn_len": { name: "ALPN Extension Length", type: u16 },
  "handshake.extensions_alpn_list": { name: "ALPN Protocol", type: "none" },
  "handshake.extensions_alpn_str_len": { name: "ALPN string length", type: u8 },
  "handshake.extensions_alpn_str": { name: "ALPN Next Protocol", type: "string" },
  "handshake.extensions_reneg_info_len": { name: "Renegotiation info extension length", type: u8 },
  "handshake.extensions_reneg_info": { name: "Renegotiation info", type: bytes },
  "handshake.extensions_key_share_client_length": { name: "Client Key Share Length", type: u16 },
  "handshake.extensions_key_share_group": { name: "Group", type: u16, vals: GROUPS },
  "handshake.extensions_key_share_key_exchange_length": { name: "Key Exchange Length", type: u16 },
  "handshake.extensions_key_share_key_exchange": { name: "Key Exchange", type: bytes },
  "handshake.extensions_key_share_selected_group": { name: "Selected Group", type: u16, vals: GROUPS },
  "handshake.extensions.psk.identities.length": { name: "Identities Length", type: u16 },
  "handshake.extensions.psk.identity.identity_length": { name: "Identity Length", type: u16 },
  "handshake.extensions.psk.identity.identity": { name: "Identity", type: bytes },
  "handshake.extensions.psk.identity.obfuscated_ticket_age": { name: "Obfuscated Ticket Age", type: u32 },
  "handshake.extensions.psk.binders_len": { name: "PSK Binders length", type: u16 },
  "handshake.extensions.psk.binders": { name: "PSK Binders", type: "none" },
  "handshake.extensions.psk.identity.selected": { name: "Selected Identity", type: u16 },
  "handshake.extensions.supported_versions_len": { name: "Supported Versions length", type: u8 },
  "handshake.extensions.supported_version": { name: "Supported Version", type: u16, base: "hex", vals: VERSIONS },
  "handshake.extensions.cookie_len": { name: "Cookie length", type: u16 },
  "handshake.extensions.cookie": { name: "Cookie", type: bytes },
  "handshake.extensions_padding_data": { name: "Padding Data", type: bytes },
  "handshake.extensions_status_request_type": { name: "Certificate Status Type", type: u8, vals: STATUS_TYPES },
  "handshake.extensions_status_request_responder_ids_len": { name: "Responder ID list Length", type: u16 },
  "handshake.extensions_status_request_exts_len": { name: "Request Extensions Length", type: u16 },
  "handshake.extension.heartbeat.mode": { name: "Mode", type: u8, vals: HEARTBEAT_MODES },
  "handshake.max_fragment_length": { name: "Maximum Fragment Length", type: u8, vals: MAX_FRAG },
  "extension.psk_ke_modes_length": { name: "PSK Key Exchange Modes Length", type: u8 },
  "extension.psk_ke_mode": { name: "PSK Key Exchange Mode", type: u8, vals: PSK_KE_MODES },
  record_size_limit: { name: "Record Size Limit", type: u16 },
  "early_data.max_early_data_size": { name: "Maximum Early Data Size", type: u32 },
  "compress_certificate.algorithms_length": { name: "Algorithms Length", type: u8 },
  "compress_certificate.algorithm": { name: "Algorithm", type: u16, vals: CERT_COMPRESSION },
  "handshake.certificates_length": { name: "Certificates Length", type: u24 },
  "handshake.certificates": { name: "Certificates", type: "none" },
  "handshake.certificate_length": { name: "Certificate Length", type: u24 },
  "handshake.certificate": { name: "Certificate", type: bytes },
  "handshake.certificate_request_context_length": { name: "Certificate Request Context Length", type: u8 },
  "handshake.certificate_request_context": { name: "Certificate Request Context", type: bytes },
  "handshake.cert_types_count": { name: "Certificate types count", type: u8 },
  "handshake.cert_types": { name: "Certificate types", type: "none" },
  "handshake.cert_type": { name: "Certificate type", type: u8, vals: CERT_TYPES },
  "handshake.dnames_len": { name: "Distinguished Names Length", type: u16 },
  "handshake.dnames": { name: "Distinguished Names", type: "none" },
  "handshake.dname_len": { name: "Distinguished Name Length", type: u16 },
  "handshake.dname": { name: "Distinguished Name", type: "none" },
  "handshake.server_curve_type": { name: "Curve Type", type: u8, base: "hex", vals: CURVE_TYPES },
  "handshake.server_named_curve": { name: "Named Curve", type: u16, base: "hex", vals: GROUPS },
  "handshake.server_point_len": { name: "Pubkey Length", type: u8 },
  "handshake.server_point": { name: "Pubkey", type: bytes },
  "handshake.client_point_len": { name: "Pubkey Length", type: u8 },
  "handshake.client_point": { name: "Pubkey", type: bytes },
  "handshake.p_len": { name: "p Length", type: u16 },
  "handshake.p": { name: "p", type: bytes },
  "handshake.g_len": { name: "g Length", type: u16 },
  "handshake.g": { name: "g", type: bytes },
  "handshake.ys_len": { name: "Pubkey Length", type: u16 },
  "handshake.ys": { name: "Pubkey", type: bytes },
  "handshake.yc_len": { name: "Pubkey Length", type: u16 },
  "handshake.yc": { name: "Pubkey", type: bytes },
  "handshake.modulus_len": { name: "Modulus Length", type: u16 },
  "handshake.modulus": { name: "Modulus", type: bytes },
  "handshake.exponent_len": { name: "Exponent Length", type: u16 },
  "handshake.exponent": { name: "Exponent", type: bytes },
  "handshake.sig_len": { name: "Signature Length", type: u16 },
  "handshake.sig": { name: "Signature", type: bytes },
  "handshake.epms_len": { name: "Encrypted PreMaster length", type: u16 },
  "handshake.epms": { name: "Encrypted PreMaster", type: bytes },
  "handshake.hint_len": { name: "Hint Length", type: u16 },
  "handshake.hint": { name: "Hint", type: bytes },
  "handshake.identity_len": { name: "Identity Length", type: u16 },
  "handshake.identity": { name: "Identity", type: bytes },
  "handshake.session_ticket_lifetime_hint": { name: "Session Ticket Lifetime Hint", type: u32 },
  "handshake.session_ticket_age_add": { name: "Session Ticket Age Add", type: u32 },
  "handshake.session_ticket_nonce_length": { name: "Session Ticket Nonce Length", type: u8 },
  "handshake.session_ticket_nonce": { name: "Session Ticket Nonce", type: bytes },
  "handshake.session_ticket_length": { name: "Session Ticket Length", type: u16 },
  "handshake.session_ticket": { name: "Session Ticket", type: bytes },
  "handshake.verify_data": { name: "Verify Data", type: "none" },
  "handshake.client_cert_vrfy.sig_len": { name: "Signature length", type: u16 },
  "handshake.client_cert_vrfy.sig": { name: "Signature", type: bytes },
  "handshake.key_update.request_update": { name: "Key Update Request", type: u8, vals: KEY_UPDATE },
  "handshake.npn_selected_protocol_len": { name: "Selected Protocol Length", type: u8 },
  "handshake.npn_selected_protocol": { name: "Selected Protocol", type: "string" },
  "handshake.npn_padding_len": { name: "Padding Length", type: u8 },
  "handshake.npn_padding": { name: "Padding", type: bytes },
  "handshake.fragment.count": { name: "Handshake Fragment count", type: u32 },
  "handshake.fragment": { name: "Handshake Fragment", type: "framenum" },
  "handshake.fragments": { name: "Reassembled Handshake Fragments", type: "none" },
  "handshake.reassembled_in": { name: "Reassembled Handshake Message in frame", type: "framenum" },
  change_cipher_spec: { name: "Change Cipher Spec Message", type: "none" },
  heartbeat_message: { name: "Heartbeat Message", type: "none" },
  "heartbeat_message.type": { name: "Type", type: u8, vals: HEARTBEAT_TYPES },
  "heartbeat_message.payload_length": { name: "Payload Length", type: u16 },
  "heartbeat_message.payload": { name: "Payload Length", type: bytes },
  "heartbeat_message.padding": { name: "Payload Length", type: bytes },
  "handshake.cipher_spec_len": { name: "Cipher Spec Length", type: u16 },
  "handshake.challenge_length": { name: "Challenge Length", type: u16 },
  "handshake.cipherspec": { name: "Cipher Spec", type: u24, base: "hex" },
  "handshake.challenge": { name: "Challenge", type: "none" },
  "handshake.ja3_full": { name: "JA3 Fullstring", type: "string" },
  "handshake.ja3": { name: "JA3", type: "string" },
  "handshake.ja3s_full": { name: "JA3S Fullstring", type: "string" },
  "handshake.ja3s": { name: "JA3S", type: "string" },
  "handshake.extensions_npn_str_len": { name: "Protocol string length", type: u8 },
  "handshake.extensions_npn": { name: "Next Protocol", type: "string" },
  ignored_unknown_record: { name: "Ignored Unknown Record", type: "none" },
  "malformed.vector_length": { name: "Variable vector length is outside the permitted range", type: "none" },
  "malformed.buffer_too_small": { name: "Malformed message, not enough data is available", type: "none" },
  "malformed.trailing_data": { name: "Undecoded trailing data is present", type: "none" },
  "record.length.invalid": { name: "Record fragment length is too small or too large", type: "none" },
});
const F = tlsFields;

// ---------------------------------------------------------------------------
// Conversation state
// ---------------------------------------------------------------------------

/** A handshake message being reassembled across records (one per direction). */
interface HsPending {
  type: number;
  parts: Uint8Array[];
  have: number;
  frames: { frame: number; len: number }[];
}

/** What the first pass learnt about one record's handshake fragment, for re-dissection. */
interface HsFragment {
  type: number;
  /** Offset of this fragment in the message (0: the message starts in this record). */
  fragOffset: number;
  /** Bytes of this record that belong to the message. */
  subsetLen: number;
  /** The whole message, when this fragment completed it. */
  message: Uint8Array | null;
  /** Frame where the message was completed (0: never). */
  reassembledIn: number;
  frames: { frame: number; len: number }[];
}

class TlsSession {
  /** Negotiated version (0: not known yet). */
  version = 0;
  tls13Draft = 0;
  /** Server endpoint, from the first Client Hello (ssl_set_server). */
  serverAddr = "";
  serverPort = -1;
  clientCcsFrame = 0;
  serverCcsFrame = 0;
  /** STARTTLS: frames up to this one are the plain-text protocol's. */
  lastNonTlsFrame = 0;
  /** Application protocol short name (STARTTLS, ALPN), for tls.app_data_proto. */
  app = "";
  /** Cipher suite chosen by the Server Hello (the key exchange decides the SKE/CKE layout). */
  cipher = -1;
  /** First frame the TCP heuristic claimed (0: never). */
  heuristicFrom = 0;
  hs: [HsPending | null, HsPending | null] = [null, null];
  /** Version at the start of each frame, for re-dissection. */
  readonly frameVersion = new FrameColumnU32();
  readonly fragments = new Map<string, HsFragment>();
}

class TlsState {
  readonly byStream = new Map<number | string, TlsSession>();
}

function sessionKey(pinfo: PacketInfo): number | string {
  if (pinfo.tcpStream >= 0) return pinfo.tcpStream;
  const a = `${pinfo.netSrc}/${pinfo.srcPort}`;
  const b = `${pinfo.netDst}/${pinfo.dstPort}`;
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

function getSession(pinfo: PacketInfo): TlsSession {
  const st = pinfo.state.get("tls", () => new TlsState());
  const key = sessionKey(pinfo);
  let s = st.byStream.get(key);
  if (!s) st.byStream.set(key, (s = new TlsSession()));
  return s;
}

/**
 * STARTTLS (ssl_starttls_ack): from the next frame on, this TCP conversation
 * carries TLS, with `app` (e.g. "ftp") as the protocol inside it. Call it on
 * the first pass from the frame that completed the upgrade (FTP's 234 reply).
 */
export function startTls(pinfo: PacketInfo, app: string): void {
  const s = getSession(pinfo);
  if (pinfo.visited) return;
  s.lastNonTlsFrame = pinfo.num;
  s.app = app;
}

function fromServer(s: TlsSession, pinfo: PacketInfo): boolean {
  if (s.serverPort >= 0) return s.serverPort === pinfo.srcPort && s.serverAddr === pinfo.netSrc;
  return TLS_PORT_SET.has(pinfo.srcPort);
}
const TLS_PORT_SET = new Set(TLS_PORTS);

// ---------------------------------------------------------------------------
// Per-call context (module-level: dissection is not re-entrant)
// ---------------------------------------------------------------------------

const ctx = {
  d: new Uint8Array(0) as Uint8Array,
  end: 0,
  pinfo: null as unknown as PacketInfo,
  tree: null as unknown as ProtoTree,
  s: null as unknown as TlsSession,
  server: false,
  first: true,
  cols: false,
  detailed: false,
};

function shortName(v: number, fallback: string): string {
  return SHORT_NAMES.get(v) ?? fallback;
}

/** col_append_sep_str(COL_INFO, NULL, s): ", " unless the column is empty. */
function infoSep(s: string): void {
  if (!ctx.cols) return;
  ctx.pinfo.info = ctx.pinfo.info ? `${ctx.pinfo.info}, ${s}` : s;
}

function setProtocol(p: string): void {
  if (!ctx.pinfo.inErrorPacket) ctx.pinfo.protocol = p;
}

function addU8(f: FieldDef, o: number, label?: string): number {
  const v = g8(ctx.d, o, ctx.end);
  ctx.tree.add(f, o, 1, v, 0, label);
  return v;
}
function addU16(f: FieldDef, o: number, label?: string): number {
  const v = g16(ctx.d, o, ctx.end);
  ctx.tree.add(f, o, 2, v, 0, label);
  return v;
}
function addU24(f: FieldDef, o: number): number {
  const v = g24(ctx.d, o, ctx.end);
  ctx.tree.add(f, o, 3, v);
  return v;
}
function addU32(f: FieldDef, o: number): number {
  const v = g32(ctx.d, o, ctx.end);
  ctx.tree.add(f, o, 4, v);
  return v;
}
/** proto_tree_add_item of FT_BYTES: a zero length shows as "<MISSING>" (as tshark prints it). */
function addBytes(f: FieldDef, o: number, len: number, label?: string): void {
  ensure(o, len, ctx.end);
  ctx.tree.add(f, o, len, len === 0 ? MISSING : ctx.d.subarray(o, o + len), 0, label);
}
/** An FT_NONE item (tshark prints "1" for it). */
function addNone(f: FieldDef, o: number, len: number, label?: string): void {
  ensure(o, len, ctx.end);
  ctx.tree.add(f, o, len, PRESENT, 0, label);
}
function open(f: FieldDef, o: number, len: number, value: FieldValue, label?: string): void {
  ctx.tree.open(f, o, len, value === null && f.type === "none" && f !== TEXT ? PRESENT : value, label);
}
function close(): void {
  ctx.tree.close();
}

/**
 * ssl_add_vector: the length of a TLS vector<min..max> (1-3 bytes, by `max`),
 * bounded by `limit`; null when there is no room for the length or the
 * vector runs past `limit` (the caller then abandons the structure).
 */
function vector(f: FieldDef, o: number, limit: number, min: number, max: number): number | null {
  const size = max > 0xffffff ? 4 : max > 0xffff ? 3 : max > 0xff ? 2 : 1;
  if (o > limit || limit - o < size) {
    expertField(ctx.pinfo, F["malformed.buffer_too_small"], o, Math.max(0, limit - o), "error", `No more room for vector of length ${size}`);
    return null;
  }
  let v: number;
  if (size === 1) v = addU8(f, o);
  else if (size === 2) v = addU16(f, o);
  else v = addU24(f, o);
  if (v < min) expertField(ctx.pinfo, F["malformed.vector_length"], o, size, "error", `Vector length ${v} is smaller than minimum ${min}`);
  else if (v > max) expertField(ctx.pinfo, F["malformed.vector_length"], o, size, "error", `Vector length ${v} is larger than maximum ${max}`);
  if (limit - (o + size) < v) {
    // ssl_add_vector reports FALSE here and every caller gives up on the
    // structure: nothing inside an overlong vector is dissected.
    expertField(ctx.pinfo, F["malformed.buffer_too_small"], o, size, "error", `Vector length ${v} is too large, truncating it to ${limit - (o + size)}`);
    return null;
  }
  return v;
}

/** ssl_end_vector: true if the vector ended where its length said. */
function endVector(o: number, limit: number): boolean {
  if (o < limit) {
    expertField(ctx.pinfo, F["malformed.trailing_data"], o, limit - o, "error", `${limit - o} trailing byte${limit - o === 1 ? " was" : "s were"} not dissected`);
    return false;
  }
  if (o > limit) {
    expertField(ctx.pinfo, F["malformed.buffer_too_small"], limit, 0, "error", `Dissector read past the end of the vector (${o - limit} bytes)`);
    return false;
  }
  return true;
}

// ---------------------------------------------------------------------------
// Records
// ---------------------------------------------------------------------------

function validContentType(t: number): boolean {
  return t >= 20 && t <= 24;
}

function validHandshakeType(t: number): boolean {
  switch (t) {
    case 0: case 1: case 2: case 4: case 5: case 6: case 8: case 11: case 12: case 13: case 14: case 15:
    case 16: case 20: case 21: case 22: case 23: case 24: case 25: case 67:
      return true;
  }
  return false;
}

/** ssl_try_set_version: only messages other than a Client Hello fix the conversation's version. */
function trySetVersion(s: TlsSession, contentType: number, hsType: number, version: number): void {
  const authoritative = (contentType === 22 && validHandshakeType(hsType) && hsType !== 1) || (contentType !== 22 && validContentType(contentType));
  if (!authoritative) return;
  let draft = 0;
  if (hsType === 2) {
    draft = tls13Draft(version);
    if (draft !== 0) version = TLS13;
  }
  switch (version) {
    case SSLV3:
    case TLS10:
    case TLS11:
    case TLS12:
    case TLS13:
      break;
    default:
      return;
  }
  s.tls13Draft = draft;
  s.version = version;
}

/** extract_tls13_draft_version: 0x7fXX drafts and Facebook's 0xfbXX. */
function tls13Draft(v: number): number {
  if ((v & 0xff00) === 0x7f00) return v & 0xff;
  if (v === 0xfb17) return 23;
  if (v === 0xfb1a) return 26;
  return 0;
}

function looksLikeSslv3(o: number): boolean {
  const { d, end } = ctx;
  if (!validContentType(g8(d, o, end))) return false;
  const v = g16(d, o + 1, end);
  return v === SSLV3 || v === TLS10 || v === TLS11 || v === TLS12 || v === TLCP;
}

function looksLikeSslv2(o: number): boolean {
  const { d, end } = ctx;
  if (g8(d, o, end) < 0x80) return false;
  if (g8(d, o + 2, end) > 8) return false;
  const v = g16(d, o + 3, end);
  return v === SSLV2 || v === SSLV3 || v === TLS10 || v === TLS11 || v === TLS12 || v === TLCP;
}

function isV2ClientHello(o: number): boolean {
  return g8(ctx.d, o, ctx.end) === 0x80 && g8(ctx.d, o + 2, ctx.end) === 0x01;
}

/**
 * dissect_ssl3_record: one record at `o`. Returns the offset after it, or -1
 * after asking TCP for more data.
 */
function sslv3Record(o: number, base: number): number {
  const { d, end, pinfo, tree, s } = ctx;
  const available = end - o;
  if ((s.version === TLS10 || s.version === TLS11 || s.version === TLS12 || s.version === TLCP) && available >= 1 && !validContentType(d[o]!)) {
    expertField(pinfo, F.ignored_unknown_record, o, available, "warn", "Ignored Unknown Record");
    infoSep("Ignored Unknown Record");
    return o + available;
  }
  if (available < 5) {
    if (pinfo.canDesegment) {
      pinfo.desegmentOffset = o - base;
      pinfo.desegmentLen = -1;
      return -1;
    }
    return o + available;
  }
  const contentType = d[o]!;
  let version = (d[o + 1]! << 8) | d[o + 2]!;
  const recordVersion = version;
  const length = (d[o + 3]! << 8) | d[o + 4]!;
  if (validContentType(contentType)) {
    if (available < length + 5) {
      if (pinfo.canDesegment) {
        pinfo.desegmentOffset = o - base;
        pinfo.desegmentLen = length + 5 - available;
        return -1;
      }
      return o + available;
    }
  } else {
    infoSep("Continuation Data");
    return o + 5 + length;
  }

  open(F.record, o, 5 + length, null);
  try {
    if (s.version === TLS13 && contentType === 23) tree.add(F["record.opaque_type"], o, 1, contentType);
    else tree.add(F["record.content_type"], o, 1, contentType);
    tree.add(F["record.version"], o + 1, 2, recordVersion);
    tree.add(F["record.length"], o + 3, 2, length);
    const body = o + 5;
    const nextByte = g8(d, body, end);
    if (s.version === 0) {
      if (ctx.first) trySetVersion(s, contentType, nextByte, version);
      setProtocol(shortName(version, "SSL"));
    } else {
      version = s.version;
    }
    if (length > 0x4000 + (version === TLS13 ? 256 : 2048)) {
      expertField(pinfo, F["record.length.invalid"], o + 3, 2, "error", `TLSCiphertext length MUST NOT exceed 2^14 + ${version === TLS13 ? 256 : 2048}`);
    }
    const vname = shortName(version, "TLS");
    switch (contentType) {
      case 20: {
        infoSep("Change Cipher Spec");
        if (tree.detailed) tree.setLabel(`${vname} Record Layer: Change Cipher Spec Protocol: Change Cipher Spec`);
        addNone(F.change_cipher_spec, body, length);
        if (ctx.first) {
          if (ctx.server) s.serverCcsFrame = pinfo.num;
          else s.clientCcsFrame = pinfo.num;
        }
        break;
      }
      case 21:
        alert(body, length);
        break;
      case 22:
        handshake(body, body + length, true, `${pinfo.sources.length}:${body}`, version);
        break;
      case 23: {
        infoSep("Application Data");
        const app =
          s.app ||
          PORT_APPS.get(pinfo.srcPort) ||
          PORT_APPS.get(pinfo.dstPort) ||
          (s.heuristicFrom !== 0 ? STARTTLS_PORT_APPS.get(pinfo.srcPort) || STARTTLS_PORT_APPS.get(pinfo.dstPort) : "") ||
          "";
        const appName = app ? APP_NAMES[app] ?? app : "";
        if (tree.detailed) tree.setLabel(`${shortName(version, "SSL")} Record Layer: Application Data Protocol: ${appName || "Application Data"}`);
        addBytes(F.app_data, body, length);
        if (appName) tree.add(F.app_data_proto, 0, 0, appName, GENERATED);
        break;
      }
      case 24:
        if (version === TLS13) break;
        heartbeat(body, length, vname);
        break;
    }
  } finally {
    close();
  }
  return o + 5 + length;
}

function alert(o: number, length: number): void {
  const { d, end, tree, s } = ctx;
  open(F.alert_message, o, length, null);
  try {
    if (length !== 2) {
      infoSep("Encrypted Alert");
      if (tree.detailed) tree.setLabel("Alert Message: Encrypted Alert");
      return;
    }
    const level = g8(d, o, end);
    const desc = g8(d, o + 1, end);
    const ln = ALERT_LEVELS.get(level) ?? "Unknown";
    const dn = ALERT_DESC.get(desc) ?? "Unknown";
    infoSep(`Alert (Level: ${ln}, Description: ${dn})`);
    tree.add(F["alert_message.level"], o, 1, level);
    tree.add(F["alert_message.desc"], o + 1, 1, desc);
  } finally {
    close();
  }
  if (tree.detailed) {
    const vname = shortName(s.version, "TLS");
    if (length !== 2) tree.setLabel(`${vname} Record Layer: Encrypted Alert`);
    else tree.setLabel(`${vname} Record Layer: Alert (Level: ${ALERT_LEVELS.get(d[o]!) ?? "Unknown"}, Description: ${ALERT_DESC.get(d[o + 1]!) ?? "Unknown"})`);
  }
}

const HEARTBEAT_NAMES = new Map<number, string>([[1, "Request"], [2, "Response"]]);

function heartbeat(o: number, length: number, vname: string): void {
  const { d, end, tree } = ctx;
  open(F.heartbeat_message, o, length, null);
  try {
    const type = g8(d, o, end);
    const payloadLen = g16(d, o + 1, end);
    const name = HEARTBEAT_NAMES.get(type);
    const plain = length <= 19 || 3 + payloadLen + 16 <= length;
    if (name && plain) {
      infoSep(`Heartbeat ${name}`);
      if (tree.detailed) tree.setLabel(`Heartbeat ${name}`);
      tree.add(F["heartbeat_message.type"], o, 1, type);
      tree.add(F["heartbeat_message.payload_length"], o + 1, 2, payloadLen);
      let pl = payloadLen;
      let pad = length - 3 - payloadLen;
      if (3 + payloadLen + 16 > length) {
        pl = length - 3;
        pad = 0;
      }
      addBytes(F["heartbeat_message.payload"], o + 3, pl);
      if (pad) addBytes(F["heartbeat_message.padding"], o + 3 + pl, pad);
    } else {
      infoSep("Encrypted Heartbeat");
    }
  } finally {
    close();
  }
  void vname;
}

// ---------------------------------------------------------------------------
// Handshake
// ---------------------------------------------------------------------------

function isEncryptedHandshake(o: number, oend: number, maybeEncrypted: boolean): boolean {
  const { d, end, s, pinfo } = ctx;
  if (oend - o < 16) return false;
  if (maybeEncrypted) {
    ensure(o, 5, end);
    maybeEncrypted = d[o] === 0 && d[o + 1] === 0 && d[o + 2] === 0 && d[o + 3] === 0 && d[o + 4] === 0;
    if (!maybeEncrypted) {
      const ccs = ctx.server ? s.serverCcsFrame : s.clientCcsFrame;
      maybeEncrypted = ccs !== 0 && pinfo.num > ccs;
    }
  }
  if (!maybeEncrypted) {
    const t = g8(d, o, end);
    maybeEncrypted = !HS_TYPES.has(t);
    if (!maybeEncrypted) maybeEncrypted = g24(d, o + 1, end) >= 0x10000;
  }
  return maybeEncrypted;
}

/** tls_show_handshake_details: Info and the record/handshake labels. Opens the handshake item (caller closes). */
function showHandshakeDetails(version: number, type: number, encrypted: boolean, firstMsg: boolean, complete: boolean, o: number, len: number): string {
  const { tree } = ctx;
  let name = "Encrypted Handshake Message";
  if (!encrypted) name = HS_TYPES.get(type) ?? name;
  if (complete) infoSep(name);
  else if (firstMsg) infoSep(`[${name} Fragment]`);
  if (tree.detailed) {
    const vname = shortName(version, "TLS");
    if (firstMsg) tree.setLabel(`${vname} Record Layer: Handshake Protocol: ${name}${!complete && !encrypted ? " (fragment)" : ""}`);
    else tree.setLabel(`${vname} Record Layer: Handshake Protocol: Multiple Handshake Messages`);
  }
  open(F.handshake, o, len, null, tree.detailed ? `Handshake Protocol: ${name}${!complete && !encrypted ? " (fragment)" : ""}` : undefined);
  return name;
}

/**
 * dissect_tls_handshake: the handshake messages in one record's [o, oend),
 * with messages spanning records reassembled per direction.
 */
function handshake(o: number, oend: number, maybeEncrypted: boolean, recordId: string, version: number): void {
  const { d, end, pinfo, tree, s } = ctx;
  const dir = ctx.server ? 1 : 0;
  const fragKey = `${pinfo.num}:${recordId}`;
  let frag: HsFragment | undefined;
  let firstMsg = true;

  if (ctx.first) {
    const pending = s.hs[dir];
    if (pending) {
      // Continue the message a previous record started.
      const head = new Uint8Array(Math.min(4, pending.have + (oend - o)));
      let k = 0;
      for (const p of pending.parts) for (let i = 0; i < p.length && k < head.length; i++) head[k++] = p[i]!;
      for (let i = o; k < head.length; i++) head[k++] = d[i]!;
      let subset = oend - o;
      let msgLen = 0;
      if (head.length >= 4) {
        msgLen = 4 + ((head[1]! << 16) | (head[2]! << 8) | head[3]!);
        if (subset > msgLen - pending.have) subset = msgLen - pending.have;
      }
      if (end < o + subset) {
        s.hs[dir] = null;
      } else {
        const isLast = pending.have + subset === msgLen;
        pending.parts.push(d.slice(o, o + subset));
        pending.frames.push({ frame: pinfo.num, len: subset });
        const fragOffset = pending.have;
        pending.have += subset;
        let message: Uint8Array | null = null;
        if (isLast) {
          message = new Uint8Array(pending.have);
          let p = 0;
          for (const part of pending.parts) {
            message.set(part, p);
            p += part.length;
          }
          s.hs[dir] = null;
        }
        frag = { type: head[0]!, fragOffset, subsetLen: subset, message, reassembledIn: isLast ? pinfo.num : 0, frames: pending.frames };
        s.fragments.set(fragKey, frag);
      }
    }
  } else {
    frag = s.fragments.get(fragKey);
  }

  if (frag && frag.fragOffset !== 0) {
    if (frag.message) {
      // This record completes a message that began earlier.
      addNone(F.handshake, o, frag.subsetLen, tree.detailed ? `Handshake Protocol: ${HS_TYPES.get(frag.type) ?? "Encrypted Handshake Message"} (last fragment)` : undefined);
      o += frag.subsetLen;
      const msg = frag.message;
      const saved = { d: ctx.d, end: ctx.end };
      const prev = pinfo.enterSource(pinfo.addSource("Reassembled TLS Handshake", msg));
      ctx.d = msg;
      ctx.end = msg.length;
      try {
        fragmentTree(frag, msg.length);
        handshakeFull(0, version, true);
      } finally {
        ctx.d = saved.d;
        ctx.end = saved.end;
        pinfo.enterSource(prev);
      }
      firstMsg = false;
      frag = undefined;
    } else {
      // The middle of a message: more records to come.
      showHandshakeDetails(version, frag.type, false, false, false, o, oend - o);
      close();
      if (frag.reassembledIn) tree.add(F["handshake.reassembled_in"], 0, 0, frag.reassembledIn, GENERATED);
      return;
    }
  } else if (!frag) {
    if (isEncryptedHandshake(o, oend, maybeEncrypted)) {
      showHandshakeDetails(version, 0, true, true, true, o, oend - o);
      close();
      return;
    }
  }

  while (o < oend) {
    const subset = oend - o;
    let msgLen = 0;
    if (subset >= 4) msgLen = 4 + g24(d, o + 1, end);
    if (msgLen === 0 || subset < msgLen) {
      // The message goes on in a later record.
      let type: number;
      if (ctx.first) {
        type = g8(d, o, end);
        const pending: HsPending = { type, parts: [d.slice(o, Math.min(end, o + subset))], have: subset, frames: [{ frame: pinfo.num, len: subset }] };
        if (end >= o + subset) {
          s.hs[dir] = pending;
          frag = { type, fragOffset: 0, subsetLen: subset, message: null, reassembledIn: 0, frames: pending.frames };
          s.fragments.set(fragKey, frag);
        }
      } else {
        type = frag ? frag.type : g8(d, o, end);
      }
      showHandshakeDetails(version, type, false, firstMsg, false, o, subset);
      close();
      break;
    }
    handshakeFull(o, version, firstMsg);
    o += msgLen;
    firstMsg = false;
  }
}

function fragmentTree(frag: HsFragment, total: number): void {
  const { tree } = ctx;
  if (!tree.detailed && !tree.wants(F["handshake.fragments"]) && !tree.wants(F["handshake.fragment"]) && !tree.wants(F["handshake.fragment.count"])) return;
  tree.open(F["handshake.fragments"], 0, total, PRESENT, tree.detailed ? `${frag.frames.length} Reassembled Handshake Fragments (${total} bytes): ${frag.frames.map((f) => `#${f.frame}(${f.len})`).join(", ")}` : undefined);
  let off = 0;
  for (const f of frag.frames) {
    tree.add(F["handshake.fragment"], off, f.len, f.frame, GENERATED);
    off += f.len;
  }
  tree.add(F["handshake.fragment.count"], 0, 0, frag.frames.length, GENERATED);
  tree.close();
}

/** dissect_tls_handshake_full: one whole handshake message at `o`. */
function handshakeFull(o: number, version: number, firstMsg: boolean): void {
  const { d, end, pinfo, tree, s } = ctx;
  const type = g8(d, o, end);
  const length = g24(d, o + 1, end);
  let name = HS_TYPES.get(type);
  if (!name && !firstMsg) return;
  let isHrr = false;
  if (firstMsg && type === 2 && length > 2) {
    const sv = scanServerHello(o + 4, o + 4 + length);
    isHrr = sv.hrr;
    if (ctx.first) trySetVersion(s, 22, 2, sv.version);
    if (isHrr) name = "Hello Retry Request";
  }
  showHandshakeDetails(version, isHrr ? 6 : type, false, firstMsg, true, o, length + 4);
  try {
    if (!name) return;
    tree.add(F["handshake.type"], o, 1, type);
    tree.add(F["handshake.length"], o + 1, 3, length);
    const b = o + 4;
    const e = b + length;
    switch (type) {
      case 1:
        if (ctx.first && s.serverPort < 0) {
          s.serverAddr = pinfo.netDst;
          s.serverPort = pinfo.dstPort;
        }
        clientHello(b, e);
        break;
      case 2:
        serverHello(b, e, isHrr);
        break;
      case 4:
        newSessionTicket(b, e);
        break;
      case 6:
        helloRetryRequestDraft(b, e);
        break;
      case 8:
        extensions(b, e, 8);
        break;
      case 11:
        certificate(b, e);
        break;
      case 12:
        serverKeyExchange(b, e);
        break;
      case 13:
        certificateRequest(b, e);
        break;
      case 15:
        digitallySigned(b, e, s.version, F["handshake.client_cert_vrfy.sig_len"], F["handshake.client_cert_vrfy.sig"]);
        break;
      case 16:
        clientKeyExchange(b, length);
        break;
      case 20:
        addNone(F["handshake.verify_data"], b, length);
        break;
      case 24:
        addU8(F["handshake.key_update.request_update"], b);
        break;
      case 67: {
        const l = addU8(F["handshake.npn_selected_protocol_len"], b);
        ensure(b + 1, l, end);
        tree.add(F["handshake.npn_selected_protocol"], b + 1, l, asciiString(d, b + 1, b + 1 + l));
        const p = b + 1 + l;
        const pl = addU8(F["handshake.npn_padding_len"], p);
        if (pl > 0) addBytes(F["handshake.npn_padding"], p + 1, pl);
        break;
      }
    }
  } finally {
    close();
  }
}

/** tls_scan_server_hello: the negotiated version (supported_versions wins) and whether this is a HelloRetryRequest. */
function scanServerHello(o: number, oend: number): { version: number; hrr: boolean } {
  const { d, end } = ctx;
  let version = g16(d, o, end);
  let hrr = false;
  if (version === TLS12 && oend - o >= 46) {
    o += 2;
    ensure(o, 32, end);
    hrr = HRR_RANDOM.every((b, i) => d[o + i] === b);
    o += 32;
    const sidLen = g8(d, o, end);
    o++;
    if (oend - o < sidLen + 5) return { version, hrr };
    o += sidLen + 5;
    while (oend - o >= 6) {
      const t = g16(d, o, end);
      const l = g16(d, o + 2, end);
      if (oend - o < 4 + l) break;
      if (t === 43 && l === 2) {
        version = g16(d, o + 4, end);
        return { version, hrr };
      }
      o += 4 + l;
    }
  }
  return { version, hrr };
}

/** SHA-256("HelloRetryRequest"), the Random of a HelloRetryRequest (RFC 8446 §4.1.3). */
const HRR_RANDOM = [
  0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11, 0xbe, 0x1d, 0x8c, 0x02, 0x1e, 0x65, 0xb8, 0x91,
  0xc2, 0xa2, 0x11, 0x16, 0x7a, 0xbb, 0x8c, 0x5e, 0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c,
];

function versionLabel(f: FieldDef, v: number): string | undefined {
  return ctx.detailed ? `${f.name}: ${VERSIONS.get(v) ?? "Unknown"} (0x${v.toString(16).padStart(4, "0")})` : undefined;
}

/** ssl_dissect_hnd_hello_common: random (with its GMT time) and session ID. */
function helloCommon(o: number, fromServer: boolean, isHrr: boolean): number {
  const { d, end, tree, s } = ctx;
  ensure(o, 32, end);
  const random = d.subarray(o, o + 32);
  open(F["handshake.random"], o, 32, random);
  // TLS 1.3 randoms carry no time (RFC 8446 §4.1.2), nor does a HelloRetryRequest's.
  if (!isHrr && s.version !== TLS13) {
    const t = g32(d, o, end);
    tree.add(F["handshake.random_time"], o, 4, [t, 0], 0, ctx.detailed ? `GMT Unix Time: ${formatUtcDate(t, 0)} UTC` : undefined);
    tree.add(F["handshake.random_bytes"], o + 4, 28, d.subarray(o + 4, o + 32));
  }
  close();
  o += 32;
  if (!fromServer || !(s.version === TLS13 && s.tls13Draft > 0 && s.tls13Draft < 22)) {
    const len = addU8(F["handshake.session_id_length"], o);
    o++;
    if (len > 0) {
      addBytes(F["handshake.session_id"], o, len);
      o += len;
    }
  }
  return o;
}

/** JA3 pieces gathered while the Client Hello is dissected (GREASE values skipped, RFC 8701). */
const ja3 = { ciphers: [] as number[], exts: [] as number[], groups: [] as number[], formats: [] as number[], version: 0, on: false, cut: 0 };
/** ja3.cut: how far a broken extensions block got (Wireshark appends the pieces as it goes and returns early). */
const JA3_WHOLE = 0;
const JA3_NO_EXTS = 1; // the extensions length itself was bad: nothing after the ciphers
const JA3_EXTS_ONLY = 2; // an extension's length was bad: the types so far, no groups/formats
function isGrease(v: number): boolean {
  return (v & 0x0f0f) === 0x0a0a && (v >> 8) === (v & 0xff);
}

function clientHello(o: number, oend: number): void {
  const { d, end, tree } = ctx;
  const version = addU16(F["handshake.version"], o, versionLabel(F["handshake.version"], g16(d, o, end)));
  o += 2;
  ja3.on = tree.detailed || tree.wants(F["handshake.ja3"]) || tree.wants(F["handshake.ja3_full"]);
  ja3.version = version;
  ja3.ciphers.length = ja3.exts.length = ja3.groups.length = ja3.formats.length = 0;
  ja3.cut = JA3_WHOLE;
  o = helloCommon(o, false, false);
  const csLen = vector(F["handshake.cipher_suites_length"], o, oend, 2, 0xffff);
  if (csLen === null) return;
  o += 2;
  let next = o + csLen;
  open(F["handshake.ciphersuites"], o, csLen, null, ctx.detailed ? `Cipher Suites (${csLen >> 1} suite${csLen >> 1 === 1 ? "" : "s"})` : undefined);
  while (o + 2 <= next) {
    const c = addU16(F["handshake.ciphersuite"], o);
    if (ja3.on && !isGrease(c)) ja3.ciphers.push(c);
    o += 2;
  }
  if (!endVector(o, next)) o = next;
  close();
  const cmLen = vector(F["handshake.comp_methods_length"], o, oend, 1, 0xff);
  if (cmLen === null) return;
  o++;
  next = o + cmLen;
  open(F["handshake.comp_methods"], o, cmLen, null, ctx.detailed ? `Compression Methods (${cmLen} method${cmLen === 1 ? "" : "s"})` : undefined);
  while (o < next) {
    const m = g8(d, o, end);
    tree.add(F["handshake.comp_method"], o, 1, m, 0, ctx.detailed && m >= 64 ? `Compression Method: ${m < 193 ? "Reserved - to be assigned by IANA" : "Private use range"} (${m})` : undefined);
    o++;
  }
  close();
  if (o < oend) extensions(o, oend, 1);
  if (ja3.on) {
    const head = `${ja3.version},${ja3.ciphers.join("-")},`;
    const full =
      ja3.cut === JA3_NO_EXTS ? head : ja3.cut === JA3_EXTS_ONLY ? head + ja3.exts.join("-") : `${head}${ja3.exts.join("-")},${ja3.groups.join("-")},${ja3.formats.join("-")}`;
    tree.add(F["handshake.ja3_full"], 0, 0, full, GENERATED);
    tree.add(F["handshake.ja3"], 0, 0, md5Hex(full), GENERATED);
    ja3.on = false;
  }
}

function serverHello(o: number, oend: number, isHrr: boolean): void {
  const { d, end, tree, s } = ctx;
  setProtocol(shortName(s.version, "SSL"));
  const version = addU16(F["handshake.version"], o, versionLabel(F["handshake.version"], g16(d, o, end)));
  o += 2;
  o = helloCommon(o, true, isHrr);
  const cipher = addU16(F["handshake.ciphersuite"], o);
  if (ctx.first) s.cipher = cipher;
  o += 2;
  if (!(s.version === TLS13 && s.tls13Draft > 0 && s.tls13Draft < 22)) {
    addU8(F["handshake.comp_method"], o);
    o++;
  }
  const ja3sOn = tree.detailed || tree.wants(F["handshake.ja3s"]) || tree.wants(F["handshake.ja3s_full"]);
  ja3.exts.length = 0;
  ja3.on = ja3sOn;
  if (o < oend) extensions(o, oend, isHrr ? 6 : 2);
  if (ja3sOn) {
    const full = `${version},${cipher},${ja3.exts.join("-")}`;
    tree.add(F["handshake.ja3s_full"], 0, 0, full, GENERATED);
    tree.add(F["handshake.ja3s"], 0, 0, md5Hex(full), GENERATED);
    ja3.on = false;
  }
}

function helloRetryRequestDraft(o: number, oend: number): void {
  const { d, end } = ctx;
  const v = addU16(F["handshake.version"], o, versionLabel(F["handshake.version"], g16(d, o, end)));
  o += 2;
  const draft = tls13Draft(v);
  if (draft === 0 || draft >= 19) {
    addU16(F["handshake.ciphersuite"], o);
    o += 2;
  }
  extensions(o, oend, 6);
}

function newSessionTicket(o: number, oend: number): void {
  const { d, end, tree, s } = ctx;
  const tls13 = s.version === TLS13;
  ensure(o, oend - o, end);
  open(TEXT, o, oend - o, null, "TLS Session Ticket");
  try {
    const hint = g32(d, o, end);
    tree.add(F["handshake.session_ticket_lifetime_hint"], o, 4, hint, 0, ctx.detailed ? `Session Ticket Lifetime Hint: ${hint} seconds${hint >= 60 ? ` (${timeSecs(hint)})` : ""}` : undefined);
    o += 4;
    if (tls13) {
      addU32(F["handshake.session_ticket_age_add"], o);
      o += 4;
      if (s.tls13Draft === 0 || s.tls13Draft >= 21) {
        const nl = vector(F["handshake.session_ticket_nonce_length"], o, oend, 0, 255);
        if (nl === null) return;
        o++;
        addBytes(F["handshake.session_ticket_nonce"], o, nl);
        o += nl;
      }
    }
    const tl = vector(F["handshake.session_ticket_length"], o, oend, tls13 ? 1 : 0, 0xffff);
    if (tl === null) return;
    o += 2;
    addBytes(F["handshake.session_ticket"], o, tl);
    o += tl;
    if (tls13) extensions(o, oend, 4);
  } finally {
    close();
  }
}

function timeSecs(t: number): string {
  const parts: string[] = [];
  const d = Math.floor(t / 86400);
  const h = Math.floor(t / 3600) % 24;
  const m = Math.floor(t / 60) % 60;
  const sec = t % 60;
  if (d) parts.push(`${d} day${d === 1 ? "" : "s"}`);
  if (h) parts.push(`${h} hour${h === 1 ? "" : "s"}`);
  if (m) parts.push(`${m} minute${m === 1 ? "" : "s"}`);
  if (sec) parts.push(`${sec} second${sec === 1 ? "" : "s"}`);
  return parts.join(", ") || "0 seconds";
}

function certificate(o: number, oend: number): void {
  const { d, end, s } = ctx;
  const tls13 = s.version === TLS13;
  if (tls13) {
    const cl = vector(F["handshake.certificate_request_context_length"], o, oend, 0, 0xff);
    if (cl === null) return;
    o++;
    if (cl > 0) {
      addBytes(F["handshake.certificate_request_context"], o, cl);
      o += cl;
    }
  }
  const listLen = vector(F["handshake.certificates_length"], o, oend, 0, 0xffffff);
  if (listLen === null) return;
  o += 3;
  const next = o + listLen;
  const sub = listLen > 0;
  if (sub) open(F["handshake.certificates"], o, listLen, null, ctx.detailed ? `Certificates (${listLen} bytes)` : undefined);
  try {
    while (o < next) {
      const certLen = vector(F["handshake.certificate_length"], o, next, 1, 0xffffff);
      if (certLen === null) return;
      o += 3;
      // The certificate item is the outer BER element (dissect_x509af_Certificate
      // on the whole tvb, not bounded by certificate_length): its extent comes
      // from its own tag and length and may run into the bytes that follow.
      const certEnd = berElementEnd(d, o, end, 0);
      ctx.tree.add(F["handshake.certificate"], o, certEnd - o, d.subarray(o, certEnd));
      o += certLen;
      if (tls13) o = extensions(o, next, 11);
    }
  } finally {
    if (sub) close();
  }
}

/**
 * End of the BER element at `o` (X.690 §8.1): identifier (high-tag-number
 * form included), definite length (short or long form; like Wireshark's
 * 32-bit accumulator) or indefinite length walked to its end-of-contents,
 * nested up to Wireshark's BER_MAX_NESTING. Throws Truncated when the header
 * or the content runs past `end`, as the BER dissector's bounds checks do.
 * X.509 itself (RFC 5280) is not dissected.
 */
function berElementEnd(d: Uint8Array, o: number, end: number, depth: number): number {
  if (depth > 500) throw new Truncated();
  let tag = g8(d, o, end);
  o++;
  if ((tag & 0x1f) === 0x1f) {
    do tag = g8(d, o++, end);
    while (tag & 0x80);
  }
  let len = g8(d, o, end);
  o++;
  if (len & 0x80) {
    let n = len & 0x7f;
    if (n === 0) {
      // Indefinite: elements until 00 00 (X.690 §8.1.3.6).
      while (g8(d, o, end) !== 0 || g8(d, o + 1, end) !== 0) o = berElementEnd(d, o, end, depth + 1);
      return o + 2;
    }
    len = 0;
    while (n-- > 0) len = ((len << 8) | g8(d, o++, end)) >>> 0;
  }
  ensure(o, len, end);
  return o + len;
}

function certificateRequest(o: number, oend: number): void {
  const { d, end, tree, s } = ctx;
  const tls13 = s.version === TLS13;
  if (tls13) {
    const cl = vector(F["handshake.certificate_request_context_length"], o, oend, 0, 0xff);
    if (cl === null) return;
    o++;
    if (cl > 0) {
      addBytes(F["handshake.certificate_request_context"], o, cl);
      o += cl;
    }
  } else {
    const n = vector(F["handshake.cert_types_count"], o, oend, 1, 0xff);
    if (n === null) return;
    o++;
    const next = o + n;
    open(F["handshake.cert_types"], o, n, null, ctx.detailed ? `Certificate types (${n} type${n === 1 ? "" : "s"})` : undefined);
    while (o < next) {
      addU8(F["handshake.cert_type"], o);
      o++;
    }
    close();
  }
  if (s.version === TLS12 || (tls13 && s.tls13Draft > 0 && s.tls13Draft < 19)) o = sigHashAlgs(o, oend);
  if (tls13 && (s.tls13Draft === 0 || s.tls13Draft >= 19)) {
    extensions(o, oend, 13);
    return;
  }
  // certificate_authorities: DistinguishedName certificate_authorities<0..2^16-1> (RFC 5246 §7.4.4).
  const dl = vector(F["handshake.dnames_len"], o, oend, 0, 0xffff);
  if (dl === null) return;
  o += 2;
  const next = o + dl;
  if (dl > 0) open(F["handshake.dnames"], o, dl, null, ctx.detailed ? `Distinguished Names (${dl} byte${dl === 1 ? "" : "s"})` : undefined);
  try {
    while (o < next) {
      const nl = vector(F["handshake.dname_len"], o, next, 1, 0xffff);
      if (nl === null) return;
      o += 2;
      addNone(F["handshake.dname"], o, nl);
      o += nl;
    }
  } finally {
    if (dl > 0) close();
  }
  void d;
  void end;
  void tree;
}

function sigHashAlgs(o: number, oend: number): number {
  const { d, end, tree } = ctx;
  const len = vector(F["handshake.sig_hash_alg_len"], o, oend, 2, 0xfffe);
  if (len === null) return oend;
  o += 2;
  const next = o + len;
  open(F["handshake.sig_hash_algs"], o, len, null, ctx.detailed ? `Signature Hash Algorithms (${len >> 1} algorithm${len >> 1 === 1 ? "" : "s"})` : undefined);
  while (o + 2 <= next) {
    const alg = g16(d, o, end);
    open(F["handshake.sig_hash_alg"], o, 2, alg, ctx.detailed ? `Signature Algorithm: ${sigAlgName(alg)} (0x${alg.toString(16).padStart(4, "0")})` : undefined);
    tree.add(F["handshake.sig_hash_hash"], o, 1, alg >> 8);
    tree.add(F["handshake.sig_hash_sig"], o + 1, 1, alg & 0xff);
    close();
    o += 2;
  }
  close();
  if (!endVector(o, next)) o = next;
  return o;
}

function sigAlgName(alg: number): string {
  return SIG_ALGS.get(alg) ?? `${SIG_HASH.get(alg >> 8) ?? "Unknown"} ${SIG_SIG.get(alg & 0xff) ?? "Unknown"}`;
}

/** Key exchange of the negotiated cipher suite, from its IANA name (RFC 5246 Appendix A.5, RFC 8422, RFC 4279). */
function keyExchange(cipher: number): string {
  const n = CIPHER_SUITES.get(cipher) ?? "";
  if (/^TLS_(AES|CHACHA20|SM4)_/.test(n)) return "tls13";
  if (n.includes("_ECDHE_PSK_")) return "ecdhe_psk";
  if (n.includes("_DHE_PSK_")) return "dhe_psk";
  if (n.includes("_RSA_PSK_")) return "rsa_psk";
  if (n.includes("_PSK_")) return "psk";
  if (n.includes("_ECDHE_") || n.includes("_ECDH_anon_")) return n.includes("_anon_") ? "ecdh_anon" : "ecdhe";
  if (n.includes("_ECDH_")) return "ecdh";
  if (n.includes("_DHE_")) return "dhe";
  if (n.includes("_DH_anon_")) return "dh_anon";
  if (n.includes("_DH_")) return "dh";
  if (n.includes("_RSA_EXPORT")) return "rsa_export";
  if (n.includes("_RSA_")) return "rsa";
  return "";
}

function serverKeyExchange(o: number, oend: number): void {
  const { d, end, tree, s } = ctx;
  const kex = keyExchange(s.cipher);
  const sig = (p: number): void => {
    digitallySigned(p, oend, s.version, F["handshake.sig_len"], F["handshake.sig"]);
  };
  switch (kex) {
    case "ecdhe":
    case "ecdh_anon": {
      ensure(o, oend - o, end);
      open(TEXT, o, oend - o, null, "EC Diffie-Hellman Server Params");
      try {
        const ct = addU8(F["handshake.server_curve_type"], o);
        o++;
        if (ct !== 3) return;
        addU16(F["handshake.server_named_curve"], o);
        o += 2;
        const pl = addU8(F["handshake.server_point_len"], o);
        addBytes(F["handshake.server_point"], o + 1, pl);
        o += 1 + pl;
        if (kex === "ecdhe") sig(o);
      } finally {
        close();
      }
      return;
    }
    case "dhe":
    case "dh_anon": {
      ensure(o, oend - o, end);
      open(TEXT, o, oend - o, null, "Diffie-Hellman Server Params");
      try {
        const pl = addU16(F["handshake.p_len"], o);
        addBytes(F["handshake.p"], o + 2, pl);
        o += 2 + pl;
        const gl = addU16(F["handshake.g_len"], o);
        addBytes(F["handshake.g"], o + 2, gl);
        o += 2 + gl;
        const yl = addU16(F["handshake.ys_len"], o);
        addBytes(F["handshake.ys"], o + 2, yl);
        o += 2 + yl;
        if (kex === "dhe") sig(o);
      } finally {
        close();
      }
      return;
    }
    case "rsa_export":
    case "rsa": {
      ensure(o, oend - o, end);
      open(TEXT, o, oend - o, null, "RSA-EXPORT Server Params");
      try {
        const ml = addU16(F["handshake.modulus_len"], o);
        addBytes(F["handshake.modulus"], o + 2, ml);
        o += 2 + ml;
        const el = addU16(F["handshake.exponent_len"], o);
        addBytes(F["handshake.exponent"], o + 2, el);
        o += 2 + el;
        sig(o);
      } finally {
        close();
      }
      return;
    }
    case "psk":
    case "rsa_psk": {
      const hl = g16(d, o, end);
      if (2 + hl !== oend - o) return;
      open(TEXT, o, oend - o, null, "PSK Server Params");
      tree.add(F["handshake.hint_len"], o, 2, hl);
      addBytes(F["handshake.hint"], o + 2, hl);
      close();
      return;
    }
  }
}

function digitallySigned(o: number, oend: number, version: number, lenF: FieldDef, sigF: FieldDef): number {
  const { d, end, tree } = ctx;
  if (version === TLS12 || version === TLS13) {
    const alg = g16(d, o, end);
    open(F["handshake.sig_hash_alg"], o, 2, alg, ctx.detailed ? `Signature Algorithm: ${sigAlgName(alg)} (0x${alg.toString(16).padStart(4, "0")})` : undefined);
    tree.add(F["handshake.sig_hash_hash"], o, 1, alg >> 8);
    tree.add(F["handshake.sig_hash_sig"], o + 1, 1, alg & 0xff);
    close();
    o += 2;
  }
  const l = vector(lenF, o, oend, 0, 0xffff);
  if (l === null) return oend;
  o += 2;
  addBytes(sigF, o, l);
  return o + l;
}

function clientKeyExchange(o: number, length: number): void {
  const { d, end, tree, s } = ctx;
  const kex = keyExchange(s.cipher);
  switch (kex) {
    case "ecdhe":
    case "ecdh_anon":
    case "ecdh": {
      open(TEXT, o, length, null, "EC Diffie-Hellman Client Params");
      try {
        const pl = addU8(F["handshake.client_point_len"], o);
        addBytes(F["handshake.client_point"], o + 1, pl);
      } finally {
        close();
      }
      return;
    }
    case "dhe":
    case "dh_anon":
    case "dh": {
      open(TEXT, o, length, null, "Diffie-Hellman Client Params");
      try {
        const yl = addU16(F["handshake.yc_len"], o);
        addBytes(F["handshake.yc"], o + 2, yl);
      } finally {
        close();
      }
      return;
    }
    case "rsa":
    case "rsa_export": {
      open(TEXT, o, length, null, "RSA Encrypted PreMaster Secret");
      try {
        let l = length;
        if (s.version !== SSLV3) {
          l = addU16(F["handshake.epms_len"], o);
          o += 2;
        }
        addBytes(F["handshake.epms"], o, l);
      } finally {
        close();
      }
      return;
    }
    case "psk": {
      open(TEXT, o, length, null, "PSK Client Params");
      try {
        const il = addU16(F["handshake.identity_len"], o);
        addBytes(F["handshake.identity"], o + 2, il);
      } finally {
        close();
      }
      return;
    }
    case "rsa_psk": {
      open(TEXT, o, length, null, "RSA PSK Client Params");
      try {
        const il = addU16(F["handshake.identity_len"], o);
        addBytes(F["handshake.identity"], o + 2, il);
        o += 2 + il;
        const el = addU16(F["handshake.epms_len"], o);
        addBytes(F["handshake.epms"], o + 2, el);
      } finally {
        close();
      }
      return;
    }
  }
  void d;
  void end;
  void tree;
}

// ---------------------------------------------------------------------------
// Extensions (RFC 6066, RFC 7301, RFC 8446 §4.2, ...)
// ---------------------------------------------------------------------------

/** ssl_dissect_hnd_extension: the extensions vector at `o`; `hs` is the handshake type it belongs to. */
function extensions(o: number, oend: number, hs: number): number {
  const { d, end, tree } = ctx;
  const total = vector(F["handshake.extensions_length"], o, oend, 0, 0xffff);
  if (total === null) {
    ja3.cut = JA3_NO_EXTS;
    return oend;
  }
  o += 2;
  oend = o + total;
  while (oend - o >= 4) {
    const type = g16(d, o, end);
    const declared = g16(d, o + 2, end);
    open(TEXT, o, 4 + declared, null, ctx.detailed ? `Extension: ${EXT_TYPES.get(type) ?? `Unknown type ${type}`} (len=${declared})` : undefined);
    try {
      tree.add(F["handshake.extension.type"], o, 2, type);
      if (ja3.on && !isGrease(type)) ja3.exts.push(type);
      o += 2;
      const len = vector(F["handshake.extension.len"], o, oend, 0, 0xffff);
      if (len === null) {
        ja3.cut = JA3_EXTS_ONLY;
        return oend;
      }
      o += 2;
      const next = o + len;
      o = extension(type, o, next, hs);
      if (!endVector(o, next)) o = next;
    } finally {
      close();
    }
  }
  if (!endVector(o, oend)) o = oend;
  return o;
}

function extension(type: number, o: number, next: number, hs: number): number {
  const { d, end, tree, s } = ctx;
  switch (type) {
    case 0: {
      // server_name (RFC 6066 §3); a server answers with an empty one.
      if (o === next) return o;
      ensure(o, next - o, end);
      open(TEXT, o, next - o, null, "Server Name Indication extension");
      try {
        const listLen = vector(F["handshake.extensions_server_name_list_len"], o, next, 1, 0xffff);
        if (listLen === null) return next;
        o += 2;
        const listEnd = o + listLen;
        while (o < listEnd) {
          addU8(F["handshake.extensions_server_name_type"], o);
          o++;
          const nl = vector(F["handshake.extensions_server_name_len"], o, listEnd, 1, 0xffff);
          if (nl === null) return listEnd;
          o += 2;
          ensure(o, nl, end);
          tree.add(F["handshake.extensions_server_name"], o, nl, asciiString(d, o, o + nl));
          o += nl;
        }
        return o;
      } finally {
        close();
      }
    }
    case 1:
      addU8(F["handshake.max_fragment_length"], o);
      return o + 1;
    case 5: {
      if (hs !== 1) return o;
      // status_request (RFC 6066 §8)
      const t = addU8(F["handshake.extensions_status_request_type"], o);
      o++;
      if (t === 1) {
        const rl = vector(F["handshake.extensions_status_request_responder_ids_len"], o, next, 0, 0xffff);
        if (rl === null) return next;
        o += 2 + rl;
        const el = vector(F["handshake.extensions_status_request_exts_len"], o, next, 0, 0xffff);
        if (el === null) return next;
        o += 2 + el;
      }
      return o;
    }
    case 10: {
      const len = vector(F["handshake.extensions_supported_groups_length"], o, next, 2, 0xffff);
      if (len === null) return next;
      o += 2;
      const listEnd = o + len;
      open(F["handshake.extensions_supported_groups"], o, len, null, ctx.detailed ? `Supported Groups (${len >> 1} group${len >> 1 === 1 ? "" : "s"})` : undefined);
      while (o + 2 <= listEnd) {
        const g = addU16(F["handshake.extensions_supported_group"], o);
        if (ja3.on && hs === 1 && !isGrease(g)) ja3.groups.push(g);
        o += 2;
      }
      close();
      if (!endVector(o, listEnd)) o = listEnd;
      return o;
    }
    case 11: {
      const len = addU8(F["handshake.extensions_ec_point_formats_length"], o);
      o++;
      open(F["handshake.extensions_ec_point_formats"], o, len, null, ctx.detailed ? `Elliptic curves point formats (${len})` : undefined);
      for (let i = 0; i < len; i++) {
        const f = addU8(F["handshake.extensions_ec_point_format"], o);
        if (ja3.on && hs === 1) ja3.formats.push(f);
        o++;
      }
      close();
      return o;
    }
    case 13:
    case 50:
      return sigHashAlgs(o, next);
    case 15:
      addU8(F["handshake.extension.heartbeat.mode"], o);
      return o + 1;
    case 16: {
      // ALPN (RFC 7301 §3.1)
      const len = vector(F["handshake.extensions_alpn_len"], o, next, 2, 0xffff);
      if (len === null) return next;
      o += 2;
      const listEnd = o + len;
      open(F["handshake.extensions_alpn_list"], o, len, null);
      try {
        while (o < listEnd) {
          const sl = vector(F["handshake.extensions_alpn_str_len"], o, listEnd, 1, 0xff);
          if (sl === null) return listEnd;
          o++;
          ensure(o, sl, end);
          const proto = asciiString(d, o, o + sl);
          tree.add(F["handshake.extensions_alpn_str"], o, sl, proto);
          o += sl;
          if (hs === 2 && ctx.first && !s.app) {
            for (const [prefix, app] of ALPN_APPS) {
              if (prefix.endsWith("/") ? proto.startsWith(prefix) : proto === prefix) {
                s.app = app;
                break;
              }
            }
          }
        }
      } finally {
        close();
      }
      return o;
    }
    case 21:
      addBytes(F["handshake.extensions_padding_data"], o, next - o);
      return next;
    case 28:
      addU16(F.record_size_limit, o);
      return o + 2;
    case 27: {
      if (hs !== 1 && hs !== 13) return o;
      const len = vector(F["compress_certificate.algorithms_length"], o, next, 2, 0xfe);
      if (len === null) return next;
      o++;
      const listEnd = o + len;
      while (o + 2 <= listEnd) {
        addU16(F["compress_certificate.algorithm"], o);
        o += 2;
      }
      return o;
    }
    case 35: {
      // session_ticket (RFC 5077 §3.2): opaque data.
      const len = next - o;
      ensure(o, len, end);
      tree.add(F["handshake.extension.data"], o, len, len === 0 ? MISSING : d.subarray(o, next), 0, ctx.detailed ? `Data (${len} byte${len === 1 ? "" : "s"})` : undefined);
      return next;
    }
    case 40:
    case 51:
      return keyShare(o, next, hs);
    case 41:
      return preSharedKey(o, next, hs);
    case 42:
      if (hs === 4) {
        addU32(F["early_data.max_early_data_size"], o);
        return o + 4;
      }
      return o;
    case 43: {
      if (hs === 1) {
        const len = vector(F["handshake.extensions.supported_versions_len"], o, next, 2, 254);
        if (len === null) return next;
        o++;
        const listEnd = o + len;
        while (o + 2 <= listEnd) {
          const v = g16(d, o, end);
          tree.add(F["handshake.extensions.supported_version"], o, 2, v, 0, versionLabel(F["handshake.extensions.supported_version"], v));
          o += 2;
        }
        if (!endVector(o, listEnd)) o = listEnd;
        return o;
      }
      if (hs === 2 || hs === 6) {
        const v = g16(d, o, end);
        tree.add(F["handshake.extensions.supported_version"], o, 2, v, 0, versionLabel(F["handshake.extensions.supported_version"], v));
        return o + 2;
      }
      return o;
    }
    case 44: {
      const len = vector(F["handshake.extensions.cookie_len"], o, next, 1, 0xffff);
      if (len === null) return next;
      o += 2;
      addBytes(F["handshake.extensions.cookie"], o, len);
      return o + len;
    }
    case 45: {
      const len = vector(F["extension.psk_ke_modes_length"], o, next, 1, 255);
      if (len === null) return next;
      o++;
      const listEnd = o + len;
      while (o < listEnd) {
        addU8(F["extension.psk_ke_mode"], o);
        o++;
      }
      return o;
    }
    case 65281: {
      // renegotiation_info (RFC 5746 §3.2)
      ensure(o, next - o, end);
      open(TEXT, o, next - o, null, "Renegotiation Info extension");
      try {
        const len = vector(F["handshake.extensions_reneg_info_len"], o, next, 0, 255);
        if (len === null) return next;
        o++;
        if (len > 0) {
          addBytes(F["handshake.extensions_reneg_info"], o, len);
          o += len;
        }
      } finally {
        close();
      }
      return o;
    }
    case 13172: {
      // next_protocol_negotiation (draft-agl-tls-nextprotoneg): empty from the client, a list from the server.
      while (o < next) {
        const l = addU8(F["handshake.extensions_npn_str_len"], o);
        o++;
        ensure(o, l, end);
        tree.add(F["handshake.extensions_npn"], o, l, asciiString(d, o, o + l));
        o += l;
      }
      return o;
    }
    case 4:
    case 17:
    case 22:
    case 23:
    case 49:
      return o;
    case 18:
      // signed_certificate_timestamp: the SCT list is only in server messages.
      if (hs === 2 || hs === 8 || hs === 11) return next;
      return o;
    default: {
      const len = next - o;
      addBytes(F["handshake.extension.data"], o, len);
      return next;
    }
  }
}

function keyShare(o: number, next: number, hs: number): number {
  const { d, end, tree } = ctx;
  const entry = (p: number, limit: number): number => {
    const group = g16(d, p, end);
    const kl = g16(d, p + 2, end);
    open(TEXT, p, 4 + kl, null, ctx.detailed ? `Key Share Entry: Group: ${GROUPS.get(group) ?? "Unknown"}, Key Exchange length: ${kl}` : undefined);
    try {
      tree.add(F["handshake.extensions_key_share_group"], p, 2, group);
      p += 2;
      const l = vector(F["handshake.extensions_key_share_key_exchange_length"], p, limit, 1, 0xffff);
      if (l === null) return limit;
      p += 2;
      addBytes(F["handshake.extensions_key_share_key_exchange"], p, l);
      return p + l;
    } finally {
      close();
    }
  };
  switch (hs) {
    case 1: {
      ensure(o, next - o, end);
      open(TEXT, o, next - o, null, "Key Share extension");
      try {
        const len = vector(F["handshake.extensions_key_share_client_length"], o, next, 0, 0xffff);
        if (len === null) return next;
        o += 2;
        const listEnd = o + len;
        while (o < listEnd) o = entry(o, listEnd);
      } finally {
        close();
      }
      return o;
    }
    case 2: {
      ensure(o, next - o, end);
      open(TEXT, o, next - o, null, "Key Share extension");
      try {
        return entry(o, next);
      } finally {
        close();
      }
    }
    case 6:
      addU16(F["handshake.extensions_key_share_selected_group"], o);
      return o + 2;
  }
  return o;
}

function preSharedKey(o: number, next: number, hs: number): number {
  const { d, end, tree } = ctx;
  if (hs === 2) {
    addU16(F["handshake.extensions.psk.identity.selected"], o);
    return o + 2;
  }
  if (hs !== 1) return o;
  const il = vector(F["handshake.extensions.psk.identities.length"], o, next, 7, 0xffff);
  if (il === null) return next;
  o += 2;
  const idsEnd = o + il;
  while (o < idsEnd) {
    const l = g16(d, o, end);
    open(TEXT, o, 6 + l, null, "PSK Identity");
    try {
      const idl = vector(F["handshake.extensions.psk.identity.identity_length"], o, idsEnd, 1, 0xffff);
      if (idl === null) return next;
      o += 2;
      addBytes(F["handshake.extensions.psk.identity.identity"], o, idl);
      o += idl;
      addU32(F["handshake.extensions.psk.identity.obfuscated_ticket_age"], o);
      o += 4;
    } finally {
      close();
    }
  }
  const bl = vector(F["handshake.extensions.psk.binders_len"], o, next, 33, 0xffff);
  if (bl === null) return next;
  o += 2;
  addNone(F["handshake.extensions.psk.binders"], o, bl);
  void tree;
  return o + bl;
}

// ---------------------------------------------------------------------------
// SSL 2.0 records (only the SSLv2-compatible Client Hello matters today)
// ---------------------------------------------------------------------------

function sslv2Record(o: number, base: number): number {
  const { d, end, pinfo, tree, s } = ctx;
  const first = g8(d, o, end);
  const hdrLen = first & 0x80 ? 2 : 3;
  const available = end - o;
  if (available < hdrLen) {
    if (pinfo.canDesegment) {
      pinfo.desegmentOffset = o - base;
      pinfo.desegmentLen = -1;
      return -1;
    }
    return o + available;
  }
  const recLen = hdrLen === 2 ? g16(d, o, end) & 0x7fff : g16(d, o, end) & 0x3fff;
  if (available < hdrLen + recLen) {
    if (pinfo.canDesegment) {
      pinfo.desegmentOffset = o - base;
      pinfo.desegmentLen = hdrLen + recLen - available;
      return -1;
    }
    return o + available;
  }
  open(F.record, o, hdrLen + recLen, null);
  try {
    const msgType = g8(d, o + hdrLen, end);
    if (s.version === 0 && msgType >= 2 && msgType <= 8 && ctx.first) s.version = SSLV2;
    setProtocol("SSLv2");
    const name = SSL2_MSG_TYPES.get(msgType);
    if (!name || (msgType === 1 && !validVersion(g16(d, o + hdrLen + 1, end)))) {
      if (tree.detailed) tree.setLabel("SSLv2 Record Layer: Encrypted Data");
      tree.add(F["record.version"], o, 0, SSLV2, GENERATED);
      infoSep("Encrypted Data");
      return o + hdrLen + recLen;
    }
    infoSep(name);
    if (tree.detailed) tree.setLabel(`SSLv2 Record Layer: ${name}`);
    tree.add(F["record.version"], o, 0, SSLV2, GENERATED);
    tree.add(F["record.length"], o, hdrLen, recLen);
    if (hdrLen === 3) {
      tree.add(F["record.is_escape"], o, 1, (first & 0x40) !== 0);
      addU8(F["record.padding_length"], o + 2);
    }
    let p = o + hdrLen;
    tree.add(F["handshake.type"], p, 1, msgType);
    p++;
    if (msgType === 1) {
      const v = addU16(F["handshake.version"], p, versionLabel(F["handshake.version"], g16(d, p, end)));
      void v;
      p += 2;
      const csl = addU16(F["handshake.cipher_spec_len"], p);
      p += 2;
      const sidl = addU16(F["handshake.session_id_length"], p);
      p += 2;
      const chl = addU16(F["handshake.challenge_length"], p);
      p += 2;
      open(F["handshake.ciphersuites"], p, csl, null, ctx.detailed ? `Cipher Specs (${Math.trunc(csl / 3)} spec${Math.trunc(csl / 3) === 1 ? "" : "s"})` : undefined);
      for (let i = 0; i + 3 <= csl; i += 3) addU24Field(F["handshake.cipherspec"], p + i);
      close();
      p += csl;
      if (sidl > 0) {
        addBytes(F["handshake.session_id"], p, sidl);
        p += sidl;
      }
      if (chl > 0) addNone(F["handshake.challenge"], p, chl);
    }
  } finally {
    close();
  }
  return o + hdrLen + recLen;
}

function addU24Field(f: FieldDef, o: number): void {
  const v = g24(ctx.d, o, ctx.end);
  ctx.tree.add(f, o, 3, v);
}

function validVersion(v: number): boolean {
  return v === SSLV2 || v === SSLV3 || v === TLS10 || v === TLS11 || v === TLS12 || v === TLCP;
}

// ---------------------------------------------------------------------------
// The dissector
// ---------------------------------------------------------------------------

function isPrintable(c: number): boolean {
  return c >= 0x20 && c < 0x7f;
}

/** dissect_ssl: every record in data[offset, end). */
function dissectTls(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
  if (end - offset > 4 && isPrintable(data[offset]!) && isPrintable(data[offset + 1]!) && isPrintable(data[offset + 2]!) && isPrintable(data[offset + 3]!)) {
    // Four printable characters: plain text, not ours (a STARTTLS command, say).
    return 0;
  }
  const s = getSession(pinfo);
  if (s.lastNonTlsFrame !== 0 && s.lastNonTlsFrame >= pinfo.num) return 0;
  const again = pinfo.layers.includes("tls");
  if (!again || pinfo.layers[pinfo.layers.length - 1] !== "tls") pinfo.layers.push("tls");

  const tree = pinfo.tree;
  ctx.d = data;
  ctx.end = end;
  ctx.pinfo = pinfo;
  ctx.tree = tree;
  ctx.s = s;
  ctx.server = fromServer(s, pinfo);
  ctx.first = !pinfo.visited;
  ctx.cols = pinfo.wantColumns && !pinfo.inErrorPacket;
  ctx.detailed = tree.detailed;

  // Re-dissection sees the conversation as it was when this frame was first seen.
  const liveVersion = s.version;
  if (ctx.first) {
    if (!again) s.frameVersion.set(pinfo.num, s.version + 1);
  } else {
    const v = s.frameVersion.get(pinfo.num);
    if (v) s.version = v - 1;
  }

  setProtocol(shortName(s.version, "SSL"));
  // A second call in one frame (a PDU after a reassembled one) keeps what
  // the first wrote: Wireshark's TCP fenced it and col_clear stops there.
  if (ctx.cols && !again) pinfo.info = "";

  // proto_tree_add_item without text: tshark prints the abbreviation for it.
  tree.open(F[""], offset, end - offset, tree.wants(F[""]) ? "tls" : null);
  let o = offset;
  try {
    while (o < end) {
      let next: number;
      const v = s.version;
      if (v === SSLV2) {
        next = sslv2Record(o, offset);
      } else if (v === SSLV3 || v === TLS10 || v === TLS11 || v === TLS12 || v === TLCP) {
        if (end - o < 5) {
          if (pinfo.canDesegment) {
            pinfo.desegmentOffset = o - offset;
            pinfo.desegmentLen = -1;
            break;
          }
          break;
        }
        next = isV2ClientHello(o) ? sslv2Record(o, offset) : sslv3Record(o, offset);
      } else {
        if (end - o < 5) {
          if (pinfo.canDesegment) {
            pinfo.desegmentOffset = o - offset;
            pinfo.desegmentLen = -1;
          }
          break;
        }
        if (looksLikeSslv2(o)) next = sslv2Record(o, offset);
        else if (looksLikeSslv3(o)) next = sslv3Record(o, offset);
        else {
          infoSep("Continuation Data");
          next = end;
        }
      }
      if (next < 0) break;
      o = next;
    }
  } catch (e) {
    if (!(e instanceof Truncated)) throw e;
    malformed(pinfo, "TLS", o, "record runs past the end of the data");
  } finally {
    tree.close();
    if (!ctx.first) s.version = liveVersion;
  }
  return end - offset;
}

/** TLS on its ports (and whatever a STARTTLS hand-off gives it). */
export const tls = { name: "tls", dissect: dissectTls };

/**
 * Wireshark's "tls" heuristic on TCP (enabled by default): a handshake or
 * application-data record header with a known version and a sane length, or
 * an SSLv2-compatible Client Hello. Once it took a conversation, the rest of
 * that conversation is TLS (conversation_set_dissector_from_frame_number).
 */
export const tlsHeuristic = {
  name: "tls",
  dissect(data: Uint8Array, offset: number, end: number, pinfo: PacketInfo): number {
    const st = pinfo.state.get("tls", () => new TlsState());
    const known = st.byStream.get(sessionKey(pinfo));
    if (known && known.heuristicFrom !== 0 && pinfo.num >= known.heuristicFrom) return dissectTls(data, offset, end, pinfo);
    if (!looksLikeRecord(data, offset, end) && !looksLikeV2Hello(data, offset, end)) return 0;
    const s = getSession(pinfo);
    if (!pinfo.visited && s.heuristicFrom === 0) s.heuristicFrom = pinfo.num;
    return dissectTls(data, offset, end, pinfo);
  },
};

function looksLikeRecord(d: Uint8Array, o: number, end: number): boolean {
  if (end - o < 5) return false;
  const ct = d[o]!;
  if (ct !== 22 && ct !== 23) return false;
  const v = (d[o + 1]! << 8) | d[o + 2]!;
  if (v !== SSLV3 && v !== TLS10 && v !== TLS11 && v !== TLS12 && v !== TLCP) return false;
  const len = (d[o + 3]! << 8) | d[o + 4]!;
  return len !== 0 && len < 0x4000 + 2048;
}

function looksLikeV2Hello(d: Uint8Array, o: number, end: number): boolean {
  if (end - o < 46) return false;
  if (d[o] !== 0x80 || d[o + 2] !== 1) return false;
  const cs = (d[o + 5]! << 8) | d[o + 6]!;
  if (cs === 0 || cs % 3 !== 0) return false;
  const sid = (d[o + 7]! << 8) | d[o + 8]!;
  if (sid !== 0 && sid !== 16) return false;
  return ((d[o + 9]! << 8) | d[o + 10]!) === 32;
}

register("tcp.port", TLS_PORTS, tls);
registerHeuristic("tcp", tlsHeuristic);

// ---------------------------------------------------------------------------
// MD5 (RFC 1321), for the JA3/JA3S fingerprints Wireshark 4.0 adds.
// ---------------------------------------------------------------------------

const MD5_S = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];
const MD5_K = Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) >>> 0);

function md5Hex(text: string): string {
  const msg = new TextEncoder().encode(text);
  const n = ((msg.length + 8) >> 6) + 1;
  const words = new Uint32Array(n * 16);
  for (let i = 0; i < msg.length; i++) words[i >> 2]! |= msg[i]! << ((i & 3) * 8);
  words[msg.length >> 2]! |= 0x80 << ((msg.length & 3) * 8);
  words[n * 16 - 2] = (msg.length * 8) >>> 0;
  words[n * 16 - 1] = Math.floor((msg.length * 8) / 2 ** 32);
  let a0 = 0x67452301;
  let b0 = 0xefcdab89;
  let c0 = 0x98badcfe;
  let d0 = 0x10325476;
  for (let blk = 0; blk < n; blk++) {
    let a = a0;
    let b = b0;
    let c = c0;
    let d = d0;
    for (let i = 0; i < 64; i++) {
      let f: number;
      let g: number;
      if (i < 16) {
        f = (b & c) | (~b & d);
        g = i;
      } else if (i < 32) {
        f = (d & b) | (~d & c);
        g = (5 * i + 1) & 15;
      } else if (i < 48) {
        f = b ^ c ^ d;
        g = (3 * i + 5) & 15;
      } else {
        f = c ^ (b | ~d);
        g = (7 * i) & 15;
      }
      const tmp = d;
      d = c;
      c = b;
      const x = (a + f + MD5_K[i]! + words[blk * 16 + g]!) >>> 0;
      const sh = MD5_S[(i >> 4) * 4 + (i & 3)]!;
      b = (b + ((x << sh) | (x >>> (32 - sh)))) >>> 0;
      a = tmp;
    }
    a0 = (a0 + a) >>> 0;
    b0 = (b0 + b) >>> 0;
    c0 = (c0 + c) >>> 0;
    d0 = (d0 + d) >>> 0;
  }
  let out = "";
  for (const v of [a0, b0, c0, d0]) for (let i = 0; i < 4; i++) out += ((v >>> (8 * i)) & 0xff).toString(16).padStart(2, "0");
  return out;
}
