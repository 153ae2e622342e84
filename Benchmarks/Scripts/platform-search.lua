-- GET /v1/products:search?query=…&page.pageSize=20 with queries made of words of the seeded
-- catalogue (queries.txt: URL-encoded, each checked by platform-setup.py to find products).
dofile(os.getenv("PLATFORM_LUA_DIR") .. "/platform-common.lua")

local requests = {}

function init(args)
  math.randomseed(os.time() * 100 + (id or 0))
  for _, query in ipairs(platform.lines("queries.txt")) do
    requests[#requests + 1] = wrk.format("GET", "/v1/products:search?page.pageSize=20&query=" .. query)
  end
end

function request()
  return requests[math.random(#requests)]
end
