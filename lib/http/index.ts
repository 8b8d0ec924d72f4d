// The one HTTP edge: handlers, bodies, request metadata and replies.
export { apiHandler, isSameOrigin } from "./handler";
export { MAX_BODY_BYTES, parseBody, readBodyText } from "./body";
export { fail, ok, refused } from "./reply";
export { requestFacts } from "./request-facts";
export type { ApiError, ApiResult } from "./types";
export {
  answer,
  consoleRoute,
  cronRoute,
  NO_STORE,
  publicRoute,
  signedInRoute,
  type AccountLimit,
} from "./routes";
