/**
 * Each area of the app (registrations, customers, deals, statements, disputes, referrals, …) keeps its
 * strings in its own file here — `export const zhCN = {…} as const; export const en: Record<keyof typeof zhCN, string>`
 * — so two screens can grow without editing one shared dictionary. List each area file below once.
 */
import * as customers from './customers';
import * as deals from './deals';
import * as disputes from './disputes';
import * as referrals from './referrals';
import * as registrations from './registrations';
import * as security from './security';
import * as settings from './settings';
import * as statements from './statements';
import * as followup from './followup';
import * as dashboard from './dashboard';
import * as reasons from './reasons';
import * as reasonsDesk from './reasons-desk';
import * as reasonsOwn from './reasons-own';
import * as reasonsDeals from './reasons-deals';
import * as desk from './desk';
import * as reasonsAdmin from './reasons-admin';
import * as fields from './fields';
import * as mine from './mine';
import * as notices from './notices';
import * as station from './station';
import * as deskActions from './desk-actions';
import * as registerSheet from './register-sheet';
import * as group from './group';

export const areas = [
  registrations,
  customers,
  referrals,
  deals,
  statements,
  disputes,
  security,
  settings,
  followup,
  dashboard,
  reasons,
  reasonsDesk,
  reasonsOwn,
  reasonsDeals,
  desk,
  reasonsAdmin,
  fields,
  mine,
  notices,
  station,
  deskActions,
  registerSheet,
  group,
] as const;
