-- extend: iff the record is INPROGRESS and carries the lease, moves its lease end (and its expiry,
-- when the lease would outlive it).
-- KEYS[1] the record's key
-- ARGV[1] base time, epoch microseconds, or '' to read the server's TIME
-- ARGV[2] caller time: new lease end, epoch ms | server time: lease time, microseconds
-- ARGV[3] the lease token
-- Reply: 1 when written, 0 when the lease is lost; ONCE_CORRUPT expiration when unreadable.
local key = KEYS[1]
local held = redis.call('HMGET', key, F_LEASE, F_STATUS, F_EXPIRATION)
if held[1] ~= ARGV[3] or held[2] ~= 'INPROGRESS' then
  return 0
end
local expires = tonumber(held[3])
if not expires then
  return corrupt(F_EXPIRATION)
end
local now = base_micros(ARGV[1])
local lease_end = instant(ARGV[1], ARGV[2], now, 1000)
expires = math.max(expires, ceil_div(lease_end + 1000, 1000))
redis.call('HSET', key, F_LEASE_END, text(lease_end), F_EXPIRATION, text(expires))
expire_at(key, expires, now)
return 1
