"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { useSubmit } from "@/app/ui/use-submit";
import type { ChallengeView } from "@/lib/challenge/view";
import type { Channel } from "@/lib/phone/channel";
import type { ApiError } from "@/lib/http/types";
import { usePrefetchedCsrfToken } from "./establish-session";
import { FactorCodeForm, type CheckedFactor } from "./factor-code-form";
import { LostEverything } from "./lost-everything";
import { OtherWays } from "./other-ways";
import { PasskeyForm } from "./passkey-form";
import { RememberDevice } from "./remember-device";
import { VerifyForm } from "./verify-form";

export type Mode = CheckedFactor | "phone" | "passkey";

/** The lead above each code form other than the phone's (Signin.verify). */
const LEADS = {
  totp: "totpLead",
  recovery: "recoveryLead",
} as const satisfies Record<CheckedFactor, string>;

/**
 * The second-factor step: starts with the strongest factor this challenge accepts (the
 * passkey, then the authenticator app, then the phone) and offers the others. Once a code was texted or called,
 * the phone's form leads.
 */
export function SecondFactorStep(props: {
  initial: ChallengeView;
  next: string;
}) {
  const { next } = props;
  const t = useTranslations("Signin.verify");
  const sayError = useTranslations("Errors");
  usePrefetchedCsrfToken();
  const [view, setView] = useState(props.initial);
  const [mode, setMode] = useState<Mode>(() => firstMode(props.initial));
  const [channel, setChannel] = useState<Channel | null>(null);
  const [notice, setNotice] = useState<ApiError | null>(null);
  const [remember, setRemember] = useState(false);
  const rememberBox = (
    <RememberDevice checked={remember} onChange={setRemember} />
  );

  const sending = useSubmit<{ challenge: ChallengeView }>("/api/otp/send", {
    onDone: ({ challenge }) => {
      setView(challenge);
      setNotice(null);
      setMode("phone");
    },
    onError: setNotice,
  });
  const busy = sending.pending ? channel : null;

  function send(next: Channel) {
    setChannel(next);
    void sending.submit({ channel: next });
  }

  function use(factor: CheckedFactor | "passkey") {
    setNotice(null);
    setMode(factor);
  }

  const hasOthers = mode !== "phone" || view.factors.length > 1;

  // Switched off by wrong codes, with no factor nobody can guess: only a recovery is left.
  if (view.factors.length === 0)
    return (
      <>
        <h1>{t("switchedOff")}</h1>
        <p className="alert error" role="alert">
          {sayError("ACCOUNT_DISABLED")}
        </p>
        <LostEverything />
      </>
    );

  return (
    <>
      <h1>{mode === "passkey" ? t("passkeyTitle") : t("title")}</h1>
      {mode === "phone" ? (
        <>
          <p className="lead">
            {t.rich(view.lastChannel === "voice" ? "callingTo" : "sentTo", {
              phone: view.maskedPhone,
              strong: (chunks) => <strong>{chunks}</strong>,
            })}
          </p>
          <VerifyForm
            key={view.sendsLeft}
            initial={view}
            next={next}
            remember={remember}
          >
            {rememberBox}
          </VerifyForm>
        </>
      ) : mode === "passkey" ? (
        <>
          <p className="lead">{t("passkeyLead")}</p>
          <PasskeyForm
            key={notice?.code ?? ""}
            next={next}
            attemptsLeft={view.attemptsLeft}
            notice={notice}
            remember={remember}
            onAttempts={(left) =>
              setView((v) => ({ ...v, attemptsLeft: left, locked: left === 0 }))
            }
          >
            {rememberBox}
          </PasskeyForm>
        </>
      ) : (
        <>
          <p className="lead">{t(LEADS[mode])}</p>
          <FactorCodeForm
            key={`${mode}:${notice?.code ?? ""}`}
            factor={mode}
            next={next}
            attemptsLeft={view.attemptsLeft}
            notice={notice}
            remember={remember}
            onAttempts={(left) =>
              setView((v) => ({ ...v, attemptsLeft: left, locked: left === 0 }))
            }
          >
            {rememberBox}
          </FactorCodeForm>
        </>
      )}
      {hasOthers && (
        <OtherWays
          mode={mode}
          factors={view.factors}
          canText={view.canText}
          busy={busy}
          onUse={use}
          onSend={send}
        />
      )}
      {view.purpose === "login" && <LostEverything />}
    </>
  );
}

function firstMode(view: ChallengeView): Mode {
  if (view.lastChannel !== null) return "phone";
  if (view.factors[0] === "passkey") return "passkey";
  return view.factors[0] === "totp"
    ? "totp"
    : view.factors[0] === "recovery"
      ? "recovery"
      : "phone";
}
