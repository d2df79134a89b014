/**
 * 来访登记表 (issue 17 item 20): the day's registrations as the project manager prints and signs them. Facts only
 * (times, ids, codes); the renderer words and lays out the page (renderer/screens/RegisterSheet.tsx).
 * R-SEC-1: the people who may print it are managers, who see every number in full; whoever else were ever
 * given the method would see them masked. Opening the register is logged, as a full read of others' customers.
 */
import { addDays } from 'date-fns';
import { registrationsBetween } from '../db/queries/register-sheet';
import { iso } from '../domain/time';
import { audit, staffNames } from './common';
import { SEES_ALL, maskPhone } from './confidentiality';
import { hasRole } from './context';
import { handle } from './handle';
import { currentRegistration } from './registrations';

export const registerSheetHandlers = {
  'registration.sheet': handle('registration.sheet', {
    run: async ({ tx, actor, now, input }) => {
      const start = new Date(`${input.day}T00:00:00`);
      const found = await registrationsBetween(tx, iso(start), iso(addDays(start, 1)));
      const full = hasRole(actor, SEES_ALL);
      const rows = [];
      for (const r of found) {
        // who the visit is registered to now, and its status: the correction or reassignment in force, the PM's decision
        const { latest } = await currentRegistration(tx, r.visitId, now);
        rows.push({ ...r, phone: full ? r.phone : maskPhone(r.phone), registeredFor: latest.consultant, status: latest.status });
      }
      const names = await staffNames(tx, [...rows.flatMap((r) => [r.receivedBy, r.registeredFor]), actor!.id]);
      const person = (id: string) => ({ id, name: names[id] ?? id });
      await audit(tx, now, actor!.id, 'registration.sheet', { day: input.day, visits: rows.length, full });
      return {
        day: input.day,
        printedAt: iso(now),
        printedBy: person(actor!.id),
        fullPhones: full,
        rows: rows.map((r) => ({ ...r, receivedBy: person(r.receivedBy), registeredFor: person(r.registeredFor) })),
      };
    },
  }),
};
