"use client";

/** "Resend code" and "Call me instead", with the resend countdown under them. */
export function CodeActions(props: {
  disabled: boolean;
  busy: "sms" | "voice" | "verify" | null;
  resendIn: number;
  /** A failed text makes the call the obvious next step. */
  preferCall: boolean;
  onSend: (channel: "sms" | "voice") => void;
}) {
  const { disabled, busy, resendIn, preferCall, onSend } = props;
  return (
    <>
      <div className="actions">
        <button
          type="button"
          className="secondary"
          disabled={disabled || busy !== null || resendIn > 0}
          onClick={() => onSend("sms")}
        >
          {busy === "sms" ? "Sending…" : "Resend code"}
        </button>
        <button
          type="button"
          className={preferCall ? undefined : "secondary"}
          disabled={disabled || busy !== null}
          onClick={() => onSend("voice")}
        >
          {busy === "voice" ? "Calling…" : "Call me instead"}
        </button>
      </div>
      <p className="hint" aria-live="polite" suppressHydrationWarning>
        {resendIn > 0
          ? `You can resend the code in ${resendIn} s.`
          : "Didn't get it? Resend the code or ask for a call."}
      </p>
    </>
  );
}
