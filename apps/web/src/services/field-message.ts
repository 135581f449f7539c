import type { TFunction } from "i18next";
import type { ServiceField } from "./service-values";

/** Marks an error whose server text is the message itself (e.g. "slug already used"), not a rule breach. */
export const SERVER_MESSAGE = "server";

/**
 * Text for a field error. Rule breaches (from the shared zod schema, on the client or in a BAD_REQUEST)
 * get one translated sentence per field that states the rule; anything else keeps the server's words.
 */
export function fieldErrorMessage(field: ServiceField, error: { type?: string; message?: string }, t: TFunction): string {
  if (error.type === SERVER_MESSAGE && error.message) return error.message;
  return t(`form.errors.${field}`);
}
