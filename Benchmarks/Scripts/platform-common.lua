-- Shared by the platform-*.lua wrk scripts of platform-bench.sh (loaded with dofile).
--
-- Environment (read in every Lua state wrk makes):
--   PLATFORM_SCENARIO  the scenario's name, for the RESULT line
--   PLATFORM_DATA      the directory platform-setup.py wrote ids.txt, queries.txt, tokens.txt and
--                      accounts.txt to
--   PLATFORM_RUN       a tag unique to this wrk run (register makes emails from it)
--
-- Prints one line at the end:
--   RESULT scenario=S requests=N seconds=S per_s=R p50_ms=… p99_ms=… max_ms=… errors=E statuses=…
-- errors counts non-2xx/3xx answers (wrk's status errors) and socket errors (connect, read,
-- write, timeout); statuses lists the answers by code where the script tallies them
-- (platform.tally_statuses()), else "-".

platform = {}
platform.scenario = os.getenv("PLATFORM_SCENARIO") or "unnamed"
platform.data = os.getenv("PLATFORM_DATA") or "."
platform.run = os.getenv("PLATFORM_RUN") or tostring(os.time())

-- The non-empty lines of PLATFORM_DATA/name; fails the run when there are none.
function platform.lines(name)
  local path = platform.data .. "/" .. name
  local file = assert(io.open(path, "r"), "cannot open " .. path)
  local lines = {}
  for line in file:lines() do
    if line ~= "" then lines[#lines + 1] = line end
  end
  file:close()
  assert(#lines > 0, path .. " is empty")
  return lines
end

-- Each thread gets an id (1, 2, …); the main state keeps the threads to read their tallies.
local threads = {}
local next_id = 1
function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  threads[#threads + 1] = thread
end

-- Counts answers by status in this thread (defines wrk's response callback, which costs the
-- load generator a Lua call per answer: used by the scenarios bounded by password hashing).
function platform.tally_statuses()
  statuses = {}
  function response(status, headers, body)
    local key = tostring(status)
    statuses[key] = (statuses[key] or 0) + 1
  end
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  local errors = e.status + e.connect + e.read + e.write + e.timeout
  local counts = {}
  for _, thread in ipairs(threads) do
    local tally = thread:get("statuses")
    if type(tally) == "table" then
      for status, count in pairs(tally) do counts[status] = (counts[status] or 0) + count end
    end
  end
  local listed = {}
  for status, count in pairs(counts) do listed[#listed + 1] = status .. ":" .. count end
  table.sort(listed)
  if e.connect + e.read + e.write + e.timeout > 0 then
    listed[#listed + 1] = string.format("socket:connect=%d,read=%d,write=%d,timeout=%d",
      e.connect, e.read, e.write, e.timeout)
  end
  io.write(string.format(
    "RESULT scenario=%s requests=%d seconds=%.1f per_s=%.0f p50_ms=%.3f p99_ms=%.3f max_ms=%.3f errors=%d statuses=%s\n",
    platform.scenario, summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000, errors,
    #listed > 0 and table.concat(listed, ",") or "-"))
end
