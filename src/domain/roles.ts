export const ROLES = [
  'consultant',
  'front_desk',
  'sales_manager',
  'project_manager',
  'sales_director',
  'sales_assistant',
  'employee',
  'admin',
  'group_director',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  consultant: '售楼员',
  front_desk: '接待台',
  sales_manager: '销售经理',
  project_manager: '项目经理',
  sales_director: '销售总监',
  sales_assistant: '销售部助理',
  employee: '其他员工',
  admin: '系统管理员',
  group_director: '集团营销总',
};

export const MANAGERS: readonly Role[] = ['sales_manager', 'project_manager', 'sales_director'];

/** The office group's roles: they read every site (src/services/group.ts), not one site's work. */
/** Whether someone with `roles` holds any of `any`: the one role check the domain's decisions and the services use. */
export const holdsAnyRole = (roles: readonly Role[], any: readonly Role[]): boolean => roles.some((r) => any.includes(r));

export const GROUP_ROLES: readonly Role[] = ['group_director'];

/**
 * Admin accounts and the admin role are an admin's to give or touch, so no director makes themselves or anyone
 * admin: the refusal for a person with `actorRoles` granting `grants` to an account that holds `targetRoles`
 * (null: a new account), or null when allowed. The service refuses with it; the staff screen greys out the same.
 */
export function adminGrantRefusal(
  actorRoles: readonly Role[],
  grants: readonly Role[],
  targetRoles: readonly Role[] | null,
): 'admin_role_admin_only' | 'admin_account_admin_only' | null {
  if (actorRoles.includes('admin')) return null;
  if (grants.includes('admin')) return 'admin_role_admin_only';
  if (targetRoles?.includes('admin')) return 'admin_account_admin_only';
  return null;
}
