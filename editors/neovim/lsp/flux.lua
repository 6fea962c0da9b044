-- Configuration for Neovim 0.11+'s vim.lsp.enable('flux') (an alternative to
-- require('flux').setup(), which also works on 0.10; use one of the two, not both).
return {
  cmd = { 'flux-ls', '--stdio' },
  filetypes = { 'flux' },
  root_markers = { 'flux.toml', '.git' },
}
