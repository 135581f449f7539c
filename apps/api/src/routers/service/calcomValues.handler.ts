import type { AuthedContext } from "../../trpc";
import { type CalcomValues, readCalcomValues } from "./calcom-values";
import type { CalcomValuesInput } from "./calcomValues.schema";
import { findScopedService } from "./scope";

export interface CalcomValuesPreview extends Omit<CalcomValues, "values"> {
  /** The version the comparison was made with: "Take Cal.com's values" sends it back. */
  version: number;
}

/** "Take Cal.com's values", before: what each field would become (before -> after). Changes nothing. */
export async function calcomValuesHandler({ ctx, input }: { ctx: AuthedContext; input: CalcomValuesInput }): Promise<CalcomValuesPreview> {
  const service = await findScopedService(ctx.em, ctx.user, input.id);
  const { values: _values, ...preview } = await readCalcomValues(ctx, service);
  return { ...preview, version: service.version };
}
