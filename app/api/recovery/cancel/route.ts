import { answer, publicRoute } from "@/lib/http";
import { cancelRecoveryByLink } from "@/lib/steps/recover-account";
import { recoveryCancelSchema } from "@/lib/validation/recovery";

// The one-time cancel link of a recovery's notice: it ends the recovery and grants nothing.
export const POST = publicRoute(
  { schema: recoveryCancelSchema },
  async (ctx, body) => answer(await cancelRecoveryByLink(ctx, body.token)),
);
