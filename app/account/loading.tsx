import { PageSkeleton } from "@/app/ui/page-skeleton";

export default function AccountLoading() {
  return (
    <PageSkeleton
      title="Your account"
      status="Loading your account…"
      lines={4}
      blocks={1}
      wide
    />
  );
}
