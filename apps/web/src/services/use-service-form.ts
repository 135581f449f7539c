import { type ServiceInput, serviceInputSchema } from "@askpro/domain";
import { zodResolver } from "@hookform/resolvers/zod";
import { type UseFormReturn, useForm } from "react-hook-form";

export type ServiceForm = UseFormReturn<ServiceInput, unknown, ServiceInput>;

/** The same zod schema as the api, so the form shows exactly the errors the server would give. */
export function useServiceForm(defaultValues: ServiceInput): ServiceForm {
  return useForm<ServiceInput, unknown, ServiceInput>({
    resolver: zodResolver(serviceInputSchema),
    defaultValues,
    // Errors appear on the first save, then follow each keystroke. Validating on blur instead would
    // insert error text while the save button is being pressed, shifting it away from the click.
    mode: "onSubmit",
    reValidateMode: "onChange",
  });
}
