import { MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";
import { classifyApiError } from "./api-error";

const MAX_RETRY_DELAY_MS = 10_000;

/**
 * Queries retry for as long as the api is unavailable (the banner says so) and never on a real answer
 * such as NOT_FOUND. An UNAUTHORIZED anywhere means the session ended: `onSessionEnded` sends the
 * person to the sign-in page, which brings them back afterwards.
 */
export function createQueryClient(onSessionEnded: () => void): QueryClient {
  const endSessionOn = (error: unknown) => {
    if (classifyApiError(error) === "unauthorized") onSessionEnded();
  };
  return new QueryClient({
    queryCache: new QueryCache({ onError: endSessionOn }),
    mutationCache: new MutationCache({
      onError: (error, _variables, _context, mutation) => {
        // A wrong password on the sign-in form is UNAUTHORIZED too, but no session ended.
        if (!mutation.meta?.signIn) endSessionOn(error);
      },
    }),
    defaultOptions: {
      queries: {
        retry: (_failures, error) => classifyApiError(error) === "unavailable",
        retryDelay: (failures) => Math.min(500 * 2 ** failures, MAX_RETRY_DELAY_MS),
        staleTime: 5_000,
      },
      mutations: { retry: false },
    },
  });
}
