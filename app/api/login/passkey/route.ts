import { answer, NO_STORE, publicRoute } from "@/lib/http";
import { startPasskeySignIn } from "@/lib/steps/passkey-sign-in";

// "Sign in with a passkey" and the email field's passkey autofill: options that name no account.
export const POST = publicRoute({}, async (ctx) => {
  const outcome = await startPasskeySignIn(ctx);
  return answer(outcome, (o) => ({ options: o.options }), NO_STORE);
});
