"use client";

import { useTranslations } from "next-intl";
import type { ChallengeView } from "@/lib/challenge/view";
import type { Channel } from "@/lib/phone/channel";
import type { CheckedFactor } from "./factor-code-form";
import type { Mode } from "./second-factor";
import styles from "./second-factor.module.css";
import { Button } from "@/app/ui/button";

/**
 * "Other ways to verify": every factor this challenge accepts besides the one on screen. A texted or
 * called code only when it accepts the phone: not when the person turned text-message codes off.
 */
export function OtherWays({
  mode,
  factors,
  canText,
  busy,
  onUse,
  onSend,
}: {
  mode: Mode;
  factors: ChallengeView["factors"];
  canText: boolean;
  /** A text or call being asked for: both buttons wait for it. */
  busy: Channel | null;
  onUse: (factor: CheckedFactor | "passkey") => void;
  onSend: (channel: Channel) => void;
}) {
  const t = useTranslations("Signin");
  const ui = useTranslations("Ui.codeEntry");
  const offers = (f: ChallengeView["factors"][number]) =>
    mode !== f && factors.includes(f);
  const way = (label: string, onClick: () => void, disabled = false) => (
    <li>
      <Button
        type="button"
        className="secondary"
        disabled={disabled}
        onClick={onClick}
      >
        {label}
      </Button>
    </li>
  );
  return (
    <nav className={styles.others} aria-labelledby="other-ways">
      <h2 id="other-ways">{t("verify.otherWays")}</h2>
      <ul className={styles.list}>
        {offers("passkey") && way(t("passkey.use"), () => onUse("passkey"))}
        {offers("totp") && way(t("verify.useTotp"), () => onUse("totp"))}
        {offers("phone") &&
          canText &&
          way(
            busy === "sms" ? ui("sending") : t("verify.textMe"),
            () => onSend("sms"),
            busy !== null,
          )}
        {offers("phone") &&
          way(
            busy === "voice" ? ui("calling") : t("verify.callMe"),
            () => onSend("voice"),
            busy !== null,
          )}
        {offers("recovery") &&
          way(t("verify.useRecovery"), () => onUse("recovery"))}
      </ul>
    </nav>
  );
}
