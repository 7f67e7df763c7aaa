-- Drives Neovim's own LSP client against maa-policy-lsp after the README's recipe ran as init.lua
-- (test/neovim.test.ts). Writes what it saw to result.json and quits.
local seen = { messages = {} }
vim.lsp.handlers["window/showMessage"] = function(_, result)
  table.insert(seen.messages, result.message)
end

local function client_of(buf)
  local found
  vim.wait(15000, function()
    for _, client in pairs(vim.lsp.buf_get_clients(buf)) do
      if client.initialized then found = client end
    end
    return found ~= nil
  end, 50)
  return found
end

vim.cmd("edit p.policy")
local buf = vim.api.nvim_get_current_buf()
local uri = vim.uri_from_bufnr(buf)
seen.filetype = vim.bo[buf].filetype
local client = client_of(buf)
seen.client = client and client.name or vim.NIL

if client then
  -- Claim types are completed per maaPolicy.attestationType: this shows the settings arrived.
  local position = { line = 1, character = 29 }
  local responses = vim.lsp.buf_request_sync(buf, "textDocument/completion", { textDocument = { uri = uri }, position = position }, 10000)
  seen.completion = {}
  for _, response in pairs(responses or {}) do
    for _, item in ipairs(response.result.items or response.result) do table.insert(seen.completion, item.label) end
  end

  -- The Evaluate code lens, run as Neovim runs a lens it has no client command for.
  local lenses = vim.lsp.buf_request_sync(buf, "textDocument/codeLens", { textDocument = { uri = uri } }, 10000)
  for _, response in pairs(lenses or {}) do
    for _, lens in ipairs(response.result) do
      seen.lens = lens.command.command
      local done = false
      client.request("workspace/executeCommand", { command = lens.command.command, arguments = lens.command.arguments }, function(err, result)
        seen.verdict = err and err.message or result.verdict
        done = true
      end, buf)
      vim.wait(10000, function() return done end, 50)
    end
  end
  vim.wait(5000, function() return #seen.messages > 0 end, 50)

  -- Diagnostics as you type, in a second policy with a syntax error.
  vim.cmd("edit broken.policy")
  local broken = vim.api.nvim_get_current_buf()
  vim.wait(10000, function() return #vim.diagnostic.get(broken) > 0 end, 50)
  seen.diagnostics = {}
  for _, diagnostic in ipairs(vim.diagnostic.get(broken)) do table.insert(seen.diagnostics, diagnostic.message) end
end

seen.version = vim.version().major .. "." .. vim.version().minor .. "." .. vim.version().patch
vim.fn.writefile({ vim.fn.json_encode(seen) }, "result.json")
vim.cmd("qa!")
