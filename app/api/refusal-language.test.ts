import { beforeEach, describe, expect, it, vi } from "vitest";
import { POST as verify } from "@/app/api/otp/verify/route";
import { POST as forgot } from "@/app/api/password/forgot/route";
import { ERRORS } from "@/lib/errors";
import { cookieJar, jsonRequest } from "@/test/support/next-request";

// A refusal is said in the language of the request that gets it: the picker's cookie, else the
// browser's Accept-Language, else English, the message and each field's alike.

vi.mock("next/headers", () => import("@/test/support/next-request"));

beforeEach(() => cookieJar.clear());

async function refusal(
  route: (request: Request) => Promise<Response>,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const res = await route(jsonRequest(path, body, { headers }));
  expect(res.ok).toBe(false);
  return (await res.json()).error;
}

const badAddress = (headers?: Record<string, string>) =>
  refusal(forgot, "/api/password/forgot", { email: "not an address" }, headers);
const noChallenge = (headers?: Record<string, string>) =>
  refusal(verify, "/api/otp/verify", { code: "123456" }, headers);

describe("a refusal's language", () => {
  it("is English by default", async () => {
    expect(await badAddress()).toEqual({
      code: "INVALID_INPUT",
      message: "Please check the highlighted fields.",
      final: false,
      fields: { email: "Enter a valid email address." },
    });
    expect((await noChallenge()).message).toBe(ERRORS.NO_CHALLENGE.message);
  });

  it("is French for a browser that asks for French", async () => {
    const french = { "accept-language": "fr-FR,fr;q=0.9,en;q=0.5" };
    expect(await badAddress(french)).toEqual({
      code: "INVALID_INPUT",
      message: "Veuillez vérifier les champs signalés.",
      final: false,
      fields: { email: "Saisissez une adresse e-mail valide." },
    });
    expect(await noChallenge(french)).toEqual({
      code: "NO_CHALLENGE",
      message:
        "Votre étape de vérification est terminée. Veuillez recommencer.",
      final: true,
    });
  });

  it("is the picker's German over the browser's French", async () => {
    // The browser's cookies, as route tests keep them (twostep_locale=de).
    cookieJar.set("twostep_locale", "de");
    const picked = { "accept-language": "fr" };
    expect(await badAddress(picked)).toMatchObject({
      message: "Bitte prüfen Sie die markierten Felder.",
      fields: { email: "Geben Sie eine gültige E-Mail-Adresse ein." },
    });
    expect((await noChallenge(picked)).message).toBe(
      "Ihr Bestätigungsschritt ist abgelaufen. Bitte beginnen Sie von vorn.",
    );
  });

  it("stays English for a browser asking for a language Twostep does not speak", async () => {
    expect((await badAddress({ "accept-language": "it-IT" })).message).toBe(
      ERRORS.INVALID_INPUT.message,
    );
  });
});
