-- complete: iff the record carries the lease, stores the final status, data and expiry.
-- KEYS[1] the record's key
-- ARGV[1] base time, epoch microseconds, or '' to read the server's TIME
-- ARGV[2] caller time: expiry, epoch s | server time: expiry, microseconds
-- ARGV[3] the lease token
-- ARGV[4] the status: COMPLETED or FAILED
-- ARGV[5] the data
-- Reply: 1 when written, 0 when the lease is lost (another holder, or no record).
local key = KEYS[1]
if redis.call('HGET', key, F_LEASE) ~= ARGV[3] then
  return 0
end
local now = base_micros(ARGV[1])
local expires = instant(ARGV[1], ARGV[2], now, 1000000)
redis.call('HSET', key, F_STATUS, ARGV[4], F_DATA, ARGV[5], F_EXPIRATION, text(expires))
expire_at(key, expires, now)
return 1
