import type { AppRouter } from "@askpro/api";
import { createTRPCReact } from "@trpc/react-query";
import type { inferRouterOutputs } from "@trpc/server";

export const trpc = createTRPCReact<AppRouter>();

type Outputs = inferRouterOutputs<AppRouter>;
export type Me = NonNullable<Outputs["auth"]["me"]>;
export type ServiceDto = Outputs["service"]["byId"];
export type ServiceListItem = Outputs["service"]["list"]["items"][number];
export type CalcomKeyStatus = Outputs["company"]["calcomKey"]["get"];
