/** The demo office created by 创建示例团队 (and by the browser test): data, not UI text. */
import type { TeamMember } from '../api/types';

export const DEMO_TEAM: TeamMember[] = [
  { id: 'dir', name: '赵总', roles: ['sales_director', 'admin'] },
  { id: 'mgr', name: '陈静', roles: ['sales_manager'] },
  { id: 'pm', name: '刘强', roles: ['project_manager'] },
  { id: 'qian', name: '钱敏', roles: ['front_desk'] },
  { id: 'zhang', name: '张伟', roles: ['consultant'] },
  { id: 'li', name: '李娜', roles: ['consultant'] },
  { id: 'wang', name: '王芳', roles: ['consultant'] },
  { id: 'zhao', name: '赵磊', roles: ['consultant'] },
];
