"use client";

import { useLayoutEffect, useState } from "react";

/**
 * False in the server's HTML; true from the commit that hydrates (or mounts) the component,
 * before the browser paints. A passive effect would come later, leaving a moment after
 * hydration in which a press on a still-disabled button is lost.
 */
export function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  // The one re-render this asks for is the point: the server's HTML said "not yet".
  // eslint-disable-next-line react-hooks/set-state-in-effect
  useLayoutEffect(() => setHydrated(true), []);
  return hydrated;
}
