/** Shapes the screens use, named once; all derived from the API contract's outputs. */
import type { Input, Output } from './client';

export type StaffMember = Output<'staff.list'>[number];
export type Actor = NonNullable<Output<'session.me'>>;
export type Role = StaffMember['roles'][number];
export type RosterView = NonNullable<Output<'roster.today'>>;
export type QueueEntry = RosterView['queue'][number];
export type ConsultantStatus = QueueEntry['status'];
export type Verdict = Output<'desk.lookup'>;
export type WalkInResult = Output<'desk.walkIn'>;
export type Reception = WalkInResult['reception'];
export type WalkInInput = Input<'desk.walkIn'>;
export type TeamMember = Input<'setup.firstRun'>['staff'][number];
/** the lobby display board (public: names only) */
export type LobbyBoard = Output<'roster.board'>;

/* ---- deals, statements, disputes (commission screens) ---- */
export type DealRow = Output<'deal.list'>[number];
export type DealSplitView = DealRow['split'];
export type SplitLineView = DealSplitView['lines'][number];
export type RuleCitation = SplitLineView['cites'][number];
export type DealCloseInput = Input<'deal.close'>;
export type CompanyMode = NonNullable<DealCloseInput['companyMode']>;
export type CustomerHit = Output<'customer.search'>[number];
export type MonthStatement = Output<'statement.month'>;
export type DisputeRow = Output<'dispute.list'>[number];
export type DisputeStatus = DisputeRow['status'];
export type DisputeDetail = Output<'dispute.get'>;

/* ---- registrations, customer page, referrals (PM screens) ---- */
export type RegistrationRow = Output<'registration.day'>[number];
export type ExpiringProtection = Output<'registration.expiring'>[number];
export type CustomerPage = Output<'customer.get'>;
export type CustomerHistoryEntry = CustomerPage['history'][number];
export type ReferralRow = Output<'referral.list'>[number];
export type ReferralStatus = ReferralRow['status'];
