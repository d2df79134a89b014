/**
 * The demo office created by 创建示例团队 (and by the browser tests): data, not UI text. The PINs are the
 * ones `salesdesk demo` prints (src/cli/demo.ts: 1111… for the office, 2001… for the consultants), shown
 * on screen after creating the team and clearly labelled 示例: a demo office only, never a real one.
 */
import type { TeamMember } from '../api/types';

export const DEMO_TEAM = [
  { id: 'dir', name: '赵总', roles: ['sales_director', 'admin'], pin: '1111' },
  { id: 'mgr', name: '陈静', roles: ['sales_manager'], pin: '1112' },
  { id: 'pm', name: '刘强', roles: ['project_manager'], pin: '1113' },
  { id: 'qian', name: '钱敏', roles: ['front_desk'], pin: '1114' },
  { id: 'zhang', name: '张伟', roles: ['consultant'], pin: '2001' },
  { id: 'li', name: '李娜', roles: ['consultant'], pin: '2002' },
  { id: 'wang', name: '王芳', roles: ['consultant'], pin: '2003' },
  { id: 'zhao', name: '赵磊', roles: ['consultant'], pin: '2004' },
] satisfies (TeamMember & { pin: string })[];

/** A demo person's PIN by staff id (the browser tests sign in with these). */
export const DEMO_PINS: Readonly<Record<string, string>> = Object.fromEntries(DEMO_TEAM.map((m) => [m.id, m.pin]));
