import { signedInRoute } from "@/lib/http";
import { FRESH_SECOND_FACTOR_MINUTES } from "@/lib/factors/policy";
import { exportAccountData } from "@/lib/steps/export-data";
import { emptySchema } from "@/lib/validation";

// "Download your data": everything held about the person, as a JSON file. It is the person's whole
// record, so it asks for a second factor passed in the last 10 minutes, as a change does, and is
// never cached.
export const POST = signedInRoute(
  {
    schema: emptySchema,
    limit: "accountChanges",
    secondFactorWithinMinutes: FRESH_SECOND_FACTOR_MINUTES,
  },
  async (ctx) => {
    const data = await exportAccountData(ctx);
    const day = data.exportedAt.slice(0, 10);
    return new Response(JSON.stringify(data, null, 2), {
      headers: {
        "content-type": "application/json; charset=utf-8",
        "content-disposition": `attachment; filename="twostep-data-${day}.json"`,
        "cache-control": "no-store",
      },
    });
  },
);
