/**
 * Every protocol module, imported once for its side effect of registering its
 * fields and its dissector-table entries. Add a line here for a new protocol.
 */
import "./protocols/eth";
