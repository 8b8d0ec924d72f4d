// Lua run inside Redis: one atomic step and one round trip, so all of a request's limits are
// checked together and nothing is counted for a request that is refused. Counter keys are per
// aligned window (the caller puts the window in the key), as in @upstash/ratelimit's fixed window.

/**
 * KEYS counter... · ARGV max, windowMs per counter.
 * Returns 0 when allowed (every counter counted one hit), else i when the i-th counter is full.
 */
export const CONSUME = `
for i = 1, #KEYS do
  if (tonumber(redis.call('GET', KEYS[i]) or '0') or 0) >= tonumber(ARGV[i * 2 - 1]) then
    return i
  end
end
for i = 1, #KEYS do
  if redis.call('INCR', KEYS[i]) == 1 then
    redis.call('PEXPIRE', KEYS[i], ARGV[i * 2])
  end
end
return 0
`;

/**
 * A message's send (lib/limits/messages.ts): one atomic step.
 * KEYS counter×n, the day's figures, the breakers' slots (SLOTS, the current one first), the trips
 * in force, what tripped them.
 * ARGV n, (max, windowMs)×n, now, ceiling, minSends, maxConversionPercent, pauseMs, the figure
 * field the send counts, the figures' and the slot's expiry (epoch ms), m, the send's scopes×m.
 * Returns {0} when it may go (every counter counted it), {i} when the i-th counter is full, or
 * {-1, until, tripped now (1/0), scope[, trippedAt, sends, verified]} when a breaker (scope "all":
 * the ceiling) holds it back. A scope that trips forgets its hour, so a lifted or ended breaker
 * judges a fresh one.
 */
export const SEND = `
local n = tonumber(ARGV[1])
local b = 2 + 2 * n
local now = tonumber(ARGV[b])
local ceiling = tonumber(ARGV[b + 1])
local minSends = tonumber(ARGV[b + 2])
local maxPct = tonumber(ARGV[b + 3])
local pause = tonumber(ARGV[b + 4])
local fig = KEYS[n + 1]
local nslots = #KEYS - n - 3
local trips = KEYS[#KEYS - 1]
local info = KEYS[#KEYS]
local scopes = {'all'}
for j = 1, tonumber(ARGV[b + 8]) do scopes[j + 1] = ARGV[b + 8 + j] end
local function refused(scope)
  local reason = 'breaker'
  if scope == 'all' then reason = 'ceiling' end
  if scope == nil then reason = 'limits' end
  redis.call('HINCRBY', fig, 'refused:' .. reason, 1)
  redis.call('PEXPIREAT', fig, ARGV[b + 6])
end
for _, scope in ipairs(scopes) do
  local untilAt = tonumber(redis.call('HGET', trips, scope) or '0')
  if untilAt > now then
    refused(scope)
    return {-1, untilAt, 0, scope}
  elseif untilAt > 0 then
    redis.call('HDEL', trips, scope)
    redis.call('HDEL', info, scope)
  end
end
for i = 1, n do
  if (tonumber(redis.call('GET', KEYS[i]) or '0') or 0) >= tonumber(ARGV[i * 2]) then
    refused(nil)
    return {i}
  end
end
for _, scope in ipairs(scopes) do
  local sends, verified = 0, 0
  for j = 1, nslots do
    local got = redis.call('HMGET', KEYS[n + 1 + j], scope .. '|s', scope .. '|v')
    sends = sends + (tonumber(got[1]) or 0)
    verified = verified + (tonumber(got[2]) or 0)
  end
  local trip = sends >= minSends and verified * 100 < maxPct * sends
  if scope == 'all' then trip = sends >= ceiling end
  if trip then
    local untilAt = now + pause
    redis.call('HSET', trips, scope, untilAt)
    redis.call('HSET', info, scope, now .. ':' .. sends .. ':' .. verified)
    for j = 1, nslots do
      redis.call('HDEL', KEYS[n + 1 + j], scope .. '|s', scope .. '|v')
    end
    refused(scope)
    return {-1, untilAt, 1, scope, now, sends, verified}
  end
end
for i = 1, n do
  if redis.call('INCR', KEYS[i]) == 1 then
    redis.call('PEXPIRE', KEYS[i], ARGV[i * 2 + 1])
  end
end
redis.call('HINCRBY', fig, ARGV[b + 5], 1)
redis.call('PEXPIREAT', fig, ARGV[b + 6])
for _, scope in ipairs(scopes) do
  redis.call('HINCRBY', KEYS[n + 2], scope .. '|s', 1)
end
redis.call('PEXPIREAT', KEYS[n + 2], ARGV[b + 7])
return {0}
`;

/**
 * Counts one figure after the fact (a delivery, a verified code, a refusal made without a round
 * trip). KEYS the day's figures, the current slot · ARGV field, the figures' expiry, the slot's
 * expiry, then the scopes whose verified codes it counts toward.
 */
export const COUNT = `
redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
redis.call('PEXPIREAT', KEYS[1], ARGV[2])
for j = 4, #ARGV do redis.call('HINCRBY', KEYS[2], ARGV[j] .. '|v', 1) end
if #ARGV > 3 then redis.call('PEXPIREAT', KEYS[2], ARGV[3]) end
return 0
`;

/** KEYS: hashes to read whole (the days' figures, the trips, what tripped them), in one step. */
export const READ = `
local out = {}
for i = 1, #KEYS do out[i] = redis.call('HGETALL', KEYS[i]) end
return out
`;

/**
 * Lifts (ARGV until 0) or moves the end of a breaker in force. KEYS trips, what tripped them ·
 * ARGV scope, until, now. Returns {0} when none is in force there, else {1, what tripped it}.
 */
export const SET_TRIP = `
if tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0') <= tonumber(ARGV[3]) then
  return {0}
end
local tripped = redis.call('HGET', KEYS[2], ARGV[1]) or ''
if tonumber(ARGV[2]) == 0 then
  redis.call('HDEL', KEYS[1], ARGV[1])
  redis.call('HDEL', KEYS[2], ARGV[1])
else
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
end
return {1, tripped}
`;
