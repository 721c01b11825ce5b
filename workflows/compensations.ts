/**
 * A saga's undo list. A compensation is registered before the step it undoes runs, because a
 * step that timed out may still have happened; every compensation must therefore be idempotent
 * (and harmless when its step never ran). Deterministic workflow code.
 */
export interface Compensations {
  add(name: string, undo: () => Promise<void>): void;
  /** Runs every registered compensation once, newest first. */
  run(): Promise<void>;
  /** Forgets them: the steps they undo are now final (e.g. the hold was settled). */
  clear(): void;
}

export function createCompensations(): Compensations {
  let pending: Array<{ name: string; undo: () => Promise<void> }> = [];
  return {
    add(name, undo) {
      pending.push({ name, undo });
    },
    async run() {
      const steps = pending.reverse();
      pending = [];
      for (const step of steps) await step.undo();
    },
    clear() {
      pending = [];
    },
  };
}
