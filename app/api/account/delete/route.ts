import { answer, signedInRoute } from "@/lib/http";
import { FRESH_SECOND_FACTOR_MINUTES } from "@/lib/factors/policy";
import { requestAccountDeletion } from "@/lib/steps/delete-account";
import { deleteAccountSchema } from "@/lib/validation";

// "Delete account": the security-change table's "deletion_requested" row (every session ends, this
// one too); the account is erased when its grace period ends, unless a sign-in cancels it.
export const POST = signedInRoute(
  {
    schema: deleteAccountSchema,
    limit: "accountChanges",
    secondFactorWithinMinutes: FRESH_SECOND_FACTOR_MINUTES,
  },
  async (ctx, body) =>
    answer(await requestAccountDeletion(ctx, body), (o) => ({
      dueAt: o.dueAt.toISOString(),
    })),
);
