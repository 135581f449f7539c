import type { User, UserRole } from "@askpro/db";
import type { Context } from "../../context";

export interface Me {
  id: string;
  email: string;
  role: UserRole;
  company: { id: string; name: string; slug: string } | null;
}

export function toMe(user: User): Me {
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
