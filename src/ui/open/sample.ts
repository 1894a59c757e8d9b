/**
 * The sample capture: an FTP session the project recorded itself (see
 * fixtures/ and scripts/record-fixtures.sh), served from public/samples/ on
 * this origin.
 */
export const SAMPLE_FILE = "ftp-active-tnftp-vsftpd-ls-get.pcap";

export async function fetchSample(): Promise<File> {
  const response = await fetch(`${import.meta.env.BASE_URL}samples/${SAMPLE_FILE}`);
  if (!response.ok) throw new Error(`The sample capture could not be loaded (HTTP ${response.status})`);
  const blob = await response.blob();
  return new File([blob], SAMPLE_FILE, { type: "application/vnd.tcpdump.pcap" });
}
