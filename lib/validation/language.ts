import { z } from "zod";
import { LOCALES } from "@/lib/i18n/locales";

/** The language picker's form: one of our languages, nothing else. */
export const chooseLanguageSchema = z.strictObject({ locale: z.enum(LOCALES) });
