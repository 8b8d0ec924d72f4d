// Lua run inside Redis: each script is one atomic step and one round trip, so all of a request's
// limits are checked together and nothing is counted for a request that is refused.
// Counter keys are per aligned window (the caller puts the window in the key), as in
// @upstash/ratelimit's fixed window; lock values are epoch ms, compared with the caller's clock.

/**
 * KEYS [lock,] counter... · ARGV now, hasLock ('1'|'0'), then max, windowMs per counter.
 * Returns {-1, 0} allowed, {0, lockedUntil} locked, {i, 0} when the i-th counter is full.
 */
export const CONSUME = `
local now = tonumber(ARGV[1])
local first = 1
if ARGV[2] == '1' then
  first = 2
  local lockedUntil = tonumber(redis.call('GET', KEYS[1]) or '0') or 0
  if lockedUntil > now then return {0, lockedUntil} end
end
for i = first, #KEYS do
  local max = tonumber(ARGV[3 + (i - first) * 2])
  if (tonumber(redis.call('GET', KEYS[i]) or '0') or 0) >= max then
    return {i - first + 1, 0}
  end
end
for i = first, #KEYS do
  if redis.call('INCR', KEYS[i]) == 1 then
    redis.call('PEXPIRE', KEYS[i], ARGV[4 + (i - first) * 2])
  end
end
return {-1, 0}
`;

/**
 * KEYS failures, lock, counted-marker · ARGV now, memoryMs, after, ladder seconds...
 * Returns {failures, lockedForSeconds}; a challenge already counted changes nothing.
 */
export const RECORD_FAILURE = `
local now = tonumber(ARGV[1])
if not redis.call('SET', KEYS[3], '1', 'NX', 'PX', ARGV[2]) then
  return {tonumber(redis.call('GET', KEYS[1]) or '0') or 0, 0}
end
local failures = redis.call('INCR', KEYS[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
local step = failures - tonumber(ARGV[3])
if step < 0 then return {failures, 0} end
local seconds = tonumber(ARGV[4 + math.min(step, #ARGV - 4)])
redis.call('SET', KEYS[2], tostring(now + seconds * 1000), 'PX', seconds * 1000)
return {failures, seconds}
`;
