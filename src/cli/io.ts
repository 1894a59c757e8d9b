/** Where the CLI writes: the process's streams, or a test's strings. */
export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** Standard output as UTF-8 bytes, when the sink takes them (else text goes to `stdout`). */
  stdoutBytes?: (b: Uint8Array) => void;
}
