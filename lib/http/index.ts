// The one HTTP edge: handlers, bodies, request metadata and replies.
export { apiHandler, isSameOrigin } from "./handler";
export { MAX_BODY_BYTES, parseBody } from "./body";
export { fail, ok } from "./reply";
export { requestMeta } from "./request-meta";
export type { ApiError, ApiResult } from "./types";
