import { answer, NO_STORE, signedInRoute } from "@/lib/http";
import { FRESH_SECOND_FACTOR_MINUTES } from "@/lib/factors/policy";
import { generateRecoveryCodeSet } from "@/lib/steps/generate-recovery-codes";

// "Generate recovery codes": a new set, in the reply only (never stored or shown again); what
// follows is the security-change table's "recovery_codes_generated" row.
export const POST = signedInRoute(
  {
    limit: "accountChanges",
    secondFactorWithinMinutes: FRESH_SECOND_FACTOR_MINUTES,
  },
  async (ctx) =>
    answer(
      await generateRecoveryCodeSet(ctx),
      (o) => ({ codes: o.codes }),
      NO_STORE,
    ),
);
