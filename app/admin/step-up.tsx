import { ClientMessages } from "@/app/ui/client-messages";
import { StepUpButton } from "./step-up-button";

/**
 * The step-up for a server page outside the console's frame (the 403 page, app/forbidden.tsx),
 * with the "Admin" messages its button reads. The console's own client parts use StepUpButton.
 */
export function StepUp() {
  return (
    <ClientMessages pick={["Admin"]}>
      <StepUpButton />
    </ClientMessages>
  );
}
