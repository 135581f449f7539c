import { Service } from "@askpro/db";
import type { VerifyContext } from "../check";

export const DEFAULT_TEST_SERVICE = "15 Minuten Schnellberatung";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type TestServiceLookup = { found: Service } | { problem: string; fix: string };

/** The service named by `--service` (an id, or a slug or name that only one service has). */
export async function findTestService(ctx: VerifyContext): Promise<TestServiceLookup> {
  const reference = ctx.options.service;
  const em = (await ctx.orm()).em.fork();
  const where = UUID.test(reference) ? { id: reference } : { $or: [{ slug: reference }, { name: reference }] };
  const services = await em.find(Service, where, { populate: ["company.calcomApiKeyEncrypted"], orderBy: { id: "asc" } });
  const [first] = services;
  if (!first) {
    return { problem: `no service "${reference}"`, fix: "create it, or name an existing one: npm run verify -- --service <id|slug>" };
  }
  if (services.length > 1) {
    const ids = services.map((service) => `${service.id} (${service.company.name})`).join(", ");
    return { problem: `"${reference}" names ${services.length} services: ${ids}`, fix: "pick one by id: npm run verify -- --service <id>" };
  }
  return { found: first };
}
