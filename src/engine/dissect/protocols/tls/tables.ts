/**
 * TLS value names (packet-tls-utils.c, Wireshark 4.0): groups, extension
 * types, signature algorithms, versions, alerts and the smaller tables, the
 * version constants, and which application a port or an ALPN name means.
 * Cipher suites are in `cipher-suites.ts`.
 */

/** tls.handshake.extensions_supported_group */
export const GROUPS: ReadonlyMap<number, string> = new Map<number, string>([
  [0x0001, "sect163k1"],
  [0x0002, "sect163r1"],
  [0x0003, "sect163r2"],
  [0x0004, "sect193r1"],
  [0x0005, "sect193r2"],
  [0x0006, "sect233k1"],
  [0x0007, "sect233r1"],
  [0x0008, "sect239k1"],
  [0x0009, "sect283k1"],
  [0x000a, "sect283r1"],
  [0x000b, "sect409k1"],
  [0x000c, "sect409r1"],
  [0x000d, "sect571k1"],
  [0x000e, "sect571r1"],
  [0x000f, "secp160k1"],
  [0x0010, "secp160r1"],
  [0x0011, "secp160r2"],
  [0x0012, "secp192k1"],
  [0x0013, "secp192r1"],
  [0x0014, "secp224k1"],
  [0x0015, "secp224r1"],
  [0x0016, "secp256k1"],
  [0x0017, "secp256r1"],
  [0x0018, "secp384r1"],
  [0x0019, "secp521r1"],
  [0x001a, "brainpoolP256r1"],
  [0x001b, "brainpoolP384r1"],
  [0x001c, "brainpoolP512r1"],
  [0x001d, "x25519"],
  [0x001e, "x448"],
  [0x0029, "curveSM2"],
  [0x0100, "ffdhe2048"],
  [0x0101, "ffdhe3072"],
  [0x0102, "ffdhe4096"],
  [0x0103, "ffdhe6144"],
  [0x0104, "ffdhe8192"],
  [0x0200, "frodo640aes"],
  [0x2f00, "p256_frodo640aes"],
  [0x0201, "frodo640shake"],
  [0x2f01, "p256_frodo640shake"],
  [0x0202, "frodo976aes"],
  [0x2f02, "p384_frodo976aes"],
  [0x0203, "frodo976shake"],
  [0x2f03, "p384_frodo976shake"],
  [0x0204, "frodo1344aes"],
  [0x2f04, "p521_frodo1344aes"],
  [0x0205, "frodo1344shake"],
  [0x2f05, "p521_frodo1344shake"],
  [0x023a, "kyber512"],
  [0x2f3a, "p256_kyber512"],
  [0x023c, "kyber768"],
  [0x2f3c, "p384_kyber768"],
  [0x023d, "kyber1024"],
  [0x2f3d, "p521_kyber1024"],
  [0x0214, "ntru_hps2048509"],
  [0x2f14, "p256_ntru_hps2048509"],
  [0x0215, "ntru_hps2048677"],
  [0x2f15, "p384_ntru_hps2048677"],
  [0x0216, "ntru_hps4096821"],
  [0x2f16, "p521_ntru_hps4096821"],
  [0x0245, "ntru_hps40961229"],
  [0x2f45, "p521_ntru_hps40961229"],
  [0x0217, "ntru_hrss701"],
  [0x2f17, "p384_ntru_hrss701"],
  [0x0246, "ntru_hrss1373"],
  [0x2f46, "p521_ntru_hrss1373"],
  [0x0218, "lightsaber"],
  [0x2f18, "p256_lightsaber"],
  [0x0219, "saber"],
  [0x2f19, "p384_saber"],
  [0x021a, "firesaber"],
  [0x2f1a, "p521_firesaber"],
  [0x021b, "sidhp434"],
  [0x2f1b, "p256_sidhp434"],
  [0x021c, "sidhp503"],
  [0x2f1c, "p256_sidhp503"],
  [0x021d, "sidhp610"],
  [0x2f1d, "p384_sidhp610"],
  [0x021e, "sidhp751"],
  [0x2f1e, "p521_sidhp751"],
  [0x021f, "sikep434"],
  [0x2f1f, "p256_sikep434"],
  [0x0220, "sikep503"],
  [0x2f20, "p256_sikep503"],
  [0x0221, "sikep610"],
  [0x2f21, "p384_sikep610"],
  [0x0222, "sikep751"],
  [0x2f22, "p521_sikep751"],
  [0x0238, "bikel1"],
  [0x2f38, "p256_bikel1"],
  [0x023b, "bikel3"],
  [0x2f3b, "p384_bikel3"],
  [0x023e, "kyber90s512"],
  [0x2f3e, "p256_kyber90s512"],
  [0x023f, "kyber90s768"],
  [0x2f3f, "p384_kyber90s768"],
  [0x0240, "kyber90s1024"],
  [0x2f40, "p521_kyber90s1024"],
  [0x022c, "hqc128"],
  [0x2f2c, "p256_hqc128"],
  [0x022d, "hqc192"],
  [0x2f2d, "p384_hqc192"],
  [0x022e, "hqc256"],
  [0x2f2e, "p521_hqc256"],
  [0x022f, "ntrulpr653"],
  [0x2f2f, "p256_ntrulpr653"],
  [0x0230, "ntrulpr761"],
  [0x2f43, "p256_ntrulpr761"],
  [0x0231, "ntrulpr857"],
  [0x2f31, "p384_ntrulpr857"],
  [0x0241, "ntrulpr1277"],
  [0x2f41, "p521_ntrulpr1277"],
  [0x0232, "sntrup653"],
  [0x2f32, "p256_sntrup653"],
  [0x0233, "sntrup761"],
  [0x2f44, "p256_sntrup761"],
  [0x0234, "sntrup857"],
  [0x2f34, "p384_sntrup857"],
  [0x0242, "sntrup1277"],
  [0x2f42, "p521_sntrup1277"],
  [0x0a0a, "Reserved (GREASE)"],
  [0x1a1a, "Reserved (GREASE)"],
  [0x2a2a, "Reserved (GREASE)"],
  [0x3a3a, "Reserved (GREASE)"],
  [0x4a4a, "Reserved (GREASE)"],
  [0x5a5a, "Reserved (GREASE)"],
  [0x6a6a, "Reserved (GREASE)"],
  [0x7a7a, "Reserved (GREASE)"],
  [0x8a8a, "Reserved (GREASE)"],
  [0x9a9a, "Reserved (GREASE)"],
  [0xaaaa, "Reserved (GREASE)"],
  [0xbaba, "Reserved (GREASE)"],
  [0xcaca, "Reserved (GREASE)"],
  [0xdada, "Reserved (GREASE)"],
  [0xeaea, "Reserved (GREASE)"],
  [0xfafa, "Reserved (GREASE)"],
  [0xff01, "arbitrary_explicit_prime_curves"],
  [0xff02, "arbitrary_explicit_char2_curves"],
]);

