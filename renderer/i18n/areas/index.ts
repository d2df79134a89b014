/**
 * Each area of the app (registrations, customers, deals, statements, disputes, referrals, …) keeps its
 * strings in its own file here — `export const zhCN = {…} as const; export const en: Record<keyof typeof zhCN, string>`
 * — so two screens can grow without editing one shared dictionary. List each area file below once.
 */
export const areas = [] as const;
