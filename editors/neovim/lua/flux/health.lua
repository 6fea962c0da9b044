-- :checkhealth flux
local M = {}

function M.check()
  local flux = require('flux')
  local health = vim.health
  local config = flux.config

  health.start('flux-ls (language server)')
  local cmd = config.cmd
  if type(cmd) ~= 'table' then
    health.info('cmd is a function; not checked')
  elseif vim.fn.executable(cmd[1]) ~= 1 then
    health.error(('`%s` is not executable'):format(cmd[1]), {
      'Install the Flux toolchain (`make install` in the checkout provides .venv/bin/flux-ls)',
      'and put it on PATH, or pass cmd = { "/path/to/flux-ls", "--stdio" } to setup().',
    })
  elseif vim.fs.basename(cmd[1]) == 'flux-ls' then
    local result = vim.system({ cmd[1], '--version' }, { text = true }):wait(10000)
    if result.code == 0 then
      health.ok(('%s: %s'):format(vim.fn.exepath(cmd[1]), vim.trim(result.stdout)))
    else
      health.error(('`%s --version` failed (exit %s): %s'):format(cmd[1], tostring(result.code),
        vim.trim(result.stderr or '')))
    end
  else
    health.ok('cmd: ' .. table.concat(cmd, ' '))
  end
  local clients = vim.lsp.get_clients({ name = 'flux-ls' })
  health.info(('%d flux-ls client(s) running'):format(#clients))

  health.start('tree-sitter-flux (highlighting)')
  if not config.treesitter then
    health.info('disabled (treesitter = false)')
  else
    local ok, why = flux.load_language()
    if ok then
      health.ok('parser loaded; highlights query: '
        .. (vim.treesitter.query.get('flux', 'highlights') and 'yes' or 'no'))
    else
      health.warn('parser not available: ' .. tostring(why), {
        'Run :FluxBuildParser (needs a C compiler), or pass parser = "/path/to/flux.so".',
      })
    end
  end

  health.start(':FluxCheck')
  local check = config.check_cmd[1]
  if vim.fn.executable(check) == 1 then
    health.ok(('`%s` found: %s'):format(check, vim.fn.exepath(check)))
  else
    health.warn(('`%s` is not executable; :FluxCheck will not work'):format(check))
  end
end

return M