/** tls.handshake.extension.type */
export const EXT_TYPES: ReadonlyMap<number, string> = new Map<number, string>([
  [0x0000, "server_name"],
  [0x0001, "max_fragment_length"],
  [0x0002, "client_certificate_url"],
  [0x0003, "trusted_ca_keys"],
  [0x0004, "truncated_hmac"],
  [0x0005, "status_request"],
  [0x0006, "user_mapping"],
  [0x0007, "client_authz"],
  [0x0008, "server_authz"],
  [0x0009, "cert_type"],
  [0x000a, "supported_groups"],
  [0x000b, "ec_point_formats"],
  [0x000c, "srp"],
  [0x000d, "signature_algorithms"],
  [0x000e, "use_srtp"],
  [0x000f, "heartbeat"],
  [0x0010, "application_layer_protocol_negotiation"],
  [0x0011, "status_request_v2"],
  [0x0012, "signed_certificate_timestamp"],
  [0x0013, "client_certificate_type"],
  [0x0014, "server_certificate_type"],
  [0x0015, "padding"],
  [0x0016, "encrypt_then_mac"],
  [0x0017, "extended_master_secret"],
  [0x0018, "token_binding"],
  [0x0019, "cached_info"],
  [0x001b, "compress_certificate"],
  [0x001c, "record_size_limit"],
  [0x0022, "delegated_credentials"],
  [0x0023, "session_ticket"],
  [0x0028, "Reserved (key_share)"],
  [0x0029, "pre_shared_key"],
  [0x002a, "early_data"],
  [0x002b, "supported_versions"],
  [0x002c, "cookie"],
  [0x002d, "psk_key_exchange_modes"],
  [0x002e, "Reserved (ticket_early_data_info)"],
  [0x002f, "certificate_authorities"],
  [0x0030, "oid_filters"],
  [0x0031, "post_handshake_auth"],
  [0x0032, "signature_algorithms_cert"],
  [0x0033, "key_share"],
  [0x0034, "transparency_info"],
  [0x0035, "connection_id (deprecated)"],
  [0x0036, "connection_id"],
  [0x0037, "external_id_hash"],
  [0x0038, "external_session_id"],
  [0x0039, "quic_transport_parameters"],
  [0x003a, "ticket_request"],
  [0x003b, "dnssec_chain"],
  [0x0a0a, "Reserved (GREASE)"],
  [0x1a1a, "Reserved (GREASE)"],
  [0x2a2a, "Reserved (GREASE)"],
  [0x3374, "next_protocol_negotiation"],
  [0x3a3a, "Reserved (GREASE)"],
  [0x4469, "application_settings"],
  [0x4a4a, "Reserved (GREASE)"],
  [0x5a5a, "Reserved (GREASE)"],
  [0x6a6a, "Reserved (GREASE)"],
  [0x754f, "channel_id_old"],
  [0x7550, "channel_id"],
  [0xff01, "renegotiation_info"],
  [0x7a7a, "Reserved (GREASE)"],
  [0x8a8a, "Reserved (GREASE)"],
  [0x9a9a, "Reserved (GREASE)"],
  [0xaaaa, "Reserved (GREASE)"],
  [0xbaba, "Reserved (GREASE)"],
  [0xcaca, "Reserved (GREASE)"],
  [0xdada, "Reserved (GREASE)"],
  [0xeaea, "Reserved (GREASE)"],
  [0xfafa, "Reserved (GREASE)"],
  [0xffa5, "quic_transport_parameters (drafts version)"],
  [0xffce, "encrypted_server_name"],
]);

