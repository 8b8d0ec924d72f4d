import { ACCOUNT_NOTICES } from "./account-notices";
import { FACTOR_NOTICES } from "./factor-notices";
import { SUPPORT_NOTICES } from "./support-notices";
import { LIFECYCLE_NOTICES } from "./lifecycle-notices";
import { RECOVERY_NOTICES } from "./recovery-notices";

export type { Notice, NoticeWords } from "./notice";
export type { SignInPlace } from "./account-notices";
export type { RemovedFactor } from "./support-notices";
export { noticeEmail, noticeText, noticeWords } from "./notice";

/**
 * The one catalogue of security notices: each names its words and their values; delivery words its
 * email and, where one applies, its text in the person's language (./notice.ts).
 */
export const NOTICES = {
  ...FACTOR_NOTICES,
  ...ACCOUNT_NOTICES,
  ...SUPPORT_NOTICES,
  ...LIFECYCLE_NOTICES,
  ...RECOVERY_NOTICES,
};
