/** The static, ordered list of migrations (bundle-safe: no directory scanning at run time). */
import type { Kysely } from 'kysely';
import * as m0001 from './0001_initial';
import * as m0002 from './0002_ownership_and_commission';
import * as m0003 from './0003_customer_name_key';
import * as m0004 from './0004_dispute_assessment';
import * as m0005 from './0005_ledger_chain';
import * as m0006 from './0006_staff_credentials';
import * as m0007 from './0007_follow_up';
import * as m0008 from './0008_handover_index';
import * as m0009 from './0009_reference_versions';
import * as m0010 from './0010_namesake_covering_indexes';
import * as m0011 from './0011_session_epoch';
import * as m0012 from './0012_keyed_ledger';
import * as m0013 from './0013_ledger_row_key_index';
import * as m0014 from './0014_site_chain_lock';

export interface Migration {
  version: number;
  name: string;
  up(db: Kysely<any>): Promise<void>;
}

export const migrations: readonly Migration[] = [
  { version: 1, name: '0001_initial', up: m0001.up },
  { version: 2, name: '0002_ownership_and_commission', up: m0002.up },
  { version: 3, name: '0003_customer_name_key', up: m0003.up },
  { version: 4, name: '0004_dispute_assessment', up: m0004.up },
  { version: 5, name: '0005_ledger_chain', up: m0005.up },
  { version: 6, name: '0006_staff_credentials', up: m0006.up },
  { version: 7, name: '0007_follow_up', up: m0007.up },
  { version: 8, name: '0008_handover_index', up: m0008.up },
  { version: 9, name: '0009_reference_versions', up: m0009.up },
  { version: 10, name: '0010_namesake_covering_indexes', up: m0010.up },
  { version: 11, name: '0011_session_epoch', up: m0011.up },
  { version: 12, name: '0012_keyed_ledger', up: m0012.up },
  { version: 13, name: '0013_ledger_row_key_index', up: m0013.up },
  { version: 14, name: '0014_site_chain_lock', up: m0014.up },
];
