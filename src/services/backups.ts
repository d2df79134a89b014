/** Backups, verification and restore as API methods (R-SEC-2): the director's and admin's data-safety screen. */
import { differenceInHours } from 'date-fns';
import { handle } from './handle';
import { refuse } from '../api/errors';
import { DataSafetyError } from '../db/problems';
import { audit } from './common';

/** The desk warns when the newest verified backup is older than this. */
export const STALE_AFTER_HOURS = 48;

/** A backup or restore that did not happen, refused by its reason; the file's problems go along as details. */
const failing = async <T>(work: () => Promise<T> | T): Promise<T> => {
  try {
    return await work();
  } catch (e) {
    if (e instanceof DataSafetyError) throw refuse(e.reason, e.params, e.problems.length ? e.problems : undefined);
    throw refuse('data_safety_failed', { detail: String((e as Error)?.message ?? e).slice(0, 200) });
  }
};

export const backupHandlers = {
  'backup.status': handle('backup.status', {
    run: async ({ host, now }) => {
      const last = host.listBackups()[0] ?? null;
      const ageHours = last ? differenceInHours(now, new Date(last.at)) : null;
      // an office's file, or an office group's database backed up by this app server
      const persistent = host.dbPath !== null || !!host.backupDir;
      return {
        persistent,
        lastGood: last ? { file: last.file, at: last.at, ageHours } : null,
        stale: persistent && (ageHours === null || ageHours > STALE_AFTER_HOURS),
        readOnly: host.readOnlyState(),
      };
    },
  }),

  'backup.list': handle('backup.list', {
    run: async ({ host }) => host.listBackups(),
  }),

  'backup.now': handle('backup.now', {
    run: async ({ host, tx, actor, now }) => {
      const m = await failing(() => host.backupNow('manual'));
      if (!m) throw refuse('backup_nothing_yet');
      await audit(tx, now, actor!.id, 'backup.now', { file: m.file });
      return m;
    },
  }),

  'backup.verify': handle('backup.verify', {
    run: async ({ host, tx, actor, now }) => {
      const r = await host.verify();
      const first = r.problems[0];
      await audit(tx, now, actor!.id, 'backup.verify', {
        ok: r.ok,
        rows: r.rows,
        firstProblem: first ? { code: first.code, ...(first.params ? { params: first.params } : {}) } : null,
      });
      return r;
    },
  }),

  'backup.remove': handle('backup.remove', {
    run: async ({ host, tx, input, actor, now }) => {
      const m = await failing(() => host.removeBackup(input.file));
      await audit(tx, now, actor!.id, 'backup.remove', { file: m.file, reason: m.reason, at: m.at, ledgerRows: m.ledgerRows });
      return { removed: m.file };
    },
  }),

  'backup.restore': handle('backup.restore', {
    run: async ({ host, input, actor, now }) => {
      const r = await failing(() => host.restore(input.file));
      // written into the restored database, so the restore itself is on record there
      await host.recordAudit(now, actor!.id, 'backup.restore', { file: input.file, safetyCopy: r.safetyCopy });
      return r;
    },
  }),
};
