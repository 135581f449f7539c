import { defineEntity, p } from "@mikro-orm/core";
import { Company } from "./company";
import { createdAt, updatedAt, uuidPrimaryKey } from "./columns";

export const USER_ROLES = ["owner", "admin", "viewer"] as const;
export type UserRole = (typeof USER_ROLES)[number];

const UserSchema = defineEntity({
  name: "User",
  tableName: "users",
  properties: {
    id: uuidPrimaryKey(),
    /** Always stored lower-cased (the check enforces it), so the plain unique index is case-insensitive. */
    email: p.string().length(254).unique().check("email = lower(email)"),
    passwordHash: p.text().hidden().lazy(),
    role: p.enum(USER_ROLES),
    /** null = platform operator, who sees every company. */
    company: () => p.manyToOne(Company).nullable().deleteRule("cascade"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
});

export class User extends UserSchema.class {}
UserSchema.setClass(User);
export { UserSchema };
