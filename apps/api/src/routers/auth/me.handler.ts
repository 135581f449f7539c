import type { UserRole } from "@askpro/db";
import type { SignedInUser } from "../../auth/sessions";
import type { Context } from "../../context";

export interface Me {
  id: string;
  email: string;
  role: UserRole;
  company: { id: string; name: string; slug: string } | null;
}

/** From the request's signed-in user, or from the User entity sign-in loads (company populated). */
export function toMe(user: Omit<SignedInUser, "company"> & { company?: SignedInUser["company"] | undefined }): Me {
  const { company } = user;
  return {
    id: user.id,
    email: user.email,
    role: user.role,
    company: company ? { id: company.id, name: company.name, slug: company.slug } : null,
  };
}

export function meHandler({ ctx }: { ctx: Context }): Me | null {
  return ctx.user ? toMe(ctx.user) : null;
}
