-- End-to-end test of flux-ls in a real Neovim (0.10+), through editors/neovim's plugin.
--
-- Run by tests/editors/test_neovim.py as
--   nvim --headless --clean --cmd 'lua vim.opt.rtp:prepend(vim.env.FLUX_NVIM_PLUGIN)' -S nvim_e2e.lua
-- with FLUX_E2E_FILE (a copy of the image server with one error, FLX101 `Writ`, and
-- non-ASCII comments before it on the same line and above), FLUX_E2E_SITE (a folder to put on
-- 'runtimepath', where the parser is built into parser/flux.so) and FLUX_E2E_TIMEOUT (ms per
-- wait). `flux-ls` and `flux` must be on PATH. Every step waits for an event with a timeout
-- (vim.wait with a predicate), never a fixed sleep. Exit status 0 when every step held;
-- otherwise the failed step, what was expected and what was seen go to stdout, exit 1.

local FILE = assert(vim.env.FLUX_E2E_FILE, 'FLUX_E2E_FILE is not set')
local SITE = assert(vim.env.FLUX_E2E_SITE, 'FLUX_E2E_SITE is not set')
local TIMEOUT = tonumber(vim.env.FLUX_E2E_TIMEOUT or '') or 30000

local function say(fmt, ...)
  io.stdout:write(string.format(fmt, ...) .. '\n')
  io.stdout:flush()
end

local function fail(fmt, ...)
  error({ flux_failure = string.format(fmt, ...) }, 0)
end

local function check(cond, fmt, ...)
  if not cond then
    fail(fmt, ...)
  end
end

local function wait_for(what, predicate)
  if not vim.wait(TIMEOUT, predicate, 10) then
    fail('timed out after %d ms waiting for %s', TIMEOUT, what)
  end
end

local flux -- require('flux')
local buf, win -- the Flux buffer and its window
local server_exit -- exit code of flux-ls, set by on_exit
local diagnostic_sets = 0 -- DiagnosticChanged events for buf (only the server sets them)

-- Client methods are called with ':' from Neovim 0.11 on, with '.' before.
local NEW_API = vim.fn.has('nvim-0.11') == 1

local function supports(method)
  local client = flux.client(buf)
  if NEW_API then
    return client:supports_method(method, buf)
  end
  return client.supports_method(method, { bufnr = buf })
end

local function code_of(d)
  return d.code or vim.tbl_get(d, 'user_data', 'lsp', 'code')
end

