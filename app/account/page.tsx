import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { maskPhone } from "@/lib/phone";
import { SignOutButton } from "./sign-out-button";

export const metadata: Metadata = { title: "Your account" };
export const dynamic = "force-dynamic";

export default async function AccountPage() {
  const sessionUser = await requireUser("/account");
  const db = await getDb();
  const user = await db.user.findUnique({
    where: { id: sessionUser.id },
    include: { phones: { where: { verifiedAt: { not: null } } } },
  });
  const phone = user?.phones[0]?.number;
  return (
    <section className="card wide">
      <h1>Your account</h1>
      <p className="lead">
        You are signed in with your password and your phone.
      </p>
      <dl className="facts">
        <dt>Signed in as</dt>
        <dd>{user?.email ?? sessionUser.email}</dd>
        <dt>Phone</dt>
        <dd>{phone ? maskPhone(phone) : "None verified"}</dd>
        <dt>Member since</dt>
        <dd>{user?.createdAt.toISOString().slice(0, 10)}</dd>
      </dl>
      <SignOutButton />
    </section>
  );
}
