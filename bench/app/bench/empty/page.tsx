// The smallest page the app can serve (root layout and nothing else), the baseline the benchmark
// compares the real pages' first-load JavaScript against. Only in the benchmark's staged build.
export default function EmptyPage() {
  return null;
}
