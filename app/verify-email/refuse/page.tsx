import type { Metadata } from "next";
import { RefuseSignUp } from "./refuse-sign-up";

export const metadata: Metadata = { title: "Refuse a sign-up" };

export default function RefuseSignUpPage() {
  return (
    <section className="card">
      <h1>I didn’t sign up</h1>
      <RefuseSignUp />
    </section>
  );
}
