import { describe, expect, it } from "vitest";
import { CLIENT_MESSAGES, ERRORS } from "@/lib/errors";
import { createTranslator } from "use-intl/core";
import type { Locale } from "@/lib/i18n/locales";
import { MESSAGES, type Messages } from "@/lib/i18n/messages";

/** One namespace's translator as the pages have it (next-intl). */
const translatorFor = <N extends keyof Messages>(
  locale: Locale,
  namespace: N,
) => createTranslator({ locale, messages: MESSAGES[locale], namespace });
import {
  browserError,
  describeError,
  describeWait,
  tellError,
} from "./describe-error";

describe("error wording", () => {
  it("adds the attempts left to a wrong code", () => {
    const error = {
      code: "WRONG_CODE",
      message: "That code is not right.",
      attemptsLeft: 1,
      final: false,
    } as const;
    expect(describeError(error)).toBe(
      "That code is not right. 1 attempt left.",
    );
  });

  it("says when to retry, in seconds, minutes or hours", () => {
    expect(describeWait(45)).toBe("45 s");
    expect(describeWait(300)).toBe("5 min");
    expect(describeWait(3600)).toBe("60 min");
    expect(describeWait(7200)).toBe("2 h");
    const error = {
      code: "ACCOUNT_LOCKED",
      message: "Locked.",
      retryAfterSeconds: 900,
      final: false,
    } as const;
    expect(describeError(error)).toBe("Locked. Try again in 15 min.");
  });
});

describe("an error told in the page's language", () => {
  it("says a French wrong code's attempts left in French, with French plurals", () => {
    const fr = translatorFor("fr", "Errors");
    const wrong = (attemptsLeft: number) =>
      describeError(
        tellError(
          {
            code: "WRONG_CODE",
            message: fr("WRONG_CODE"),
            attemptsLeft,
            final: false,
          },
          fr,
        ),
      );
    expect(wrong(1)).toBe("Ce code n’est pas le bon. 1 tentative restante.");
    expect(wrong(3)).toBe("Ce code n’est pas le bon. 3 tentatives restantes.");
  });

  it("says when to retry in German units", () => {
    const de = translatorFor("de", "Errors");
    const locked = tellError(
      {
        code: "ACCOUNT_LOCKED",
        message: de("ACCOUNT_LOCKED"),
        retryAfterSeconds: 300,
        final: false,
      },
      de,
    );
    expect(describeError(locked)).toBe(
      `${de("ACCOUNT_LOCKED")} Versuchen Sie es in 5\u00a0Min. erneut.`,
    );
  });

  it("translates the browser's own English words, and keeps the server's as said", () => {
    const es = translatorFor("es", "Errors");
    const offline = tellError(
      {
        code: "SERVICE_UNAVAILABLE",
        message: CLIENT_MESSAGES.unreachable,
        final: false,
      },
      es,
    );
    expect(describeError(offline)).toBe(es("client.unreachable"));
    const cancelled = tellError(
      {
        code: "PASSKEY_FAILED",
        message: ERRORS.PASSKEY_FAILED.message,
        final: false,
      },
      es,
    );
    expect(cancelled.message).toBe(es("PASSKEY_FAILED"));
    const said = {
      code: "FORBIDDEN",
      message: "Refusé.",
      final: false,
    } as const;
    expect(describeError(tellError(said, es))).toBe("Refusé.");
  });

  it("tells an error the browser made itself in the page's language", () => {
    const pt = translatorFor("pt-BR", "Errors");
    const cancelled = tellError(browserError("PASSKEY_NOT_ADDED"), pt);
    expect(describeError(cancelled)).toBe(pt("PASSKEY_NOT_ADDED"));
    expect(pt("PASSKEY_NOT_ADDED")).not.toBe(ERRORS.PASSKEY_NOT_ADDED.message);
  });

  it("stays English when English tells it", () => {
    const en = translatorFor("en", "Errors");
    const error = {
      code: "WRONG_CODE",
      message: ERRORS.WRONG_CODE.message,
      attemptsLeft: 2,
      final: false,
    } as const;
    expect(describeError(tellError(error, en))).toBe(
      "That code is not right. 2 attempts left.",
    );
  });
});
