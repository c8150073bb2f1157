-- Used by tests/it/neovim.rs to drive `postlint lsp` from a real editor.
-- Headless Neovim as a real LSP client: start a server for the file being edited, wait for its
-- diagnostics, print them (and the code actions at the first one) as JSON lines, then exit.
--
-- Works on Neovim 0.7 (vim.lsp.start_client + buf_attach_client) and on 0.8+ (vim.lsp.start).
--
--   DIAG_SERVER='["python3","stub_lsp.py"]' \
--     nvim --headless --clean -n -c 'luafile diag.lua' -- FILE </dev/null
--
-- Environment:
--   DIAG_SERVER    JSON array: the server command (required)
--   DIAG_OUT       write the JSON lines to this file instead of stdout
--   DIAG_TIMEOUT   milliseconds to wait for diagnostics and for the code actions (default 10000)
--   DIAG_ACTIONS   "0" to skip the code action request
--   DIAG_ROOT      root_dir for the client (default: the current directory)
--
-- Output, one JSON object per line:
--   {"kind":"diagnostic","lnum":0,"col":2,"end_lnum":0,"end_col":4,"message":...,"code":...,
--    "severity":2,"source":...,"lsp_range":{...as the server sent it...}}
--   {"kind":"code_action","title":...,"kind_":"quickfix"}
--   {"kind":"applied","lnum":N,"text":...}   the line after applying the first action's edit
--   {"kind":"done","diagnostics":N,"code_actions":M}
-- Exit status: 0 ok, 2 usage/script error, 3 timeout (no diagnostics), 4 the server died or
-- failed to start before publishing, 5 the code action request failed or timed out.
-- Diagnostic lnum/col are Neovim's: 0-based lines, 0-based BYTE columns (converted from the
-- server's UTF-16 characters using the buffer text).

local uv = vim.loop
local out_path = os.getenv('DIAG_OUT')
local timeout = tonumber(os.getenv('DIAG_TIMEOUT') or '') or 10000
local out_file = nil

local function emit(obj)
  local line = vim.json.encode(obj) .. '\n'
  if out_path and out_path ~= '' then
    out_file = out_file or assert(io.open(out_path, 'w'))
    out_file:write(line)
    out_file:flush()
  else
    io.stdout:write(line)
    io.stdout:flush()
  end
end

local function log(msg)
  io.stderr:write('diag.lua: ' .. msg .. '\n')
end

local finished = false
local client_id = nil -- set by main() once the client exists
local function finish(code)
  if finished then return end
  finished = true
  if out_file then out_file:close() end
  -- Stop our client ourselves (forcefully after a grace period) so quitting never waits on a
  -- server that does not answer `shutdown`. vim.lsp.stop_client and get_client_by_id exist
  -- from 0.7 through 0.11 with the same meaning.
  if client_id then
    pcall(function()
      vim.lsp.stop_client(client_id)
      if not vim.wait(500, function() return vim.lsp.get_client_by_id(client_id) == nil end, 20) then
        vim.lsp.stop_client(client_id, true)
        vim.wait(500, function() return vim.lsp.get_client_by_id(client_id) == nil end, 20)
      end
    end)
  end
  vim.cmd('silent! cquit ' .. code)  -- :cquit N exits with status N (0 included)
  os.exit(code)                      -- not reached; belt and braces
end

-- Watchdog: whatever happens (a hung request, an error in a callback), leave in bounded time.
local watchdog = uv.new_timer()
watchdog:start(timeout * 2 + 5000, 0, function()
  io.stderr:write('diag.lua: watchdog fired, exiting\n')
  os.exit(6)
end)

