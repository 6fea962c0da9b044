-- `nvim -u NONE` (no filetype detection, no plugins) with the plugin on 'runtimepath' and a
-- Flux file given on the command line, then require('flux').setup(): the buffer must become
-- a Flux buffer and flux-ls must attach to it.
--
-- Run by tests/editors/test_neovim.py as
--   nvim --headless -u NONE --cmd 'set rtp^=PLUGIN' FILE.flux -c 'lua require("flux").setup()'
--     -S nvim_noinit.lua
-- Exit status 0 and "ALL OK" when both held.

local buf = vim.api.nvim_get_current_buf()
local failures = {}
if vim.bo[buf].filetype ~= 'flux' then
  failures[#failures + 1] = ('filetype is %q, expected "flux"'):format(vim.bo[buf].filetype)
end
local attached = vim.wait(tonumber(vim.env.FLUX_E2E_TIMEOUT or '30000'), function()
  return require('flux').client(buf) ~= nil
end, 50)
if not attached then
  failures[#failures + 1] = 'flux-ls did not attach'
end
-- a second Flux file opened afterwards goes through the BufRead autocmd
vim.cmd.edit(vim.fn.fnameescape(vim.env.FLUX_E2E_SECOND))
if vim.bo.filetype ~= 'flux' then
  failures[#failures + 1] = ('second file: filetype %q'):format(vim.bo.filetype)
end
if #failures > 0 then
  io.stdout:write(table.concat(failures, '\n') .. '\n')
  vim.cmd('cquit 1')
end
for _, client in ipairs(vim.lsp.get_clients()) do
  client.stop()
end
vim.wait(5000, function() return #vim.lsp.get_clients() == 0 end, 50)
io.stdout:write('ALL OK\n')
vim.cmd('qall!')