/** tls.handshake.sig_hash_alg */
export const SIG_ALGS: ReadonlyMap<number, string> = new Map<number, string>([
  [0x0201, "rsa_pkcs1_sha1"],
  [0x0203, "ecdsa_sha1"],
  [0x0401, "rsa_pkcs1_sha256"],
  [0x0403, "ecdsa_secp256r1_sha256"],
  [0x0501, "rsa_pkcs1_sha384"],
  [0x0503, "ecdsa_secp384r1_sha384"],
  [0x0601, "rsa_pkcs1_sha512"],
  [0x0603, "ecdsa_secp521r1_sha512"],
  [0x0708, "sm2sig_sm3"],
  [0x0804, "rsa_pss_rsae_sha256"],
  [0x0805, "rsa_pss_rsae_sha384"],
  [0x0806, "rsa_pss_rsae_sha512"],
  [0x0807, "ed25519"],
  [0x0808, "ed448"],
  [0x0809, "rsa_pss_pss_sha256"],
  [0x080a, "rsa_pss_pss_sha384"],
  [0x080b, "rsa_pss_pss_sha512"],
  [0xfea0, "dilithium2"],
  [0xfea1, "p256_dilithium2"],
  [0xfea2, "rsa3072_dilithium2"],
  [0xfea3, "dilithium3"],
  [0xfea4, "p384_dilithium3"],
  [0xfea5, "dilithium5"],
  [0xfea6, "p521_dilithium5"],
  [0xfea7, "dilithium2_aes"],
  [0xfea8, "p256_dilithium2_aes"],
  [0xfea9, "rsa3072_dilithium2_aes"],
  [0xfeaa, "dilithium3_aes"],
  [0xfeab, "p384_dilithium3_aes"],
  [0xfeac, "dilithium5_aes"],
  [0xfead, "p521_dilithium5_aes"],
  [0xfe0b, "falcon512"],
  [0xfe0c, "p256_falcon512"],
  [0xfe0d, "rsa3072_falcon512"],
  [0xfe0e, "falcon1024"],
  [0xfe0f, "p521_falcon1024"],
  [0xfe96, "picnicl1full"],
  [0xfe97, "p256_picnicl1full"],
  [0xfe98, "rsa3072_picnicl1full"],
  [0xfe1b, "picnic3l1"],
  [0xfe1c, "p256_picnic3l1"],
  [0xfe1d, "rsa3072_picnic3l1"],
  [0xfe27, "rainbowIclassic"],
  [0xfe28, "p256_rainbowIclassic"],
  [0xfe29, "rsa3072_rainbowIclassic"],
  [0xfe3c, "rainbowVclassic"],
  [0xfe3d, "p521_rainbowVclassic"],
  [0xfe42, "sphincsharaka128frobust"],
  [0xfe43, "p256_sphincsharaka128frobust"],
  [0xfe44, "rsa3072_sphincsharaka128frobust"],
  [0xfe5e, "sphincssha256128frobust"],
  [0xfe5f, "p256_sphincssha256128frobust"],
  [0xfe60, "rsa3072_sphincssha256128frobust"],
  [0xfe7a, "sphincsshake256128frobust"],
  [0xfe7b, "p256_sphincsshake256128frobust"],
  [0xfe7c, "rsa3072_sphincsshake256128frobust"],
]);

