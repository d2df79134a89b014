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
/** the queue at a past moment (R-ROS-13), or null if that day's roster had not started */
export type PastRoster = Output<'roster.at'>;
