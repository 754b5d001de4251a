import type { Core } from '@strapi/strapi';

export type StaffMember = { id: number; email: string; firstname: string | null; lastname: string | null };

/** Active, unblocked admin users whose roles hold `action` (a plugin permission). */
export async function staffHolding(strapi: Core.Strapi, action: string): Promise<StaffMember[]> {
  const permissions = await strapi.db.query('admin::permission').findMany({ where: { action }, populate: ['role'] });
  const roleIds = [...new Set((permissions as { role?: { id: number } }[]).map((p) => p.role?.id).filter(Boolean))];
  if (!roleIds.length) return [];
  return strapi.db.query('admin::user').findMany({
    where: { isActive: true, blocked: false, roles: { id: { $in: roleIds } } },
    select: ['id', 'email', 'firstname', 'lastname'],
    orderBy: [{ firstname: 'asc' }, { lastname: 'asc' }],
  });
}

/** How staff name one another: first and last name, or the e-mail when both are empty. */
export const staffName = (member: { email: string; firstname?: string | null; lastname?: string | null }) =>
  [member.firstname, member.lastname].filter(Boolean).join(' ') || member.email;

/** A staff member as a decision records them: their id and the name the history shows. */
export type StaffActor = { id: number; name: string };
