/*
 * External scanner of tree-sitter-flux: error recovery at line starts.
 *
 * Flux ignores line breaks, but people start each declaration on a new line.
 * When a declaration is left unfinished (`A = B ->`, `source S`, a stray
 * word), the next line's declaration would otherwise be read as its
 * continuation, because names are valid almost everywhere. So, inside a
 * declaration, before a line that begins like a declaration
 *
 *     Name =   Name:[   Name (   source   typedef   handle   atomic
 *
 * the scanner produces the zero-width token `_boundary`, which is valid only
 * between declarations: the parser then closes the broken declaration as an
 * ERROR and parses the next line on its own. A well-formed program never
 * contains such a line inside a declaration (`c(session)` in an atomic
 * declaration is recognised as a constraint), so it never sees the token.
 *
 * This also holds during error recovery, when tree-sitter is skipping tokens
 * after a mistake: the token lets it close the broken declaration there. It
 * is produced at most once at the same place, in case no state accepts it.
 *
 * Each `_boundary` flips the scanner's parity byte. A token that changes the
 * scanner state is never skipped when tree-sitter can instead recover by
 * closing the enclosing declaration, and a zero-width token is only accepted
 * right after an error if it changes the state; the flip gets both.
 *
 * `_probe` is an extra that is never produced: being valid in every state,
 * it makes tree-sitter call this scanner everywhere. `_error_sentinel` is
 * valid nowhere, so it is valid here only during error recovery.
 *
 * `_name` is the name a node declaration or flow definition begins with. It
 * is lexed here rather than as the grammar's `word` token so that incremental
 * re-parsing can reuse the declarations an edit did not touch (see
 * `_declaration_name` in grammar.js). During error recovery it is not
 * produced: a line that begins like a declaration gets `_boundary` first.
 * `_paragraph_end`, a blank line between declarations, ends a paragraph (see
 * `_paragraph` in grammar.js); it is not produced during error recovery
 * either.
 */

#include "tree_sitter/alloc.h"
#include "tree_sitter/parser.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

enum TokenType { BOUNDARY, PROBE, ERROR_SENTINEL, NAME, PARAGRAPH_END };

enum { MAX_WORD = 16, MAX_PEEK = 4096 };

typedef struct {
  TSLexer *lexer;
  unsigned budget; /* characters the scanner may still look ahead */
} Peek;

typedef struct {
  uint8_t parity;       /* flipped by every `_boundary` */
  uint8_t in_recovery;  /* the last `_boundary` was produced during error recovery... */
  uint32_t column;      /* ...at this column: do not produce it again at the same place */
} Scanner;

void *tree_sitter_flux_external_scanner_create(void) { return ts_calloc(1, sizeof(Scanner)); }

void tree_sitter_flux_external_scanner_destroy(void *payload) { ts_free(payload); }

unsigned tree_sitter_flux_external_scanner_serialize(void *payload, char *buffer) {
  memcpy(buffer, payload, sizeof(Scanner));
  return sizeof(Scanner);
}

void tree_sitter_flux_external_scanner_deserialize(void *payload, const char *buffer,
                                                   unsigned length) {
  memset(payload, 0, sizeof(Scanner));
  if (length == sizeof(Scanner)) memcpy(payload, buffer, sizeof(Scanner));
}

static bool is_word_start(int32_t c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}

static bool is_word_char(int32_t c) { return is_word_start(c) || (c >= '0' && c <= '9'); }

static bool is_newline(int32_t c) { return c == '\n' || c == '\r'; }

static bool is_blank(int32_t c) {
  return c == ' ' || c == '\t' || c == '\f' || c == '\v' || is_newline(c);
}

static int32_t next(Peek *p) {
  if (p->budget == 0 || p->lexer->eof(p->lexer)) return 0;
  p->budget--;
  p->lexer->advance(p->lexer, false);
  return p->lexer->eof(p->lexer) ? 0 : p->lexer->lookahead;
}

static int32_t current(Peek *p) {
  return p->budget == 0 || p->lexer->eof(p->lexer) ? 0 : p->lexer->lookahead;
}

/* After a `/`: skips a comment. False if the `/` starts no comment. */
static bool skip_comment(Peek *p, bool *newline) {
  int32_t c = current(p);
  if (c == '/') {
    while (c != 0 && !is_newline(c)) c = next(p);
    return true;
  }
  if (c != '*') return false;
  bool star = false;
  for (c = next(p); c != 0; c = next(p)) {
    if (star && c == '/') {
      next(p);
      return true;
    }
    star = c == '*';
    if (is_newline(c)) *newline = true;
  }
  return true;
}

