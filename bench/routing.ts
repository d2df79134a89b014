/**
 * How the desk routes a walk-in whose owners are known (services/desk.ts routeWalkIn, the branches the
 * synthetic office uses): a free owner receives (R-OWN-7); a busy or absent owner's customer goes to the
 * back of the queue in the owner's name (R-ROS-9); nobody's customer goes to the queue (R-ROS-1).
 * null: nobody is free.
 */
import type { Policy } from '../src/domain/policy';
import { chooseRosterReceiver, chooseVoluntaryReceiver, isFree, type Reception, type RosterState, type TurnLoss } from '../src/domain/roster';

export interface Route {
  consultant: string;
  reception: Reception;
  registeredFor: string;
  turnUsed: boolean;
  lostTurns: TurnLoss[];
}

export function routeByOwners(s: RosterState, owners: readonly string[], policy: Policy): Route | null {
  const owner = owners.find((o) => isFree(s, o)) ?? owners[0];
  if (owner) {
    const v = isFree(s, owner) ? owner : chooseVoluntaryReceiver(s, [owner]);
    return v ? { consultant: v, reception: v === owner ? 'owner' : 'voluntary', registeredFor: owner, turnUsed: false, lostTurns: [] } : null;
  }
  const pick = chooseRosterReceiver(s, policy);
  return pick ? { consultant: pick.consultant, reception: 'roster', registeredFor: pick.consultant, turnUsed: true, lostTurns: pick.lostTurns } : null;
}
