import { notFound } from "next/navigation";
import { benchRoutesEnabled } from "../enabled";

// Bench builds only: the smallest page the app can serve (root layout and nothing else), the
// baseline the benchmark compares the real pages' first-load JavaScript against.
export default function EmptyPage() {
  if (!benchRoutesEnabled()) notFound();
  return null;
}