local function show_diagnostics()
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    out[#out + 1] = ('%s@%d:%d-%d:%d'):format(code_of(d), d.lnum, d.col, d.end_lnum, d.end_col)
  end
  return '{' .. table.concat(out, ', ') .. '}'
end

local function find_diagnostic(code)
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if code_of(d) == code then
      return d
    end
  end
end

local function lines()
  return vim.api.nvim_buf_get_lines(buf, 0, -1, false)
end

-- (row, byte col) of the first line containing `needle` (plain), both 0-based.
local function locate(needle)
  for i, line in ipairs(lines()) do
    local col = line:find(needle, 1, true)
    if col then
      return i - 1, col - 1
    end
  end
  fail('%q is not in the buffer', needle)
end

-- Row of the declaration (signature) of node `name`: the line that starts with `name (`.
local function declaration(name)
  for i, line in ipairs(lines()) do
    if line:match('^' .. name .. '%s*%(') then
      return i - 1
    end
  end
  fail('no declaration of %s in the buffer', name)
end

-- Performs `edit` and waits until the server has published diagnostics again (at least one
-- DiagnosticChanged after the edit) and `predicate` holds for them.
local function edit_and_wait(what, edit, predicate)
  local before = diagnostic_sets
  edit()
  wait_for(what .. ' (diagnostics now ' .. show_diagnostics() .. ')', function()
    return diagnostic_sets > before and predicate()
  end)
end

-- Whether the server reports FLX101 exactly on `Writ` (wherever it is now); row, byte col.
local function flx101_on_writ()
  local row, col = locate('-> Writ ->')
  col = col + 3
  local d = find_diagnostic('FLX101')
  local holds = d ~= nil and d.lnum == row and d.col == col and d.end_lnum == row
    and d.end_col == col + 4
  return holds, row, col
end

-- UTF-16 column of byte `col` on `row` (what Neovim 0.10 negotiates with flux-ls). Not
-- vim.lsp.util.character_offset: in 0.10 it clamps byte indexes larger than the line's UTF-16
-- length, so it is wrong at the end of lines with multi-byte text.
local function utf16(row, col)
  local line = vim.api.nvim_buf_get_lines(buf, row, row + 1, true)[1]
  if vim.fn.has('nvim-0.11') == 1 then
    return vim.str_utfindex(line, 'utf-16', col, false)
  end
  local _, units = vim.str_utfindex(line, col)
  return units
end

-- Puts the cursor at (row, byte col) and returns TextDocumentPositionParams for it.
local function position_params(row, col)
  vim.api.nvim_win_set_cursor(win, { row + 1, col })
  return {
    textDocument = vim.lsp.util.make_text_document_params(buf),
    position = { line = row, character = utf16(row, col) },
  }
end

local function request_sync(method, params)
  check(supports(method),
    'flux-ls does not advertise %s (server capabilities: %s)', method,
    vim.inspect(vim.tbl_keys(flux.client(buf).server_capabilities)))
  local results, err = vim.lsp.buf_request_sync(buf, method, params, TIMEOUT)
  check(results ~= nil, '%s: no answer (%s)', method, tostring(err))
  local client = flux.client(buf)
  local answer = results[client.id]
  check(answer ~= nil, '%s: no answer from flux-ls', method)
  check(answer.err == nil, '%s: error %s', method, vim.inspect(answer.err))
  return answer.result
end

-- The server's own view, independent of Neovim's diagnostic store: a pull request
-- (textDocument/diagnostic) must put FLX101 on `Writ` in UTF-16 units, or report nothing.
local function check_pulled(expect_writ)
  if not supports('textDocument/diagnostic') then
    return
  end
  local report = request_sync('textDocument/diagnostic',
    { textDocument = vim.lsp.util.make_text_document_params(buf) })
  local items = report and report.items or {}
  if not expect_writ then
    check(#items == 0, 'pulled diagnostics: %s', vim.inspect(items))
    return
  end
  local _, row, col = flx101_on_writ()
  for _, item in ipairs(items) do
    if item.code == 'FLX101' then
      local r = item.range
      check(r.start.line == row and r.start.character == utf16(row, col)
        and r['end'].character == utf16(row, col + 4),
        'pulled FLX101 at %s, expected %d:%d-%d (utf-16)', vim.inspect(r), row,
        utf16(row, col), utf16(row, col + 4))
      return
    end
  end
  fail('no FLX101 among the pulled diagnostics %s', vim.inspect(items))
end

local function hover_text(result)
  check(type(result) == 'table' and result.contents ~= nil, 'hover: no contents: %s',
    vim.inspect(result))
  local c = result.contents
  if type(c) == 'string' then
    return c
  end
  if c.value then
    return c.value
  end
  local parts = {}
  for _, item in ipairs(c) do
    parts[#parts + 1] = type(item) == 'string' and item or item.value
  end
  return table.concat(parts, '\n')
end

local function find_buffer(name_suffix)
  for _, b in ipairs(vim.api.nvim_list_bufs()) do
    if vim.endswith(vim.api.nvim_buf_get_name(b), name_suffix) then
      return b
    end
  end
end

local function back_to_flux()
  vim.cmd('silent! only')
  vim.api.nvim_win_set_buf(0, buf)
  win = vim.api.nvim_get_current_win()
end

local steps = {}

steps[#steps + 1] = { 'filetype detection (ftdetect on runtimepath)', function()
  check(vim.filetype.match({ filename = 'a.flux' }) == 'flux', '*.flux is not filetype flux')
  check(vim.filetype.match({ filename = 'a.fx' }) == 'flux', '*.fx is not filetype flux')
end }

steps[#steps + 1] = { 'build the parser and setup()', function()
  flux = require('flux')
  local ok, msg = flux.build_parser(SITE .. '/parser/flux.so')
  check(ok, 'build_parser: %s', tostring(msg))
  vim.opt.rtp:append(SITE)
  flux.setup({ lsp = { on_exit = function(code)
    server_exit = code
  end } })
  for _, name in ipairs({ 'FluxFlowGraph', 'FluxSimulate', 'FluxCheck', 'FluxBuildParser' }) do
    check(vim.fn.exists(':' .. name) == 2, ':%s was not created', name)
  end
end }

steps[#steps + 1] = { 'open the file: filetype, server, highlighting', function()
  vim.cmd.edit(vim.fn.fnameescape(FILE))
  buf, win = vim.api.nvim_get_current_buf(), vim.api.nvim_get_current_win()
  vim.api.nvim_create_autocmd('DiagnosticChanged', { buffer = buf, callback = function()
    diagnostic_sets = diagnostic_sets + 1
  end })
  check(vim.bo[buf].filetype == 'flux', 'filetype is %q', vim.bo[buf].filetype)
  check(vim.bo[buf].commentstring == '// %s', 'commentstring is %q (ftplugin not loaded?)',
    vim.bo[buf].commentstring)
  wait_for('flux-ls to attach', function()
    return flux.client(buf) ~= nil and flux.client(buf).initialized
  end)
  check(flux.client(buf).offset_encoding == 'utf-16', 'position encoding %s, expected utf-16',
    flux.client(buf).offset_encoding)
  local root = flux.client(buf).config.root_dir
  check(root == vim.fs.dirname(FILE), 'root_dir %q, expected the folder with flux.toml %q',
    root, vim.fs.dirname(FILE))
  check(vim.treesitter.highlighter.active[buf] ~= nil, 'tree-sitter highlighting not started: %s',
    select(2, flux.load_language()) or '?')
  local function captures(needle, offset)
    local row, col = locate(needle)
    local names = {}
    for _, c in ipairs(vim.treesitter.get_captures_at_pos(buf, row, col + (offset or 0))) do
      names[#names + 1] = c.capture
    end
    return names
  end
  local c = captures('Listen (')
  check(vim.tbl_contains(c, 'function'), 'captures at the Listen declaration: %s', vim.inspect(c))
  c = captures('typedef ')
  check(vim.tbl_contains(c, 'keyword.type'), 'captures at typedef: %s', vim.inspect(c))
  c = captures('CheckCache -> Handler')
  check(vim.tbl_contains(c, 'function.call'), 'captures at a flow step: %s', vim.inspect(c))
  vim.cmd('checkhealth flux')
  local report = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), '\n')
  check(report:find('flux%-ls %d') and report:find('parser loaded; highlights query: yes', 1, true)
    and report:find('1 flux-ls client(s) running', 1, true) and not report:find('ERROR'),
    ':checkhealth flux:\n%s', report)
  vim.cmd('bwipeout!')
  back_to_flux()
end }

steps[#steps + 1] = { 'diagnostics from flux-ls', function()
  wait_for('FLX101 on `Writ`', function()
    return (flx101_on_writ())
  end)
  local d = find_diagnostic('FLX101')
  check(d.severity == vim.diagnostic.severity.ERROR, 'FLX101 severity %s', tostring(d.severity))
  check(d.message:find('Writ', 1, true), 'FLX101 message %q', d.message)
  check_pulled(true)
  local unused = find_diagnostic('FLX105')
  local row = declaration('Write')
  check(unused and unused.lnum == row and unused.col == 0
    and unused.severity == vim.diagnostic.severity.WARN,
    'expected FLX105 (Write unused) at %d:0, saw %s', row, show_diagnostics())
end }

steps[#steps + 1] = { ':FluxCheck fills the quickfix list', function()
  vim.cmd('FluxCheck')
  wait_for('flux check results in the quickfix list', function()
    return vim.fn.getqflist({ title = 0 }).title == 'flux check'
  end)
  local items = vim.fn.getqflist()
  local row, col = locate('-> Writ ->')
  local found = false
  for _, item in ipairs(items) do
    if item.text:find('[FLX101]', 1, true) then
      found = item.lnum == row + 1 and item.col == col + 4 and item.type == 'E'
        and item.bufnr == buf
    end
  end
  check(found, 'no FLX101 item at %d:%d in %s', row + 1, col + 4, vim.inspect(items))
  back_to_flux()
end }

-- Positions after multi-byte text on the same line: the server must count in utf-16 (what
-- Neovim 0.10 negotiates), not in bytes or code points. The cursor is on the *last*
-- character of the name so that a miscount lands outside it.
steps[#steps + 1] = { 'definition of a node use', function()
  local row, col = locate('CheckCache -> Handler')
  local decl = declaration('CheckCache')
  local result = request_sync('textDocument/definition', position_params(row, col + 9))
  local locations = result and (result.uri or result.targetUri) and { result } or result or {}
  check(#locations == 1, 'expected one location, got %s', vim.inspect(result))
  local range = locations[1].targetSelectionRange or locations[1].range
  check(range.start.line == decl and range.start.character == 0,
    'definition at %s, expected %d:0', vim.inspect(range), decl)
  -- The editor's own command jumps there.
  position_params(row, col + 9)
  vim.lsp.buf.definition()
  wait_for('vim.lsp.buf.definition() to jump to ' .. decl .. ':0', function()
    local cursor = vim.api.nvim_win_get_cursor(0)
    return cursor[1] == decl + 1 and cursor[2] == 0
  end)
end }

steps[#steps + 1] = { 'hover on a node use', function()
  local row, col = locate('CheckCache -> Handler')
  local result = request_sync('textDocument/hover', position_params(row, col + 9))
  local text = hover_text(result)
  -- The doc comment above the declaration, `/** ... */` on one line in the example.
  local doc = lines()[declaration('CheckCache')]:match('^/%*%*%s*(.-)%s*%*/$')
  check(doc ~= nil, 'the example has no one-line doc comment above CheckCache')
  for _, expected in ipairs({ 'int CheckCache(CheckCache_in *in, CheckCache_out *out);',
    '} CheckCache_in;', '} CheckCache_out;', 'CheckCache (', doc }) do
    check(text:find(expected, 1, true), 'hover lacks %q:\n%s', expected, text)
  end
  if result.range then
    local r = result.range
    check(r.start.line == row and r.start.character == utf16(row, col)
      and r['end'].character == utf16(row, col + 10),
      'hover range %s, expected %d:%d-%d (utf-16)', vim.inspect(r), row, utf16(row, col),
      utf16(row, col + 10))
  end
  -- The editor's own hover window renders it.
  position_params(row, col + 9)
  vim.lsp.buf.hover()
  local float
  wait_for('the hover window', function()
    for _, w in ipairs(vim.api.nvim_list_wins()) do
      if vim.api.nvim_win_get_config(w).relative ~= '' then
        float = w
        return true
      end
    end
  end)
  local shown = table.concat(vim.api.nvim_buf_get_lines(vim.api.nvim_win_get_buf(float), 0, -1,
    false), '\n')
  check(shown:find('CheckCache_in *in', 1, true), 'hover window shows:\n%s', shown)
  vim.api.nvim_win_close(float, true)
end }

-- Incremental sync: three edits, each checked against where the server says `Writ` is.
steps[#steps + 1] = { 'edit 1: multi-line insert before the error', function()
  local row = locate('Image = ReadRequest')
  edit_and_wait('FLX101 on `Writ` after a multi-line insert', function()
    vim.api.nvim_buf_set_text(buf, row, 0, row, 0, { '/* Überschrift ☃', '   𝔾 */ ' })
  end, function()
    return (flx101_on_writ())
  end)
  check_pulled(true)
end }

steps[#steps + 1] = { 'edit 2: replace astral characters on the same line', function()
  local row, col = locate('𝔽𝕃𝕌𝕏')
  edit_and_wait('FLX101 on `Writ` after replacing 16 bytes by 2', function()
    vim.api.nvim_buf_set_text(buf, row, col, row, col + #'𝔽𝕃𝕌𝕏', { 'ƒ' })
  end, function()
    return (flx101_on_writ())
  end)
  check_pulled(true)
end }

steps[#steps + 1] = { 'edit 3: fix the error', function()
  local row, col = locate('-> Writ ->')
  edit_and_wait('no diagnostics after `Writ` -> `Write`', function()
    vim.api.nvim_buf_set_text(buf, row, col + 7, row, col + 7, { 'e' })
  end, function()
    return #vim.diagnostic.get(buf) == 0
  end)
  check(lines()[row + 1]:find('-> Write -> Complete;', 1, true), 'the edit went wrong: %s',
    lines()[row + 1])
  check_pulled(false)
end }

steps[#steps + 1] = { 'the server saw the same text (hover and definition after the edits)',
  function()
    local row, col = locate('Complete;')
    local result = request_sync('textDocument/hover', position_params(row, col + 7))
    local text = hover_text(result)
    check(text:find('int Complete(Complete_in *in);', 1, true), 'hover on Complete:\n%s', text)
    if result.range then
      check(result.range.start.character == utf16(row, col), 'hover range %s, expected %d',
        vim.inspect(result.range), utf16(row, col))
    end
    local wrow, wcol = locate('Write -> Complete')
    local decl = declaration('Write')
    local def = request_sync('textDocument/definition', position_params(wrow, wcol + 4))
    local locations = def and (def.uri or def.targetUri) and { def } or def or {}
    check(#locations >= 1, 'no definition for Write: %s', vim.inspect(def))
    local range = locations[1].targetSelectionRange or locations[1].range
    check(range.start.line == decl, 'definition of Write at %s, expected line %d',
      vim.inspect(range), decl)
  end }

steps[#steps + 1] = { ':FluxFlowGraph shows DOT, JSON and SVG', function()
  local name = vim.fn.fnamemodify(FILE, ':t')
  vim.cmd('FluxFlowGraph')
  local graph
  wait_for('the DOT scratch buffer', function()
    graph = find_buffer('flux-graph://' .. name .. '.dot')
    return graph ~= nil
  end)
  local dot = table.concat(vim.api.nvim_buf_get_lines(graph, 0, -1, false), '\n')
  check(dot:find('digraph', 1, true) and dot:find('label=<Write>', 1, true),
    'DOT buffer:\n%s', dot)
  check(vim.bo[graph].filetype == 'dot' and vim.bo[graph].buftype == 'nofile',
    'DOT buffer filetype %q buftype %q', vim.bo[graph].filetype, vim.bo[graph].buftype)
  back_to_flux()
  vim.cmd('FluxFlowGraph json Handler')
  wait_for('the JSON scratch buffer', function()
    graph = find_buffer('flux-graph://' .. name .. '#Handler.json')
    return graph ~= nil
  end)
  local text = table.concat(vim.api.nvim_buf_get_lines(graph, 0, -1, false), '\n')
  local ok, data = pcall(vim.json.decode, text)
  check(ok and type(data) == 'table', 'JSON buffer does not parse: %s', text:sub(1, 500))
  check(data.schema == 'flux-graph/1' and data.node == 'Handler', 'JSON header: %s / %s',
    tostring(data.schema), tostring(data.node))
  local names = {}
  for _, v in ipairs(data.vertices or {}) do
    names[v.name] = true
  end
  check(names.Handler and names.ReadInFromDisk and not names.Listen,
    'vertices of the Handler sub-graph: %s', vim.inspect(vim.tbl_keys(names)))
  back_to_flux()
  if vim.fn.executable('dot') == 1 then
    local opened
    local open = vim.ui.open
    vim.ui.open = function(path) opened = path end -- do not launch a viewer
    vim.cmd('FluxFlowGraph svg')
    wait_for('the SVG to be handed to vim.ui.open', function() return opened ~= nil end)
    vim.ui.open = open
    local svg = table.concat(vim.fn.readfile(opened), '\n')
    check(svg:find('<svg', 1, true) and svg:find('Write', 1, true), 'SVG file %s: %s', opened,
      svg:sub(1, 300))
  else
    say('  (Graphviz not installed: SVG not checked)')
  end
end }

steps[#steps + 1] = { 'code lenses run in the editor', function()
  vim.lsp.codelens.refresh({ bufnr = buf })
  wait_for('code lenses', function()
    return #vim.lsp.codelens.get(buf) > 0
  end)
  -- "Show flow graph" over `source Listen => Image;`: the graph of the source's target.
  local source_row, target
  for i, line in ipairs(lines()) do
    target = line:match('^source%s+[%w_]+%s*=>%s*([%w_]+)')
    if target then
      source_row = i - 1
      break
    end
  end
  check(source_row ~= nil, 'no source declaration in the buffer')
  vim.api.nvim_win_set_cursor(win, { source_row + 1, 0 })
  -- two lenses on the source line: run() asks which one (inputlist() up to 0.10,
  -- vim.ui.select() after); answer by title
  local select, inputlist = vim.ui.select, vim.fn.inputlist
  local offered = {}
  local function choose(title)
    vim.fn.inputlist = function(items)
      local pick = 0
      for i, label in ipairs(items) do
        local name = label:match('^%d+: (.*)$')
        if name then
          offered[name] = true
          if name:find(title, 1, true) and pick == 0 then
            pick = i - 1
          end
        end
      end
      return pick
    end
    vim.ui.select = function(items, opts, on_choice)
      for i, item in ipairs(items) do
        local label = opts and opts.format_item and opts.format_item(item) or tostring(item)
        offered[label] = true
        if label:find(title, 1, true) then
          return on_choice(item, i)
        end
      end
      on_choice(nil, nil)
    end
  end
  choose('Show flow graph')
  vim.lsp.codelens.run()
  local name = vim.fn.fnamemodify(FILE, ':t')
  wait_for('the flow graph of ' .. target, function()
    return find_buffer('flux-graph://' .. name .. '#' .. target .. '.dot') ~= nil
  end)
  back_to_flux()
  -- "Simulate load" on the same line: the prediction table (the workspace's estimates.toml)
  vim.api.nvim_win_set_cursor(win, { source_row + 1, 0 })
  choose('Simulate load')
  vim.lsp.codelens.run()
  local table_buf
  wait_for('the simulation table', function()
    table_buf = find_buffer('flux-sim://' .. name .. '.txt')
    return table_buf ~= nil
  end)
  vim.ui.select, vim.fn.inputlist = select, inputlist
  local text = table.concat(vim.api.nvim_buf_get_lines(table_buf, 0, -1, false), '\n')
  check(text:find('throughput/s', 1, true) and text:find('estimates', 1, true),
    'simulation table:\n%s', text)
  check(offered['Show flow graph'] and offered['Simulate load'], 'lenses offered: %s',
    vim.inspect(vim.tbl_keys(offered)))
  back_to_flux()
  -- "N references" over `Write (...)`: the uses, in the quickfix list, each on `Write`.
  vim.fn.setqflist({}, ' ', { title = 'stale' })
  vim.api.nvim_win_set_cursor(win, { declaration('Write') + 1, 0 })
  vim.lsp.codelens.run()
  wait_for('the references of Write in the quickfix list', function()
    return vim.fn.getqflist({ title = 0 }).title == 'references of Write'
  end)
  local items = vim.fn.getqflist()
  local flow_row = locate('-> Write -> Complete;')
  local in_flow = false
  for _, item in ipairs(items) do
    local text = lines()[item.lnum]:sub(item.col, item.col + 4)
    check(item.bufnr == buf and text == 'Write', 'reference at %d:%d is %q', item.lnum,
      item.col, text)
    in_flow = in_flow or item.lnum == flow_row + 1
  end
  check(in_flow, 'no reference on the flow line %d: %s', flow_row + 1, vim.inspect(items))
  back_to_flux()
end }

steps[#steps + 1] = { ':FluxCheck after saving the fix', function()
  vim.cmd('silent write')
  vim.fn.setqflist({}, ' ', { title = 'stale' })
  vim.cmd('FluxCheck')
  wait_for('flux check results', function()
    return vim.fn.getqflist({ title = 0 }).title == 'flux check'
  end)
  check(#vim.fn.getqflist() == 0, 'quickfix not empty: %s', vim.inspect(vim.fn.getqflist()))
  back_to_flux()
end }

steps[#steps + 1] = { 'the server shuts down cleanly', function()
  local client = flux.client(buf)
  if NEW_API then
    client:stop()
  else
    client.stop()
  end
  wait_for('flux-ls to exit', function() return server_exit ~= nil end)
  check(server_exit == 0, 'flux-ls exited with status %s', tostring(server_exit))
end }

local function run()
  for i, step in ipairs(steps) do
    local started = vim.uv.hrtime()
    local ok, err = xpcall(step[2], function(e)
      if type(e) == 'table' and e.flux_failure then
        return e.flux_failure
      end
      return debug.traceback(tostring(e), 2)
    end)
    if not ok then
      say('FAIL step %d (%s): %s', i, step[1], err)
      if buf then
        say('  diagnostics: %s', show_diagnostics())
        say('  clients: %s', vim.inspect(vim.tbl_map(function(c)
          return { name = c.name, id = c.id, root = c.config.root_dir }
        end, vim.lsp.get_clients())))
      end
      return false
    end
    say('ok   step %d (%s) %.0f ms', i, step[1], (vim.uv.hrtime() - started) / 1e6)
  end
  return true
end

if run() then
  say('ALL OK')
  vim.cmd('qall!')
else
  vim.cmd('cquit 1')
end
