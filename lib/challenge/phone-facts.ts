import type { PhoneFacts } from "@/lib/phone/facts";
import type { Challenge } from "@/lib/store";

/**
 * What a challenge's number is: kept in it since it started, or, for one stored before facts were
 * kept, read from its digits (which loads the number metadata, as every send once did).
 */
export async function challengePhoneFacts(
  c: Pick<Challenge, "phone" | "phoneFacts">,
): Promise<PhoneFacts> {
  return c.phoneFacts ?? (await import("@/lib/phone")).phoneFacts(c.phone);
}