/** tls.record.version */
export const VERSIONS: ReadonlyMap<number, string> = new Map<number, string>([
  [0x0002, "SSL 2.0"],
  [0x0300, "SSL 3.0"],
  [0x0301, "TLS 1.0"],
  [0x0101, "GMTLS"],
  [0x0302, "TLS 1.1"],
  [0x0303, "TLS 1.2"],
  [0x0304, "TLS 1.3"],
  [0x7f0e, "TLS 1.3 (draft 14)"],
  [0x7f0f, "TLS 1.3 (draft 15)"],
  [0x7f10, "TLS 1.3 (draft 16)"],
  [0x7f11, "TLS 1.3 (draft 17)"],
  [0x7f12, "TLS 1.3 (draft 18)"],
  [0x7f13, "TLS 1.3 (draft 19)"],
  [0x7f14, "TLS 1.3 (draft 20)"],
  [0x7f15, "TLS 1.3 (draft 21)"],
  [0x7f16, "TLS 1.3 (draft 22)"],
  [0x7f17, "TLS 1.3 (draft 23)"],
  [0x7f18, "TLS 1.3 (draft 24)"],
  [0x7f19, "TLS 1.3 (draft 25)"],
  [0x7f1a, "TLS 1.3 (draft 26)"],
  [0x7f1b, "TLS 1.3 (draft 27)"],
  [0x7f1c, "TLS 1.3 (draft 28)"],
  [0xfb17, "TLS 1.3 (Facebook draft 23)"],
  [0xfb1a, "TLS 1.3 (Facebook draft 26)"],
  [0x0100, "DTLS 1.0 (OpenSSL pre 0.9.8f)"],
  [0xfeff, "DTLS 1.0"],
  [0xfefd, "DTLS 1.2"],
  [0x0a0a, "Reserved (GREASE)"],
  [0x1a1a, "Reserved (GREASE)"],
  [0x2a2a, "Reserved (GREASE)"],
  [0x3a3a, "Reserved (GREASE)"],
  [0x4a4a, "Reserved (GREASE)"],
  [0x5a5a, "Reserved (GREASE)"],
  [0x6a6a, "Reserved (GREASE)"],
  [0x7a7a, "Reserved (GREASE)"],
  [0x8a8a, "Reserved (GREASE)"],
  [0x9a9a, "Reserved (GREASE)"],
  [0xaaaa, "Reserved (GREASE)"],
  [0xbaba, "Reserved (GREASE)"],
  [0xcaca, "Reserved (GREASE)"],
  [0xdada, "Reserved (GREASE)"],
  [0xeaea, "Reserved (GREASE)"],
  [0xfafa, "Reserved (GREASE)"],
]);

/** tls.alert_message.desc */
export const ALERT_DESC: ReadonlyMap<number, string> = new Map<number, string>([
  [0x00, "Close Notify"],
  [0x01, "End of Early Data"],
  [0x0a, "Unexpected Message"],
  [0x14, "Bad Record MAC"],
  [0x15, "Decryption Failed"],
  [0x16, "Record Overflow"],
  [0x1e, "Decompression Failure"],
  [0x28, "Handshake Failure"],
  [0x29, "No Certificate"],
  [0x2a, "Bad Certificate"],
  [0x2b, "Unsupported Certificate"],
  [0x2c, "Certificate Revoked"],
  [0x2d, "Certificate Expired"],
  [0x2e, "Certificate Unknown"],
  [0x2f, "Illegal Parameter"],
  [0x30, "Unknown CA"],
  [0x31, "Access Denied"],
  [0x32, "Decode Error"],
  [0x33, "Decrypt Error"],
  [0x3c, "Export Restriction"],
  [0x46, "Protocol Version"],
  [0x47, "Insufficient Security"],
  [0x50, "Internal Error"],
  [0x56, "Inappropriate Fallback"],
  [0x5a, "User Canceled"],
  [0x64, "No Renegotiation"],
  [0x6d, "Missing Extension"],
  [0x6e, "Unsupported Extension"],
  [0x6f, "Certificate Unobtainable"],
  [0x70, "Unrecognized Name"],
  [0x71, "Bad Certificate Status Response"],
  [0x72, "Bad Certificate Hash Value"],
  [0x73, "Unknown PSK Identity"],
  [0x74, "Certificate Required"],
  [0x78, "No application Protocol"],
  [0x79, "ECH Required"],
]);

