import { getChallengeStore } from "@/lib/store";
import { writeChallenges, type Owner } from "../../../bench/_lib/challenges";

export const dynamic = "force-dynamic";

// Bench build only (bench/stage.ts puts it in place): fills the server's own code store with the
// challenges a scenario consumes. The in-process store can be reached no other way.
export async function POST(request: Request) {
  const { owners, count, code } = (await request.json()) as {
    owners: Owner[];
    count: number;
    code: string | null;
  };
  return Response.json({
    ids: await writeChallenges(getChallengeStore(), owners, count, code),
  });
}
