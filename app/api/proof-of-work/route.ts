import { answer, NO_STORE, publicRoute } from "@/lib/http";
import { askProofChallenge } from "@/lib/steps/proof-challenge";
import { proofChallengeSchema } from "@/lib/validation";

export const dynamic = "force-dynamic";

// A proof-of-work challenge for the sign-up or phone-change form, which its browser solves while
// the person types; `challenge` is null when proof of work is off (PROOF_OF_WORK=off). Limited per
// client address (each costs the server a PBKDF2).
export const POST = publicRoute(
  { schema: proofChallengeSchema },
  async (ctx, body) =>
    answer(
      await askProofChallenge(ctx, body.purpose),
      ({ challenge }) => ({ challenge }),
      NO_STORE,
    ),
);
