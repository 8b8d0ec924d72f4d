import { NO_STORE, ok, publicRoute } from "@/lib/http";
import { createProofChallenge } from "@/lib/proof-of-work";
import { proofChallengeSchema } from "@/lib/validation";

export const dynamic = "force-dynamic";

// A proof-of-work challenge for the sign-up or phone-change form, which its browser solves while
// the person types; `challenge` is null when proof of work is off (PROOF_OF_WORK=off).
export const POST = publicRoute(
  { schema: proofChallengeSchema },
  async (ctx, body) =>
    ok(
      { challenge: await createProofChallenge(body.purpose, ctx.now()) },
      NO_STORE,
    ),
);
