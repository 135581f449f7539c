import { createContext, useContext } from "react";
import type { Me } from "../trpc";

export const MeContext = createContext<Me | null>(null);

/** The signed-in user; only rendered below RequireAuth, which provides it. */
export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error("useMe() used outside RequireAuth");
  return me;
}

/** Viewers are read-only: they get no create, edit or delete controls at all. */
export function useCanEdit(): boolean {
  return useMe().role !== "viewer";
}
