"use client";

import { useEffect, useEffectEvent } from "react";

type OtpCredential = Credential & { code: string };

/** WebOTP: on Android Chrome the browser offers the code from the SMS and we fill it in. */
export function useWebOtp(onCode: (code: string) => void) {
  // The code is handled as the form stands when it arrives, without asking the browser again.
  const receive = useEffectEvent(onCode);
  useEffect(() => {
    if (!("OTPCredential" in window)) return;
    const abort = new AbortController();
    navigator.credentials
      .get({
        otp: { transport: ["sms"] },
        signal: abort.signal,
      } as CredentialRequestOptions)
      .then((credential) => {
        const code = (credential as OtpCredential | null)?.code;
        if (code) receive(code);
      })
      .catch(() => {}); // dismissed, aborted or unsupported: the person types the code
    return () => abort.abort();
  }, []);
}
