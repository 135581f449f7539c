import { CALCOM_API_KEY_PATTERN } from "@askpro/domain";
import { z } from "zod";

/** The rules a new key breaks; each has one translated sentence (settings.calcomKey.errors.*). */
export const CALCOM_KEY_RULES = ["required", "tooShort", "tooLong", "format"] as const;
export type CalcomKeyRule = (typeof CALCOM_KEY_RULES)[number];

/**
 * The api's rules for a key (company.calcomKey.set), checked here first so a typo is explained at once;
 * the api checks again and its issues land on the same field. The messages are rule names, never the
 * value typed.
 */
export const calcomKeyFormSchema = z.object({
  apiKey: z
    .string()
    .trim()
    .min(1, { error: "required", abort: true })
    .min(8, { error: "tooShort", abort: true })
    .max(200, { error: "tooLong", abort: true })
    .regex(CALCOM_API_KEY_PATTERN, { error: "format" }),
});
export type CalcomKeyFormValues = z.infer<typeof calcomKeyFormSchema>;

const RULE_BY_ISSUE_CODE: Partial<Record<string, CalcomKeyRule>> = {
  invalid_type: "required",
  too_small: "tooShort",
  too_big: "tooLong",
  invalid_format: "format",
};

const isRule = (value: string | undefined): value is CalcomKeyRule => CALCOM_KEY_RULES.some((rule) => rule === value);

/**
 * The rule an error breaks, from this form's schema (message = rule name) or from the api's BAD_REQUEST
 * (by zod issue code); null when it is none of them, and the server's own sentence is shown instead.
 */
export function calcomKeyRuleOf(error: { code?: string; message?: string }): CalcomKeyRule | null {
  if (isRule(error.message)) return error.message;
  return (error.code && RULE_BY_ISSUE_CODE[error.code]) || null;
}
