/**
 * The FTP report's digest pairs from Node's crypto (OpenSSL): the CLI hashes
 * every transferred byte it exports, and OpenSSL's MD5 and SHA-256 (SHA
 * instructions where the CPU has them) run 2-3 times faster than the
 * WebAssembly ones the engine uses everywhere else. Same digests, tested
 * against the engine's default in native-digests.test.ts.
 */
import { createHash } from "node:crypto";
import type { DigestPair, DigestPairFactory } from "../engine/ftp/content";

class NativeDigestPair implements DigestPair {
  private readonly md5 = createHash("md5");
  private readonly sha256 = createHash("sha256");

  update(b: Uint8Array): void {
    if (b.length === 0) return;
    this.md5.update(b);
    this.sha256.update(b);
  }

  digest(): { md5: string; sha256: string } {
    return { md5: this.md5.digest("hex"), sha256: this.sha256.digest("hex") };
  }
}

export const nativeDigests: DigestPairFactory = () => Promise.resolve(new NativeDigestPair());
