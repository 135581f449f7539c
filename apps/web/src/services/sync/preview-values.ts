import type { SyncPreviewField, SyncPreviewNotSent } from "@askpro/api";
import { formatMinutes, formatPrice } from "../../lib/format";

export type PreviewField = SyncPreviewField["field"];

/** The words a value can be shown with, in the UI's language. */
export interface ValueWords {
  locale: string;
  yes: string;
  no: string;
  empty: string;
  /** Cal.com did not report the field, or reported it in a shape the dialog does not know. */
  notSet: string;
}

const MINUTE_FIELDS: ReadonlySet<PreviewField> = new Set(["lengthInMinutes", "beforeEventBuffer", "afterEventBuffer", "minimumBookingNotice"]);
const YES_NO_FIELDS: ReadonlySet<PreviewField> = new Set(["hidden", "disableGuests"]);

/** Cal.com's confirmationPolicy as "requires confirmation": `{ disabled: true }` is no, a policy with a type is yes. */
function requiresConfirmation(policy: unknown): boolean | undefined {
  if (typeof policy !== "object" || policy === null) return undefined;
  if ((policy as { disabled?: unknown }).disabled === true) return false;
  return typeof (policy as { type?: unknown }).type === "string" ? true : undefined;
}

/**
 * A value of one confirm-dialog row (sent, or in Cal.com now) as a person reads it:
 * 15 -> "15 min", true -> "Yes", a confirmation policy -> "Yes"/"No", "" -> "(empty)".
 */
export function formatPreviewValue(field: PreviewField, value: unknown, words: ValueWords): string {
  const yesNo = (flag: boolean | undefined) => (flag === undefined ? words.notSet : flag ? words.yes : words.no);
  if (MINUTE_FIELDS.has(field)) return typeof value === "number" ? formatMinutes(value, words.locale) : words.notSet;
  if (YES_NO_FIELDS.has(field)) return yesNo(typeof value === "boolean" ? value : undefined);
  if (field === "confirmationPolicy") return yesNo(requiresConfirmation(value));
  if (typeof value !== "string") return words.notSet;
  return value === "" ? words.empty : value;
}

export interface PriceDrift {
  /** The service's price with its currency. */
  local: string;
  /** Cal.com's price now; null when Cal.com could not be read (or reports no price). */
  inCalcom: string | null;
  /** Cal.com holds another price or currency, which only a person can change there. */
  differs: boolean;
}

/**
 * Price and currency, which a sync never sends, side by side with what Cal.com holds. Both sides are in
 * their currency's minor unit; Cal.com's amount is read in Cal.com's currency (the service's when unknown).
 */
export function priceDrift(notSent: readonly SyncPreviewNotSent[], locale: string): PriceDrift | null {
  const price = notSent.find((row) => row.field === "price");
  if (!price || typeof price.local !== "number") return null;
  const currency = notSent.find((row) => row.field === "currency");
  const localCurrency = typeof currency?.local === "string" ? currency.local.toUpperCase() : "EUR";
  const calcomCurrency = typeof currency?.currentInCalcom === "string" ? currency.currentInCalcom.toUpperCase() : localCurrency;
  const inCalcom = typeof price.currentInCalcom === "number" ? formatPrice(price.currentInCalcom, calcomCurrency, locale) : null;
  return {
    local: formatPrice(price.local, localCurrency, locale),
    inCalcom,
    differs: price.differs || (currency?.differs ?? false),
  };
}
