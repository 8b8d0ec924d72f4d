// Lua run inside Redis: each script is one atomic step in one round trip, so concurrent requests
// cannot both pass a check before either writes (the GET-then-DEL race of the classic demo).
// KEYS[1] is always the challenge; the account's failure state and the time its credentials last
// changed follow where a script needs them. The challenge's TTL is never touched after creation. A challenge opened before its account's credentials changed (the
// time under the account's `changed` key) is gone: each script that reads one drops it first.

// Whether challenge `h` was opened before the credentials of its account changed; if so, deleted.
const STALE = `
local function stale(h, changedKey)
  local changed = tonumber(redis.call('GET', changedKey)) or 0
  if changed == 0 then return false end
  if (tonumber(redis.call('HGET', h, 'createdAt')) or 0) >= changed then return false end
  redis.call('DEL', h)
  return true
end
`;

// What bars an attempt of `kind` from `client`: a guessable code ('code') while the account's codes
// are switched off or this client is paused by its own wrong codes; a recovery code while this
// client is paused by its own wrong recovery codes; a passkey or a remembered browser never (a
// passkey's failure is no guess, and a browser the account knows keeps its own way in). Clients
// are fields of the account's hash: 'c:'/'u:' (codes in a row, paused until), 'r:'/'ru:' (recovery).
const BAR = `
local function bar(acct, client, kind, now)
  if kind == 'passkey' or kind == 'device' then return nil, 0 end
  if kind == 'code' and redis.call('HGET', acct, 'disabled') == '1' then return 'account-disabled', 0 end
  local field = (kind == 'recovery' and 'ru:' or 'u:') .. client
  local untilMs = tonumber(redis.call('HGET', acct, field)) or 0
  if untilMs > now then return 'account-locked', untilMs - now end
  return nil, 0
end
`;

// ARGV from 1: codeHash, codeExpiresAt, maxSends, now, channel, cooldownMs, delivery, callSealed, client.
const ISSUE = `${STALE}
local function issue(h, acct, callKey, changedKey, a)
  local now = tonumber(a[4])
  local why, wait = bar(acct, a[9], 'code', now)
  if why then return {why, wait} end
  if stale(h, changedKey) then return {'missing', 0} end
  local f = redis.call('HMGET', h, 'status', 'sends', 'lastSentAt', 'lastCallAt', 'delivery', 'codeHash', 'codeExpiresAt')
  if not f[1] then return {'missing', 0} end
  if f[1] ~= 'pending' then return {f[1], 0} end
  local sends = tonumber(f[2]) or 0
  if sends >= tonumber(a[3]) then return {'send-limit', 0} end
  local voice = a[5] == 'voice'
  local since = 0
  if voice then since = tonumber(f[4]) or 0
  elseif sends > 0 and f[5] ~= 'failed' and f[5] ~= 'undelivered' then since = tonumber(f[3]) or 0 end
  -- No cooldown: never too soon, even when a concurrent send's clock read later than this one's.
  local cooldown = tonumber(a[6])
  wait = (since > 0 and cooldown > 0) and since + cooldown - now or 0
  if wait > 0 then return {'too-soon', wait} end
  redis.call('HSET', h, 'codeHash', a[1], 'codeExpiresAt', a[2], 'lastSentAt', a[4], 'delivery', a[7], 'sends', sends + 1)
  if voice then
    redis.call('HSET', h, 'lastCallAt', a[4])
    redis.call('SET', callKey, a[8], 'PX', math.max(1, tonumber(a[2]) - now))
  end
  local reply = {'ok', 0, f[6] or '', f[7] or '0', f[2] or '0', f[3] or '0', f[4] or '0', f[5] or 'none'}
  for _, v in ipairs(redis.call('HGETALL', h)) do reply[#reply + 1] = v end
  return reply
end
`;

