/**
 * Pushed changes: after each commit the core names the areas it changed, and every terminal re-reads
 * what it shows from those areas. A spec-level file (types only), shared by the core and the renderer.
 */
export const AREAS = ['roster', 'registrations', 'customers', 'deals', 'disputes', 'referrals', 'followUps', 'staff', 'policy', 'backups', 'audit'] as const;
export type Area = (typeof AREAS)[number];

/** One commit's news: seq increases by one per event, areas are what the commit changed. */
export interface ChangeEvent {
  seq: number;
  areas: Area[];
}
