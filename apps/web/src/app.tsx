import { QueryClientProvider } from "@tanstack/react-query";
import { getQueryKey } from "@trpc/react-query";
import { useState } from "react";
import { RouterProvider } from "react-router/dom";
import { Toaster } from "sonner";
import { createQueryClient } from "./lib/query-client";
import { trpcLinks } from "./lib/trpc-links";
import { router } from "./router";
import { trpc } from "./trpc";

export function App() {
  const [queryClient] = useState(() => {
    const client = createQueryClient(() => {
      // The session ended on the server: forget the user, and RequireAuth sends them to sign in.
      client.setQueryData(getQueryKey(trpc.auth.me, undefined, "query"), null);
    });
    return client;
  });
  const [trpcClient] = useState(() => trpc.createClient({ links: trpcLinks() }));

  return (
    <trpc.Provider client={trpcClient} queryClient={queryClient}>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
        <Toaster richColors closeButton position="top-right" />
      </QueryClientProvider>
    </trpc.Provider>
  );
}