/** KEYS challenge, account, call code, account's credentials changed · ARGV the 9 issue values. */
export const ISSUE_CODE = `${BAR}${ISSUE}
return issue(KEYS[1], KEYS[2], KEYS[3], KEYS[4], ARGV)`;

/** KEYS as ISSUE_CODE · ARGV the 9 issue values, ttlSeconds, then field/value pairs. */
export const START_CHALLENGE = `${BAR}${ISSUE}
local why, wait = bar(KEYS[2], ARGV[9], 'code', tonumber(ARGV[4]))
if why then return {why, wait} end
local fields = {}
for i = 11, #ARGV do fields[#fields + 1] = ARGV[i] end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], unpack(fields))
redis.call('EXPIRE', KEYS[1], ARGV[10])
return issue(KEYS[1], KEYS[2], KEYS[3], KEYS[4], ARGV)`;

/** KEYS challenge · ARGV issuedHash, then field/value pairs to put back. */
export const RESTORE_ISSUE = `
if redis.call('HGET', KEYS[1], 'status') ~= 'pending' then return 0 end
if redis.call('HGET', KEYS[1], 'codeHash') ~= ARGV[1] then return 0 end
local fields = {}
for i = 2, #ARGV do fields[#fields + 1] = ARGV[i] end
redis.call('HSET', KEYS[1], unpack(fields))
return 1`;

// Settles one attempt at the second factor: refuses a challenge that is gone, done or locked and
// an attempt its bar refuses (see BAR); then `decide` sets `matched` (and `factor`), or returns
// early. A match verifies the challenge, and clears the account's counts in a row (codes back on)
// and this client's own; a miss counts on the challenge and, by kind, on this client (pausing it by
// the ladder) and on the account: guessable codes from every client together switch the
// account's codes off at disableAfter. Replies {reason, attemptsLeft, userId, retryAfterMs,
// counted, ...HGETALL on ok/verified}.
// ARGV: [1] as `decide` reads it, maxAttempts, now, lockAfter, disableAfter, memoryMs, client,
// kind, ladder seconds...
const settle = (decide: string) => `${BAR}${STALE}
local h, acct = KEYS[1], KEYS[2]
local f = redis.call('HMGET', h, 'status', 'codeHash', 'codeExpiresAt', 'attempts', 'userId')
if not f[1] or stale(h, KEYS[3]) then return {'missing', 0, '', 0, 0} end
local user = f[5] or ''
local max, now = tonumber(ARGV[2]), tonumber(ARGV[3])
local client, kind = ARGV[7], ARGV[8]
local attempts = tonumber(f[4]) or 0
local left = math.max(max - attempts, 0)
local function withFields(reply)
  for _, v in ipairs(redis.call('HGETALL', h)) do reply[#reply + 1] = v end
  return reply
end
if f[1] == 'verified' then return withFields({'verified', left, user, 0, 0}) end
if f[1] == 'locked' or left == 0 then return {'locked', 0, user, 0, 0} end
local why, wait = bar(acct, client, kind, now)
if why then return {why, left, user, wait, 0} end
${decide}
if matched then
  redis.call('HSET', h, 'status', 'verified', 'verifiedBy', factor, 'codeHash', '', 'codeExpiresAt', '0')
  redis.call('HDEL', acct, 'failures', 'recoveryFailures', 'disabled', 'c:' .. client, 'u:' .. client, 'r:' .. client, 'ru:' .. client)
  if redis.call('EXISTS', acct) == 1 then redis.call('PEXPIRE', acct, ARGV[6]) end
  return withFields({'ok', left, user, 0, 0})
end
attempts = redis.call('HINCRBY', h, 'attempts', 1)
local reason = attempts < max and 'wrong' or 'locked'
if reason == 'locked' then redis.call('HSET', h, 'status', 'locked', 'codeHash', '') end
if kind == 'passkey' or kind == 'device' then return {reason, max - attempts, user, 0, 1} end
local recovery = kind == 'recovery'
local mine = redis.call('HINCRBY', acct, (recovery and 'r:' or 'c:') .. client, 1)
local failures = redis.call('HINCRBY', acct, recovery and 'recoveryFailures' or 'failures', 1)
local off = redis.call('HGET', acct, 'disabled') == '1'
if not recovery and failures >= tonumber(ARGV[5]) then
  redis.call('HSET', acct, 'disabled', '1')
  off = true
end
if off then redis.call('PERSIST', acct) else redis.call('PEXPIRE', acct, ARGV[6]) end
if not recovery and failures == tonumber(ARGV[5]) then return {'account-disabled', 0, user, 0, 1} end
local step = mine - tonumber(ARGV[4])
if step < 0 then return {reason, max - attempts, user, 0, 1} end
local seconds = tonumber(ARGV[9 + math.min(step, #ARGV - 9)])
redis.call('HSET', acct, (recovery and 'ru:' or 'u:') .. client, now + seconds * 1000)
return {reason, max - attempts, user, seconds * 1000, 1}`;

