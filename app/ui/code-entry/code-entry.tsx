"use client";

import { useTranslations } from "next-intl";
import { useCallback, useState, type FormEvent, type ReactNode } from "react";
import type { ChallengeView } from "@/lib/challenge/view";
import type { ApiError } from "@/lib/http/types";
import type { Channel } from "@/lib/phone/channel";
import { Button } from "@/app/ui/button";
import { FormAlert } from "@/app/ui/form-alert";
import { useSubmit } from "@/app/ui/use-submit";
import { CodeActions } from "./code-actions";
import { CodeField } from "./code-field";
import { DeliveryStatus, isUndelivered } from "./delivery-status";
import { useCountdown } from "./use-countdown";
import { useDeliveryUpdates } from "./use-delivery-updates";
import { useWebOtp } from "./use-web-otp";

/** The routes of one code step: the sign-in's (/api/otp/…) or a phone change's. */
export interface CodeRoutes {
  verify: string;
  send: string;
  status: string;
}

/**
 * Every step that asks for a code texted or called to a phone: "Verification code", "Verify",
 * "Resend code" and "Call me instead", how the text fares, and the code Android offers from the
 * text (WebOTP). What happens once the code is right is the caller's.
 */
export function CodeEntry<T extends object = object>(props: {
  initial: ChallengeView;
  routes: CodeRoutes;
  fieldId: string;
  /** Sent with the code, e.g. whether to remember this browser. */
  extra?: object;
  /** After a right code, with the route's reply; an error it returns is shown under the form. */
  onVerified: (
    reply: T,
  ) => ApiError | null | void | Promise<ApiError | null | void>;
  /** Whether the page moves on after a right code (the button stays busy until it does). */
  leaves?: boolean;
  /** The first notice, e.g. where the code went. */
  notice?: string | null;
  /** Shown under a refusal, e.g. the way to a fresh second factor. */
  errorAction?: (error: ApiError | null) => ReactNode;
  /** Shown above the Verify button (the remember box). */
  children?: ReactNode;
  /** Shown under the resend buttons; told whether this code can no longer be used. */
  footer?: (ended: boolean) => ReactNode;
}) {
  const { initial, routes } = props;
  const t = useTranslations("Ui.codeEntry");
  const sayError = useTranslations("Errors");
  const [view, setView] = useState(initial);
  const [code, setCode] = useState("");
  const [info, setInfo] = useState<string | null>(
    isUndelivered(initial)
      ? sayError("DELIVERY_FAILED")
      : (props.notice ?? null),
  );
  const resendIn = useCountdown(view.resendInSeconds, view);
  const undelivered = isUndelivered(view);
  const texted = view.lastChannel !== "voice";

  const verifying = useSubmit<T>(routes.verify, {
    onDone: props.onVerified,
    leaves: props.leaves,
    onError: (error) => {
      setInfo(null);
      const left = error.attemptsLeft;
      if (left !== undefined)
        setView((v) => ({ ...v, attemptsLeft: left, locked: left === 0 }));
    },
  });
  const [channel, setChannel] = useState<Channel | null>(null);
  const sending = useSubmit<{ challenge: ChallengeView }>(routes.send, {
    onDone: ({ challenge }) => {
      setView(challenge);
      setCode("");
      setInfo(
        challenge.lastChannel === "voice"
          ? t("callingNow", { phone: challenge.maskedPhone })
          : t("sentNew", { phone: challenge.maskedPhone }),
      );
    },
  });
  const error = verifying.error ?? sending.error;
  const ended = view.locked || error?.final === true;
  const busy = verifying.pending ? "verify" : sending.pending ? channel : null;

  useWebOtp((otp) => {
    setCode(otp);
    void verifying.submit({ ...props.extra, code: otp });
  });
  useDeliveryUpdates(
    view,
    texted && !ended,
    useCallback(
      (fresh: ChallengeView) => {
        setView(fresh);
        if (isUndelivered(fresh)) setInfo(sayError("DELIVERY_FAILED"));
      },
      [sayError],
    ),
    routes.status,
  );

  function send(next: Channel) {
    setChannel(next);
    setInfo(null);
    verifying.reset();
    void sending.submit({ channel: next });
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    sending.reset();
    void verifying.submit({ ...props.extra, code });
  }

  return (
    <form method="post" onSubmit={onSubmit} noValidate>
      <FormAlert error={verifying.message ?? sending.message} info={info} />
      {props.errorAction?.(error)}
      {texted && <DeliveryStatus delivery={view.delivery} />}
      <CodeField
        id={props.fieldId}
        code={code}
        onChange={setCode}
        disabled={ended}
        attemptsLeft={view.attemptsLeft}
        sendsLeft={view.sendsLeft}
      />
      {props.children}
      <Button
        type="submit"
        disabled={ended || busy !== null || code.length !== 6}
      >
        {busy === "verify" ? t("verifying") : t("verify")}
      </Button>
      <CodeActions
        disabled={ended}
        busy={busy}
        // The server waives the wait after a failed text (lib/challenge/send.ts).
        resendIn={undelivered ? 0 : resendIn}
        preferCall={undelivered}
        canText={view.canText}
        onSend={send}
      />
      {props.footer?.(ended)}
    </form>
  );
}
