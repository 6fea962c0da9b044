-- Flux programs: *.flux, and *.fx (the extension GitHub's Linguist registers for Flux).
vim.filetype.add({ extension = { flux = 'flux', fx = 'flux' } })
