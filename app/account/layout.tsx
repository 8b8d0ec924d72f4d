import { requireUser } from "@/lib/auth/session";

// The sign-in check runs here, above the page's loading state: once that state has streamed, a
// signed-out visitor could only be moved on from a 200 page instead of getting a redirect.
export default async function AccountLayout({
  children,
}: {
  children: React.ReactNode;
}) {
  await requireUser("/account");
  return children;
}
