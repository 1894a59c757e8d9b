/** IMAP (RFC 3501) on TCP port 143, with fetched messages handed to IMF. */
export { imap, imapFields } from "./imap";
