/**
 * Calls per tRPC batch. The api refuses a larger batch (tRPC's maxBatchSize) so that one request
 * cannot carry unbounded work; the SPA splits its batches at the same size so it never meets that 400.
 */
export const TRPC_MAX_BATCH_SIZE = 10;
