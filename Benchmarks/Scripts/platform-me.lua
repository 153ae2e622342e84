-- GET /v1/users/me with the access token of one of the signed-up users (tokens.txt).
dofile(os.getenv("PLATFORM_LUA_DIR") .. "/platform-common.lua")

local requests = {}

function init(args)
  math.randomseed(os.time() * 100 + (id or 0))
  for _, token in ipairs(platform.lines("tokens.txt")) do
    requests[#requests + 1] = wrk.format("GET", "/v1/users/me", { ["authorization"] = "Bearer " .. token })
  end
end

function request()
  return requests[math.random(#requests)]
end
