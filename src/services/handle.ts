import type { InputOf, KindOf, MethodName } from '../api/spec';
import type { Session } from '../api/session';
import type { Call } from './context';

/** The Call a method's handler receives: its input typed from the spec's schema, its tx from the spec's kind. */
export type CallOf<M extends MethodName> = Call<InputOf<M>, KindOf<M>>;

/** How one spec method is done: the use case, and (sign-in / sign-out) the session its answer leaves. */
export interface Handler<M extends MethodName, O> {
  readonly method: M;
  run(call: CallOf<M>): Promise<O>;
  /** undefined = the session is unchanged */
  session?: (output: O) => Session | null;
}

/**
 * Implements the spec's method `name`. The name is given again (beside the map's key) so the handler's
 * Call is typed from that method's spec, and src/services/handlers.ts checks key and name agree.
 */
export function handle<M extends MethodName, O>(
  method: M,
  h: { run(call: CallOf<M>): Promise<O>; session?: (output: O) => Session | null },
): Handler<M, O> {
  return { method, ...h };
}

export type OutputOf<H> = H extends { run(call: never): Promise<infer O> } ? O : never;
