-- Shared by every Once script (prepended to each). Field names come in as the literals below,
-- rendered from the store's configuration: @status@ and the like are replaced before loading.
local F_STATUS, F_EXPIRATION, F_LEASE_END = @status@, @expiration@, @in_progress_expiration@
local F_VALIDATION, F_DATA, F_LEASE = @validation@, @data@, @lease@

-- Whole numbers travel as text: Lua prints large numbers in exponent form.
local function text(n)
  return string.format('%.0f', n)
end

-- a / b rounded up, for positive whole numbers below 2^53.
local function ceil_div(a, b)
  local q = math.floor(a / b)
  if q * b < a then
    q = q + 1
  end
  return q
end

-- The base time in microseconds: the caller's (argument given) or the server's own clock.
local function base_micros(given)
  if given ~= '' then
    return tonumber(given)
  end
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000000 + tonumber(t[2])
end

-- An instant from an argument: as the caller computed it (caller time: `base` given), or `now`
-- plus the argument's microseconds, rounded up to a multiple of `unit` microseconds (server time).
local function instant(base, argument, now, unit)
  if base ~= '' then
    return tonumber(argument)
  end
  return ceil_div(now + tonumber(argument), unit)
end

local function corrupt(field)
  return redis.error_reply('ONCE_CORRUPT ' .. field)
end

-- Expire the key at `expires_s` (epoch seconds) as judged from `now` (microseconds): relative,
-- so that a caller's clock far from the server's still gets the full window.
local function expire_at(key, expires_s, now)
  redis.call('PEXPIRE', key, text(ceil_div(expires_s * 1000000 - now, 1000)))
end
