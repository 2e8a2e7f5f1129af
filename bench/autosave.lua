-- wrk script for bench_quiz_autosave.py. Two modes, chosen by the environment:
--
-- * BENCH_LEARNERS (a file, one learner a line: path, CSRF token, cookie, questions): wrk runs
--   one connection per thread (-t N -c N), and thread i saves into learner i's own attempt with
--   that learner's session, cycling over the learner's questions with rising sequence numbers
--   (many learners, one tab each: the realistic case);
-- * otherwise (--one-attempt): every connection saves into the one attempt of wrk's URL with
--   BENCH_CSRF and the -H Cookie, one question (of BENCH_QUESTIONS) per thread (the row-lock
--   queue, the worst case).
--
-- BENCH_SEQ_BASE is added to every sequence number so that a later run in the same database
-- still writes (a save with a lower sequence than the stored one is acknowledged but not written).
local counter = 0
local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

local function split(text, sep)
  local parts = {}
  for part in string.gmatch(text, "([^" .. sep .. "]+)") do table.insert(parts, part) end
  return parts
end

-- "position:field:value,value;..." (the choice questions of the attempt's first page)
function parse_questions(text)
  local questions = {}
  for _, q in ipairs(split(text, ";")) do
    local parts = split(q, ":")
    table.insert(questions, {position = tonumber(parts[1]), name = parts[2], values = split(parts[3], ",")})
  end
  return questions
end

function init(args)
  seq_base = tonumber(os.getenv("BENCH_SEQ_BASE") or "0")
  local learners = os.getenv("BENCH_LEARNERS")
  if learners then
    local lines = {}
    for line in io.lines(learners) do table.insert(lines, line) end
    local fields = split(lines[((id - 1) % #lines) + 1], "\t")
    path, token, cookie = fields[1], fields[2], fields[3]
    questions = parse_questions(fields[4])
  else
    token = os.getenv("BENCH_CSRF")
    questions = parse_questions(os.getenv("BENCH_QUESTIONS"))
  end
end

function request()
  counter = counter + 1
  local q
  if path then
    q = questions[((counter - 1) % #questions) + 1]
  else
    q = questions[((id - 1) % #questions) + 1]
  end
  local value = q.values[(counter % #q.values) + 1]
  local body = string.format('{"position": %d, "seq": %d, "fields": {"%s": ["%s"]}}',
                             q.position, seq_base + counter, q.name, value)
  -- wrk.format replaces wrk.headers (where -H Cookie is) with the table given: start from them.
  local headers = {}
  for name, header in pairs(wrk.headers) do headers[name] = header end
  if cookie then headers["Cookie"] = cookie end
  headers["Content-Type"] = "application/json"
  headers["X-CSRFToken"] = token
  headers["Accept"] = "application/json"
  return wrk.format("POST", path, headers, body)
end

-- Non-2xx answers are counted per status by wrk; the first body of each status goes to stderr.
local seen = {}
function response(status, headers, body)
  if status ~= 200 and not seen[status] then
    seen[status] = true
    io.stderr:write("status " .. status .. ": " .. string.sub(body, 1, 300) .. "\n")
  end
end
