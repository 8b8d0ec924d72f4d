"use client";

import { startAuthentication } from "@simplewebauthn/browser";
import type { PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/browser";
import { useState, type ReactNode } from "react";
import { describeError } from "@/app/ui/describe-error";
import { FormAlert } from "@/app/ui/form-alert";
import { postJson, type PostResult } from "@/app/ui/post-json";
import { useSubmit } from "@/app/ui/use-submit";
import { ERRORS } from "@/lib/errors";
import type { ApiError } from "@/lib/http/types";
import { finishSignIn, type AfterSecondFactor } from "./finish-sign-in";
import { Button } from "@/app/ui/button";

const CANCELLED: ApiError = {
  code: "PASSKEY_FAILED",
  message: ERRORS.PASSKEY_FAILED.message,
  final: false,
};

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
    void using.submit({ remember: props.remember ?? false, callbackUrl: next });
  }

  return (
    <div className="field">
      <FormAlert error={error ? describeError(error) : null} />
      {props.children}
      <Button type="button" disabled={ended || busy} onClick={use}>
        {busy ? "Waiting for your passkey…" : "Use a passkey"}
      </Button>
      {ended && (
        <p className="switch">
          <a href="/login">Start again</a>
        </p>
      )}
    </div>
  );
}

/** The server's options, the browser's passkey prompt, then the server's check of its answer. */
async function askPasskey(
  body: unknown,
): Promise<PostResult<AfterSecondFactor>> {
  const start = await postJson<{
    options: PublicKeyCredentialRequestOptionsJSON;
  }>("/api/otp/passkey", {});
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
