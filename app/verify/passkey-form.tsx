"use client";

import { startAuthentication } from "@simplewebauthn/browser";
import type { PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/browser";
import { useState, type ReactNode } from "react";
import { describeError } from "@/app/ui/describe-error";
import { FormAlert } from "@/app/ui/form-alert";
import { postJson } from "@/app/ui/post-json";
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
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(props.notice);
  const ended = attemptsLeft === 0 || error?.final === true;

  async function use() {
    setBusy(true);
    setError(null);
    const start = await postJson<{
      options: PublicKeyCredentialRequestOptionsJSON;
    }>("/api/otp/passkey", {});
    if (!start.ok) {
      setError(start.error);
      return setBusy(false);
    }
    const response = await startAuthentication({
      optionsJSON: start.options,
    }).catch(() => null);
    if (!response) {
      setError(CANCELLED);
      return setBusy(false);
    }
    const result = await postJson<AfterSecondFactor>(
      "/api/otp/passkey/verify",
      { response, remember: props.remember ?? false, callbackUrl: next },
    );
    if (result.ok) {
      const failed = await finishSignIn(result);
      if (!failed) return;
      setError(failed);
    } else {
      setError(result.error);
      if (result.error.attemptsLeft !== undefined)
        onAttempts(result.error.attemptsLeft);
    }
    setBusy(false);
  }

  return (
    <div className="field">
      <FormAlert error={error ? describeError(error) : null} />
      {props.children}
      <Button type="button" disabled={ended || busy} onClick={() => void use()}>
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
