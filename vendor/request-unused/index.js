// The plivo SDK lists `request` (deprecated, with vulnerable form-data and tough-cookie underneath)
// but sends through axios; package.json "overrides" puts this stand-in in its place. If a future SDK
// version ever loads it, fail loudly instead of sending through an unmaintained client.
throw new Error(
  "The 'request' package was replaced by a stand-in (package.json overrides): " +
    "this plivo code path needs it. Update the override or the SDK.",
);