/** tls.handshake.sig_hash_hash */
export const SIG_HASH: ReadonlyMap<number, string> = new Map<number, string>([
  [0x00, "None"],
  [0x01, "MD5"],
  [0x02, "SHA1"],
  [0x03, "SHA224"],
  [0x04, "SHA256"],
  [0x05, "SHA384"],
  [0x06, "SHA512"],
  [0x07, "SM3"],
]);

/** tls.handshake.sig_hash_sig */
export const SIG_SIG: ReadonlyMap<number, string> = new Map<number, string>([[0x00, "Anonymous"], [0x01, "RSA"], [0x02, "DSA"], [0x03, "ECDSA"], [0x04, "SM2"]]);

/** tls.handshake.extensions_ec_point_format */
export const EC_POINT_FORMATS: ReadonlyMap<number, string> = new Map<number, string>([[0x00, "uncompressed"], [0x01, "ansiX962_compressed_prime"], [0x02, "ansiX962_compressed_char2"]]);

/** tls.extension.psk_ke_mode */
export const PSK_KE_MODES: ReadonlyMap<number, string> = new Map<number, string>([[0x00, "PSK-only key establishment (psk_ke)"], [0x01, "PSK with (EC)DHE key establishment (psk_dhe_ke)"]]);

/** tls.handshake.server_curve_type */
export const CURVE_TYPES: ReadonlyMap<number, string> = new Map<number, string>([[0x01, "explicit_prime"], [0x02, "explicit_char2"], [0x03, "named_curve"]]);

/** tls.handshake.extensions_status_request_type */
export const STATUS_TYPES: ReadonlyMap<number, string> = new Map<number, string>([[0x01, "OCSP"], [0x02, "OCSP Multi"]]);

/** tls.handshake.cert_type */
export const CERT_TYPES: ReadonlyMap<number, string> = new Map<number, string>([
  [0x00, "N/A"],
  [0x01, "X.509 Certificate"],
  [0x02, "DSS Sign"],
  [0x03, "RSA Fixed DH"],
  [0x04, "DSS Fixed DH"],
  [0x15, "GOST R 34.10-94"],
  [0x16, "GOST R 34.10-2001"],
  [0x40, "ECDSA Sign"],
  [0x41, "RSA Fixed ECDH"],
  [0x42, "ECDSA Fixed ECDH"],
  [0x50, "IBC Params"],
]);

/** tls.heartbeat_message.type */
export const HEARTBEAT_TYPES: ReadonlyMap<number, string> = new Map<number, string>([[0x01, "Request"], [0x02, "Response"]]);

/** tls.handshake.key_update.request_update */
export const KEY_UPDATE: ReadonlyMap<number, string> = new Map<number, string>([[0x00, "update_not_requested"], [0x01, "update_requested"]]);

/** tls.handshake.max_fragment_length */
export const MAX_FRAG: ReadonlyMap<number, string> = new Map<number, string>([[0x01, "512"], [0x02, "1024"], [0x03, "2048"], [0x04, "4096"]]);

/** tls.compress_certificate.algorithm */
export const CERT_COMPRESSION: ReadonlyMap<number, string> = new Map<number, string>([[0x01, "zlib"], [0x02, "brotli"], [0x03, "zstd"]]);

/** tls.handshake.extension.heartbeat.mode */
export const HEARTBEAT_MODES: ReadonlyMap<number, string> = new Map<number, string>([[0x01, "Peer allowed to send requests"], [0x02, "Peer not allowed to send requests"]]);

export const SSLV2 = 0x0002;

export const SSLV3 = 0x0300;

export const TLS10 = 0x0301;

export const TLS11 = 0x0302;

export const TLS12 = 0x0303;

export const TLS13 = 0x0304;

