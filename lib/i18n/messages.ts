import "server-only";
import enUi from "./messages/en/ui.json";
import enSignin from "./messages/en/signin.json";
import enPages from "./messages/en/pages.json";
import enAccount from "./messages/en/account.json";
import enAdmin from "./messages/en/admin.json";
import frUi from "./messages/fr/ui.json";
import frSignin from "./messages/fr/signin.json";
import frPages from "./messages/fr/pages.json";
import frAccount from "./messages/fr/account.json";
import frAdmin from "./messages/fr/admin.json";
import esUi from "./messages/es/ui.json";
import esSignin from "./messages/es/signin.json";
import esPages from "./messages/es/pages.json";
import esAccount from "./messages/es/account.json";
import esAdmin from "./messages/es/admin.json";
import deUi from "./messages/de/ui.json";
import deSignin from "./messages/de/signin.json";
import dePages from "./messages/de/pages.json";
import deAccount from "./messages/de/account.json";
import deAdmin from "./messages/de/admin.json";
import ptBRUi from "./messages/pt-BR/ui.json";
import ptBRSignin from "./messages/pt-BR/signin.json";
import ptBRPages from "./messages/pt-BR/pages.json";
import ptBRAccount from "./messages/pt-BR/account.json";
import ptBRAdmin from "./messages/pt-BR/admin.json";
import { CORE_WORDS } from "./catalogues/core";
import { EMAILS_WORDS } from "./catalogues/emails";
import { ERRORS_WORDS } from "./catalogues/errors";
import { NOTICES_WORDS } from "./catalogues/notices";
import type { Locale } from "./locales";

// One catalogue per language, one file per area of the app (lib/i18n/messages/<locale>/<area>.json):
// an area's file is its top-level namespace ("Account", "Errors"…), the core file's namespaces sit
// at the top. English is the reference whose keys type every other (lib/i18n/app-config.ts) and
// that lib/i18n/catalogues.test.ts holds them to, placeholders included. The areas said outside pages
// (core's texts and calls, errors, emails, notices) are modules of their own in lib/i18n/catalogues,
// so an API route loads those it says and none of the pages' words.

const en = {
  ...CORE_WORDS.en,
  Ui: enUi,
  Signin: enSignin,
  Pages: enPages,
  Account: enAccount,
  Admin: enAdmin,
  Errors: ERRORS_WORDS.en,
  Emails: EMAILS_WORDS.en,
  Notices: NOTICES_WORDS.en,
};

export type Messages = typeof en;

export const MESSAGES: Record<Locale, Messages> = {
  en,
  fr: {
    ...CORE_WORDS.fr,
    Ui: frUi,
    Signin: frSignin,
    Pages: frPages,
    Account: frAccount,
    Admin: frAdmin,
    Errors: ERRORS_WORDS.fr,
    Emails: EMAILS_WORDS.fr,
    Notices: NOTICES_WORDS.fr,
  },
  es: {
    ...CORE_WORDS.es,
    Ui: esUi,
    Signin: esSignin,
    Pages: esPages,
    Account: esAccount,
    Admin: esAdmin,
    Errors: ERRORS_WORDS.es,
    Emails: EMAILS_WORDS.es,
    Notices: NOTICES_WORDS.es,
  },
  de: {
    ...CORE_WORDS.de,
    Ui: deUi,
    Signin: deSignin,
    Pages: dePages,
    Account: deAccount,
    Admin: deAdmin,
    Errors: ERRORS_WORDS.de,
    Emails: EMAILS_WORDS.de,
    Notices: NOTICES_WORDS.de,
  },
  "pt-BR": {
    ...CORE_WORDS["pt-BR"],
    Ui: ptBRUi,
    Signin: ptBRSignin,
    Pages: ptBRPages,
    Account: ptBRAccount,
    Admin: ptBRAdmin,
    Errors: ERRORS_WORDS["pt-BR"],
    Emails: EMAILS_WORDS["pt-BR"],
    Notices: NOTICES_WORDS["pt-BR"],
  },
};
