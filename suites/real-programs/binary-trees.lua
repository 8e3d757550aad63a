-- binary-trees: allocate and walk many short-lived complete binary trees plus one
-- long-lived tree. Exercises table allocation and the garbage collector.
-- arg[1] = maximum depth (default 12). Prints node counts per depth.
local maxdepth = math.tointeger(tonumber(arg and arg[1])) or 12
local mindepth = 4
if maxdepth < mindepth + 2 then maxdepth = mindepth + 2 end

local function make(depth)
  if depth == 0 then return {} end
  depth = depth - 1
  return { make(depth), make(depth) }
end

local function check(tree)
  local left = tree[1]
  if left then return 1 + check(left) + check(tree[2]) end
  return 1
end

local stretch = maxdepth + 1
print(string.format("stretch tree of depth %d\t check: %d", stretch, check(make(stretch))))

local longlived = make(maxdepth)
for depth = mindepth, maxdepth, 2 do
  local iterations = 1 << (maxdepth - depth + mindepth)
  local total = 0
  for _ = 1, iterations do total = total + check(make(depth)) end
  print(string.format("%d\t trees of depth %d\t check: %d", iterations, depth, total))
end
print(string.format("long lived tree of depth %d\t check: %d", maxdepth, check(longlived)))
