/**
 * Offers a Blob as a download: an object URL on a temporary link, revoked
 * `keepUrlMs` later (long enough for the browser to start reading it).
 */
export function download(blob: Blob, fileName: string, keepUrlMs = 10_000): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  a.rel = "noopener";
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), keepUrlMs);
}
