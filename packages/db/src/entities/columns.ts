import { randomUUID } from "node:crypto";
import { p } from "@mikro-orm/core";

/** Shared column definitions: UUID keys made in the app (known before flush) and audit timestamps. */
export const uuidPrimaryKey = () => p.uuid().primary().onCreate(() => randomUUID());
export const createdAt = () => p.datetime().onCreate(() => new Date());
export const updatedAt = () =>
  p
    .datetime()
    .onCreate(() => new Date())
    .onUpdate(() => new Date());
