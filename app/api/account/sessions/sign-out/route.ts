import { answer, signedInRoute } from "@/lib/http";
import { FRESH_SECOND_FACTOR_MINUTES } from "@/lib/factors/policy";
import { signOutDevice } from "@/lib/steps/manage-sessions";
import { signOutDeviceSchema } from "@/lib/validation";

// "Sign out" on one signed-in device. When it is this browser's own session, the reply says so
// and the page finishes signing out here.
export const POST = signedInRoute(
  {
    schema: signOutDeviceSchema,
    limit: "accountChanges",
    secondFactorWithinMinutes: FRESH_SECOND_FACTOR_MINUTES,
  },
  async (ctx, body) =>
    answer(await signOutDevice(ctx, body.id), (o) => ({ current: o.current })),
);
