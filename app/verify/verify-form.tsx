"use client";

import { useCallback, useState, type FormEvent, type ReactNode } from "react";
import { describeError } from "@/app/ui/describe-error";
import { FormAlert } from "@/app/ui/form-alert";
import { postJson } from "@/app/ui/post-json";
import type { ChallengeView } from "@/lib/challenge/view";
import { ERRORS } from "@/lib/errors";
import type { Channel } from "@/lib/phone/channel";
import type { ApiError } from "@/lib/http/types";
import { CodeActions } from "./code-actions";
import { finishSignIn, type AfterSecondFactor } from "./finish-sign-in";
import { DeliveryStatus, isUndelivered } from "./delivery-status";
import { useCountdown } from "./use-countdown";
import { useDeliveryUpdates } from "./use-delivery-updates";
import { useWebOtp } from "./use-web-otp";
import { CodeField } from "@/app/ui/code-field";
import { Button } from "@/app/ui/button";

type Busy = "verify" | Channel | null;

export function VerifyForm({
  initial,
  next,
  remember = false,
  children,
}: {
  initial: ChallengeView;
  next: string;
  /** "Remember this device" is checked: a success also remembers this browser. */
  remember?: boolean;
  /** Shown above the Verify button (the remember box). */
  children?: ReactNode;
}) {
  const [view, setView] = useState(initial);
  const [code, setCode] = useState("");
  const [busy, setBusy] = useState<Busy>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [info, setInfo] = useState<string | null>(initialNotice(initial));
  const [channel, setChannel] = useState(initial.lastChannel ?? "sms");
  const resendIn = useCountdown(view.resendInSeconds, view);
  const undelivered = isUndelivered(view);
  // The server waives the wait after a failed text (lib/challenge/send.ts).
  const resendWait = undelivered ? 0 : resendIn;
  const ended = view.locked || error?.final === true;

  const verify = useCallback(
    async (value: string) => {
      setBusy("verify");
      setError(null);
      const result = await postJson<AfterSecondFactor>("/api/otp/verify", {
        code: value,
        remember,
        callbackUrl: next,
      });
      if (result.ok) {
        const failed = await finishSignIn(result);
        if (!failed) return;
        setError(failed);
      } else {
        setError(result.error);
        if (result.error.attemptsLeft !== undefined) {
          setView((v) => ({
            ...v,
            attemptsLeft: result.error.attemptsLeft!,
            locked: result.error.attemptsLeft === 0,
          }));
        }
      }
      setBusy(null);
    },
    [next, remember],
  );

  useDeliveryUpdates(
    view,
    channel === "sms",
    useCallback((fresh: ChallengeView) => {
      setView(fresh);
      if (isUndelivered(fresh)) setInfo(ERRORS.DELIVERY_FAILED.message);
    }, []),
  );

  useWebOtp(
    useCallback(
      (otp: string) => {
        setCode(otp);
        void verify(otp);
      },
      [verify],
    ),
  );

  async function send(channel: Channel) {
    setBusy(channel);
    setError(null);
    setInfo(null);
    const result = await postJson<{ challenge: ChallengeView }>(
      "/api/otp/send",
      { channel },
    );
    if (result.ok) {
      setView(result.challenge);
      setChannel(channel);
      setCode("");
      setInfo(
        channel === "sms"
          ? `We sent a new code to ${result.challenge.maskedPhone}.`
          : `We are calling ${result.challenge.maskedPhone} now. Listen for your code.`,
      );
    } else setError(result.error);
    setBusy(null);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void verify(code);
  }

  return (
    <form method="post" onSubmit={onSubmit} noValidate>
      <FormAlert error={error ? describeError(error) : null} info={info} />
      {channel === "sms" && <DeliveryStatus delivery={view.delivery} />}
      <CodeField
        id="field-code"
        code={code}
        onChange={setCode}
        disabled={ended}
        attemptsLeft={view.attemptsLeft}
        sendsLeft={view.sendsLeft}
      />
      {children}
      <Button
        type="submit"
        disabled={ended || busy !== null || code.length !== 6}
      >
        {busy === "verify" ? "Verifying…" : "Verify"}
      </Button>
      <CodeActions
        disabled={ended}
        busy={busy}
        resendIn={resendWait}
        preferCall={undelivered}
        canText={view.canText}
        onSend={send}
      />
      {ended && (
        <p className="switch">
          <a href={initial.purpose === "reset" ? "/forgot-password" : "/login"}>
            Start again
          </a>
        </p>
      )}
    </form>
  );
}

function initialNotice(view: ChallengeView): string | null {
  return isUndelivered(view) ? ERRORS.DELIVERY_FAILED.message : null;
}
