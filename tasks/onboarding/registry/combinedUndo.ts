import type { AwsSideUndo } from './undoAwsSide';

/** Several AWS-side undos as one: their kinds in the order given (earlier undos' kinds first), each entry to its own. */
export function combinedAwsSideUndo(...undos: readonly AwsSideUndo[]): AwsSideUndo {
  const undoOf = (kind: string) => {
    const undo = undos.find((u) => u.order.includes(kind as never));
    if (!undo) throw new Error(`no AWS-side undo for ${kind}`);
    return undo;
  };
  return {
    order: undos.flatMap((u) => u.order),
    undo: (entry, owner, context) => undoOf(entry.kind).undo(entry, owner, context),
    identityOf: (entry) => undoOf(entry.kind).identityOf?.(entry),
  };
}
