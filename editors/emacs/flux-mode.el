;;; flux-mode.el --- Major mode for Flux server programs, with Eglot -*- lexical-binding: t; -*-

;; Version: 0.1.0
;; Package-Requires: ((emacs "28.1"))
;; Keywords: languages
;; URL: see editors/emacs/README.md in the Flux toolchain repository

;;; Commentary:

;; A small major mode for Flux (USENIX ATC 2006) programs, `*.flux' and `*.fx': comments
;; (`//' and `/* */'), highlighting of keywords, node names, predicate types and constraints,
;; indentation of multi-line signatures and flows, and an imenu index of nodes.  Everything
;; else (diagnostics, hover, completion, go to definition or to the C implementation, rename,
;; formatting) comes from the language server `flux-ls' through Eglot; loading this file
;; registers `flux-ls --stdio' in `eglot-server-programs'.  Then `M-x eglot' in a Flux
;; buffer, or (add-hook 'flux-mode-hook #'eglot-ensure).

;;; Code:

(defgroup flux nil
  "Flux server programs."
  :group 'languages
  :prefix "flux-")

(defcustom flux-indent-offset 4
  "Indentation of the inside of a multi-line signature, pattern or atomic set."
  :type 'integer
  :safe #'integerp)

(defcustom flux-server-command '("flux-ls" "--stdio")
  "How Eglot starts the Flux language server."
  :type '(repeat string))

(defvar flux-mode-syntax-table
  (let ((table (make-syntax-table)))
    (modify-syntax-entry ?/ ". 124b" table)
    (modify-syntax-entry ?* ". 23" table)
    (modify-syntax-entry ?\n "> b" table)
    (modify-syntax-entry ?_ "_" table)
    (modify-syntax-entry ?= "." table)
    (modify-syntax-entry ?> "." table)
    (modify-syntax-entry ?- "." table)
    table)
  "Syntax table of `flux-mode': C comments, C identifiers.")

(defconst flux--identifier "[A-Za-z_][A-Za-z0-9_]*")

(defvar flux-font-lock-keywords
  `((,(regexp-opt '("source" "handle" "error" "atomic" "typedef" "session" "program")
                  'symbols)
     . font-lock-keyword-face)
    (,(regexp-opt '("const" "volatile" "restrict" "struct" "union" "enum" "unsigned"
                    "signed" "int" "char" "short" "long" "float" "double" "void" "bool"
                    "size_t" "ssize_t" "uint8_t" "uint16_t" "uint32_t" "uint64_t" "int8_t"
                    "int16_t" "int32_t" "int64_t")
                  'symbols)
     . font-lock-type-face)
    ;; `typedef t F;': the predicate type and its C function
    (,(concat "\\_<typedef\\_>\\s-+\\(" flux--identifier "\\)\\s-+\\(" flux--identifier "\\)")
     (1 font-lock-type-face) (2 font-lock-function-name-face))
    ;; a node declared by a signature `N (' or defined by a flow `N =' / `N:[...] ='
    (,(concat "^\\(" flux--identifier "\\)\\s-*\\(?:(\\|=[^>]\\|:\\s-*\\[\\)")
     1 font-lock-function-name-face)
    ;; constraints: `atomic N:{a, b?, c(session)}'
    (,(concat "\\_<atomic\\_>\\s-+\\(" flux--identifier "\\)")
     1 font-lock-function-name-face)
    ("\\(=>\\|->\\)" 1 font-lock-builtin-face))
  "Highlighting of `flux-mode'.")

(defun flux--paren-depth-indent ()
  "The indentation of the current line from the brackets around it."
  (save-excursion
    (back-to-indentation)
    (let* ((closing (looking-at "[])}]"))
           (open (nth 1 (syntax-ppss))))
      (cond
       ((null open) 0)
       (t (goto-char open)
          (+ (current-indentation) (if closing 0 flux-indent-offset)))))))

(defun flux-indent-line ()
  "Indent the current line of a Flux program."
  (interactive)
  (let ((column (flux--paren-depth-indent))
        (offset (- (current-column) (current-indentation))))
    (indent-line-to column)
    (when (> offset 0) (forward-char offset))))

(defvar flux-imenu-generic-expression
  `(("Nodes" ,(concat "^\\(" flux--identifier "\\)\\s-*(") 1)
    ("Flows" ,(concat "^\\(" flux--identifier "\\)\\s-*\\(?:=[^>]\\|:\\s-*\\[\\)") 1)
    ("Sources" ,(concat "^source\\s-+\\(" flux--identifier "\\)") 1))
  "Imenu index of `flux-mode'.")

;;;###autoload
(define-derived-mode flux-mode prog-mode "Flux"
  "Major mode for Flux server programs; the language server `flux-ls' does the rest."
  :syntax-table flux-mode-syntax-table
  (setq-local comment-start "// ")
  (setq-local comment-end "")
  (setq-local comment-start-skip "\\(?://+\\|/\\*+\\)\\s-*")
  (setq-local font-lock-defaults '(flux-font-lock-keywords))
  (setq-local indent-line-function #'flux-indent-line)
  (setq-local imenu-generic-expression flux-imenu-generic-expression))

;;;###autoload
(add-to-list 'auto-mode-alist '("\\.\\(?:flux\\|fx\\)\\'" . flux-mode))

(with-eval-after-load 'eglot
  (defvar eglot-server-programs)
  (add-to-list 'eglot-server-programs
               `(flux-mode . ,(lambda (&rest _) flux-server-command))))

(provide 'flux-mode)
;;; flux-mode.el ends here
