-- Flux for Neovim (0.10+): starts the `flux-ls` language server for Flux buffers, highlights
-- them with tree-sitter-flux when its parser is available, and adds :FluxFlowGraph,
-- :FluxCheck and :FluxBuildParser. Every language feature comes from the server; this
-- module only wires it up. See editors/neovim/README.md.
local M = {}

local uv = vim.uv or vim.loop

-- <checkout>/editors/neovim/lua/flux/init.lua -> <checkout>/editors/neovim (symlinks resolved,
-- so a link from a pack/*/start folder still finds the checkout's tree-sitter-flux).
local THIS_FILE = debug.getinfo(1, 'S').source:sub(2)
THIS_FILE = uv.fs_realpath(THIS_FILE) or vim.fn.fnamemodify(THIS_FILE, ':p')
local PLUGIN_DIR = vim.fn.fnamemodify(THIS_FILE, ':h:h:h')
local GRAMMAR_DIR = vim.fn.fnamemodify(PLUGIN_DIR, ':h:h') .. '/tree-sitter-flux'
M.plugin_dir, M.grammar_dir = PLUGIN_DIR, GRAMMAR_DIR

local defaults = {
  -- How to start the server; it must speak LSP on stdin/stdout.
  cmd = { 'flux-ls', '--stdio' },
  -- The workspace root is the nearest directory holding one of these (else the file's own).
  root_markers = { 'flux.toml', '.git' },
  filetypes = { 'flux' },
  -- Highlight with tree-sitter-flux when the parser can be loaded.
  treesitter = true,
  -- The parser library; nil: `parser/flux.so` on 'runtimepath' (see :FluxBuildParser).
  parser = nil,
  -- Folder with highlights.scm etc.; nil: the tree-sitter-flux/queries of this checkout.
  -- Queries found on 'runtimepath' (queries/flux/*.scm) take precedence.
  queries = nil,
  -- :FluxCheck runs this with `--format json` and the paths to check.
  check_cmd = { 'flux', 'check' },
  -- Passed on to vim.lsp.start() (on_attach, capabilities, settings, cmd_env, on_exit, ...),
  -- or on 0.11+ to vim.lsp.config('flux', ...).
  lsp = {},
  -- On Neovim 0.11+, start the server through vim.lsp.config('flux', ...) and
  -- vim.lsp.enable('flux') (false: vim.lsp.start(), as on 0.10).
  lsp_enable = true,
}

M.config = vim.deepcopy(defaults)

local CLIENT_NAME = 'flux-ls'
local GROUP = 'flux'

local function notify(msg, level)
  vim.notify('flux: ' .. msg, level or vim.log.levels.INFO)
end

-- Client:request() is a method from 0.11 on; 0.10 only has the field function.
local function request(client, method, params, handler, bufnr)
  if vim.fn.has('nvim-0.11') == 1 then
    return client:request(method, params, handler, bufnr)
  end
  return client.request(method, params, handler, bufnr)
end

--- The root directory for a buffer: the nearest ancestor with a root marker, else the
--- file's directory (else the current directory).
function M.root_dir(bufnr)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  local root = vim.fs.root(bufnr, M.config.root_markers)
  if root then
    return root
  end
  local name = vim.api.nvim_buf_get_name(bufnr)
  if name ~= '' then
    return vim.fs.dirname(vim.fn.fnamemodify(name, ':p'))
  end
  return vim.fn.getcwd()
end

--- The flux-ls client attached to a buffer, or nil: named 'flux-ls' when started by
--- vim.lsp.start(), 'flux' when started by vim.lsp.enable('flux') (Neovim 0.11+).
function M.client(bufnr)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  return vim.lsp.get_clients({ bufnr = bufnr, name = CLIENT_NAME })[1]
    or vim.lsp.get_clients({ bufnr = bufnr, name = 'flux' })[1]
end

--- Whether setup() starts the server with vim.lsp.config()/vim.lsp.enable() (Neovim 0.11+).
function M.uses_lsp_enable()
  return M.config.lsp_enable ~= false and vim.fn.has('nvim-0.11') == 1
    and vim.lsp.config ~= nil and vim.lsp.enable ~= nil
end

-- ---------------------------------------------------------------------------------------
-- Tree-sitter

local QUERY_NAMES = { 'highlights', 'locals', 'folds', 'indents', 'injections' }
local language_state = nil -- nil: not tried yet; true: loaded; string: why not

local function read_file(path)
  local fd = io.open(path, 'rb')
  if not fd then
    return nil
  end
  local text = fd:read('*a')
  fd:close()
  return text
end

local function register_queries()
  local dir = M.config.queries or (GRAMMAR_DIR .. '/queries')
  for _, name in ipairs(QUERY_NAMES) do
    if #vim.treesitter.query.get_files('flux', name) == 0 then
      local text = read_file(dir .. '/' .. name .. '.scm')
      if text then
        vim.treesitter.query.set('flux', name, text)
      end
    end
  end
end

--- Loads the tree-sitter-flux parser and its queries once. Returns true, or false and why.
function M.load_language()
  if language_state == nil then
    -- 0.10 raises when the parser cannot be found or loaded, 0.11 returns nil, message;
    -- inspect() raises in both when the language is not loaded.
    local ok, err = pcall(vim.treesitter.language.add, 'flux',
      M.config.parser and { path = M.config.parser } or nil)
    if ok then
      ok, err = pcall(vim.treesitter.language.inspect, 'flux')
    end
    if ok then
      register_queries()
      language_state = true
    else
      language_state = tostring(err)
    end
  end
  if language_state == true then
    return true
  end
  return false, language_state
end

--- Starts tree-sitter highlighting in a buffer when the parser is available.
function M.start_treesitter(bufnr)
  local ok, why = M.load_language()
  if not ok then
    return false, why
  end
  local started, err = pcall(vim.treesitter.start, bufnr, 'flux')
  if not started then
    return false, tostring(err)
  end
  return true
end

--- Compiles tree-sitter-flux's parser into `dest` (default: parser/flux.so of this plugin,
--- which is on 'runtimepath'). `on_done(ok, message)` makes it asynchronous; without it the
--- call waits and returns ok, message.
function M.build_parser(dest, on_done)
  dest = dest or (PLUGIN_DIR .. '/parser/flux.so')
  local src = GRAMMAR_DIR .. '/src'
  local cc = vim.env.CC or 'cc'
  if vim.fn.executable(cc) ~= 1 then
    local msg = 'no C compiler (' .. cc .. ') found'
    if on_done then
      on_done(false, msg)
      return
    end
    return false, msg
  end
  vim.fn.mkdir(vim.fs.dirname(dest), 'p')
  local files = { src .. '/parser.c' }
  if uv.fs_stat(src .. '/scanner.c') then
    files[#files + 1] = src .. '/scanner.c'
  end
  local args = { cc, '-shared', '-fPIC', '-O2', '-std=c11', '-I' .. src, '-o', dest }
  vim.list_extend(args, files)
  local function finish(result)
    if result.code == 0 then
      language_state = nil -- a failed earlier attempt may now succeed
      return true, dest
    end
    return false, ('%s failed (exit %d): %s'):format(cc, result.code, result.stderr or '')
  end
  if on_done then
    vim.system(args, { text = true }, function(result)
      vim.schedule(function()
        on_done(finish(result))
      end)
    end)
    return
  end
  return finish(vim.system(args, { text = true }):wait())
end

-- ---------------------------------------------------------------------------------------
-- Language server

local warned_missing = false

local function server_missing()
  local cmd = M.config.cmd
  if type(cmd) == 'table' and vim.fn.executable(cmd[1]) ~= 1 then
    if not warned_missing then
      warned_missing = true
      notify(('cannot start the language server: `%s` is not executable. Install the Flux '
        .. 'toolchain (it provides flux-ls) or pass cmd to setup().'):format(cmd[1]),
        vim.log.levels.WARN)
    end
    return true
  end
  return false
end

--- Starts (or reuses) flux-ls for a buffer and attaches it. Returns the client id or nil.
function M.start_lsp(bufnr)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  local cmd = M.config.cmd
  if server_missing() then
    return nil
  end
  local config = vim.tbl_extend('force', {}, M.config.lsp, {
    name = CLIENT_NAME,
    cmd = cmd,
    root_dir = M.root_dir(bufnr),
  })
  return vim.lsp.start(config, { bufnr = bufnr })
end

--- What setup() does for every Flux buffer: the server, then highlighting.
function M.attach(bufnr)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  if vim.bo[bufnr].buftype ~= '' then
    return
  end
  if not M.uses_lsp_enable() then
    M.start_lsp(bufnr)
  end -- else vim.lsp.enable('flux') starts it
  if M.config.treesitter then
    M.start_treesitter(bufnr)
  end
end

-- ---------------------------------------------------------------------------------------
-- :FluxFlowGraph

-- JSON with sorted keys and two-space indentation (vim.json.encode has no indent in 0.10).
-- Nulls do not survive the LSP client's decoding, so null fields are absent.
local EMPTY_DICT_MT = getmetatable(vim.empty_dict())

local function pretty_json(value, indent)
  indent = indent or ''
  local inner = indent .. '  '
  if type(value) ~= 'table' then
    return vim.json.encode(value)
  end
  local parts = {}
  if vim.islist(value) and getmetatable(value) ~= EMPTY_DICT_MT then
    if #value == 0 then
      return '[]'
    end
    for _, item in ipairs(value) do
      parts[#parts + 1] = inner .. pretty_json(item, inner)
    end
    return '[\n' .. table.concat(parts, ',\n') .. '\n' .. indent .. ']'
  end
  local keys = vim.tbl_keys(value)
  if #keys == 0 then
    return '{}'
  end
  table.sort(keys, function(a, b)
    return tostring(a) < tostring(b)
  end)
  for _, key in ipairs(keys) do
    parts[#parts + 1] = inner .. vim.json.encode(tostring(key)) .. ': '
      .. pretty_json(value[key], inner)
  end
  return '{\n' .. table.concat(parts, ',\n') .. '\n' .. indent .. '}'
end
M._pretty_json = pretty_json

-- Shows `lines` in a scratch buffer named `name` (reused when it exists) in a split.
--- The buffer, the on_done callback and the flux-ls client of a command's opts; the client is
--- nil (and the user told, on_done called) when none is attached.
local function command_target(opts)
  local bufnr = opts.bufnr or vim.api.nvim_get_current_buf()
  local on_done = opts.on_done or function() end
  local client = M.client(bufnr)
  if not client then
    notify('no flux-ls attached to this buffer', vim.log.levels.ERROR)
    on_done(nil, 'no client')
  end
  return bufnr, on_done, client
end

local function show_scratch(name, lines, filetype)
  local buf = vim.fn.bufnr(name)
  if buf == -1 or not vim.api.nvim_buf_is_valid(buf) then
    buf = vim.api.nvim_create_buf(true, true)
    vim.api.nvim_buf_set_name(buf, name)
  end
  vim.bo[buf].modifiable = true
  vim.api.nvim_buf_set_lines(buf, 0, -1, false, lines)
  vim.bo[buf].modifiable = false
  vim.bo[buf].modified = false
  vim.bo[buf].filetype = filetype
  local win = vim.fn.bufwinid(buf)
  if win == -1 then
    vim.cmd('botright split')
    vim.api.nvim_win_set_buf(0, buf)
  else
    vim.api.nvim_set_current_win(win)
  end
  return buf
end

local GRAPH_FORMATS = { dot = true, json = true, svg = true }

--- Asks flux-ls for the program graph of a buffer (custom request flux/flowGraph) and shows
--- it. opts: bufnr, node (focus on one node), format ('dot' | 'json' | 'svg'),
--- on_done(buf_or_path, err) (called after showing, for scripting).
function M.flow_graph(opts)
  opts = opts or {}
  local format = opts.format or 'dot'
  local bufnr, on_done, client = command_target(opts)
  if not client then return end
  local params = { textDocument = vim.lsp.util.make_text_document_params(bufnr), node = opts.node }
  local source = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(bufnr), ':t')
  request(client, 'flux/flowGraph', params, function(err, result)
    if err or type(result) ~= 'table' then
      local msg = err and err.message or 'empty result'
      notify('flux/flowGraph failed: ' .. msg, vim.log.levels.ERROR)
      return on_done(nil, msg)
    end
    local name = 'flux-graph://' .. source .. (opts.node and ('#' .. opts.node) or '')
    if format == 'svg' then
      if type(result.svg) ~= 'string' then
        local msg = result.svgError or 'no SVG in the result'
        notify(msg, vim.log.levels.ERROR)
        return on_done(nil, msg)
      end
      local path = vim.fn.tempname() .. '.svg'
      vim.fn.writefile(vim.split(result.svg, '\n', { plain = true }), path)
      vim.ui.open(path)
      return on_done(path, nil)
    end
    local lines
    if format == 'json' then
      local graph = vim.deepcopy(result)
      graph.dot, graph.svg, graph.svgError = nil, nil, nil
      lines = vim.split(pretty_json(graph), '\n', { plain = true })
    else
      lines = vim.split(result.dot or '', '\n', { plain = true })
    end
    local buf = show_scratch(name .. '.' .. format, lines, format)
    on_done(buf, nil)
  end, bufnr)
end

--- Asks flux-ls to simulate the buffer's program under load (request flux/simulate, with the
--- project's profile or estimates.toml) and shows the prediction table in a scratch buffer.
--- opts: bufnr, source (the source whose flows the load drives), on_done(buf, err).
function M.simulate(opts)
  opts = opts or {}
  local bufnr, on_done, client = command_target(opts)
  if not client then return end
  local params = { textDocument = vim.lsp.util.make_text_document_params(bufnr),
                   source = opts.source }
  local name = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(bufnr), ':t')
  notify('simulating ' .. name .. ' …')
  request(client, 'flux/simulate', params, function(err, result)
    if err or type(result) ~= 'table' then
      local msg = err and err.message or 'empty result'
      notify('flux/simulate failed: ' .. msg, vim.log.levels.ERROR)
      return on_done(nil, msg)
    end
    local lines = vim.split(result.text or '', '\n', { plain = true })
    on_done(show_scratch('flux-sim://' .. name .. '.txt', lines, 'text'), nil)
  end, bufnr)
end

-- ---------------------------------------------------------------------------------------
-- :FluxCheck

-- `flux check --format json` columns are 1-based code points; quickfix wants bytes.
local function byte_col(path, lnum, col)
  local bufnr = vim.fn.bufnr(path)
  local line
  if bufnr ~= -1 and vim.api.nvim_buf_is_loaded(bufnr) then
    line = vim.api.nvim_buf_get_lines(bufnr, lnum - 1, lnum, false)[1]
  else
    line = vim.fn.readfile(path, '', lnum)[lnum]
  end
  if not line then
    return col
  end
  local ok, index
  if vim.fn.has('nvim-0.11') == 1 then
    ok, index = pcall(vim.str_byteindex, line, 'utf-32', col - 1, false)
  else
    ok, index = pcall(vim.str_byteindex, line, col - 1)
  end
  return ok and index + 1 or col
end

local SEVERITY_TYPE = { error = 'E', warning = 'W', info = 'I' }

--- Runs `flux check --format json` on `paths` (default: the workspace root of the current
--- buffer) and fills the quickfix list. Checks the files on disk (unsaved changes are not
--- seen; the language server reports those as you type). on_done(items, err) for scripting.
function M.check(paths, on_done)
  on_done = on_done or function() end
  if not paths or #paths == 0 then
    paths = { M.root_dir(0) }
  end
  local cmd = vim.list_extend(vim.deepcopy(M.config.check_cmd), { '--format', 'json' })
  vim.list_extend(cmd, paths)
  if vim.fn.executable(cmd[1]) ~= 1 then
    notify(('`%s` is not executable'):format(cmd[1]), vim.log.levels.ERROR)
    return on_done(nil, 'not executable')
  end
  local modified = vim.tbl_filter(function(b)
    return vim.bo[b].modified and vim.bo[b].filetype == 'flux'
  end, vim.api.nvim_list_bufs())
  if #modified > 0 then
    notify(('%d Flux buffer(s) have unsaved changes: checking the files on disk'):format(
      #modified), vim.log.levels.WARN)
  end
  vim.system(cmd, { text = true, cwd = vim.fn.getcwd() }, function(result)
    vim.schedule(function()
      local ok, list = pcall(vim.json.decode, result.stdout or '')
      if result.code > 1 or not ok or type(list) ~= 'table' then
        local msg = ('flux check failed (exit %d): %s'):format(result.code,
          vim.trim(result.stderr or ''))
        notify(msg, vim.log.levels.ERROR)
        return on_done(nil, msg)
      end
      local items, errors, warnings = {}, 0, 0
      for _, d in ipairs(list) do
        local path = vim.fn.fnamemodify(d.path, ':p')
        items[#items + 1] = {
          filename = path,
          lnum = d.line,
          col = byte_col(path, d.line, d.column),
          end_lnum = d.end_line,
          end_col = byte_col(path, d.end_line, d.end_column),
          type = SEVERITY_TYPE[d.severity] or 'E',
          nr = tonumber((d.code or ''):match('%d+')),
          text = ('%s [%s]'):format(d.message, d.code),
        }
        if d.severity == 'error' then
          errors = errors + 1
        elseif d.severity == 'warning' then
          warnings = warnings + 1
        end
      end
      vim.fn.setqflist({}, ' ', { title = 'flux check', items = items })
      if #items > 0 then
        vim.cmd('botright copen')
      end
      notify(('check: %d error(s), %d warning(s)'):format(errors, warnings),
        errors > 0 and vim.log.levels.WARN or vim.log.levels.INFO)
      on_done(items, nil)
    end)
  end)
end

-- ---------------------------------------------------------------------------------------
-- Code lens commands, run in the editor (like VS Code's): "Show flow graph" opens the graph
-- of the lens's node, "N references" lists the uses in the quickfix list.

local function buffer_of(uri)
  local bufnr = vim.uri_to_bufnr(uri)
  if not vim.api.nvim_buf_is_loaded(bufnr) then
    vim.fn.bufload(bufnr)
  end
  return bufnr
end

local client_commands = {
  -- arguments: uri, node
  ['flux.flowGraph'] = function(command)
    local args = command.arguments or {}
    M.flow_graph({ bufnr = buffer_of(args[1]), node = args[2] })
  end,
  -- arguments: uri, source
  ['flux.simulate'] = function(command)
    local args = command.arguments or {}
    M.simulate({ bufnr = buffer_of(args[1]), source = args[2] })
  end,
  -- arguments: uri, node, locations
  ['flux.showReferences'] = function(command, ctx)
    local args = command.arguments or {}
    local client = vim.lsp.get_client_by_id(ctx.client_id)
    local encoding = client and client.offset_encoding or 'utf-16'
    local items = vim.lsp.util.locations_to_items(args[3] or {}, encoding)
    vim.fn.setqflist({}, ' ', { title = 'references of ' .. tostring(args[2]), items = items })
    if #items > 0 then
      vim.cmd('botright copen')
    end
  end,
}

-- ---------------------------------------------------------------------------------------
-- setup()

local function create_commands()
  vim.api.nvim_create_user_command('FluxFlowGraph', function(cmd)
    local format, node = 'dot', nil
    local args = cmd.fargs
    if args[1] and GRAPH_FORMATS[args[1]] then
      format = table.remove(args, 1)
    end
    node = args[1]
    M.flow_graph({ format = format, node = node })
  end, {
    nargs = '*',
    desc = 'Flux: show the program graph (flux/flowGraph) as DOT, JSON or SVG',
    complete = function(lead)
      return vim.tbl_filter(function(f)
        return vim.startswith(f, lead)
      end, { 'dot', 'json', 'svg' })
    end,
  })
  vim.api.nvim_create_user_command('FluxSimulate', function(cmd)
    M.simulate({ source = cmd.fargs[1] })
  end, { nargs = '?', desc = 'Flux: predict throughput and latency under load (flux/simulate)' })
  vim.api.nvim_create_user_command('FluxCheck', function(cmd)
    M.check(cmd.fargs)
  end, { nargs = '*', complete = 'file', desc = 'Flux: flux check into the quickfix list' })
  vim.api.nvim_create_user_command('FluxBuildParser', function()
    M.build_parser(nil, function(ok, msg)
      if ok then
        notify('parser built: ' .. msg)
        for _, buf in ipairs(vim.api.nvim_list_bufs()) do
          if vim.api.nvim_buf_is_loaded(buf) and vim.bo[buf].filetype == 'flux'
            and M.config.treesitter then
            M.start_treesitter(buf)
          end
        end
      else
        notify(msg, vim.log.levels.ERROR)
      end
    end)
  end, { desc = 'Flux: compile the tree-sitter-flux parser (needs a C compiler)' })
end

--- Configures the plugin: every Flux buffer (already open or opened later) gets flux-ls and
--- tree-sitter highlighting; the commands are created. Calling it again replaces the options.
function M.setup(opts)
  M.config = vim.tbl_deep_extend('force', vim.deepcopy(defaults), opts or {})
  language_state = nil
  warned_missing = false
  vim.filetype.add({ extension = { flux = 'flux', fx = 'flux' } })
  create_commands()
  for name, fn in pairs(client_commands) do
    vim.lsp.commands[name] = fn
  end
  local group = vim.api.nvim_create_augroup(GROUP, { clear = true })
  -- Flux files get their filetype even with filetype detection off (nvim -u NONE).
  vim.api.nvim_create_autocmd({ 'BufRead', 'BufNewFile' }, {
    group = group,
    pattern = { '*.flux', '*.fx' },
    callback = function(args)
      if vim.bo[args.buf].filetype == '' then
        vim.bo[args.buf].filetype = 'flux'
      end
    end,
  })
  for _, buf in ipairs(vim.api.nvim_list_bufs()) do
    local name = vim.api.nvim_buf_get_name(buf)
    if vim.api.nvim_buf_is_loaded(buf) and vim.bo[buf].filetype == ''
      and (name:match('%.flux$') or name:match('%.fx$')) then
      vim.bo[buf].filetype = 'flux'
    end
  end
  if M.uses_lsp_enable() and not server_missing() then
    vim.lsp.config('flux', vim.tbl_deep_extend('force', M.config.lsp, {
      cmd = M.config.cmd,
      filetypes = M.config.filetypes,
      root_dir = function(bufnr, on_dir)
        on_dir(M.root_dir(bufnr))
      end,
    }))
    vim.lsp.enable('flux')
  end
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = M.config.filetypes,
    callback = function(args)
      M.attach(args.buf)
    end,
  })
  for _, buf in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(buf)
      and vim.tbl_contains(M.config.filetypes, vim.bo[buf].filetype) then
      M.attach(buf)
    end
  end
end

return M
