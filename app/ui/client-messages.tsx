import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import type { Messages } from "@/lib/i18n/messages";

/**
 * The namespaces a client component reads with useTranslations, for the browser: only those are
 * sent with the page, not every catalogue of the app. Wrap the client part of a page in it,
 * naming the top-level namespaces its components use ("Signin", "Errors"…).
 */
export async function ClientMessages({
  pick,
  children,
}: {
  pick: readonly (keyof Messages)[];
  children: React.ReactNode;
}) {
  const all = (await getMessages()) as Messages;
  const messages = Object.fromEntries(pick.map((name) => [name, all[name]]));
  return (
    <NextIntlClientProvider messages={messages}>
      {children}
    </NextIntlClientProvider>
  );
}
