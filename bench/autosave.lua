-- wrk script: each connection saves answers to its own question with increasing sequence numbers.
-- TOKEN, URL path and the question count come from the environment (bench_quiz_autosave.py sets them).
local counter = 0
local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  token = os.getenv("BENCH_CSRF")
  questions = tonumber(os.getenv("BENCH_QUESTIONS"))
end

function request()
  counter = counter + 1
  local position = ((id - 1) % questions) + 1
  local body = string.format('{"position": %d, "seq": %d, "fields": {"q%d": ["%d"]}}',
                             position, counter, position, counter % 2)
  -- wrk.format replaces wrk.headers (where -H Cookie is) with the table given: start from them.
  local headers = {}
  for name, value in pairs(wrk.headers) do headers[name] = value end
  headers["Content-Type"] = "application/json"
  headers["X-CSRFToken"] = token
  headers["Accept"] = "application/json"
  return wrk.format("POST", nil, headers, body)
end

-- Non-2xx answers are counted per status by wrk; the first body of each status goes to stderr.
local seen = {}
function response(status, headers, body)
  if status ~= 200 and not seen[status] then
    seen[status] = true
    io.stderr:write("status " .. status .. ": " .. string.sub(body, 1, 300) .. "\n")
  end
end
