"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { CodeEntry } from "@/app/ui/code-entry/code-entry";
import type { ChallengeView } from "@/lib/challenge/view";
import { finishSignIn, type AfterSecondFactor } from "./finish-sign-in";

const ROUTES = {
  verify: "/api/otp/verify",
  send: "/api/otp/send",
  status: "/api/otp/status",
};

/** The sign-in's (or a reset's) code texted or called to the phone. */
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
  const t = useTranslations("Signin.verify");
  return (
    <CodeEntry<AfterSecondFactor>
      initial={initial}
      routes={ROUTES}
      fieldId="field-code"
      extra={{ remember, callbackUrl: next }}
      onVerified={(after) => finishSignIn(after)}
      leaves
      footer={(ended) =>
        ended && (
          <p className="switch">
            <a
              href={initial.purpose === "reset" ? "/forgot-password" : "/login"}
            >
              {t("startAgain")}
            </a>
          </p>
        )
      }
    >
      {children}
    </CodeEntry>
  );
}
