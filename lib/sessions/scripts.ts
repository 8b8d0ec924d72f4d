// Lua run inside Redis: each script is one atomic step in one round trip. A user's sessions live
// in one hash, so every script names the one key it touches:
//   <id>:c  createdAt (epoch ms)   <id>:l  lastSeenAt (epoch ms)   <id>:m  JSON { ip, userAgent }
// Times come from the caller's clock (ARGV), as in the challenge store.

/** KEYS[1] user's sessions · ARGV id, now, meta, idleMs, absoluteMs, maxPerUser */
export const CREATE_SESSION = `
local h, id, now = KEYS[1], ARGV[1], tonumber(ARGV[2])
local idle, absolute, max = tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6])
local function drop(sid) redis.call('HDEL', h, sid .. ':c', sid .. ':l', sid .. ':m') end
local sessions = {}
local fields = redis.call('HGETALL', h)
for i = 1, #fields, 2 do
  local sid, kind = string.match(fields[i], '^(.*):(%a)$')
  if sid then
    sessions[sid] = sessions[sid] or {}
    sessions[sid][kind] = tonumber(fields[i + 1])
  end
end
local live = {}
for sid, s in pairs(sessions) do
  if not s.c or not s.l or now - s.c >= absolute or now - s.l >= idle then drop(sid)
  else live[#live + 1] = { sid, s.l } end
end
table.sort(live, function(a, b) return a[2] < b[2] end)
for i = 1, #live - max + 1 do drop(live[i][1]) end
redis.call('HSET', h, id .. ':c', now, id .. ':l', now, id .. ':m', ARGV[3])
redis.call('PEXPIRE', h, absolute)
return 1
`;

/** KEYS[1] user's sessions · ARGV id, now, idleMs, absoluteMs → 'ok' | 'missing' | 'idle' | 'expired' */
export const CHECK_SESSION = `
local h, id, now = KEYS[1], ARGV[1], tonumber(ARGV[2])
local s = redis.call('HMGET', h, id .. ':c', id .. ':l')
local created, seen = tonumber(s[1]), tonumber(s[2])
if not created or not seen then return 'missing' end
local refusal
if now - created >= tonumber(ARGV[4]) then refusal = 'expired'
elseif now - seen >= tonumber(ARGV[3]) then refusal = 'idle' end
if refusal then
  redis.call('HDEL', h, id .. ':c', id .. ':l', id .. ':m')
  return refusal
end
if now > seen then redis.call('HSET', h, id .. ':l', now) end
return 'ok'
`;

/** KEYS[1] user's sessions · ARGV exceptId ('' for none) → sessions ended */
export const REVOKE_USER_SESSIONS = `
local h, except = KEYS[1], ARGV[1]
local ended = 0
for _, field in ipairs(redis.call('HKEYS', h)) do
  local sid, kind = string.match(field, '^(.*):(%a)$')
  if sid and sid ~= except then
    redis.call('HDEL', h, field)
    if kind == 'c' then ended = ended + 1 end
  end
end
return ended
`;
