"use client";

import {
  browserSupportsWebAuthnAutofill,
  startAuthentication,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialRequestOptionsJSON,
} from "@simplewebauthn/browser";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { Button } from "@/app/ui/button";
import { browserError, useTellError } from "@/app/ui/describe-error";
import { postJson, type PostResult } from "@/app/ui/post-json";
import { useSubmit } from "@/app/ui/use-submit";
import {
  finishSignIn,
  type AfterSecondFactor,
} from "@/app/verify/finish-sign-in";
import type { ApiError } from "@/lib/http/types";

const CANCELLED = browserError("PASSKEY_FAILED");

/**
 * A passkey alone signs in: "Sign in with a passkey" asks the browser for any passkey it holds for
 * this site, and the email field (`autocomplete="username webauthn"`) offers the same passkeys in
 * its autofill list while the page is open (WebAuthn conditional mediation). Either way the server
 * checks the passkey and next-auth redeems the sign-in it completed. The button's request replaces
 * the autofill's (the browser holds one at a time), and an autofill that ends unchosen says nothing.
 */
export function usePasskeySignIn(next: string) {
  const using = useSubmit<AfterSecondFactor>(
    (body) => signInWithPasskey((body as { autofill: boolean }).autofill, next),
    { onDone: (after) => finishSignIn(after), leaves: true },
  );
  const [autofillError, setAutofillError] = useState<ApiError | null>(null);
  // The autofill's error skips useSubmit: it is told in the page's language as it is shown.
  const tell = useTellError();

  useEffect(() => {
    let live = true;
    void (async () => {
      if (!(await browserSupportsWebAuthnAutofill())) return;
      const result = await signInWithPasskey(true, next, true);
      if (!live || (!result.ok && result.error === CANCELLED)) return;
      const failed = result.ok ? await finishSignIn(result) : result.error;
      if (live && failed) setAutofillError(failed);
    })();
    return () => {
      live = false;
    };
  }, [next]);

  return {
    pending: using.pending,
    error: using.error ?? (autofillError && tell(autofillError)),
    use: () => {
      setAutofillError(null);
      void using.submit({ autofill: false });
    },
  };
}

export function PasskeySignInButton(props: {
  pending: boolean;
  onUse: () => void;
}) {
  const t = useTranslations("Signin.passkey");
  return (
    <Button
      type="button"
      className="secondary"
      disabled={props.pending}
      onClick={props.onUse}
    >
      {props.pending ? t("waiting") : t("signIn")}
    </Button>
  );
}

/** The server's options, the browser's passkey prompt (or autofill), then the server's check. */
async function signInWithPasskey(
  autofill: boolean,
  next: string,
  quiet = false,
): Promise<PostResult<AfterSecondFactor>> {
  const start = await postJson<{
    options: PublicKeyCredentialRequestOptionsJSON;
  }>("/api/login/passkey", {});
  if (!start.ok) return quiet ? { ok: false, error: CANCELLED } : start;
  const response: AuthenticationResponseJSON | null = await startAuthentication(
    { optionsJSON: start.options, useBrowserAutofill: autofill },
  ).catch(() => null);
  if (!response) return { ok: false, error: CANCELLED };
  return postJson<AfterSecondFactor>("/api/login/passkey/verify", {
    response,
    callbackUrl: next,
  });
}
