import type { StaffMember, StaffRole } from '../../domain/staff/staff.js';
import type { StaffRepository } from '../ports/repositories.js';

/**
 * Who pressed the button or typed the command, as Teams says it: the tenant and the Entra object
 * id. Never a role: roles are read from our database (DESIGN.md), whatever the card data claims.
 */
export interface StaffIdentity {
  readonly tenantId: string;
  /** `undefined` for a caller without an Entra identity (anonymous meeting guest): never staff. */
  readonly entraObjectId: string | undefined;
}

/**
 * The active staff member behind `who` if they hold `role`, else `undefined`. Shared by the
 * adviser use cases so "who may do this" is decided the same way everywhere.
 */
export async function findActingStaff(staff: StaffRepository, who: StaffIdentity, role: StaffRole): Promise<StaffMember | undefined> {
  if (!who.entraObjectId || !who.tenantId) return undefined;
  const member = await staff.findByEntraId(who.tenantId, who.entraObjectId);
  return member?.active && member.roles.includes(role) ? member : undefined;
}
