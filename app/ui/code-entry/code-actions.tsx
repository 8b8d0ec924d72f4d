"use client";

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
  return (
    <>
      <div className={canText ? "actions" : "actions single"}>
        <Button
          type="button"
          className="secondary"
          disabled={disabled || busy !== null || resendIn > 0}
          onClick={() => onSend(canText ? "sms" : "voice")}
        >
          {again(canText, busy)}
        </Button>
        {canText && (
          <Button
            type="button"
            className={preferCall ? undefined : "secondary"}
            disabled={disabled || busy !== null}
            onClick={() => onSend("voice")}
          >
            {busy === "voice" ? "Calling…" : "Call me instead"}
          </Button>
        )}
      </div>
      <p className="hint" aria-live="polite" suppressHydrationWarning>
        {resendIn > 0
          ? `You can resend the code in ${resendIn} s.`
          : canText
            ? "Didn't get it? Resend the code or ask for a call."
            : "Missed the call? Ask for another."}
      </p>
    </>
  );
}

function again(canText: boolean, busy: Channel | "verify" | null) {
  if (canText) return busy === "sms" ? "Sending…" : "Resend code";
  return busy === "voice" ? "Calling…" : "Call me again";
}
