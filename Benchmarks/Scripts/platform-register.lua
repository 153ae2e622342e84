-- POST /v1/users: a new account per request (email from the run tag, the thread id and a
-- counter, so no two requests of any run share one). Bounded by the Argon2id hash by design.
dofile(os.getenv("PLATFORM_LUA_DIR") .. "/platform-common.lua")

local counter = 0
local headers = { ["content-type"] = "application/json" }

function init(args)
  platform.tally_statuses()
end

function request()
  counter = counter + 1
  local body = string.format(
    '{"email":"reg-%s-%d-%d@bench.example","displayName":"Bench user","password":"a long enough password"}',
    platform.run, id, counter)
  return wrk.format("POST", "/v1/users", headers, body)
end