/** KEYS challenge, account, credentials changed · ARGV codeHash, then the failure policy (see settle). */
export const VERIFY_CODE = settle(`
if (f[2] or '') == '' then return {'no-code', left, user, 0, 0} end
if now >= (tonumber(f[3]) or 0) then return {'expired', left, user, 0, 0} end
local matched, factor = f[2] == ARGV[1], 'phone'`);

/** KEYS as VERIFY_CODE · ARGV the factor that passed ("" for a failure), then the policy. */
export const RECORD_FACTOR_RESULT = settle(`
local matched, factor = ARGV[1] ~= '', ARGV[1]`);

/**
 * KEYS challenge · ARGV ttlSeconds, then field/value pairs: no code issued yet. Never barred here:
 * each factor meets its own bar when it is tried (a paused client's app code, a switched-off
 * account's text), while a passkey, a recovery code or a remembered browser may still settle it.
 */
export const OPEN_CHALLENGE = `
local fields = {}
for i = 2, #ARGV do fields[#fields + 1] = ARGV[i] end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], unpack(fields))
redis.call('EXPIRE', KEYS[1], ARGV[1])
local reply = {'ok', 0, '', '0', '0', '0', '0', 'none'}
for _, v in ipairs(redis.call('HGETALL', KEYS[1])) do reply[#reply + 1] = v end
return reply`;

/** KEYS challenge · ARGV send, status, rank of status, then status/rank pairs for the known states. */
export const RECORD_DELIVERY = `
local f = redis.call('HMGET', KEYS[1], 'sends', 'delivery')
if not f[1] or f[1] ~= ARGV[1] then return false end
local rank = {}
for i = 4, #ARGV, 2 do rank[ARGV[i]] = tonumber(ARGV[i + 1]) end
if tonumber(ARGV[3]) <= (rank[f[2]] or 0) then return false end
redis.call('HSET', KEYS[1], 'delivery', ARGV[2])
return redis.call('HGETALL', KEYS[1])`;

/** KEYS challenge · ARGV userId: never recreates a challenge that is gone. */
export const SET_USER_ID = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], 'userId', ARGV[1])
return 1`;

/** KEYS challenge, credentials changed: deletes it only when verified and naming its user, returning its fields. */
export const REDEEM_CHALLENGE = `${STALE}
if stale(KEYS[1], KEYS[2]) then return false end
-- A signup's account may still be being created: only a challenge that names its user.
if redis.call('HGET', KEYS[1], 'status') ~= 'verified' then return false end
if not redis.call('HGET', KEYS[1], 'userId') then return false end
local fields = redis.call('HGETALL', KEYS[1])
redis.call('DEL', KEYS[1])
return fields`;

/** KEYS the account's credentials changed · ARGV at, ttlSeconds: a later time is never moved back. */
export const MARK_CREDENTIALS_CHANGED = `
if (tonumber(redis.call('GET', KEYS[1])) or 0) >= tonumber(ARGV[1]) then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
return 1`;
