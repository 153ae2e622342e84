-- GET /v1/products/{id} with ids drawn at random from the seeded catalogue (ids.txt).
dofile(os.getenv("PLATFORM_LUA_DIR") .. "/platform-common.lua")

local requests = {}

function init(args)
  math.randomseed(os.time() * 100 + (id or 0))
  for _, product in ipairs(platform.lines("ids.txt")) do
    requests[#requests + 1] = wrk.format("GET", "/v1/products/" .. product)
  end
end

function request()
  return requests[math.random(#requests)]
end
