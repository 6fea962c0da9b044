-- Buffer settings for Flux programs (C-style comments). The language server and tree-sitter
-- highlighting are started by require('flux').setup(), not here.
if vim.b.did_ftplugin then
  return
end
vim.b.did_ftplugin = 1

vim.bo.commentstring = '// %s'
vim.bo.comments = 's1:/*,mb:*,ex:*/,://'
vim.b.undo_ftplugin = 'setlocal commentstring< comments<'
