import { signedInRoute } from "@/lib/http";
import { backToPage } from "@/lib/http/back-to-page";
import { setLocaleCookie } from "@/lib/i18n/cookie";
import { chooseLanguage } from "@/lib/steps/choose-language";
import { chooseLanguageSchema } from "@/lib/validation/language";

// The language picker, signed in (the footer's and the account page's): saved with the account, and
// this browser's cookie set to it at once. A plain form post; the answer takes the browser back.
export const POST = signedInRoute(
  { schema: chooseLanguageSchema, form: true },
  async (ctx, body) => {
    await chooseLanguage(ctx, body.locale);
    await setLocaleCookie(body.locale);
    return backToPage();
  },
);
