-- The Neovim plugin without a language server: filetype detection, setup(), the commands, the
-- workspace root, a missing flux-ls and a missing parser (a warning each, no error).
--
-- Run by tests/editors/test_neovim.py as
--   nvim --headless --clean --cmd 'lua vim.opt.rtp:prepend(vim.env.FLUX_NVIM_PLUGIN)' -S nvim_setup.lua
-- with FLUX_SETUP_DIR: an empty folder to create files in. Exit status 0 when all held;
-- otherwise what failed goes to stdout and the exit status is 1.

local DIR = assert(vim.env.FLUX_SETUP_DIR, 'FLUX_SETUP_DIR is not set')

local failures = {}
local function check(cond, fmt, ...)
  if not cond then
    failures[#failures + 1] = string.format(fmt, ...)
  end
end

local notes = {}
vim.notify = function(msg, level)
  notes[#notes + 1] = { msg = msg, level = level }
end

local function write(path, text)
  vim.fn.mkdir(vim.fs.dirname(path), 'p')
  vim.fn.writefile(vim.split(text, '\n', { plain = true }), path)
end

local ok, err = pcall(function()
  -- ftdetect/flux.lua is on 'runtimepath' before setup() runs.
  for name, ft in pairs({ ['a.flux'] = 'flux', ['b.fx'] = 'flux', ['c.c'] = 'c' }) do
    local got = vim.filetype.match({ filename = name })
    check(got == ft, 'filetype of %s is %s, expected %s', name, tostring(got), ft)
  end
  check(vim.fn.exists(':FluxFlowGraph') == 0, ':FluxFlowGraph exists before setup()')

  local flux = require('flux')
  flux.setup({ cmd = { DIR .. '/no-such-flux-ls', '--stdio' }, parser = DIR .. '/missing.so' })
  for _, name in ipairs({ 'FluxFlowGraph', 'FluxCheck', 'FluxBuildParser' }) do
    check(vim.fn.exists(':' .. name) == 2, ':%s was not created by setup()', name)
  end
  check(#vim.api.nvim_get_autocmds({ group = 'flux', event = 'FileType', pattern = 'flux' }) == 1,
    'no FileType autocmd for flux in group "flux"')

  -- Roots: nearest flux.toml, else .git, else the file's folder.
  write(DIR .. '/ws/flux.toml', '')
  write(DIR .. '/ws/sub/deep/a.flux', 'Listen () => (int socket);')
  vim.fn.mkdir(DIR .. '/repo/.git', 'p')
  write(DIR .. '/repo/x/b.fx', '')
  write(DIR .. '/loose/c.flux', '')
  local expected = {
    [DIR .. '/ws/sub/deep/a.flux'] = DIR .. '/ws',
    [DIR .. '/repo/x/b.fx'] = DIR .. '/repo',
    [DIR .. '/loose/c.flux'] = DIR .. '/loose',
  }
  for file, root in pairs(expected) do
    vim.cmd.edit(vim.fn.fnameescape(file))
    local buf = vim.api.nvim_get_current_buf()
    check(vim.bo[buf].filetype == 'flux', '%s: filetype %q', file, vim.bo[buf].filetype)
    check(vim.bo[buf].commentstring == '// %s', '%s: commentstring %q', file,
      vim.bo[buf].commentstring)
    check(flux.root_dir(buf) == root, '%s: root %s, expected %s', file, flux.root_dir(buf), root)
  end

  -- No server: one warning naming the command, no client, no error.
  check(#vim.lsp.get_clients() == 0, 'a client started: %s', vim.inspect(vim.lsp.get_clients()))
  local warnings = vim.tbl_filter(function(n)
    return n.level == vim.log.levels.WARN and n.msg:find('no-such-flux-ls', 1, true)
  end, notes)
  check(#warnings == 1, 'expected one warning about the missing flux-ls, got %s',
    vim.inspect(notes))

  -- No parser: no highlighting, and a reason.
  local loaded, why = flux.load_language()
  check(not loaded and type(why) == 'string' and why ~= '', 'load_language() = %s, %s',
    tostring(loaded), tostring(why))
  check(vim.treesitter.highlighter.active[vim.api.nvim_get_current_buf()] == nil,
    'highlighting started without a parser')

  -- :FluxFlowGraph without a server says so.
  notes = {}
  vim.cmd('FluxFlowGraph')
  check(#notes == 1 and notes[1].level == vim.log.levels.ERROR
    and notes[1].msg:find('no flux-ls', 1, true), ':FluxFlowGraph without a server: %s',
    vim.inspect(notes))

  -- The JSON view's printer: sorted keys, lists, empty objects and lists.
  local text = flux._pretty_json({ b = { 1, 'x' }, a = vim.empty_dict(), c = {}, d = true })
  local want = '{\n  "a": {},\n  "b": [\n    1,\n    "x"\n  ],\n  "c": [],\n  "d": true\n}'
  check(text == want, 'pretty_json:\n%s\nexpected:\n%s', text, want)

  -- :checkhealth flux reports the missing server and parser.
  vim.cmd('checkhealth flux')
  local report = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), '\n')
  check(report:find('no-such-flux-ls` is not executable', 1, true)
    and report:find('parser not available', 1, true), ':checkhealth flux:\n%s', report)
  vim.cmd('bwipeout!')

  -- setup() again replaces the options; buffers opened later get the new ones.
  flux.setup({ root_markers = { '.git' }, cmd = { DIR .. '/still-missing' } })
  vim.cmd.edit(vim.fn.fnameescape(DIR .. '/ws/sub/deep/a.flux'))
  check(flux.root_dir(0) == DIR .. '/ws/sub/deep', 'root after setup{root_markers={.git}}: %s',
    flux.root_dir(0))
  check(#vim.api.nvim_get_autocmds({ group = 'flux', event = 'FileType' }) == 1,
    'setup() twice left %d FileType autocmds',
    #vim.api.nvim_get_autocmds({ group = 'flux', event = 'FileType' }))

  -- The graph and simulate commands with no flux-ls attached: an error note, on_done told why.
  for _, command in ipairs({ 'flow_graph', 'simulate' }) do
    local before, why = #notes, nil
    flux[command]({ on_done = function(_, err) why = err end })
    check(why == 'no client', '%s without a client: on_done got %s', command, tostring(why))
    check(#notes == before + 1 and notes[#notes].msg:find('no flux-ls attached', 1, true),
      '%s without a client did not say so', command)
  end
end)

if not ok then
  failures[#failures + 1] = 'error: ' .. tostring(err)
end
if #failures == 0 then
  io.stdout:write('ALL OK\n')
  vim.cmd('qall!')
else
  for _, f in ipairs(failures) do
    io.stdout:write('FAIL: ' .. f .. '\n')
  end
  vim.cmd('cquit 1')
end
