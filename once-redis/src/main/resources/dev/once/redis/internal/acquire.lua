-- acquire: writes the caller's INPROGRESS record iff the key is free; else returns the live record.
-- KEYS[1] the record's key
-- ARGV[1] base time, epoch microseconds, or '' to read the server's TIME
-- ARGV[2] caller time: lease end, epoch ms  | server time: lease time, microseconds
-- ARGV[3] caller time: expiry, epoch s      | server time: expiry, microseconds
-- ARGV[4] the lease token
-- ARGV[5] the validation digest (absent: none)
-- Reply: 1 when written; else the live record, as the names and values of the fields it has
--   ({name, value, name, value, ...}: no nil holes, the same in RESP2 and RESP3); the error
--   ONCE_CORRUPT <field> when the stored record cannot be judged.
local key = KEYS[1]
local now = base_micros(ARGV[1])
local lease_end = instant(ARGV[1], ARGV[2], now, 1000)
-- never before the lease: a second past its end, at the least
local expires = math.max(instant(ARGV[1], ARGV[3], now, 1000000), ceil_div(lease_end + 1000, 1000))

local names = {F_STATUS, F_EXPIRATION, F_LEASE_END, F_VALIDATION, F_DATA, F_LEASE}
local old = redis.call('HMGET', key, unpack(names))
if old[1] then
  local old_expires = tonumber(old[2])
  if not old_expires then
    return corrupt(F_EXPIRATION)
  end
  local live = old_expires * 1000000 > now
  if old[1] == 'INPROGRESS' then
    if old[3] then
      local old_lease_end = tonumber(old[3])
      if not old_lease_end then
        return corrupt(F_LEASE_END)
      end
      live = live and old_lease_end * 1000 > now
    end
  elseif old[1] ~= 'COMPLETED' and old[1] ~= 'FAILED' then
    return corrupt(F_STATUS)
  end
  if live then
    local fields = {}
    for i = 1, #names do
      if old[i] then
        fields[#fields + 1] = names[i]
        fields[#fields + 1] = old[i]
      end
    end
    return fields
  end
elseif redis.call('EXISTS', key) == 1 then
  return corrupt(F_STATUS)
end

redis.call('DEL', key)
redis.call('HSET', key, F_STATUS, 'INPROGRESS', F_EXPIRATION, text(expires),
  F_LEASE_END, text(lease_end), F_LEASE, ARGV[4])
if ARGV[5] then
  redis.call('HSET', key, F_VALIDATION, ARGV[5])
end
expire_at(key, expires, now)
return 1
