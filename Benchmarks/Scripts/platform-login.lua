-- POST /v1/auth:login over the pool of signed-up accounts (accounts.txt), in turn, with the
-- right password: successes are not rate limited (failures are). Bounded by the Argon2id hash.
dofile(os.getenv("PLATFORM_LUA_DIR") .. "/platform-common.lua")

local requests = {}
local turn = 0

function init(args)
  platform.tally_statuses()
  local headers = { ["content-type"] = "application/json" }
  for _, email in ipairs(platform.lines("accounts.txt")) do
    local body = string.format('{"email":"%s","password":"a long enough password"}', email)
    requests[#requests + 1] = wrk.format("POST", "/v1/auth:login", headers, body)
  end
  turn = (id or 0) * 7
end

function request()
  turn = turn + 1
  return requests[turn % #requests + 1]
end
