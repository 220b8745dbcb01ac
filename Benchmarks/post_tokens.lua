-- wrk script: each request POSTs with the next unused token of this thread, so no token is
-- used twice across threads. MODE=register sends it as a bearer token; MODE=checkin sends it
-- as the code in the body with the staff token. When a thread runs out it asks /healthz.
local threads = {}
local counter = 1

function setup(thread)
  thread:set("id", counter)
  table.insert(threads, thread)
  counter = counter + 1
end

function init(args)
  mode = os.getenv("MODE")
  path = os.getenv("POST_PATH")
  staff = os.getenv("STAFF_TOKEN")
  local nthreads = tonumber(os.getenv("THREADS") or "2")
  tokens = {}
  local n = 0
  for line in io.lines(os.getenv("TOKENS")) do
    if n % nthreads == id - 1 then table.insert(tokens, line) end
    n = n + 1
  end
  next_token = 1
  created, conflicts, other = 0, 0, 0
end

function request()
  local token = tokens[next_token]
  if token == nil then return wrk.format("GET", "/healthz") end
  next_token = next_token + 1
  if mode == "register" then
    return wrk.format("POST", path, { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }, '{"places":1}')
  end
  return wrk.format("POST", path, { ["Authorization"] = "Bearer " .. staff, ["Content-Type"] = "application/json" }, '{"token":"' .. token .. '"}')
end

function response(status, headers, body)
  if status == 201 or (mode == "checkin" and status == 200 and body:find("checkedIn")) then created = created + 1
  elseif status == 409 then conflicts = conflicts + 1
  elseif status ~= 200 then other = other + 1 end
end

function done(summary, latency, requests)
  local c, k, o = 0, 0, 0
  for _, t in ipairs(threads) do
    c = c + t:get("created"); k = k + t:get("conflicts"); o = o + t:get("other")
  end
  io.write(string.format("succeeded %d, conflicts %d, other non-2xx %d\n", c, k, o))
end
