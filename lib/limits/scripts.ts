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