/* Skips blanks and comments; records whether they held a line break. */
static bool skip_space(Peek *p, bool *newline) {
  for (int32_t c = current(p); c != 0; c = current(p)) {
    if (is_newline(c)) *newline = true;
    if (is_blank(c)) {
      next(p);
    } else if (c == '/') {
      next(p);
      if (!skip_comment(p, newline)) return false;
    } else {
      return true;
    }
  }
  return true;
}

/* Reads a word (truncated to MAX_WORD - 1 characters) into `word`. */
static void read_word(Peek *p, char word[MAX_WORD]) {
  unsigned n = 0;
  for (int32_t c = current(p); is_word_char(c); c = next(p)) {
    if (n + 1 < MAX_WORD) word[n++] = (char)c;
  }
  word[n] = '\0';
}

static bool is_one_of(const char *word, const char *const *words) {
  for (; *words != NULL; words++) {
    if (strcmp(word, *words) == 0) return true;
  }
  return false;
}

static const char *const DECLARATION_KEYWORDS[] = {"source", "typedef", "handle", "atomic", NULL};
static const char *const OTHER_RESERVED[] = {"error", "program", "session", NULL};
static const char *const SCOPES[] = {"program", "session", NULL};

/* After a name at the start of a line: does a declaration follow it? */
static bool declaration_follows_name(Peek *p) {
  bool newline = false;
  if (!skip_space(p, &newline)) return false;
  int32_t c = current(p);
  if (c == '=') return next(p) != '>';
  if (c == ':') {
    next(p);
    return skip_space(p, &newline) && current(p) == '[';
  }
  if (c != '(') return false;
  next(p);
  if (!skip_space(p, &newline)) return false;
  char word[MAX_WORD];
  read_word(p, word);
  return !is_one_of(word, SCOPES); /* `c(session)` is a constraint */
}

/* Looks past blanks and comments: does a declaration begin on a later line? */
static bool declaration_on_next_line(Peek *p) {
  bool newline = false;
  if (!skip_space(p, &newline) || !newline || !is_word_start(current(p))) return false;
  char word[MAX_WORD];
  read_word(p, word);
  if (is_one_of(word, DECLARATION_KEYWORDS)) return true;
  if (is_one_of(word, OTHER_RESERVED)) return false;
  return declaration_follows_name(p);
}

/* Between declarations: the blank line that ends a paragraph (its second
 * line break), else a name, unless the word is a declaration keyword (left to
 * the grammar). Only declaration starts accept `_name`, and no declaration
 * start accepts an identifier, so the two never compete. */
static bool scan_between(Scanner *scanner, TSLexer *lexer, bool name, bool paragraph_end) {
  unsigned newlines = 0;
  while (is_blank(lexer->lookahead)) {
    if (lexer->lookahead == '\n' && ++newlines == 2 && paragraph_end) {
      lexer->advance(lexer, false);
      lexer->result_symbol = PARAGRAPH_END;
      return true;
    }
    lexer->advance(lexer, true);
  }
  if (!name || !is_word_start(lexer->lookahead)) return false;
  char word[MAX_WORD];
  unsigned n = 0;
  for (; is_word_char(lexer->lookahead); lexer->advance(lexer, false)) {
    if (n + 1 < MAX_WORD) word[n++] = (char)lexer->lookahead;
  }
  word[n] = '\0';
  if (is_one_of(word, DECLARATION_KEYWORDS)) return false;
  /* A fresh state: the state is stored with every external token, and
   * tree-sitter reuses a declaration only if the external token before it
   * holds the same state as in the old tree. Were the parity carried on, one
   * `_boundary` added or removed by an edit would re-parse the rest of the
   * file. */
  memset(scanner, 0, sizeof(Scanner));
  lexer->result_symbol = NAME;
  return true;
}

bool tree_sitter_flux_external_scanner_scan(void *payload, TSLexer *lexer,
                                            const bool *valid_symbols) {
  Scanner *scanner = payload;
  bool recovering = valid_symbols[ERROR_SENTINEL];
  if ((valid_symbols[NAME] || valid_symbols[PARAGRAPH_END]) && !recovering) {
    return scan_between(scanner, lexer, valid_symbols[NAME], valid_symbols[PARAGRAPH_END]);
  }
  if (valid_symbols[BOUNDARY] && !recovering) return false; /* between declarations */
  uint32_t column = recovering ? lexer->get_column(lexer) : 0;
  if (recovering && scanner->in_recovery && scanner->column == column) return false;
  lexer->result_symbol = BOUNDARY;
  lexer->mark_end(lexer);
  Peek peek = {lexer, MAX_PEEK};
  if (!declaration_on_next_line(&peek)) return false;
  scanner->parity = !scanner->parity;
  scanner->in_recovery = recovering;
  scanner->column = column;
  return true;
}
