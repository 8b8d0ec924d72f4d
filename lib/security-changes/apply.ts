import "server-only";
import { recordEvent, type AuditInput } from "@/lib/audit";
import { challengeAccountOf } from "@/lib/challenge/id";
import { CHALLENGE_TTL_SECONDS } from "@/lib/challenge/policy";
import type { StepContext } from "@/lib/context";
import { forgetAllDevices } from "@/lib/devices/records";
import { spendUserEmailLinks } from "@/lib/email-links";
import type { NOTICES } from "@/lib/notices/catalogue";
import type { NotifyOptions } from "@/lib/notices/notify";
import { revokeUserSessions } from "@/lib/sessions";
import {
  SECURITY_CHANGES,
  type NoticeName,
  type SecurityChange,
  type SecurityChangeRule,
} from "./table";

/** What carrying out a change uses: the ports that tell, the clock, and this browser's session. */
export type ChangeContext = Pick<
  StepContext,
  "store" | "messenger" | "mailer" | "later" | "now" | "request" | "appUrl"
> & { session?: { id: string | null } };

type RowNotice<C extends SecurityChange> =
  (typeof SECURITY_CHANGES)[C]["notice"];

/** The words the change's notice takes (a passkey's name, the codes left…), if any. */
export type NoticeArgs<C extends SecurityChange> =
  RowNotice<C> extends NoticeName
    ? Parameters<(typeof NOTICES)[RowNotice<C>]>
    : [];

export interface ChangeFacts<C extends SecurityChange> {
  userId: string;
  /** The audit row's own facts; the counts the row names are added. */
  detail?: AuditInput["detail"];
  noticeArgs?: NoticeArgs<C>;
  /** Text the notice to this number (one going away) instead of the verified phone; null: no text. */
  textTo?: string | null;
  /** For a "previous-email" notice: the address replaced and the one that replaced it. */
  emails?: { previous: string; current: string };
  /**
   * The account is deleted right after (an unverified one removed): its audit row, written after the
   * reply, holds no account, as a row written before the deletion would then (onDelete SetNull).
   */
  accountRemoved?: true;
  /**
   * The email a verified address gets instead of the notice's own (one with a cancel link); as a
   * function of the person's language, written in it.
   */
  email?: NotifyOptions["email"];
}

export interface ChangeDone {
  sessionsEnded: number;
  devicesForgotten: number;
}

/**
 * Carries out what the table says follows `change`, in this order: challenges in progress ended,
 * links spent, sessions ended, remembered browsers forgotten, the audit row, the notice (after the
 * reply). The change itself is already made; this never refuses.
 */
export async function applySecurityChange<C extends SecurityChange>(
  ctx: ChangeContext,
  change: C,
  facts: ChangeFacts<C>,
): Promise<ChangeDone> {
  const rule: SecurityChangeRule = SECURITY_CHANGES[change];
  const { userId } = facts;
  if (rule.endOpenChallenges)
    await ctx.store.markCredentialsChanged(
      challengeAccountOf(`user:${userId}`),
      ctx.now(),
      CHALLENGE_TTL_SECONDS,
    );
  await spendUserEmailLinks(userId, rule.spendEmailLinks, new Date(ctx.now()));
  const done: ChangeDone = {
    sessionsEnded: await endSessions(ctx, userId, rule.endSessions),
    devicesForgotten: rule.forgetRememberedDevices
      ? await forgetDevices(userId)
      : 0,
  };
  const counts = Object.entries(rule.auditCounts ?? {}).map(
    ([name, what]) => [name, done[what]] as const,
  );
  const detail = { ...facts.detail, ...Object.fromEntries(counts) };
  await recordEvent({
    type: rule.audit,
    userId: facts.accountRemoved ? null : userId,
    ...ctx.request,
    ...(Object.keys(detail).length ? { detail } : {}),
  });
  await tell(ctx, rule, facts);
  return done;
}

/**
 * The email links `change` spends, for the use case to spend in the same transaction as the change
 * itself (applySecurityChange then finds them spent): a link asked for before a committed change
 * can never act after it.
 */
export function linksSpentBy(change: SecurityChange) {
  return SECURITY_CHANGES[change].spendEmailLinks;
}

/** Each remembered browser skipped a second factor that has changed: it must pass it once again. */
async function forgetDevices(userId: string): Promise<number> {
  const count = await forgetAllDevices(userId);
  if (count > 0)
    await recordEvent({
      type: "device_forgotten",
      userId,
      detail: { all: true, count },
    });
  return count;
}

function endSessions(
  ctx: ChangeContext,
  userId: string,
  which: SecurityChangeRule["endSessions"],
): Promise<number> {
  if (which === "none") return Promise.resolve(0);
  const keep = which === "others" ? ctx.session?.id : null;
  return revokeUserSessions(userId, keep ?? undefined);
}

async function tell<C extends SecurityChange>(
  ctx: ChangeContext,
  rule: SecurityChangeRule,
  facts: ChangeFacts<C>,
): Promise<void> {
  if (rule.notice === null) return;
  // Loaded when a change tells someone: the notices, their words and their delivery are most of
  // this module's weight, and the steps that reach it (a code's verify) mostly change nothing.
  // A change is carried out whatever happens to its notice: one that cannot load is logged.
  const loaded = await Promise.all([
    import("@/lib/notices/catalogue"),
    import("@/lib/notices/notify"),
  ]).catch((error: unknown) => {
    console.error("Security change: its notice could not be loaded:", error);
    return null;
  });
  if (!loaded) return;
  const [{ NOTICES }, { notifyAccount, savedLocale, withLockDownLink }] =
    loaded;
  if (rule.notice === "previous-email") {
    const { mailer } = ctx;
    const emails = facts.emails;
    // The address taken away keeps a way to lock the account down: an intruder's first move.
    if (mailer && emails)
      await ctx.later("email change notice", async () => {
        const [locale, { emailChangedNoticeEmail }] = await Promise.all([
          savedLocale(facts.userId),
          import("@/lib/mail/email-change-messages"),
        ]);
        await mailer.sendEmail({
          to: emails.previous,
          ...(await withLockDownLink(
            ctx,
            facts.userId,
            emails.previous,
            emailChangedNoticeEmail(ctx.appUrl, emails.current, locale),
            locale,
          )),
        });
      });
    return;
  }
  const build = NOTICES[rule.notice] as (
    ...args: unknown[]
  ) => ReturnType<(typeof NOTICES)["passwordChanged"]>;
  const notice = build(...((facts.noticeArgs ?? []) as unknown[]));
  await notifyAccount(ctx, facts.userId, notice, {
    textTo: facts.textTo,
    email: facts.email,
  });
}
