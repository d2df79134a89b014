/**
 * dispatch lives in src/services, beside the handlers it runs: it needs the spec (src/api/spec), the handlers
 * and the services' common helpers (actor, policy, audit), and src/api must not import src/services.
 */
import type { Kysely } from 'kysely';
import { AppError, type ApiResult, errorBody, refuse } from '../api/errors';
import type { ActingPerson, DispatchOutcome, Session } from '../api/session';
import { issueFact } from '../api/issues';
import { isMethodName, spec } from '../api/spec';
import type { MethodSpec } from '../api/spec/define';
import type { Database } from '../db/schema';
import { inTransaction } from '../db/transaction';
import type { Clock } from '../domain/clock';
import { audit, loadActor, policyAt, sessionEpoch } from './common';
import { type Call, type Host, hasRole } from './context';
import { handlers } from './handlers';
import { checkPin } from './staff';
import { officeDay } from '../domain/time';

/** A handler with its types erased: dispatch checks the input against the same spec those types come from. */
type AnyHandler = { run(call: Call<unknown>): Promise<unknown>; session?: (output: unknown) => Session | null };

export interface DispatchContext {
  db: Kysely<Database>;
  clock: Clock;
  host: Host;
}

/** The audit log keeps what was asked, never a secret: PINs are replaced before the row is written. */
function redacted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redacted);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, /pin$/i.test(k) ? '******' : redacted(v)]));
  }
  return value;
}

