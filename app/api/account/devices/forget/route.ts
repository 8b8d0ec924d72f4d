import { getSessionUser } from "@/lib/auth/session";
import { forgetDevice } from "@/lib/devices/records";
import {
  apiHandler,
  fail,
  ok,
  parseBody,
  refused,
  requestMeta,
} from "@/lib/http";
import { checkAccountChanges } from "@/lib/limits/decide";
import { forgetDeviceSchema } from "@/lib/validation";

// "Forget" a remembered device: its next sign-in asks for the second factor again.
export const POST = apiHandler(async (request) => {
  const parsed = await parseBody(request, forgetDeviceSchema);
  if ("reply" in parsed) return parsed.reply;
  const user = await getSessionUser();
  if (!user) return fail("NOT_SIGNED_IN");
  const limited = await checkAccountChanges(user.id);
  if (limited) return refused(limited);
  const forgotten = await forgetDevice(
    user.id,
    parsed.data.id,
    requestMeta(request),
  );
  return forgotten ? ok({}) : fail("DEVICE_NOT_FOUND");
});