export const TLCP = 0x0101;

/** ssl_version_short_names: the Protocol column. */
export const SHORT_NAMES = new Map<number, string>([
  [SSLV2, "SSLv2"], [SSLV3, "SSLv3"], [TLS10, "TLSv1"], [TLS11, "TLSv1.1"], [TLS12, "TLSv1.2"], [TLS13, "TLSv1.3"],
  [0xfeff, "DTLSv1.0"], [0xfefd, "DTLSv1.2"], [0x0100, "DTLS 1.0 (OpenSSL pre 0.9.8f)"],
]);

export const CONTENT_TYPES = new Map<number, string>([[20, "Change Cipher Spec"], [21, "Alert"], [22, "Handshake"], [23, "Application Data"], [24, "Heartbeat"], [25, "Connection ID"]]);

export const HS_TYPES = new Map<number, string>([
  [0, "Hello Request"], [1, "Client Hello"], [2, "Server Hello"], [3, "Hello Verify Request"], [4, "New Session Ticket"],
  [5, "End of Early Data"], [6, "Hello Retry Request"], [8, "Encrypted Extensions"], [11, "Certificate"],
  [12, "Server Key Exchange"], [13, "Certificate Request"], [14, "Server Hello Done"], [15, "Certificate Verify"],
  [16, "Client Key Exchange"], [20, "Finished"], [21, "Client Certificate URL"], [22, "Certificate Status"],
  [23, "Supplemental Data"], [24, "Key Update"], [25, "Compressed Certificate"], [67, "Encrypted Extensions"],
]);

export const SSL2_MSG_TYPES = new Map<number, string>([
  [0, "Error"], [1, "Client Hello"], [2, "Client Master Key"], [3, "Client Finished"], [4, "Server Hello"],
  [5, "Server Verify"], [6, "Server Finished"], [7, "Request Certificate"], [8, "Client Certificate"],
]);

export const ALERT_LEVELS = new Map<number, string>([[1, "Warning"], [2, "Fatal"]]);

export const COMP_METHODS = new Map<number, string>([[0, "null"], [1, "DEFLATE"], [64, "LZS"]]);

export const SNI_TYPES = new Map<number, string>([[0, "host_name"]]);

/** Long names of the application protocols tls.app_data_proto can show. */
export const APP_NAMES: Record<string, string> = {
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
export const PORT_APPS = new Map<number, string>([
  [443, "http"], [853, "dns"], [993, "imap"], [995, "pop"], [465, "smtp"], [636, "ldap"], [3269, "ldap"], [5061, "sip"], [8883, "mqtt"],
]);

/**
 * Protocols that switch a TCP connection to TLS themselves (STARTTLS, MySQL's
 * and PostgreSQL's SSL requests) and then name themselves as the session's
 * application protocol (ssl_starttls_ack). pcapscope has no dissector for most
 * of them, so when the TLS heuristic picks up a connection on one of their
 * ports, their name stands in for the hand-off they would have made.
 */
export const STARTTLS_PORT_APPS = new Map<number, string>([
  [21, "ftp"], [25, "smtp"], [110, "pop"], [143, "imap"], [389, "ldap"], [587, "smtp"], [3306, "mysql"], [5222, "xmpp"], [5432, "pgsql"],
]);

/** ALPN protocol IDs (RFC 7301) Wireshark maps to a dissector, longest prefix first. */
export const ALPN_APPS: [string, string][] = [["http/1.1", "http"], ["h2c", "http2"], ["h2", "http2"], ["spdy/", "spdy"]];

/** TCP ports Wireshark 4.0 hands to TLS (tshark -G decodes, tcp.port → tls). */
export const TLS_PORTS = [324, 443, 465, 636, 802, 853, 993, 995, 1300, 2221, 2443, 3249, 3250, 3251, 3252, 3496, 5061, 5671, 5684, 5868, 8883, 11207, 19999, 27017];

export const HEARTBEAT_NAMES = new Map<number, string>([[1, "Request"], [2, "Response"]]);

/** SHA-256("HelloRetryRequest"), the Random of a HelloRetryRequest (RFC 8446 §4.1.3). */
export const HRR_RANDOM = [
  0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11, 0xbe, 0x1d, 0x8c, 0x02, 0x1e, 0x65, 0xb8, 0x91,
  0xc2, 0xa2, 0x11, 0x16, 0x7a, 0xbb, 0x8c, 0x5e, 0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c,
];
