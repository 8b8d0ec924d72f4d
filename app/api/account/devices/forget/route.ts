import { forgetDevice } from "@/lib/devices/records";
import { fail, ok, signedInRoute } from "@/lib/http";
import { forgetDeviceSchema } from "@/lib/validation";

// "Forget" a remembered device: its next sign-in asks for the second factor again.
export const POST = signedInRoute(
  { schema: forgetDeviceSchema, limit: "accountChanges" },
  async (ctx, body) => {
    const forgotten = await forgetDevice(ctx.user.id, body.id, ctx.request);
    return forgotten ? ok({}) : fail("DEVICE_NOT_FOUND");
  },
);
