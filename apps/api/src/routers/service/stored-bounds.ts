import { serviceInputSchema } from "@askpro/domain";

/** The services table keeps the price in a PostgreSQL integer (4 bytes). */
export const MAX_STORED_PRICE_CENTS = 2_147_483_647;

/** The domain's price rule, bounded by what the column holds, so a larger price is BAD_REQUEST rather than a database error. */
export const storedPriceCents = serviceInputSchema.shape.priceCents.max(MAX_STORED_PRICE_CENTS, "Price must be at most 21,474,836.47");
