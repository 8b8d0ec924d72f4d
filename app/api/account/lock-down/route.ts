import { answer, signedInRoute } from "@/lib/http";
import { lockDownFromAccount } from "@/lib/steps/lock-down";
import { emptySchema } from "@/lib/validation";

// "This wasn't me" beside an event of "Recent security activity": the security-change table's
// "locked_down" row, this session included. A remedy, like "Cancel email change": no limit and no
// fresh second factor, so an intruder sharing the account cannot spend or stall the owner's way out.
export const POST = signedInRoute({ schema: emptySchema }, async (ctx) =>
  answer(await lockDownFromAccount(ctx)),
);
