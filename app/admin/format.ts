// Dates in the console: UTC, to the minute, the same for every operator wherever they sit.
const DATE = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});

export const formatDate = (at: Date) => `${DATE.format(at)} UTC`;
