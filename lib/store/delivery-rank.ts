import type { DeliveryStatus } from "./types";

// Provider reports can arrive out of order; a state never steps back (a late "sent" after
// "delivered"), and the three final states never replace each other.
export const RANK_OF_DELIVERY: Record<DeliveryStatus, number> = {
  none: 0,
  queued: 1,
  sent: 2,
  delivered: 3,
  undelivered: 3,
  failed: 3,
};
