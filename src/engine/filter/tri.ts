/**
 * A filter in three-valued logic, for readers that cannot answer every field
 * (the packet index: src/engine/session/index-fields.ts).
 */
import type { Expr } from "./ast";
import { isTest } from "./ast";
import { compileExpr, FIELD_UNKNOWN, type CompileContext, type PacketFields } from "./compile";

/** 1 true, 0 false, 2 unknown (a field the PacketFields could not read). */
export type Tri = 0 | 1 | 2;
export type TriPredicate = (p: PacketFields) => Tri;

/**
 * The filter in three-valued logic (Kleene's): a test whose fields cannot be
 * read is unknown, and "and"/"or"/"not" decide what they can without it
 * (false and unknown is false). For the packet index's first look at a row.
 */
export function compileTri(ctx: CompileContext, e: Expr): TriPredicate {
  if (isTest(e)) {
    switch (e.kind) {
      case "and": {
        const a = compileTri(ctx, e.left);
        const b = compileTri(ctx, e.right);
        return (p) => {
          const x = a(p);
          if (x === 0) return 0;
          const y = b(p);
          return y === 0 ? 0 : x === 1 && y === 1 ? 1 : 2;
        };
      }
      case "or": {
        const a = compileTri(ctx, e.left);
        const b = compileTri(ctx, e.right);
        return (p) => {
          const x = a(p);
          if (x === 1) return 1;
          const y = b(p);
          return y === 1 ? 1 : x === 0 && y === 0 ? 0 : 2;
        };
      }
      case "not": {
        const a = compileTri(ctx, e.arg);
        return (p) => {
          const x = a(p);
          return x === 2 ? 2 : x === 1 ? 0 : 1;
        };
      }
    }
  }
  const leaf = compileExpr(ctx, e);
  return (p) => {
    try {
      return leaf(p) ? 1 : 0;
    } catch (err) {
      if (err === FIELD_UNKNOWN) return 2;
      throw err;
    }
  };
}
