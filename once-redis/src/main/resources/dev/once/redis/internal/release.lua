-- release: deletes the record iff it carries the lease.
-- KEYS[1] the record's key
-- ARGV[1] the lease token
-- Reply: 1 released, 0 absent (no record), -1 lease lost (a record with another lease, or none).
local key = KEYS[1]
local lease = redis.call('HGET', key, F_LEASE)
if lease == ARGV[1] then
  redis.call('DEL', key)
  return 1
end
if redis.call('EXISTS', key) == 0 then
  return 0
end
return -1
