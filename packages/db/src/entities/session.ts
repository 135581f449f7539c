import { defineEntity, p } from "@mikro-orm/core";
import { User } from "./user";

const SessionSchema = defineEntity({
  name: "Session",
  tableName: "sessions",
  properties: {
    /** sha256 (hex) of the cookie token: a leaked table does not yield usable cookies. */
    id: p.string().length(64).primary(),
    user: () => p.manyToOne(User).deleteRule("cascade").index(),
    createdAt: p.datetime().onCreate(() => new Date()),
    expiresAt: p.datetime().index(),
    lastSeenAt: p.datetime().onCreate(() => new Date()),
  },
});

export class Session extends SessionSchema.class {}
SessionSchema.setClass(Session);
export { SessionSchema };
