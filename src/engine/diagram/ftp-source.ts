/**
 * Where the diagrams get the FTP forensics model of a capture: the FTP
 * analysis (../ftp), computed once per source and shared with the FTP views
 * (Sessions, Files, Credentials) through `ftpReportOf`.
 */
import { ftpReportOf } from "../ftp/service";
import type { FtpAnalysis } from "../ftp/types";
import type { ByteSource } from "../io/byte-source";

export async function ftpAnalysisOf(source: ByteSource): Promise<FtpAnalysis> {
  return (await ftpReportOf(source)).analysis;
}
