-- strings: build pseudo-random words and lines, then rewrite them with string.gsub and
-- patterns, string.format, string.rep/sub/byte, table.concat and table.sort with a
-- comparison function. Exercises the string library, string interning and the GC.
-- arg[1] = number of lines (default 20000). Prints counts and a checksum.
local nlines = math.tointeger(tonumber(arg and arg[1])) or 20000

-- fixed-seed linear congruential generator (Knuth MMIX constants, 64-bit wrap-around)
local seed = 42
local function rand(m)
  seed = seed * 6364136223846793005 + 1442695040888963407
  return ((seed >> 33) % m) + 1
end

local syllables = { "ka", "lo", "mi", "ne", "ru", "ta", "shi", "vo", "qua", "zen", "por", "ix" }
local function word()
  local parts = {}
  for i = 1, rand(4) do parts[i] = syllables[rand(#syllables)] end
  return table.concat(parts)
end

-- 1. build lines
local lines = {}
for i = 1, nlines do
  local words = {}
  for j = 1, rand(8) + 2 do words[j] = word() end
  lines[i] = string.format("%05d %s %d", i, table.concat(words, " "), rand(100000))
end

-- 2. rewrite: capitalise words, swap number fields, count vowels
local vowels, replaced = 0, 0
for i = 1, nlines do
  local s = lines[i]
  local count
  s, count = s:gsub("(%a)(%a*)", function(a, b) return a:upper() .. b end)
  replaced = replaced + count
  s = s:gsub("^(%d+) (.-) (%d+)$", "%3 %2 %1")
  local _, v = s:gsub("[aeiouAEIOU]", "")
  vowels = vowels + v
  lines[i] = s
end

-- 3. sort by length, then lexicographically
table.sort(lines, function(a, b)
  if #a ~= #b then return #a < #b end
  return a < b
end)

-- 4. frequency of words, then the most common ones
local freq, distinct = {}, 0
for i = 1, nlines do
  for w in lines[i]:gmatch("%a+") do
    local c = freq[w]
    if not c then distinct = distinct + 1; c = 0 end
    freq[w] = c + 1
  end
end
local keys = {}
for w in pairs(freq) do keys[#keys + 1] = w end
table.sort(keys, function(a, b)
  if freq[a] ~= freq[b] then return freq[a] > freq[b] end
  return a < b
end)

-- 5. checksum over the sorted text (FNV-1a, 32 bit)
local h = 2166136261
local text = table.concat(lines, "\n")
for i = 1, #text, 7 do h = ((h ~ text:byte(i)) * 16777619) & 0xffffffff end

print(string.format("lines %d, bytes %d, words replaced %d, vowels %d, distinct %d",
  nlines, #text, replaced, vowels, distinct))
for i = 1, 5 do print(string.format("%-16s %d", keys[i], freq[keys[i]])) end
print(string.format("first %q", lines[1]))
print(string.format("last  %q", lines[nlines]))
print(string.format("fnv1a %08x", h))
