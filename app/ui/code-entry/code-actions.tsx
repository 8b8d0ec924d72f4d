"use client";

import { useTranslations } from "next-intl";
import type { Channel } from "@/lib/phone/channel";
import { Button } from "@/app/ui/button";

/** "Resend code" and "Call me instead", with the resend countdown under them. */
export function CodeActions(props: {
  disabled: boolean;
  busy: Channel | "verify" | null;
  resendIn: number;
  /** A failed text makes the call the obvious next step. */
  preferCall: boolean;
  /** A landline takes no texts: the first button calls again instead. */
  canText: boolean;
  onSend: (channel: Channel) => void;
}) {
  const { disabled, busy, resendIn, preferCall, canText, onSend } = props;
  const t = useTranslations("Ui.codeEntry");
  // A landline takes no texts: the first button calls again instead.
  const again = canText
    ? busy === "sms"
      ? t("sending")
      : t("resend")
    : busy === "voice"
      ? t("calling")
      : t("callAgain");
  return (
    <>
      <div className={canText ? "actions" : "actions single"}>
        <Button
          type="button"
          className="secondary"
          disabled={disabled || busy !== null || resendIn > 0}
          onClick={() => onSend(canText ? "sms" : "voice")}
        >
          {again}
        </Button>
        {canText && (
          <Button
            type="button"
            className={preferCall ? undefined : "secondary"}
            disabled={disabled || busy !== null}
            onClick={() => onSend("voice")}
          >
            {busy === "voice" ? t("calling") : t("callInstead")}
          </Button>
        )}
      </div>
      <p className="hint" aria-live="polite" suppressHydrationWarning>
        {resendIn > 0
          ? t("resendIn", { seconds: resendIn })
          : canText
            ? t("notReceived")
            : t("missedCall")}
      </p>
    </>
  );
}
