import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import type { Messages } from "@/lib/i18n/messages";

// What every client component may read: the shared controls' words ("Ui") and the refusals'
// ("Errors"). The root layout sends these to every page; a page adds its own area's.
const SHARED = ["Ui", "Errors"] as const;

/**
 * The namespaces client components read with useTranslations, for the browser: only those are
 * sent with the page, not every catalogue of the app. A page wraps its client part in it, naming
 * the top-level namespaces its components use ("Account", "Signin"…); the shared ones come too,
 * since a provider replaces, never adds to, the one around it.
 */
export async function ClientMessages({
  pick = [],
  children,
}: {
  pick?: readonly (keyof Messages)[];
  children: React.ReactNode;
}) {
  const all = (await getMessages()) as Messages;
  const names = [...new Set([...SHARED, ...pick])];
  const messages = Object.fromEntries(names.map((name) => [name, all[name]]));
  return (
    <NextIntlClientProvider messages={messages}>
      {children}
    </NextIntlClientProvider>
  );
}
