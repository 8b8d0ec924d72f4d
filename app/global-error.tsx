"use client";

import Link from "next/link";
import { NextIntlClientProvider, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { ErrorStatus } from "@/app/ui/error-status";
import type { Locale } from "@/lib/i18n/locales";
import english from "@/lib/i18n/messages/en/ui.json";
import "./globals.css";

// When the root layout itself fails, this replaces the whole document, so it brings its own
// <html>, <body> and styles, and its own words: the layout's translations are gone with it. Only
// the "Ui" catalogue is needed; English ships with this page, every other language is fetched
// when the page shows, so a page that never fails carries none of them.

type Ui = typeof english;

const CATALOGUES: Record<Locale, () => Promise<{ default: Ui }>> = {
  en: async () => ({ default: english }),
  fr: () => import("@/lib/i18n/messages/fr/ui.json"),
  es: () => import("@/lib/i18n/messages/es/ui.json"),
  de: () => import("@/lib/i18n/messages/de/ui.json"),
  "pt-BR": () => import("@/lib/i18n/messages/pt-BR/ui.json"),
};

const OURS = Object.keys(CATALOGUES) as Locale[];

/** One of ours for a language tag: the same tag, else the same language ("pt-PT" → "pt-BR"). */
function ourLocale(tag: string): Locale | undefined {
  const lower = tag.toLowerCase();
  const primary = lower.split("-")[0];
  return (
    OURS.find((l) => l.toLowerCase() === lower) ??
    OURS.find((l) => l.toLowerCase().split("-")[0] === primary)
  );
}

/**
 * The language the failed page was in (the root layout's <html lang>, read before this page
 * replaces it), else the browser's; the picker's cookie is httpOnly, out of a script's reach.
 */
const PAGE_LANG =
  typeof document === "undefined" ? "" : document.documentElement.lang;

function readerLocale(): Locale {
  const tags = [PAGE_LANG, ...(navigator.languages ?? [navigator.language])];
  for (const tag of tags) {
    const found = tag ? ourLocale(tag) : undefined;
    if (found) return found;
  }
  return "en";
}

export default function GlobalError(props: {
  error: unknown;
  retry: () => void;
}) {
  const [ui, setUi] = useState<{ locale: Locale; messages: Ui } | null>(null);
  useEffect(() => {
    const locale = readerLocale();
    let live = true;
    CATALOGUES[locale]()
      .then(({ default: messages }) => ({ locale, messages }))
      // Its language could not be fetched: English rather than nothing.
      .catch(() => ({ locale: "en" as const, messages: english }))
      .then((found) => {
        if (live) setUi(found);
      });
    return () => {
      live = false;
    };
  }, []);
  return (
    <html lang={ui?.locale ?? "en"}>
      <body className="twostep">
        <header className="site-header">
          <Link href="/" className="brand">
            Two<span>step</span>
          </Link>
        </header>
        <main>
          {/* Empty for the moment its words take to arrive, never in the wrong language. */}
          {ui ? (
            <NextIntlClientProvider
              locale={ui.locale}
              messages={{ Ui: ui.messages }}
              timeZone="UTC"
            >
              <FailedApp {...props} />
            </NextIntlClientProvider>
          ) : null}
        </main>
      </body>
    </html>
  );
}

function FailedApp(props: { error: unknown; retry: () => void }) {
  const t = useTranslations("Ui.errorStatus");
  return (
    <>
      <title>{`${t("title")} · Twostep`}</title>
      <ErrorStatus {...props} lead={t("app")} />
    </>
  );
}