local function main()
  local server = os.getenv('DIAG_SERVER')
  if not server or server == '' then
    log('set DIAG_SERVER to a JSON array, e.g. ["postlint","lsp"]')
    return finish(2)
  end
  local cmd = vim.json.decode(server)
  local bufnr = vim.api.nvim_get_current_buf()
  local fname = vim.api.nvim_buf_get_name(bufnr)
  if fname == '' then
    log('no file: pass the file after --')
    return finish(2)
  end
  local uri = vim.uri_from_bufnr(bufnr)

  local published = nil   -- raw LSP diagnostics of the first publish for our URI
  local server_exit = nil -- {code, signal} once the server process is gone

  local handlers = {
    ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
      if result and result.uri == uri and published == nil then
        published = result.diagnostics or {}
      end
      return vim.lsp.handlers['textDocument/publishDiagnostics'](err, result, ctx, config)
    end,
  }
  local config = {
    name = 'diag-test',
    cmd = cmd,
    root_dir = os.getenv('DIAG_ROOT') or vim.fn.getcwd(),
    handlers = handlers,
    on_exit = function(code, signal)
      server_exit = { code = code, signal = signal }
    end,
  }

  if vim.lsp.start then -- 0.8+
    client_id = vim.lsp.start(config, { bufnr = bufnr })
  else -- 0.7
    client_id = vim.lsp.start_client(config)
    if client_id then vim.lsp.buf_attach_client(bufnr, client_id) end
  end
  if not client_id then
    log('the server did not start: ' .. server)
    return finish(4)
  end

  local ok = vim.wait(timeout, function() return published ~= nil or server_exit ~= nil end, 20)
  if published == nil then
    if server_exit then
      log(string.format('the server exited (code %s, signal %s) before publishing diagnostics',
        tostring(server_exit.code), tostring(server_exit.signal)))
      return finish(4)
    end
    log(string.format('timeout: no diagnostics after %d ms (wait=%s)', timeout, tostring(ok)))
    return finish(3)
  end
  -- The handler above ran before the default one; let it store the diagnostics.
  vim.wait(200, function() return #vim.diagnostic.get(bufnr) >= #published end, 10)

  local diags = vim.diagnostic.get(bufnr)
  table.sort(diags, function(a, b)
    if a.lnum ~= b.lnum then return a.lnum < b.lnum end
    return a.col < b.col
  end)
  for i, d in ipairs(diags) do
    local lsp = d.user_data and d.user_data.lsp or {}
    local code = d.code
    if code == nil then code = lsp.code end
    emit({
      kind = 'diagnostic',
      lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      message = d.message, code = code, severity = d.severity, source = d.source,
      lsp_range = published[i] and published[i].range or nil,
    })
  end

  local n_actions = 0
  local applied = false
  if os.getenv('DIAG_ACTIONS') ~= '0' and #published > 0 then
    local first = published[1]
    local params = {
      textDocument = { uri = uri },
      range = first.range,
      context = { diagnostics = { first } },
    }
    local responses, err = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, timeout)
    if not responses then
      log('code action request failed: ' .. tostring(err))
      return finish(5)
    end
    for _, resp in pairs(responses) do
      if resp.error then
        log('code action error: ' .. vim.inspect(resp.error))
        return finish(5)
      end
      for _, action in ipairs(resp.result or {}) do
        n_actions = n_actions + 1
        emit({ kind = 'code_action', title = action.title, kind_ = action.kind })
        -- Apply the first action's edit to the buffer (not saved) as the editor would, and
        -- show the line: the server's UTF-16 range must land on the right bytes.
        if not applied and action.edit then
          applied = true
          vim.lsp.util.apply_workspace_edit(action.edit, 'utf-16')
          local line = first.range.start.line
          emit({ kind = 'applied', lnum = line,
                 text = vim.api.nvim_buf_get_lines(bufnr, line, line + 1, false)[1] })
        end
      end
    end
  end
  emit({ kind = 'done', diagnostics = #diags, code_actions = n_actions })
  return finish(0)
end

local ok, err = xpcall(main, debug.traceback)
if not ok then
  log('error: ' .. tostring(err))
  finish(2)
end
