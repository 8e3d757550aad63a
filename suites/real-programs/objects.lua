-- objects: a metatable-based 2-D vector class with arithmetic metamethods, a binary heap
-- class with methods, and a coroutine pipeline (producer -> filter -> consumer).
-- Exercises metamethod dispatch, method calls, closures and coroutine switches.
-- arg[1] = number of items (default 20000). Prints a few sums and a checksum.
local n = math.tointeger(tonumber(arg and arg[1])) or 20000

local Vec = {}
Vec.__index = Vec
local function vec(x, y) return setmetatable({ x = x, y = y }, Vec) end
Vec.__add = function(a, b) return vec(a.x + b.x, a.y + b.y) end
Vec.__sub = function(a, b) return vec(a.x - b.x, a.y - b.y) end
Vec.__mul = function(a, k) return vec(a.x * k, a.y * k) end
Vec.__eq = function(a, b) return a.x == b.x and a.y == b.y end
function Vec:dot(b) return self.x * b.x + self.y * b.y end
function Vec:rot() return vec(-self.y, self.x) end

local Heap = {}
Heap.__index = Heap
function Heap.new(less) return setmetatable({ n = 0, less = less }, Heap) end
function Heap:push(v)
  local n = self.n + 1
  self.n = n
  self[n] = v
  local less = self.less
  while n > 1 do
    local p = n // 2
    if not less(self[n], self[p]) then break end
    self[n], self[p] = self[p], self[n]
    n = p
  end
end
function Heap:pop()
  local top, n = self[1], self.n
  self[1] = self[n]
  self[n] = nil
  n = n - 1
  self.n = n
  local i, less = 1, self.less
  while true do
    local l = 2 * i
    if l > n then break end
    local c = l
    if l + 1 <= n and less(self[l + 1], self[l]) then c = l + 1 end
    if not less(self[c], self[i]) then break end
    self[c], self[i] = self[i], self[c]
    i = c
  end
  return top
end

-- coroutine pipeline: produce integer points on a square spiral (step length cycling
-- through 1..61), keep those in a half plane
local function producer(count)
  return coroutine.wrap(function()
    local p, d = vec(0, 0), vec(1, 0)
    for i = 1, count do
      p = p + d * (i // 2 % 61 + 1)
      d = d:rot()
      coroutine.yield(p)
    end
  end)
end
local function filter(src, normal)
  return coroutine.wrap(function()
    for p in src do
      if p:dot(normal) >= 0 then coroutine.yield(p) end
    end
  end)
end

local heap = Heap.new(function(a, b)
  local da, db = a:dot(a), b:dot(b)
  if da ~= db then return da < db end
  if a.x ~= b.x then return a.x < b.x end
  return a.y < b.y
end)
local kept, sum = 0, vec(0, 0)
for p in filter(producer(n), vec(1, 2)) do
  kept = kept + 1
  sum = sum + p
  heap:push(p)
end

local checksum, prev, dups = 0, nil, 0
for i = 1, heap.n do
  local p = heap:pop()
  if prev and p == prev then dups = dups + 1 end
  checksum = (checksum * 131 + p.x * 7 + p.y) % 4294967291
  prev = p
end
print(string.format("produced %d, kept %d, sum (%d, %d), duplicates %d", n, kept, sum.x, sum.y, dups))
print(string.format("checksum %d, farthest (%d, %d)", checksum, prev.x, prev.y))
