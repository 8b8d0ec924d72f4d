import "server-only";
import { getDb } from "@/lib/db";
import type { Locale } from "@/lib/i18n/locales";

/** Saves the person's language: their pages after each sign-in, their texts and calls. */
export async function saveLocale(
  userId: string,
  locale: Locale,
): Promise<void> {
  const db = await getDb();
  // updateMany: an account deleted meanwhile is no error, there is just no one left to save for.
  await db.user.updateMany({ where: { id: userId }, data: { locale } });
}
