import { describe, expect, it } from "vitest";
import { Hashes } from "../engine/ftp/content";
import { nativeDigests } from "./native-digests";

describe("nativeDigests", () => {
  it("gives the engine's digests, fed in pieces of any size, the empty input included", async () => {
    const bytes = new Uint8Array(300_000).map((_, i) => (i * 7919) >> 3);
    for (const cuts of [[], [1], [1448, 2896, 65536], [299_999]]) {
      const native = await nativeDigests();
      const wasm = await Hashes.create();
      let at = 0;
      for (const end of [...cuts, bytes.length]) {
        native.update(bytes.subarray(at, end));
        wasm.update(bytes.subarray(at, end));
        at = end;
      }
      expect(native.digest()).toEqual(wasm.digest());
    }
    const empty = await nativeDigests();
    expect(empty.digest()).toEqual({ md5: "d41d8cd98f00b204e9800998ecf8427e", sha256: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" });
  });
});
