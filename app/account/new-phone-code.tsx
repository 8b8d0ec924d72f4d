"use client";

import { useCallback, useState, type FormEvent } from "react";
import { describeError } from "@/app/ui/describe-error";
import { FormAlert } from "@/app/ui/form-alert";
import { postJson } from "@/app/ui/post-json";
import { CodeActions } from "@/app/verify/code-actions";
import { DeliveryStatus, isUndelivered } from "@/app/verify/delivery-status";
import { useCountdown } from "@/app/verify/use-countdown";
import { useDeliveryUpdates } from "@/app/verify/use-delivery-updates";
import type { ChallengeView } from "@/lib/challenge/view";
import type { Channel } from "@/lib/phone/channel";
import { ERRORS } from "@/lib/errors";
import type { ApiError } from "@/lib/http/types";
import { SignInAgain } from "./session-action";
import { CodeField } from "@/app/ui/code-field";
import { Button } from "@/app/ui/button";

type Busy = "verify" | Channel | null;

/** The code sent to the new number, with "Resend code" and "Call me instead" as on the code page. */
export function NewPhoneCode({
  initial,
  onChanged,
  onRestart,
}: {
  initial: ChallengeView;
  onChanged: () => void;
  /** Back to the number: after a refusal that ends this code, or to correct a mistyped number. */
  onRestart: () => void;
}) {
  const [view, setView] = useState(initial);
  const [code, setCode] = useState("");
  const [busy, setBusy] = useState<Busy>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [info, setInfo] = useState<string | null>(sentTo(initial));
  const resendIn = useCountdown(view.resendInSeconds, view);
  const undelivered = isUndelivered(view);
  const ended = view.locked || error?.final === true;
  const texted = view.lastChannel !== "voice";
  useDeliveryUpdates(
    view,
    texted && !ended,
    useCallback((fresh: ChallengeView) => {
      setView(fresh);
      if (isUndelivered(fresh)) setInfo(ERRORS.DELIVERY_FAILED.message);
    }, []),
    "/api/account/phone/status",
  );

  async function verify(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy("verify");
    setError(null);
    const result = await postJson<{ maskedPhone: string }>(
      "/api/account/phone/verify",
      { code },
    );
    setBusy(null);
    if (result.ok) return onChanged();
    setError(result.error);
    setInfo(null);
    const left = result.error.attemptsLeft;
    if (left !== undefined)
      setView((v) => ({ ...v, attemptsLeft: left, locked: left === 0 }));
  }

  async function send(channel: Channel) {
    setBusy(channel);
    setError(null);
    const result = await postJson<{ challenge: ChallengeView }>(
      "/api/account/phone/send",
      { channel },
    );
    setBusy(null);
    if (!result.ok) return setError(result.error);
    setView(result.challenge);
    setCode("");
    setInfo(sentTo(result.challenge));
  }

  return (
    <form method="post" onSubmit={verify} noValidate>
      <FormAlert error={error ? describeError(error) : null} info={info} />
      <SignInAgain error={error} />
      {texted && <DeliveryStatus delivery={view.delivery} />}
      <CodeField
        id="field-new-phone-code"
        code={code}
        onChange={setCode}
        disabled={ended}
        attemptsLeft={view.attemptsLeft}
        sendsLeft={view.sendsLeft}
      />
      <Button
        type="submit"
        disabled={ended || busy !== null || code.length !== 6}
      >
        {busy === "verify" ? "Verifying…" : "Verify"}
      </Button>
      <CodeActions
        disabled={ended}
        busy={busy}
        // The server waives the wait after a failed text (lib/challenge/send.ts).
        resendIn={undelivered ? 0 : resendIn}
        preferCall={undelivered}
        canText={view.canText}
        onSend={(channel) => void send(channel)}
      />
      <Button type="button" className="secondary" onClick={onRestart}>
        Use another number
      </Button>
    </form>
  );
}

function sentTo(view: ChallengeView): string {
  return view.lastChannel === "voice"
    ? `We are calling ${view.maskedPhone} now. Listen for your code.`
    : `We sent a code to ${view.maskedPhone}.`;
}
