import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { Clock } from '../domain/clock';
import type { Policy } from '../domain/policy';
import type { Role } from '../domain/roles';

export interface Actor {
  id: string;
  name: string;
  roles: Role[];
}

/** What every service method runs with: inside one transaction, at one instant, under one policy version. */
export interface Call<I> {
  tx: Kysely<Database>;
  /** null only for public methods (first-run setup, the sign-in picker) */
  actor: Actor | null;
  input: I;
  now: Date;
  /** the policy version in force at `now` */
  policy: Policy;
}

export const hasRole = (actor: Actor | null, roles: readonly Role[]): boolean =>
  !!actor && actor.roles.some((r) => roles.includes(r));
