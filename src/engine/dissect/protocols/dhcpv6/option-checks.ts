/** Checks every option decoder makes (RFC 8415 §21: an option of the wrong length is malformed). */
import type { FieldDef } from "../../field";
import type { Ctx } from "./context";
import { dhcpv6Fields as F } from "./fields";

/** A malformed-option note on the option whose data starts at `off`. */
export function badOption(c: Ctx, off: number, len: number, message: string): void {
  c.expert(F.malformed_option, off - 4, len + 4, "error", message);
}

/** A fixed-size integer option; any other length is malformed. */
export function fixed(c: Ctx, f: FieldDef, off: number, len: number, size: 1 | 2 | 4, what: string): void {
  if (len !== size) badOption(c, off, len, what);
  else c.uint(f, off, size);
}
