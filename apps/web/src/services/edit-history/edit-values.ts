/** A value of one field in the edit history, as the page shows it. */
export type EditedValue = string | number | boolean | null;

export interface EditValueTexts {
  minutes: (value: number) => string;
  price: (minorUnits: number) => string;
  yes: string;
  no: string;
  guestsAllowed: string;
  guestsDisabled: string;
  empty: string;
}

const MINUTE_FIELDS = new Set(["durationMinutes", "bufferBeforeMinutes", "bufferAfterMinutes", "minimumBookingNoticeMinutes"]);

/** Words a recorded value the way the service's details show that field; an empty or missing value as `empty`. */
export function formatEditedValue(field: string, value: EditedValue, texts: EditValueTexts): string {
  if (value === null || value === "") return texts.empty;
  if (typeof value === "boolean") {
    if (field === "disableGuests") return value ? texts.guestsDisabled : texts.guestsAllowed;
    return value ? texts.yes : texts.no;
  }
  if (typeof value === "number") {
    if (MINUTE_FIELDS.has(field)) return texts.minutes(value);
    if (field === "priceCents") return texts.price(value);
  }
  return String(value);
}

/** The label key of a recorded field (price is kept in cents, labelled "Price"). */
export function editedFieldKey(field: string): string {
  return field === "priceCents" ? "price" : field;
}
