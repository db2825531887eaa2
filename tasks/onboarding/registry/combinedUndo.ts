import type { AwsSideUndo } from './undoAwsSide';

/** Several AWS-side undos as one: their kinds in the order given (earlier undos' kinds first), each entry to its own. */
export function combinedAwsSideUndo(...undos: readonly AwsSideUndo[]): AwsSideUndo {
  return {
    order: undos.flatMap((u) => u.order),
    undo: (entry, owner) => {
      const undo = undos.find((u) => u.order.includes(entry.kind));
      if (!undo) throw new Error(`no AWS-side undo for ${entry.kind}`);
      return undo.undo(entry, owner);
    },
  };
}
