/**
 * backup.status for the desk's and the header's warnings (R-SEC-2): the newest verified backup, whether it
 * is more than two days old, and the read-only message when the start-up check found the file damaged.
 * The shell reads it (App.tsx, useApi) for every acting person and again on every pushed backups change;
 * the settings screen asks again itself after a backup or a restore.
 */
import { create } from 'zustand';
import { api, type Output } from '../api/client';

export type BackupStatus = Output<'backup.status'>;

interface BackupState {
  status: BackupStatus | null;
  refresh(): Promise<void>;
  show(status: BackupStatus | null): void;
  reset(): void;
}

export const useBackupStatus = create<BackupState>((set) => ({
  status: null,
  async refresh() {
    const r = await api.call('backup.status', {});
    set({ status: r.ok ? r.value : null });
  },
  show: (status) => set({ status }),
  reset: () => set({ status: null }),
}));
