;;; eglot_e2e.el --- flux-mode + Eglot against the real flux-ls, in batch Emacs -*- lexical-binding: t; -*-

;; Run by tests/editors/test_emacs.py:
;;   emacs -Q --batch -L editors/emacs -l tests/editors/eglot_e2e.el
;; with FLUX_E2E_FILE the gameserver program in a copy of its project.  Every check prints
;; "ok: ..." or exits 1 with "FAIL: ..."; the last line is "ALL OK".

(require 'cl-lib)
(require 'package)
;; Debian's elpa-eglot is a package in /usr/share/emacs/site-lisp/elpa (-Q skips the site
;; start-up that lists that folder)
(add-to-list 'package-directory-list "/usr/share/emacs/site-lisp/elpa")
(package-initialize)
(require 'eglot)
(require 'flux-mode)

(defvar flux-e2e-timeout 60)

(defun flux-e2e-fail (fmt &rest args)
  (princ (concat "FAIL: " (apply #'format fmt args) "\n"))
  (kill-emacs 1))

(defun flux-e2e-ok (what) (princ (format "ok: %s\n" what)))

(defun flux-e2e-wait (ready what)
  "Run the event loop (process output, timers) until READY returns non-nil."
  (let ((deadline (+ (float-time) flux-e2e-timeout)) value)
    (while (not (setq value (funcall ready)))
      (when (> (float-time) deadline) (flux-e2e-fail "timed out waiting for %s" what))
      (accept-process-output nil 0.1))
    value))

(defun flux-e2e-goto (needle)
  (goto-char (point-min))
  (unless (search-forward needle nil t) (flux-e2e-fail "no %S in the buffer" needle))
  (goto-char (1+ (match-beginning 0))))

(let* ((file (getenv "FLUX_E2E_FILE"))
       (buffer (find-file-noselect file)))
  (set-buffer buffer)
  (unless (eq major-mode 'flux-mode) (flux-e2e-fail "%s opened in %s" file major-mode))
  (flux-e2e-ok "auto-mode-alist gives flux-mode")
  (unless (equal comment-start "// ") (flux-e2e-fail "comment-start %S" comment-start))
  (font-lock-ensure)
  (flux-e2e-goto "source ReceiveMessage")
  (unless (eq (get-text-property (point) 'face) 'font-lock-keyword-face)
    (flux-e2e-fail "`source' is not a keyword: %S" (get-text-property (point) 'face)))
  (flux-e2e-ok "highlighting")
  ;; Start Eglot as M-x eglot does, with the contact flux-mode registered.
  (let ((contact (cdr (assoc 'flux-mode eglot-server-programs))))
    (unless contact (flux-e2e-fail "flux-mode is not in eglot-server-programs"))
    (apply #'eglot (append (eglot--guess-contact) nil)))
  (flux-e2e-wait (lambda () (eglot-current-server)) "the server")
  (let* ((server (eglot-current-server))
         (caps (eglot--capabilities server)))
    (unless (plist-get caps :implementationProvider)
      (flux-e2e-fail "no implementationProvider in %S" caps))
    (flux-e2e-ok (format "Eglot connected to %s" (plist-get (eglot--server-info server) :name)))
    ;; Hover: Eglot without markdown-mode declares plaintext only.
    (flux-e2e-goto "Decode -> Handle")
    (let* ((hover (jsonrpc-request server :textDocument/hover
                                   (eglot--TextDocumentPositionParams)))
           (contents (plist-get hover :contents))
           (value (plist-get contents :value)))
      (unless (equal (plist-get contents :kind) "plaintext")
        (flux-e2e-fail "hover kind %S" (plist-get contents :kind)))
      (when (or (string-match-p "```\\|\\*\\*\\|`" value))
        (flux-e2e-fail "markdown in the plain-text hover:\n%s" value))
      (unless (string-match-p "implemented in C at gameserver\\.c:[0-9]+" value)
        (flux-e2e-fail "the hover does not say where Decode is implemented:\n%s" value))
      (unless (string-match-p "^    int Decode(Decode_in \\*in, Decode_out \\*out);$" value)
        (flux-e2e-fail "no indented C prototype in the hover:\n%s" value))
      (flux-e2e-ok "plain-text hover"))
    ;; Go to the C implementation: M-x eglot-find-implementation lists it in *xref*.
    (eglot-find-implementation)
    (let ((xref (get-buffer "*xref*")))
      (unless xref (flux-e2e-fail "no *xref* buffer after eglot-find-implementation"))
      (with-current-buffer xref
        (let ((text (buffer-substring-no-properties (point-min) (point-max))))
          (unless (string-match "gameserver\\.c\n *\\([0-9]+\\): int Decode(Decode_in" text)
            (flux-e2e-fail "*xref* does not list Decode in gameserver.c:\n%s" text))
          (flux-e2e-ok (format "implementation: gameserver.c:%s" (match-string 1 text))))))
    (set-buffer buffer)
    ;; An edit: the flow names an undefined node.  Batch Emacs runs no idle timers, so the
    ;; didChange that Eglot would send from one is sent by calling its function directly.
    (flux-e2e-goto "Decode -> Handle")
    (backward-char 1)
    (insert "Re")
    (eglot--signal-textDocument/didChange)
    (let ((diags (flux-e2e-wait
                  (lambda ()
                    (cl-remove-if-not
                     (lambda (d) (string-match-p "ReDecode" (flymake-diagnostic-text d)))
                     (append eglot--diagnostics
                             (ignore-errors (flymake-diagnostics)))))
                  "a diagnostic about ReDecode")))
      (flux-e2e-ok (format "diagnostic after didChange: %s"
                           (flymake-diagnostic-text (car diags)))))
    (eglot-shutdown server)
    (flux-e2e-ok "shutdown")))

(princ "ALL OK\n")
(kill-emacs 0)
