import { ClientMessages } from "@/app/ui/client-messages";
import { AuthenticatorSetupForm } from "./authenticator-setup-form";

/**
 * "Set up authenticator app", with the words its form reads in the browser: it is offered on the
 * account page and at the end of sign-up (app/welcome), and brings them to either page itself.
 */
export function AuthenticatorSetup() {
  return (
    <ClientMessages pick={["Account"]}>
      <AuthenticatorSetupForm />
    </ClientMessages>
  );
}
