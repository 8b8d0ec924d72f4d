import { answer, signedInRoute } from "@/lib/http";
import { cancelEmailChange } from "@/lib/steps/cancel-email-change";
import { emptySchema } from "@/lib/validation";

// "Cancel email change" on the account page. A remedy, so no fresh second factor and no limit to
// spend: whoever is signed in may stop a pending change, and stopping one grants nothing.
export const POST = signedInRoute({ schema: emptySchema }, async (ctx) =>
  answer(await cancelEmailChange(ctx)),
);
