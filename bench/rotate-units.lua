-- wrk script for bench/server-wrk: each request asks about another unit, so
-- that a page is never the same question twice in a row (nothing answered
-- from one commune's pages warm in a cache). Arguments (after `--`): the
-- route with {unit} where the unit goes, and how many communes there are
-- (u0 … u<N-1>, the generated province of bench/register_bench). Each wrk
-- thread starts at another commune and goes round them in order.
local started = 0

function setup(thread)
  thread:set("first", started * 997)
  started = started + 1
end

function init(args)
  route = args[1]
  units = tonumber(args[2] or "2000")
  next_unit = first or 0
end

function request()
  local unit = "u" .. (next_unit % units)
  next_unit = next_unit + 1
  return wrk.format(nil, (route:gsub("{unit}", unit)))
end
