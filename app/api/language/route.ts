import { publicRoute } from "@/lib/http";
import { backToPage } from "@/lib/http/back-to-page";
import { setLocaleCookie } from "@/lib/i18n/cookie";
import { chooseLanguageSchema } from "@/lib/validation/language";

// The footer's language picker for someone not signed in: the choice lives in this browser only
// (a cookie) until an account is made, which then saves it. A plain form post, so it works before
// (or without) the page's script; the answer takes the browser back to the page.
export const POST = publicRoute(
  { schema: chooseLanguageSchema, form: true },
  async (_ctx, body) => {
    await setLocaleCookie(body.locale);
    return backToPage();
  },
);
