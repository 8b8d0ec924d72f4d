"use client";

import { startAuthentication } from "@simplewebauthn/browser";
import type { PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/browser";
import { useTranslations } from "next-intl";
import { useEffect, useState, type ReactNode } from "react";
import { browserError, describeError } from "@/app/ui/describe-error";
import { FormAlert } from "@/app/ui/form-alert";
import { postJson, type PostResult } from "@/app/ui/post-json";
import { useSubmit } from "@/app/ui/use-submit";
import { PASSKEY_TIMEOUT_SECONDS } from "@/lib/factors/policy";
import type { ApiError } from "@/lib/http/types";
import { finishSignIn, type AfterSecondFactor } from "./finish-sign-in";
import { Button } from "@/app/ui/button";

const CANCELLED = browserError("PASSKEY_FAILED");

/** "Use a passkey": the browser asks the passkey (with user verification) for this sign-in. */
export function PasskeyForm(props: {
  next: string;
  attemptsLeft: number;
  notice: ApiError | null;
  onAttempts: (left: number) => void;
  /** "Remember this device" is checked: a success also remembers this browser. */
  remember?: boolean;
  /** Shown above the passkey button (the remember box). */
  children?: ReactNode;
}) {
  const { next, attemptsLeft, onAttempts } = props;
  const t = useTranslations("Signin");
  usePrefetchedOptions();
  const { pending: busy, ...using } = useSubmit(askPasskey, {
    onDone: (after) => finishSignIn(after),
    leaves: true,
    onError: (refused) => {
      if (refused.attemptsLeft !== undefined) onAttempts(refused.attemptsLeft);
    },
  });
  // Until the person acts, why they see this form (e.g. an error from another factor).
  const [touched, setTouched] = useState(false);
  const error = touched ? using.error : props.notice;
  const ended = attemptsLeft === 0 || error?.final === true;

  function use() {
    setTouched(true);
    void using
      .submit({ remember: props.remember ?? false, callbackUrl: next })
      // Still on this page (cancelled, refused): the next press has its options ready too.
      .then((done) => done ?? prefetchOptions());
  }

  return (
    <div className="field">
      <FormAlert error={error ? describeError(error) : null} />
      {props.children}
      <Button type="button" disabled={ended || busy} onClick={use}>
        {busy ? t("passkey.waiting") : t("passkey.use")}
      </Button>
      {ended && (
        <p className="switch">
          <a href="/login">{t("verify.startAgain")}</a>
        </p>
      )}
    </div>
  );
}

// The passkey's request options are asked for while the person reads the page, so pressing the
// button goes straight to the passkey: then its check, the session and the page, three round trips
// as after a code. The options are sealed for this sign-in and end PASSKEY_TIMEOUT_SECONDS after
// they were made (lib/factors/webauthn.ts); options older than half that are asked for again at the
// press, so a prompt opened on them still has minutes to answer. Each press spends its options.

type Options = PostResult<{ options: PublicKeyCredentialRequestOptionsJSON }>;

const FRESH_FOR_MS = (PASSKEY_TIMEOUT_SECONDS * 1000) / 2;

let prefetched: { at: number; options: Promise<Options> } | undefined;

const fetchOptions = (): Promise<Options> =>
  postJson<{ options: PublicKeyCredentialRequestOptionsJSON }>(
    "/api/otp/passkey",
    {},
  );

function prefetchOptions() {
  prefetched ??= { at: Date.now(), options: fetchOptions() };
}

function usePrefetchedOptions() {
  useEffect(prefetchOptions, []);
}

async function takeOptions(): Promise<Options> {
  const ahead = prefetched;
  prefetched = undefined;
  if (ahead && Date.now() - ahead.at < FRESH_FOR_MS) {
    const options = await ahead.options;
    if (options.ok) return options;
  }
  return fetchOptions();
}

/** The options asked for ahead of the press, the browser's passkey prompt, then the server's check. */
async function askPasskey(
  body: unknown,
): Promise<PostResult<AfterSecondFactor>> {
  const start = await takeOptions();
  if (!start.ok) return start;
  const response = await startAuthentication({
    optionsJSON: start.options,
  }).catch(() => null);
  if (!response) return { ok: false, error: CANCELLED };
  return postJson<AfterSecondFactor>("/api/otp/passkey/verify", {
    ...(body as object),
    response,
  });
}
