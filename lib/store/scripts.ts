// Lua run inside Redis: each script is one atomic step in one round trip, so concurrent requests
// cannot both pass a check before either writes (the GET-then-DEL race of the classic demo).
// Replies: { reason, attemptsLeft | sends, ...HGETALL pairs on success }. The key TTL is never touched.

/** KEYS[1] challenge · ARGV codeHash, codeExpiresAt, maxSends, now */
export const ISSUE_CODE = `
local h = KEYS[1]
if redis.call('EXISTS', h) == 0 then return {'missing', 0} end
local f = redis.call('HMGET', h, 'status', 'sends')
if f[1] ~= 'pending' then return {f[1] or 'missing', 0} end
if (tonumber(f[2]) or 0) >= tonumber(ARGV[3]) then return {'send-limit', 0} end
redis.call('HSET', h, 'codeHash', ARGV[1], 'codeExpiresAt', ARGV[2], 'lastSentAt', ARGV[4], 'delivery', 'queued')
redis.call('HDEL', h, 'messageId')
return {'ok', redis.call('HINCRBY', h, 'sends', 1)}
`;

/** KEYS[1] challenge · ARGV codeHash, maxAttempts, now */
export const VERIFY_CODE = `
local h = KEYS[1]
if redis.call('EXISTS', h) == 0 then return {'missing', 0} end
local f = redis.call('HMGET', h, 'status', 'codeHash', 'codeExpiresAt', 'attempts')
local max = tonumber(ARGV[2])
local attempts = tonumber(f[4]) or 0
local left = math.max(max - attempts, 0)
if f[1] == 'verified' then return {'verified', left} end
if f[1] == 'locked' or left == 0 then return {'locked', 0} end
if (f[2] or '') == '' then return {'no-code', left} end
if tonumber(ARGV[3]) >= (tonumber(f[3]) or 0) then return {'expired', left} end
if f[2] == ARGV[1] then
  redis.call('HSET', h, 'status', 'verified', 'codeHash', '', 'codeExpiresAt', '0')
  local reply = {'ok', left}
  for _, v in ipairs(redis.call('HGETALL', h)) do reply[#reply + 1] = v end
  return reply
end
attempts = redis.call('HINCRBY', h, 'attempts', 1)
if attempts < max then return {'wrong', max - attempts} end
redis.call('HSET', h, 'status', 'locked', 'codeHash', '')
return {'locked', 0}
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
