-- spectral-norm: power iteration for the largest singular value of the infinite matrix
-- A(i,j) = 1/((i+j)(i+j+1)/2 + i + 1), truncated to n x n. Exercises floating point
-- arithmetic, function calls and array access.
-- arg[1] = n (default 100). Prints the norm with 9 decimals.
local n = math.tointeger(tonumber(arg and arg[1])) or 100

local function A(i, j)
  local ij = i + j
  return 1.0 / (ij * (ij + 1) * 0.5 + i + 1)
end

local function Av(x, y, n)
  for i = 0, n - 1 do
    local s = 0.0
    for j = 0, n - 1 do s = s + A(i, j) * x[j] end
    y[i] = s
  end
end

local function Atv(x, y, n)
  for i = 0, n - 1 do
    local s = 0.0
    for j = 0, n - 1 do s = s + A(j, i) * x[j] end
    y[i] = s
  end
end

local function AtAv(x, y, t, n)
  Av(x, t, n)
  Atv(t, y, n)
end

local u, v, t = {}, {}, {}
for i = 0, n - 1 do u[i] = 1.0 end
for _ = 1, 10 do
  AtAv(u, v, t, n)
  AtAv(v, u, t, n)
end
local vBv, vv = 0.0, 0.0
for i = 0, n - 1 do
  local vi = v[i]
  vBv = vBv + u[i] * vi
  vv = vv + vi * vi
end
print(string.format("%0.9f", math.sqrt(vBv / vv)))
