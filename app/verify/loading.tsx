import { PageSkeleton } from "@/app/ui/page-skeleton";

export default function VerifyLoading() {
  return (
    <PageSkeleton title="Enter your code" status="Loading your code step…" />
  );
}