/** What the disk or SQLite said, told so a person at the desk knows what happened: nothing was saved. */
export function storageError(e: unknown): AppError | null {
  const code = String((e as { code?: unknown })?.code ?? '');
  if (code.startsWith('SQLITE_FULL')) return refuse('storage_full');
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return refuse('storage_busy');
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN')) return refuse('storage_readonly');
  if (code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_NOTADB')) return refuse('storage_corrupt');
  if (code.startsWith('SQLITE_IOERR')) return refuse('storage_io');
  // Services check what they refer to first (naming it); this is the net under a check that was missed.
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return refuse('reference_missing');
  return null;
}

/**
 * What a call from the desk station runs as: the front desk's view (a method the spec lets the station ask by
 * itself), the person who gave their PIN for it, or the public (sign-in, the picker); anything else is refused
 * until a person names themselves. A station opened on another day has closed.
 */
async function openerEnded(tx: Kysely<Database>, session: Session): Promise<boolean> {
  const opener = await loadActor(tx, session.staffId);
  return !opener || (session.epoch ?? 0) !== (await sessionEpoch(tx, opener.id));
}

function stationRule(def: MethodSpec, name: string, acting: ActingPerson | undefined): 'front_desk' | 'person' {
  if (acting) return 'person';
  if (def.roles === 'public' || def.station) return 'front_desk';
  throw refuse('acting_person_required', { method: name });
}

/**
 * The single door into the services: unknown method → not_found; bad input → validation; wrong role →
 * permission; then one transaction (writes under BEGIN IMMEDIATE, audited in the same transaction).
 * Any refusal rolls the transaction back, so a refused call changes nothing.
 */
export async function dispatch(
  ctx: DispatchContext,
  given: Session | null,
  name: string,
  input: unknown,
  acting?: ActingPerson,
): Promise<DispatchOutcome> {
  let session = given;
  let ended = false;
  const drop = () => (ended ? { session: null } : {});
  try {
    if (!isMethodName(name)) throw refuse('unknown_method', { method: String(name).slice(0, 60) });
    const def: MethodSpec = spec[name];
    if (acting && !session?.station) throw refuse('acting_needs_station');
    if (acting && !spec['session.signIn'].input.safeParse(acting).success) throw refuse('body_invalid');
    const handler = handlers[name] as unknown as AnyHandler;
    const now = ctx.clock.now();
    // A damaged file is never written to, whoever asks (the start-up check in src/app.ts).
    const readOnly = def.kind === 'write' || def.kind === 'auditedRead' ? ctx.host.readOnlyReason() : null;
    if (readOnly) {
      const state = ctx.host.readOnlyState?.();
      throw refuse('database_damaged', state ? { cause: state.cause, detail: state.detail } : { detail: readOnly });
    }
    if (session?.station && session.station.day !== officeDay(now)) {
      // A station closes with its day: the transport drops it; signing in or opening it again still works.
      ended = true;
      if (def.roles !== 'public') throw refuse('station_closed');
      session = null;
    }
    const station = session?.station ? stationRule(def, name, acting) : null;
    // At the desk station a person names themselves by PIN for this one action: checked (and a wrong one counted
    // towards their lock) before the method's transaction, so the slow hash never holds the desk's database.
    if (station === 'person') await checkPin(ctx.db, ctx.host, acting!.staffId, acting!.pin, now, null);
    const body = async (tx: Kysely<Database>) => {
      // Who first, then what: a person without the role learns nothing about the input's shape.
      const found = station === 'person' ? await loadActor(tx, acting!.staffId) : session ? await loadActor(tx, session.staffId) : null;
      // A session ends when its person is deactivated or their PIN is reset (a newer epoch), on every terminal
      // at its next call: the transport is told to drop it; a public call (the sign-in picker) goes on as nobody.
      const stale = !!found && station !== 'person' && (session!.epoch ?? 0) !== (await sessionEpoch(tx, found.id));
      // The station stands on its opener's PIN: deactivating them or resetting it closes the station too, even
      // for an action a colleague names themselves for (the colleague's own session epoch is not the question).
      const openerGone = station === 'person' && (await openerEnded(tx, session!));
      if (openerGone) {
        ended = true;
        throw refuse('session_ended');
      }
      ended = ended || (!!session && (!found || stale));
      if (stale && def.roles !== 'public') throw refuse('session_ended');
      // The station by itself sees what the front desk sees, whoever opened it (a manager's view stays theirs).
      const actor = ended ? null : station === 'front_desk' && found ? { ...found, roles: ['front_desk' as const] } : found;
      const atStation = station === 'front_desk' ? session!.station : undefined;
      if (def.roles !== 'public') {
        if (!actor) throw refuse('not_signed_in');
        if (!hasRole(actor, def.roles)) throw refuse('role_required', { roles: def.roles.join(',') });
      }
      const parsed = def.input.safeParse(input ?? {});
      if (!parsed.success) {
        // Each issue as a fact (problem, path, numbers); the method lets the renderer name the field as that method means it.
        throw refuse('input_invalid', { method: name }, parsed.error.issues.map(issueFact));
      }
      const policy = await policyAt(tx, now);
      const call: Call<unknown> = {
        kind: def.kind,
        tx,
        actor,
        input: parsed.data,
        now,
        policy,
        host: ctx.host,
        ...(atStation ? { station: atStation } : {}),
      };
      // Backups and restore act on the file: checked here, run after this read transaction ends.
      if (def.kind === 'file') return { exclusive: call, value: undefined as unknown };
      const value = await handler.run(call);
      if (def.kind === 'write') await audit(tx, now, actor?.id ?? null, name, redacted(parsed.data));
      return { exclusive: null, value };
    };
    const out = await inTransaction(ctx.db, def.kind === 'read' || def.kind === 'file' ? 'read' : 'write', body);
    const value = out.exclusive ? await handler.run({ ...out.exclusive, tx: ctx.db }) : out.value;
    const result: ApiResult<unknown> = { ok: true, value };
    return handler.session ? { result, session: handler.session(value) } : { result, ...drop() };
  } catch (e) {
    const known = e instanceof AppError ? e : storageError(e);
    if (known) return { result: { ok: false, error: errorBody(known) }, ...drop() };
    // Not a rule's refusal: a bug or a broken database. Say so plainly; details go to the log, not the desk.
    console.error(`[salesdesk] ${name} failed:`, e);
    return {
      result: { ok: false, error: errorBody(refuse('internal', { detail: String((e as Error)?.message ?? e).slice(0, 200) })) },
      ...drop(),
    };
  }
}
