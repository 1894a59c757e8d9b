/** SMTP (RFC 5321) on TCP ports 25 and 587, with the message handed to IMF. */
export { smtp } from "./smtp";
export { smtpFields } from "./fields";
