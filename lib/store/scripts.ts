// Lua run inside Redis: each script is one atomic step in one round trip, so concurrent requests
// cannot both pass a check before either writes (the GET-then-DEL race of the classic demo).
// Replies: { reason, number, ...HGETALL pairs on success | userId on a miss }. The key TTL is never touched.

/**
 * KEYS[1] challenge, KEYS[2] call code value (voice only) ·
 * ARGV codeHash, codeExpiresAt, maxSends, now, channel, cooldownMs, delivery, callCode, callTtlMs
 */
export const ISSUE_CODE = `
local h = KEYS[1]
if redis.call('EXISTS', h) == 0 then return {'missing', 0} end
local f = redis.call('HMGET', h, 'status', 'sends', 'lastSentAt', 'lastCallAt', 'delivery')
if f[1] ~= 'pending' then return {f[1] or 'missing', 0} end
local sends = tonumber(f[2]) or 0
if sends >= tonumber(ARGV[3]) then return {'send-limit', 0} end
local now = tonumber(ARGV[4])
local voice = ARGV[5] == 'voice'
local since = 0
if voice then since = tonumber(f[4]) or 0
elseif sends > 0 and f[5] ~= 'failed' and f[5] ~= 'undelivered' then since = tonumber(f[3]) or 0 end
local wait = since > 0 and since + tonumber(ARGV[6]) - now or 0
if wait > 0 then return {'too-soon', wait} end
local old = redis.call('HMGET', h, 'codeHash', 'codeExpiresAt')
redis.call('HSET', h, 'codeHash', ARGV[1], 'codeExpiresAt', ARGV[2], 'lastSentAt', ARGV[4], 'delivery', ARGV[7], 'sends', sends + 1)
if voice then
  redis.call('HSET', h, 'lastCallAt', ARGV[4])
  redis.call('SET', KEYS[2], ARGV[8], 'PX', ARGV[9])
end
local reply = {'ok', 0, old[1] or '', old[2] or '0'}
for _, v in ipairs(redis.call('HGETALL', h)) do reply[#reply + 1] = v end
return reply
`;

/** KEYS[1] challenge · ARGV issuedHash, previousHash, previousExpiresAt */
export const FAIL_DELIVERY = `
local h = KEYS[1]
if redis.call('EXISTS', h) == 0 then return 0 end
redis.call('HSET', h, 'delivery', 'failed')
local f = redis.call('HMGET', h, 'status', 'codeHash')
if f[1] == 'pending' and f[2] == ARGV[1] then
  redis.call('HSET', h, 'codeHash', ARGV[2], 'codeExpiresAt', ARGV[3])
end
return 1
`;

/** KEYS[1] challenge · ARGV codeHash, maxAttempts, now */
export const VERIFY_CODE = `
local h = KEYS[1]
if redis.call('EXISTS', h) == 0 then return {'missing', 0} end
local f = redis.call('HMGET', h, 'status', 'codeHash', 'codeExpiresAt', 'attempts', 'userId')
local user = f[5] or ''
local max = tonumber(ARGV[2])
local attempts = tonumber(f[4]) or 0
local left = math.max(max - attempts, 0)
if f[1] == 'verified' then return {'verified', left, user} end
if f[1] == 'locked' or left == 0 then return {'locked', 0, user} end
if (f[2] or '') == '' then return {'no-code', left, user} end
if tonumber(ARGV[3]) >= (tonumber(f[3]) or 0) then return {'expired', left, user} end
if f[2] == ARGV[1] then
  redis.call('HSET', h, 'status', 'verified', 'codeHash', '', 'codeExpiresAt', '0')
  local reply = {'ok', left}
  for _, v in ipairs(redis.call('HGETALL', h)) do reply[#reply + 1] = v end
  return reply
end
attempts = redis.call('HINCRBY', h, 'attempts', 1)
if attempts < max then return {'wrong', max - attempts, user} end
redis.call('HSET', h, 'status', 'locked', 'codeHash', '')
return {'locked', 0, user}
`;

/** KEYS[1] challenge: deletes it only when verified, returning its fields. */
export const REDEEM_CHALLENGE = `
-- Only a verified challenge that names its user: a signup's account may still be being created.
if redis.call('HGET', KEYS[1], 'status') ~= 'verified' then return false end
if not redis.call('HGET', KEYS[1], 'userId') then return false end
local fields = redis.call('HGETALL', KEYS[1])
redis.call('DEL', KEYS[1])
return fields
`;

/** KEYS[1] challenge · ARGV field, value, isNull triples: never recreates a challenge that is gone. */
export const UPDATE_CHALLENGE = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
for i = 1, #ARGV, 3 do
  if ARGV[i + 2] == '1' then redis.call('HDEL', KEYS[1], ARGV[i])
  else redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
end
return 1
`;
