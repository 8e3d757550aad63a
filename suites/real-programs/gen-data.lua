-- Deterministic input for the compressor benchmarks: English-like text of pseudo-random
-- words (a fixed vocabulary drawn with a skewed distribution), sentences and paragraphs,
-- wrapped at 72 columns, plus a few number columns. Compresses about 3-4x, like prose.
-- Fixed-seed 64-bit LCG, integer arithmetic only, so the bytes are the same everywhere.
-- Usage: lua5.4 gen-data.lua BYTES > file   (writes exactly BYTES bytes)
local size = math.tointeger(tonumber(arg and arg[1])) or 1048576

local seed = 20240601
local function rand(m) -- 1..m
  seed = seed * 6364136223846793005 + 1442695040888963407
  return ((seed >> 33) % m) + 1
end

local onsets = { "b", "c", "d", "f", "g", "h", "l", "m", "n", "p", "r", "s", "t", "v", "w",
  "br", "ch", "st", "th", "tr", "pl", "gr", "sh", "" }
local nuclei = { "a", "e", "i", "o", "u", "ea", "ou", "ai", "y" }
local codas = { "", "", "", "n", "r", "s", "t", "l", "nd", "ng", "st", "ck", "m" }

-- vocabulary of 4096 words; word k is drawn with probability roughly proportional to 1/k
local vocab = {}
for k = 1, 4096 do
  local w = {}
  for s = 1, rand(3) do
    w[#w + 1] = onsets[rand(#onsets)] .. nuclei[rand(#nuclei)] .. codas[rand(#codas)]
  end
  vocab[k] = table.concat(w)
end
local function pick()
  -- product of two uniforms: small indices are much more likely
  return vocab[rand(64) * rand(64)]
end

local out, total, col = {}, 0, 0
local function emit(s)
  out[#out + 1] = s
  total = total + #s
end

while total < size do
  -- a paragraph of 3..8 sentences
  for _ = 1, rand(6) + 2 do
    local nwords = rand(14) + 3
    for i = 1, nwords do
      local w = pick()
      if i == 1 then w = w:sub(1, 1):upper() .. w:sub(2) end
      if i == nwords then w = w .. (rand(10) == 1 and "?" or ".")
      elseif rand(9) == 1 then w = w .. "," end
      if rand(40) == 1 then w = tostring(rand(100000) - 1) end
      if col + #w + 1 > 72 then emit("\n"); col = 0 end
      if col > 0 then emit(" "); col = col + 1 end
      emit(w); col = col + #w
    end
  end
  emit("\n\n"); col = 0
  -- now and then a small table of numbers
  if rand(5) == 1 then
    for _ = 1, rand(6) do
      emit(string.format("%8d %8d %6d.%02d\n", rand(99999999), rand(99999), rand(9999), rand(100) - 1))
    end
    emit("\n")
  end
  if #out > 4096 then out = { table.concat(out) } end
end
local text = table.concat(out)
io.write(text:sub(1, size))
