-- One-pass Lua peer for the commission benchmark (../shared/bench/README.md): reads the CSV,
-- applies the rule to each record as it streams by and prints only the total.
--
--   lua5.4 scripts/bench/commission_onepass.lua float|cents RECORDS.csv
--   luajit scripts/bench/commission_onepass.lua float|cents RECORDS.csv
--
-- float: doubles throughout, as bench.lua computes it; the total drifts from the exact one.
-- cents: exact. Every value is a whole number of 1/10000 dollars (sales cents x rate percent),
-- at most about 1.4e13 even for the 10M-row total, so it stays exact both as a Lua 5.4 integer
-- and as a LuaJIT double (below 2^53). Rounding to cents is done without dividing, by
-- dropping the remainder mod 100, because LuaJIT has no `//` and a float division would turn
-- Lua 5.4's integers into floats in the inner loop.
local mode, path = arg[1], arg[2]
if (mode ~= "float" and mode ~= "cents") or not path then
  io.stderr:write("usage: commission_onepass.lua float|cents RECORDS.csv\n")
  os.exit(2)
end

local floor = math.floor

-- Sales in dollars, as a double.
local function float_commission(sales, followers, likes, comments)
  local rate = sales < 1000.0 and 0.05 or (sales < 5000.0 and 0.08 or 0.10)
  local com = sales * rate
  if (likes + comments) / followers >= 0.03 and followers < 100000 then com = com + 250.0 end
  if com > 5000.0 then com = 5000.0 end
  return floor(com * 100.0 + 0.5) / 100.0
end

-- Sales in whole cents; the result is in 1/10000 dollars, already rounded half-up to cents.
local function cents_commission(cents, followers, likes, comments)
  local v = cents * (cents < 100000 and 5 or (cents < 500000 and 8 or 10))
  if (likes + comments) * 100 >= 3 * followers and followers < 100000 then v = v + 2500000 end
  if v > 50000000 then v = 50000000 end
  v = v + 50
  return v - v % 100
end

local float = mode == "float"
local commission = float and float_commission or cents_commission

local fh = assert(io.open(path, "rb"))
fh:read("l") -- the header
local BLOCK = 1048576

-- Reads the file a block at a time, each block completed to a line end.
local function blocks()
  local block = fh:read(BLOCK)
  if not block then return nil end
  local rest = fh:read("l")
  if rest then return block .. rest .. "\n" end
  -- The last block: the parsers rely on every record ending in a newline.
  return block:byte(-1) == 10 and block or block .. "\n"
end

local total = 0
if jit then
  -- LuaJIT compiles string.byte loops to machine code but not pattern matching, so a
  -- hand-written digit parser is several times faster here than gmatch.
  local byte = string.byte
  for block in blocks do
    local i, n = 1, #block
    while i < n do
      local cents, b = 0, byte(block, i)
      while b ~= 44 do -- ','
        if b ~= 46 then cents = cents * 10 + (b - 48) end -- skip '.'; sales has 2 decimals
        i = i + 1; b = byte(block, i)
      end
      i = i + 1; b = byte(block, i)
      local followers = 0
      while b ~= 44 do followers = followers * 10 + (b - 48); i = i + 1; b = byte(block, i) end
      i = i + 1; b = byte(block, i)
      local likes = 0
      while b ~= 44 do likes = likes * 10 + (b - 48); i = i + 1; b = byte(block, i) end
      i = i + 1; b = byte(block, i)
      local comments = 0
      while b ~= 44 do comments = comments * 10 + (b - 48); i = i + 1; b = byte(block, i) end
      repeat i = i + 1 until byte(block, i) == 10 -- clicks and conversions are not used
      i = i + 1
      -- cents / 100 is the double tonumber("123.45") gives: both round the same exact value.
      total = total + commission(float and cents / 100 or cents, followers, likes, comments)
    end
  end
else
  -- In Lua 5.4 it is the other way round: one C-level gmatch per record beats a byte loop,
  -- and large blocks beat io.lines. `[^,]+` matches measurably faster than `%d+`.
  local tonumber = tonumber
  for block in blocks do
    if float then
      for sales, followers, likes, comments in
          block:gmatch("([^,]+),([^,]+),([^,]+),([^,]+),[^\n]*\n") do
        total = total + commission(tonumber(sales), tonumber(followers), tonumber(likes),
                                   tonumber(comments))
      end
    else
      for whole, frac, followers, likes, comments in
          block:gmatch("([^.]+)%.(%d%d),([^,]+),([^,]+),([^,]+),[^\n]*\n") do
        total = total + commission(tonumber(whole) * 100 + tonumber(frac), tonumber(followers),
                                   tonumber(likes), tonumber(comments))
      end
    end
  end
end
fh:close()

if mode == "float" then
  io.write(string.format("%.2f\n", total))
else
  local cents = (total - total % 100) / 100
  io.write(string.format("%d.%02d\n", (cents - cents % 100) / 100, cents % 100))
end
