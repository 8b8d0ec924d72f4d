import "server-only";
import enCore from "./messages/en/core.json";
import enUi from "./messages/en/ui.json";
import enSignin from "./messages/en/signin.json";
import enPages from "./messages/en/pages.json";
import enAccount from "./messages/en/account.json";
import enAdmin from "./messages/en/admin.json";
import enErrors from "./messages/en/errors.json";
import enEmails from "./messages/en/emails.json";
import enNotices from "./messages/en/notices.json";
import frCore from "./messages/fr/core.json";
import frUi from "./messages/fr/ui.json";
import frSignin from "./messages/fr/signin.json";
import frPages from "./messages/fr/pages.json";
import frAccount from "./messages/fr/account.json";
import frAdmin from "./messages/fr/admin.json";
import frErrors from "./messages/fr/errors.json";
import frEmails from "./messages/fr/emails.json";
import frNotices from "./messages/fr/notices.json";
import esCore from "./messages/es/core.json";
import esUi from "./messages/es/ui.json";
import esSignin from "./messages/es/signin.json";
import esPages from "./messages/es/pages.json";
import esAccount from "./messages/es/account.json";
import esAdmin from "./messages/es/admin.json";
import esErrors from "./messages/es/errors.json";
import esEmails from "./messages/es/emails.json";
import esNotices from "./messages/es/notices.json";
import deCore from "./messages/de/core.json";
import deUi from "./messages/de/ui.json";
import deSignin from "./messages/de/signin.json";
import dePages from "./messages/de/pages.json";
import deAccount from "./messages/de/account.json";
import deAdmin from "./messages/de/admin.json";
import deErrors from "./messages/de/errors.json";
import deEmails from "./messages/de/emails.json";
import deNotices from "./messages/de/notices.json";
import ptBRCore from "./messages/pt-BR/core.json";
import ptBRUi from "./messages/pt-BR/ui.json";
import ptBRSignin from "./messages/pt-BR/signin.json";
import ptBRPages from "./messages/pt-BR/pages.json";
import ptBRAccount from "./messages/pt-BR/account.json";
import ptBRAdmin from "./messages/pt-BR/admin.json";
import ptBRErrors from "./messages/pt-BR/errors.json";
import ptBREmails from "./messages/pt-BR/emails.json";
import ptBRNotices from "./messages/pt-BR/notices.json";
// From use-intl's core, which next-intl re-exports: no React in it, so a script run outside Next
// (npm run erase-due, under the react-server condition) can word an email or a notice too; next-intl's
// own entry there loads its client provider, which needs React's client build.
import { createTranslator } from "use-intl/core";
import type { Locale } from "./locales";

// One catalogue per language, one file per area of the app (lib/i18n/messages/<locale>/<area>.json):
// an area's file is its top-level namespace ("Account", "Errors"…), the core file's namespaces sit
// at the top. English is the reference whose keys type every other (lib/i18n/app-config.ts) and
// that lib/i18n/catalogues.test.ts holds them to, placeholders included.

const en = {
  ...enCore,
  Ui: enUi,
  Signin: enSignin,
  Pages: enPages,
  Account: enAccount,
  Admin: enAdmin,
  Errors: enErrors,
  Emails: enEmails,
  Notices: enNotices,
};

export type Messages = typeof en;

export const MESSAGES: Record<Locale, Messages> = {
  en,
  fr: {
    ...frCore,
    Ui: frUi,
    Signin: frSignin,
    Pages: frPages,
    Account: frAccount,
    Admin: frAdmin,
    Errors: frErrors,
    Emails: frEmails,
    Notices: frNotices,
  },
  es: {
    ...esCore,
    Ui: esUi,
    Signin: esSignin,
    Pages: esPages,
    Account: esAccount,
    Admin: esAdmin,
    Errors: esErrors,
    Emails: esEmails,
    Notices: esNotices,
  },
  de: {
    ...deCore,
    Ui: deUi,
    Signin: deSignin,
    Pages: dePages,
    Account: deAccount,
    Admin: deAdmin,
    Errors: deErrors,
    Emails: deEmails,
    Notices: deNotices,
  },
  "pt-BR": {
    ...ptBRCore,
    Ui: ptBRUi,
    Signin: ptBRSignin,
    Pages: ptBRPages,
    Account: ptBRAccount,
    Admin: ptBRAdmin,
    Errors: ptBRErrors,
    Emails: ptBREmails,
    Notices: ptBRNotices,
  },
};

/** Texts, calls, emails and notices, composed outside React: the translator of one namespace. */
export function translatorFor<N extends keyof Messages>(
  locale: Locale,
  namespace: N,
) {
  return createTranslator({ locale, messages: MESSAGES[locale], namespace });
}
