-- n-queens: count every placement of n non-attacking queens on an n x n board by
-- backtracking over columns and both diagonals. Exercises recursion, booleans in tables
-- and integer arithmetic.
-- arg[1] = n (default 8). Prints the number of solutions and a checksum of them.
local n = math.tointeger(tonumber(arg and arg[1])) or 8

local cols, diag1, diag2, rows = {}, {}, {}, {}
local solutions, checksum = 0, 0

local function place(row)
  if row > n then
    solutions = solutions + 1
    -- order-dependent checksum of the solution (column of each row)
    local h = 0
    for r = 1, n do h = (h * 31 + rows[r]) % 1000000007 end
    checksum = (checksum + h * solutions) % 1000000007
    return
  end
  for c = 1, n do
    local d1, d2 = row + c, row - c + n
    if not cols[c] and not diag1[d1] and not diag2[d2] then
      cols[c], diag1[d1], diag2[d2] = true, true, true
      rows[row] = c
      place(row + 1)
      cols[c], diag1[d1], diag2[d2] = false, false, false
    end
  end
end

place(1)
print(string.format("%d queens: %d solutions, checksum %d", n, solutions, checksum))
