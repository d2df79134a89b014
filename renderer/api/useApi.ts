/**
 * useApi — how a screen shows an API read. Instead of useEffect + api.call + its own loading, error and
 * stale-reply state:
 *
 *   const { data, error, loading, reload } = useApi('followUp.today', {}, { areas: ['followUps', 'registrations'] });
 *
 * - Typed from the contract like api.call: `data` is the method's output (undefined until the first answer).
 * - `input` is compared by value (sorted-key JSON): a new object literal each render reads nothing again.
 * - `areas` (say them at every call site: what the screen shows comes from there): a pushed change naming
 *   one of them re-reads, as a background call that does not extend the session. So does a reconnection
 *   of the push stream (it may have missed changes). No areas: only the first read and `reload()`.
 * - `reload()` after the screen's own change (a form saved), a person's read. A reply to an input since
 *   changed, or older than the newest request, is never shown; while a read is out, any number of reasons
 *   to read again become one more read.
 * - `enabled: false` reads nothing (e.g. until a field is complete); `background: true` marks every read as
 *   background (a display nobody operates); `fallbackPollMs` reads again that long after each answer while
 *   the push stream is not open (the lobby board, which may have no session for a stream; the shell's roster).
 * - `keepPrevious: true`: when the input changes, the previous input's answer stays shown, with `loading`,
 *   until the new one's arrives (a filtered list that should not blank at each choice: the audit log).
 * - `seq`: the request number of what is shown, from the sequence shared with change answers (api/query).
 *
 * The machine itself (and its tests) is api/query.ts; the push subscription is api/changes.ts.
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import { api, type ApiErrorBody, type Input, type MethodName, type Output } from './client';
import { type Area, changes, type PushState } from './changes';
import { createQuery, type QueryDeps, shownFor } from './query';

export interface UseApiOptions {
  areas?: readonly Area[];
  enabled?: boolean;
  background?: boolean;
  fallbackPollMs?: number;
  keepPrevious?: boolean;
  /** false: no re-read when the push stream reopens (see QueryConfig.resync: audited reads) */
  resync?: boolean;
  /** true: other sites' changes re-read it too (see QueryConfig.everySite: the group screen) */
  everySite?: boolean;
}

export interface ApiRead<T> {
  data: T | undefined;
  error: ApiErrorBody | null;
  loading: boolean;
  seq: number;
  failures: number;
  /** settles once an answer to a read sent after the call is in (see api/query reload) */
  reload(): Promise<void>;
}

const deps: QueryDeps = {
  call: (method, input, options) => api.call(method as MethodName, input as never, options),
  changes,
  visible: () => typeof document === 'undefined' || document.visibilityState === 'visible',
};

export function useApi<M extends MethodName>(method: M, input: Input<M>, options: UseApiOptions = {}): ApiRead<Output<M>> {
  const [query] = useState(() => createQuery<Output<M>>(deps));
  const state = useSyncExternalStore(query.subscribe, query.getState);
  const {
    areas = [],
    enabled = true,
    background = false,
    fallbackPollMs,
    keepPrevious = false,
    resync = true,
    everySite = false,
  } = options;
  const key = query.keyOf({ method, input, enabled });
  const areasKey = areas.join(',');

  useEffect(() => {
    query.configure({ method, input, areas, enabled, background, fallbackPollMs, keepPrevious, resync, everySite });
    // input and areas are compared by value, through key and areasKey
  }, [query, key, areasKey, background, fallbackPollMs, keepPrevious, resync, everySite]);
  useEffect(() => () => query.stop(), [query]);

  const shown = shownFor(state, query.currentKey(), key, { enabled, keepPrevious });
  return { ...shown, reload: query.reload };
}

/** This window's push stream state (api/changes), for a notice or a data- attribute. */
export const usePushState = (): PushState => useSyncExternalStore(changes.onState, changes.state);
