#include "tree_sitter/parser.h"

#if defined(__GNUC__) || defined(__clang__)
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#endif

#define LANGUAGE_VERSION 14
#define STATE_COUNT 99
#define LARGE_STATE_COUNT 2
#define SYMBOL_COUNT 54
#define ALIAS_COUNT 1
#define TOKEN_COUNT 27
#define EXTERNAL_TOKEN_COUNT 0
#define FIELD_COUNT 15
#define MAX_ALIAS_SEQUENCE_LENGTH 8
#define PRODUCTION_ID_COUNT 21

enum ts_symbol_identifiers {
  sym_identifier = 1,
  anon_sym_EQ_GT = 2,
  anon_sym_SEMI = 3,
  anon_sym_LPAREN = 4,
  anon_sym_COMMA = 5,
  anon_sym_RPAREN = 6,
  anon_sym_const = 7,
  anon_sym_STAR = 8,
  anon_sym_COLON = 9,
  anon_sym_EQ = 10,
  anon_sym_LBRACK = 11,
  anon_sym_RBRACK = 12,
  anon_sym__ = 13,
  anon_sym_DASH_GT = 14,
  anon_sym_source = 15,
  anon_sym_LBRACE = 16,
  anon_sym_session = 17,
  anon_sym_RBRACE = 18,
  anon_sym_typedef = 19,
  anon_sym_handle = 20,
  anon_sym_error = 21,
  anon_sym_atomic = 22,
  anon_sym_QMARK = 23,
  anon_sym_BANG = 24,
  anon_sym_program = 25,
  sym_comment = 26,
  sym_source_file = 27,
  sym__declaration = 28,
  sym_node_declaration = 29,
  sym_parameter_list = 30,
  sym_parameter = 31,
  sym_c_type = 32,
  sym_pointer = 33,
  sym_flow_definition = 34,
  sym_pattern = 35,
  sym__pattern_element = 36,
  sym_wildcard = 37,
  sym_flow = 38,
  sym_source_declaration = 39,
  sym_session_clause = 40,
  sym_typedef_declaration = 41,
  sym_handler_declaration = 42,
  sym_atomic_declaration = 43,
  sym_constraint = 44,
  sym_mode = 45,
  sym_scope = 46,
  aux_sym_source_file_repeat1 = 47,
  aux_sym_parameter_list_repeat1 = 48,
  aux_sym_c_type_repeat1 = 49,
  aux_sym_c_type_repeat2 = 50,
  aux_sym_pattern_repeat1 = 51,
  aux_sym_flow_repeat1 = 52,
  aux_sym_atomic_declaration_repeat1 = 53,
  alias_sym_type_identifier = 54,
};

static const char * const ts_symbol_names[] = {
  [ts_builtin_sym_end] = "end",
  [sym_identifier] = "identifier",
  [anon_sym_EQ_GT] = "=>",
  [anon_sym_SEMI] = ";",
  [anon_sym_LPAREN] = "(",
  [anon_sym_COMMA] = ",",
  [anon_sym_RPAREN] = ")",
  [anon_sym_const] = "const",
  [anon_sym_STAR] = "*",
  [anon_sym_COLON] = ":",
  [anon_sym_EQ] = "=",
  [anon_sym_LBRACK] = "[",
  [anon_sym_RBRACK] = "]",
  [anon_sym__] = "_",
  [anon_sym_DASH_GT] = "->",
  [anon_sym_source] = "source",
  [anon_sym_LBRACE] = "{",
  [anon_sym_session] = "session",
  [anon_sym_RBRACE] = "}",
  [anon_sym_typedef] = "typedef",
  [anon_sym_handle] = "handle",
  [anon_sym_error] = "error",
  [anon_sym_atomic] = "atomic",
  [anon_sym_QMARK] = "\?",
  [anon_sym_BANG] = "!",
  [anon_sym_program] = "program",
  [sym_comment] = "comment",
  [sym_source_file] = "source_file",
  [sym__declaration] = "_declaration",
  [sym_node_declaration] = "node_declaration",
  [sym_parameter_list] = "parameter_list",
  [sym_parameter] = "parameter",
  [sym_c_type] = "c_type",
  [sym_pointer] = "pointer",
  [sym_flow_definition] = "flow_definition",
  [sym_pattern] = "pattern",
  [sym__pattern_element] = "_pattern_element",
  [sym_wildcard] = "wildcard",
  [sym_flow] = "flow",
  [sym_source_declaration] = "source_declaration",
  [sym_session_clause] = "session_clause",
  [sym_typedef_declaration] = "typedef_declaration",
  [sym_handler_declaration] = "handler_declaration",
  [sym_atomic_declaration] = "atomic_declaration",
  [sym_constraint] = "constraint",
  [sym_mode] = "mode",
  [sym_scope] = "scope",
  [aux_sym_source_file_repeat1] = "source_file_repeat1",
  [aux_sym_parameter_list_repeat1] = "parameter_list_repeat1",
  [aux_sym_c_type_repeat1] = "c_type_repeat1",
  [aux_sym_c_type_repeat2] = "c_type_repeat2",
  [aux_sym_pattern_repeat1] = "pattern_repeat1",
  [aux_sym_flow_repeat1] = "flow_repeat1",
  [aux_sym_atomic_declaration_repeat1] = "atomic_declaration_repeat1",
  [alias_sym_type_identifier] = "type_identifier",
};

static const TSSymbol ts_symbol_map[] = {
  [ts_builtin_sym_end] = ts_builtin_sym_end,
  [sym_identifier] = sym_identifier,
  [anon_sym_EQ_GT] = anon_sym_EQ_GT,
  [anon_sym_SEMI] = anon_sym_SEMI,
  [anon_sym_LPAREN] = anon_sym_LPAREN,
  [anon_sym_COMMA] = anon_sym_COMMA,
  [anon_sym_RPAREN] = anon_sym_RPAREN,
  [anon_sym_const] = anon_sym_const,
  [anon_sym_STAR] = anon_sym_STAR,
  [anon_sym_COLON] = anon_sym_COLON,
  [anon_sym_EQ] = anon_sym_EQ,
  [anon_sym_LBRACK] = anon_sym_LBRACK,
  [anon_sym_RBRACK] = anon_sym_RBRACK,
  [anon_sym__] = anon_sym__,
  [anon_sym_DASH_GT] = anon_sym_DASH_GT,
  [anon_sym_source] = anon_sym_source,
  [anon_sym_LBRACE] = anon_sym_LBRACE,
  [anon_sym_session] = anon_sym_session,
  [anon_sym_RBRACE] = anon_sym_RBRACE,
  [anon_sym_typedef] = anon_sym_typedef,
  [anon_sym_handle] = anon_sym_handle,
  [anon_sym_error] = anon_sym_error,
  [anon_sym_atomic] = anon_sym_atomic,
  [anon_sym_QMARK] = anon_sym_QMARK,
  [anon_sym_BANG] = anon_sym_BANG,
  [anon_sym_program] = anon_sym_program,
  [sym_comment] = sym_comment,
  [sym_source_file] = sym_source_file,
  [sym__declaration] = sym__declaration,
  [sym_node_declaration] = sym_node_declaration,
  [sym_parameter_list] = sym_parameter_list,
  [sym_parameter] = sym_parameter,
  [sym_c_type] = sym_c_type,
  [sym_pointer] = sym_pointer,
  [sym_flow_definition] = sym_flow_definition,
  [sym_pattern] = sym_pattern,
  [sym__pattern_element] = sym__pattern_element,
  [sym_wildcard] = sym_wildcard,
  [sym_flow] = sym_flow,
  [sym_source_declaration] = sym_source_declaration,
  [sym_session_clause] = sym_session_clause,
  [sym_typedef_declaration] = sym_typedef_declaration,
  [sym_handler_declaration] = sym_handler_declaration,
  [sym_atomic_declaration] = sym_atomic_declaration,
  [sym_constraint] = sym_constraint,
  [sym_mode] = sym_mode,
  [sym_scope] = sym_scope,
  [aux_sym_source_file_repeat1] = aux_sym_source_file_repeat1,
  [aux_sym_parameter_list_repeat1] = aux_sym_parameter_list_repeat1,
  [aux_sym_c_type_repeat1] = aux_sym_c_type_repeat1,
  [aux_sym_c_type_repeat2] = aux_sym_c_type_repeat2,
  [aux_sym_pattern_repeat1] = aux_sym_pattern_repeat1,
  [aux_sym_flow_repeat1] = aux_sym_flow_repeat1,
  [aux_sym_atomic_declaration_repeat1] = aux_sym_atomic_declaration_repeat1,
  [alias_sym_type_identifier] = alias_sym_type_identifier,
};

static const TSSymbolMetadata ts_symbol_metadata[] = {
  [ts_builtin_sym_end] = {
    .visible = false,
    .named = true,
  },
  [sym_identifier] = {
    .visible = true,
    .named = true,
  },
  [anon_sym_EQ_GT] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_SEMI] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_LPAREN] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_COMMA] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_RPAREN] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_const] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_STAR] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_COLON] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_EQ] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_LBRACK] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_RBRACK] = {
    .visible = true,
    .named = false,
  },
  [anon_sym__] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_DASH_GT] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_source] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_LBRACE] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_session] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_RBRACE] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_typedef] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_handle] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_error] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_atomic] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_QMARK] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_BANG] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_program] = {
    .visible = true,
    .named = false,
  },
  [sym_comment] = {
    .visible = true,
    .named = true,
  },
  [sym_source_file] = {
    .visible = true,
    .named = true,
  },
  [sym__declaration] = {
    .visible = false,
    .named = true,
  },
  [sym_node_declaration] = {
    .visible = true,
    .named = true,
  },
  [sym_parameter_list] = {
    .visible = true,
    .named = true,
  },
  [sym_parameter] = {
    .visible = true,
    .named = true,
  },
  [sym_c_type] = {
    .visible = true,
    .named = true,
  },
  [sym_pointer] = {
    .visible = true,
    .named = true,
  },
  [sym_flow_definition] = {
    .visible = true,
    .named = true,
  },
  [sym_pattern] = {
    .visible = true,
    .named = true,
  },
  [sym__pattern_element] = {
    .visible = false,
    .named = true,
  },
  [sym_wildcard] = {
    .visible = true,
    .named = true,
  },
  [sym_flow] = {
    .visible = true,
    .named = true,
  },
  [sym_source_declaration] = {
    .visible = true,
    .named = true,
  },
  [sym_session_clause] = {
    .visible = true,
    .named = true,
  },
  [sym_typedef_declaration] = {
    .visible = true,
    .named = true,
  },
  [sym_handler_declaration] = {
    .visible = true,
    .named = true,
  },
  [sym_atomic_declaration] = {
    .visible = true,
    .named = true,
  },
  [sym_constraint] = {
    .visible = true,
    .named = true,
  },
  [sym_mode] = {
    .visible = true,
    .named = true,
  },
  [sym_scope] = {
    .visible = true,
    .named = true,
  },
  [aux_sym_source_file_repeat1] = {
    .visible = false,
    .named = false,
  },
  [aux_sym_parameter_list_repeat1] = {
    .visible = false,
    .named = false,
  },
  [aux_sym_c_type_repeat1] = {
    .visible = false,
    .named = false,
  },
  [aux_sym_c_type_repeat2] = {
    .visible = false,
    .named = false,
  },
  [aux_sym_pattern_repeat1] = {
    .visible = false,
    .named = false,
  },
  [aux_sym_flow_repeat1] = {
    .visible = false,
    .named = false,
  },
  [aux_sym_atomic_declaration_repeat1] = {
    .visible = false,
    .named = false,
  },
  [alias_sym_type_identifier] = {
    .visible = true,
    .named = true,
  },
};

enum ts_field_identifiers {
  field_flow = 1,
  field_function = 2,
  field_handler = 3,
  field_inputs = 4,
  field_mode = 5,
  field_name = 6,
  field_node = 7,
  field_outputs = 8,
  field_pattern = 9,
  field_predicate = 10,
  field_scope = 11,
  field_session = 12,
  field_step = 13,
  field_target = 14,
  field_type = 15,
};

static const char * const ts_field_names[] = {
  [0] = NULL,
  [field_flow] = "flow",
  [field_function] = "function",
  [field_handler] = "handler",
  [field_inputs] = "inputs",
  [field_mode] = "mode",
  [field_name] = "name",
  [field_node] = "node",
  [field_outputs] = "outputs",
  [field_pattern] = "pattern",
  [field_predicate] = "predicate",
  [field_scope] = "scope",
  [field_session] = "session",
  [field_step] = "step",
  [field_target] = "target",
  [field_type] = "type",
};

static const TSFieldMapSlice ts_field_map_slices[PRODUCTION_ID_COUNT] = {
  [2] = {.index = 0, .length = 1},
  [3] = {.index = 1, .length = 1},
  [4] = {.index = 2, .length = 2},
  [5] = {.index = 4, .length = 2},
  [6] = {.index = 6, .length = 2},
  [7] = {.index = 8, .length = 2},
  [8] = {.index = 10, .length = 2},
  [9] = {.index = 12, .length = 2},
  [10] = {.index = 14, .length = 1},
  [11] = {.index = 15, .length = 2},
  [12] = {.index = 17, .length = 3},
  [13] = {.index = 20, .length = 3},
  [14] = {.index = 23, .length = 2},
  [15] = {.index = 25, .length = 2},
  [16] = {.index = 27, .length = 3},
  [17] = {.index = 30, .length = 1},
  [18] = {.index = 31, .length = 1},
  [19] = {.index = 32, .length = 2},
  [20] = {.index = 34, .length = 3},
};

static const TSFieldMapEntry ts_field_map_entries[] = {
  [0] =
    {field_name, 0},
  [1] =
    {field_step, 0},
  [2] =
    {field_predicate, 2},
    {field_type, 1},
  [4] =
    {field_name, 1},
    {field_type, 0},
  [6] =
    {field_step, 0},
    {field_step, 1, .inherited = true},
  [8] =
    {field_flow, 2},
    {field_name, 0},
  [10] =
    {field_node, 1},
    {field_target, 3},
  [12] =
    {field_name, 0},
    {field_pattern, 2},
  [14] =
    {field_step, 1},
  [15] =
    {field_step, 0, .inherited = true},
    {field_step, 1, .inherited = true},
  [17] =
    {field_inputs, 1},
    {field_name, 0},
    {field_outputs, 3},
  [20] =
    {field_node, 1},
    {field_session, 2},
    {field_target, 4},
  [23] =
    {field_handler, 4},
    {field_node, 2},
  [25] =
    {field_mode, 1},
    {field_name, 0},
  [27] =
    {field_flow, 4},
    {field_name, 0},
    {field_pattern, 2},
  [30] =
    {field_function, 3},
  [31] =
    {field_node, 1},
  [32] =
    {field_name, 0},
    {field_scope, 2},
  [34] =
    {field_mode, 1},
    {field_name, 0},
    {field_scope, 3},
};

static const TSSymbol ts_alias_sequences[PRODUCTION_ID_COUNT][MAX_ALIAS_SEQUENCE_LENGTH] = {
  [0] = {0},
  [1] = {
    [0] = alias_sym_type_identifier,
  },
};

static const uint16_t ts_non_terminal_alias_map[] = {
  0,
};

static const TSStateId ts_primary_state_ids[STATE_COUNT] = {
  [0] = 0,
  [1] = 1,
  [2] = 2,
  [3] = 3,
  [4] = 4,
  [5] = 5,
  [6] = 6,
  [7] = 7,
  [8] = 8,
  [9] = 9,
  [10] = 10,
  [11] = 11,
  [12] = 12,
  [13] = 13,
  [14] = 14,
  [15] = 15,
  [16] = 16,
  [17] = 17,
  [18] = 18,
  [19] = 19,
  [20] = 20,
  [21] = 21,
  [22] = 22,
  [23] = 23,
  [24] = 24,
  [25] = 25,
  [26] = 26,
  [27] = 27,
  [28] = 28,
  [29] = 29,
  [30] = 30,
  [31] = 31,
  [32] = 32,
  [33] = 33,
  [34] = 34,
  [35] = 35,
  [36] = 36,
  [37] = 37,
  [38] = 38,
  [39] = 39,
  [40] = 40,
  [41] = 41,
  [42] = 42,
  [43] = 43,
  [44] = 44,
  [45] = 45,
  [46] = 46,
  [47] = 47,
  [48] = 48,
  [49] = 49,
  [50] = 50,
  [51] = 51,
  [52] = 52,
  [53] = 53,
  [54] = 54,
  [55] = 55,
  [56] = 56,
  [57] = 57,
  [58] = 58,
  [59] = 59,
  [60] = 60,
  [61] = 61,
  [62] = 62,
  [63] = 63,
  [64] = 64,
  [65] = 65,
  [66] = 66,
  [67] = 67,
  [68] = 68,
  [69] = 69,
  [70] = 70,
  [71] = 71,
  [72] = 72,
  [73] = 73,
  [74] = 74,
  [75] = 75,
  [76] = 76,
  [77] = 77,
  [78] = 78,
  [79] = 79,
  [80] = 80,
  [81] = 81,
  [82] = 82,
  [83] = 83,
  [84] = 84,
  [85] = 85,
  [86] = 86,
  [87] = 87,
  [88] = 88,
  [89] = 89,
  [90] = 90,
  [91] = 91,
  [92] = 92,
  [93] = 93,
  [94] = 94,
  [95] = 95,
  [96] = 96,
  [97] = 97,
  [98] = 98,
};

static bool ts_lex(TSLexer *lexer, TSStateId state) {
  START_LEXER();
  eof = lexer->eof(lexer);
  switch (state) {
    case 0:
      if (eof) ADVANCE(8);
      ADVANCE_MAP(
        '!', 24,
        '(', 11,
        ')', 13,
        '*', 14,
        ',', 12,
        '-', 6,
        '/', 2,
        ':', 15,
        ';', 10,
        '=', 17,
        '?', 23,
        '[', 18,
        ']', 19,
        '{', 21,
        '}', 22,
      );
      if (('\t' <= lookahead && lookahead <= '\r') ||
          lookahead == ' ') SKIP(0);
      if (('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(25);
      END_STATE();
    case 1:
      if (lookahead == '(') ADVANCE(11);
      if (lookahead == '/') ADVANCE(2);
      if (lookahead == ':') ADVANCE(15);
      if (lookahead == '=') ADVANCE(16);
      if (('\t' <= lookahead && lookahead <= '\r') ||
          lookahead == ' ') SKIP(1);
      END_STATE();
    case 2:
      if (lookahead == '*') ADVANCE(4);
      if (lookahead == '/') ADVANCE(27);
      END_STATE();
    case 3:
      if (lookahead == '*') ADVANCE(3);
      if (lookahead == '/') ADVANCE(26);
      if (lookahead != 0) ADVANCE(4);
      END_STATE();
    case 4:
      if (lookahead == '*') ADVANCE(3);
      if (lookahead != 0) ADVANCE(4);
      END_STATE();
    case 5:
      if (lookahead == '/') ADVANCE(2);
      if (lookahead == ';') ADVANCE(10);
      if (lookahead == '=') ADVANCE(7);
      if (lookahead == '{') ADVANCE(21);
      if (('\t' <= lookahead && lookahead <= '\r') ||
          lookahead == ' ') SKIP(5);
      END_STATE();
    case 6:
      if (lookahead == '>') ADVANCE(20);
      END_STATE();
    case 7:
      if (lookahead == '>') ADVANCE(9);
      END_STATE();
    case 8:
      ACCEPT_TOKEN(ts_builtin_sym_end);
      END_STATE();
    case 9:
      ACCEPT_TOKEN(anon_sym_EQ_GT);
      END_STATE();
    case 10:
      ACCEPT_TOKEN(anon_sym_SEMI);
      END_STATE();
    case 11:
      ACCEPT_TOKEN(anon_sym_LPAREN);
      END_STATE();
    case 12:
      ACCEPT_TOKEN(anon_sym_COMMA);
      END_STATE();
    case 13:
      ACCEPT_TOKEN(anon_sym_RPAREN);
      END_STATE();
    case 14:
      ACCEPT_TOKEN(anon_sym_STAR);
      END_STATE();
    case 15:
      ACCEPT_TOKEN(anon_sym_COLON);
      END_STATE();
    case 16:
      ACCEPT_TOKEN(anon_sym_EQ);
      END_STATE();
    case 17:
      ACCEPT_TOKEN(anon_sym_EQ);
      if (lookahead == '>') ADVANCE(9);
      END_STATE();
    case 18:
      ACCEPT_TOKEN(anon_sym_LBRACK);
      END_STATE();
    case 19:
      ACCEPT_TOKEN(anon_sym_RBRACK);
      END_STATE();
    case 20:
      ACCEPT_TOKEN(anon_sym_DASH_GT);
      END_STATE();
    case 21:
      ACCEPT_TOKEN(anon_sym_LBRACE);
      END_STATE();
    case 22:
      ACCEPT_TOKEN(anon_sym_RBRACE);
      END_STATE();
    case 23:
      ACCEPT_TOKEN(anon_sym_QMARK);
      END_STATE();
    case 24:
      ACCEPT_TOKEN(anon_sym_BANG);
      END_STATE();
    case 25:
      ACCEPT_TOKEN(sym_identifier);
      if (('0' <= lookahead && lookahead <= '9') ||
          ('A' <= lookahead && lookahead <= 'Z') ||
          lookahead == '_' ||
          ('a' <= lookahead && lookahead <= 'z')) ADVANCE(25);
      END_STATE();
    case 26:
      ACCEPT_TOKEN(sym_comment);
      END_STATE();
    case 27:
      ACCEPT_TOKEN(sym_comment);
      if (lookahead != 0 &&
          lookahead != '\n' &&
          lookahead != '\r') ADVANCE(27);
      END_STATE();
    default:
      return false;
  }
}

static bool ts_lex_keywords(TSLexer *lexer, TSStateId state) {
  START_LEXER();
  eof = lexer->eof(lexer);
  switch (state) {
    case 0:
      ADVANCE_MAP(
        '_', 1,
        'a', 2,
        'c', 3,
        'e', 4,
        'h', 5,
        'p', 6,
        's', 7,
        't', 8,
      );
      if (('\t' <= lookahead && lookahead <= '\r') ||
          lookahead == ' ') SKIP(0);
      END_STATE();
    case 1:
      ACCEPT_TOKEN(anon_sym__);
      END_STATE();
    case 2:
      if (lookahead == 't') ADVANCE(9);
      END_STATE();
    case 3:
      if (lookahead == 'o') ADVANCE(10);
      END_STATE();
    case 4:
      if (lookahead == 'r') ADVANCE(11);
      END_STATE();
    case 5:
      if (lookahead == 'a') ADVANCE(12);
      END_STATE();
    case 6:
      if (lookahead == 'r') ADVANCE(13);
      END_STATE();
    case 7:
      if (lookahead == 'e') ADVANCE(14);
      if (lookahead == 'o') ADVANCE(15);
      END_STATE();
    case 8:
      if (lookahead == 'y') ADVANCE(16);
      END_STATE();
    case 9:
      if (lookahead == 'o') ADVANCE(17);
      END_STATE();
    case 10:
      if (lookahead == 'n') ADVANCE(18);
      END_STATE();
    case 11:
      if (lookahead == 'r') ADVANCE(19);
      END_STATE();
    case 12:
      if (lookahead == 'n') ADVANCE(20);
      END_STATE();
    case 13:
      if (lookahead == 'o') ADVANCE(21);
      END_STATE();
    case 14:
      if (lookahead == 's') ADVANCE(22);
      END_STATE();
    case 15:
      if (lookahead == 'u') ADVANCE(23);
      END_STATE();
    case 16:
      if (lookahead == 'p') ADVANCE(24);
      END_STATE();
    case 17:
      if (lookahead == 'm') ADVANCE(25);
      END_STATE();
    case 18:
      if (lookahead == 's') ADVANCE(26);
      END_STATE();
    case 19:
      if (lookahead == 'o') ADVANCE(27);
      END_STATE();
    case 20:
      if (lookahead == 'd') ADVANCE(28);
      END_STATE();
    case 21:
      if (lookahead == 'g') ADVANCE(29);
      END_STATE();
    case 22:
      if (lookahead == 's') ADVANCE(30);
      END_STATE();
    case 23:
      if (lookahead == 'r') ADVANCE(31);
      END_STATE();
    case 24:
      if (lookahead == 'e') ADVANCE(32);
      END_STATE();
    case 25:
      if (lookahead == 'i') ADVANCE(33);
      END_STATE();
    case 26:
      if (lookahead == 't') ADVANCE(34);
      END_STATE();
    case 27:
      if (lookahead == 'r') ADVANCE(35);
      END_STATE();
    case 28:
      if (lookahead == 'l') ADVANCE(36);
      END_STATE();
    case 29:
      if (lookahead == 'r') ADVANCE(37);
      END_STATE();
    case 30:
      if (lookahead == 'i') ADVANCE(38);
      END_STATE();
    case 31:
      if (lookahead == 'c') ADVANCE(39);
      END_STATE();
    case 32:
      if (lookahead == 'd') ADVANCE(40);
      END_STATE();
    case 33:
      if (lookahead == 'c') ADVANCE(41);
      END_STATE();
    case 34:
      ACCEPT_TOKEN(anon_sym_const);
      END_STATE();
    case 35:
      ACCEPT_TOKEN(anon_sym_error);
      END_STATE();
    case 36:
      if (lookahead == 'e') ADVANCE(42);
      END_STATE();
    case 37:
      if (lookahead == 'a') ADVANCE(43);
      END_STATE();
    case 38:
      if (lookahead == 'o') ADVANCE(44);
      END_STATE();
    case 39:
      if (lookahead == 'e') ADVANCE(45);
      END_STATE();
    case 40:
      if (lookahead == 'e') ADVANCE(46);
      END_STATE();
    case 41:
      ACCEPT_TOKEN(anon_sym_atomic);
      END_STATE();
    case 42:
      ACCEPT_TOKEN(anon_sym_handle);
      END_STATE();
    case 43:
      if (lookahead == 'm') ADVANCE(47);
      END_STATE();
    case 44:
      if (lookahead == 'n') ADVANCE(48);
      END_STATE();
    case 45:
      ACCEPT_TOKEN(anon_sym_source);
      END_STATE();
    case 46:
      if (lookahead == 'f') ADVANCE(49);
      END_STATE();
    case 47:
      ACCEPT_TOKEN(anon_sym_program);
      END_STATE();
    case 48:
      ACCEPT_TOKEN(anon_sym_session);
      END_STATE();
    case 49:
      ACCEPT_TOKEN(anon_sym_typedef);
      END_STATE();
    default:
      return false;
  }
}

static const TSLexMode ts_lex_modes[STATE_COUNT] = {
  [0] = {.lex_state = 0},
  [1] = {.lex_state = 0},
  [2] = {.lex_state = 0},
  [3] = {.lex_state = 0},
  [4] = {.lex_state = 0},
  [5] = {.lex_state = 0},
  [6] = {.lex_state = 0},
  [7] = {.lex_state = 0},
  [8] = {.lex_state = 0},
  [9] = {.lex_state = 0},
  [10] = {.lex_state = 0},
  [11] = {.lex_state = 0},
  [12] = {.lex_state = 0},
  [13] = {.lex_state = 0},
  [14] = {.lex_state = 0},
  [15] = {.lex_state = 0},
  [16] = {.lex_state = 0},
  [17] = {.lex_state = 0},
  [18] = {.lex_state = 0},
  [19] = {.lex_state = 0},
  [20] = {.lex_state = 0},
  [21] = {.lex_state = 1},
  [22] = {.lex_state = 0},
  [23] = {.lex_state = 0},
  [24] = {.lex_state = 0},
  [25] = {.lex_state = 0},
  [26] = {.lex_state = 0},
  [27] = {.lex_state = 0},
  [28] = {.lex_state = 5},
  [29] = {.lex_state = 0},
  [30] = {.lex_state = 0},
  [31] = {.lex_state = 0},
  [32] = {.lex_state = 0},
  [33] = {.lex_state = 0},
  [34] = {.lex_state = 0},
  [35] = {.lex_state = 0},
  [36] = {.lex_state = 0},
  [37] = {.lex_state = 0},
  [38] = {.lex_state = 0},
  [39] = {.lex_state = 0},
  [40] = {.lex_state = 0},
  [41] = {.lex_state = 0},
  [42] = {.lex_state = 0},
  [43] = {.lex_state = 0},
  [44] = {.lex_state = 0},
  [45] = {.lex_state = 0},
  [46] = {.lex_state = 5},
  [47] = {.lex_state = 0},
  [48] = {.lex_state = 0},
  [49] = {.lex_state = 0},
  [50] = {.lex_state = 5},
  [51] = {.lex_state = 0},
  [52] = {.lex_state = 0},
  [53] = {.lex_state = 0},
  [54] = {.lex_state = 5},
  [55] = {.lex_state = 0},
  [56] = {.lex_state = 0},
  [57] = {.lex_state = 0},
  [58] = {.lex_state = 0},
  [59] = {.lex_state = 0},
  [60] = {.lex_state = 0},
  [61] = {.lex_state = 0},
  [62] = {.lex_state = 0},
  [63] = {.lex_state = 0},
  [64] = {.lex_state = 0},
  [65] = {.lex_state = 0},
  [66] = {.lex_state = 1},
  [67] = {.lex_state = 0},
  [68] = {.lex_state = 0},
  [69] = {.lex_state = 0},
  [70] = {.lex_state = 5},
  [71] = {.lex_state = 0},
  [72] = {.lex_state = 5},
  [73] = {.lex_state = 0},
  [74] = {.lex_state = 0},
  [75] = {.lex_state = 0},
  [76] = {.lex_state = 0},
  [77] = {.lex_state = 0},
  [78] = {.lex_state = 0},
  [79] = {.lex_state = 0},
  [80] = {.lex_state = 0},
  [81] = {.lex_state = 0},
  [82] = {.lex_state = 0},
  [83] = {.lex_state = 1},
  [84] = {.lex_state = 1},
  [85] = {.lex_state = 0},
  [86] = {.lex_state = 5},
  [87] = {.lex_state = 0},
  [88] = {.lex_state = 0},
  [89] = {.lex_state = 0},
  [90] = {.lex_state = 0},
  [91] = {.lex_state = 0},
  [92] = {.lex_state = 0},
  [93] = {.lex_state = 0},
  [94] = {.lex_state = 0},
  [95] = {.lex_state = 0},
  [96] = {.lex_state = 5},
  [97] = {.lex_state = 0},
  [98] = {.lex_state = 0},
};

static const uint16_t ts_parse_table[LARGE_STATE_COUNT][SYMBOL_COUNT] = {
  [0] = {
    [ts_builtin_sym_end] = ACTIONS(1),
    [sym_identifier] = ACTIONS(1),
    [anon_sym_EQ_GT] = ACTIONS(1),
    [anon_sym_SEMI] = ACTIONS(1),
    [anon_sym_LPAREN] = ACTIONS(1),
    [anon_sym_COMMA] = ACTIONS(1),
    [anon_sym_RPAREN] = ACTIONS(1),
    [anon_sym_const] = ACTIONS(1),
    [anon_sym_STAR] = ACTIONS(1),
    [anon_sym_COLON] = ACTIONS(1),
    [anon_sym_EQ] = ACTIONS(1),
    [anon_sym_LBRACK] = ACTIONS(1),
    [anon_sym_RBRACK] = ACTIONS(1),
    [anon_sym__] = ACTIONS(1),
    [anon_sym_DASH_GT] = ACTIONS(1),
    [anon_sym_source] = ACTIONS(1),
    [anon_sym_LBRACE] = ACTIONS(1),
    [anon_sym_session] = ACTIONS(1),
    [anon_sym_RBRACE] = ACTIONS(1),
    [anon_sym_typedef] = ACTIONS(1),
    [anon_sym_handle] = ACTIONS(1),
    [anon_sym_error] = ACTIONS(1),
    [anon_sym_atomic] = ACTIONS(1),
    [anon_sym_QMARK] = ACTIONS(1),
    [anon_sym_BANG] = ACTIONS(1),
    [anon_sym_program] = ACTIONS(1),
    [sym_comment] = ACTIONS(3),
  },
  [1] = {
    [sym_source_file] = STATE(93),
    [sym__declaration] = STATE(3),
    [sym_node_declaration] = STATE(3),
    [sym_flow_definition] = STATE(3),
    [sym_source_declaration] = STATE(3),
    [sym_typedef_declaration] = STATE(3),
    [sym_handler_declaration] = STATE(3),
    [sym_atomic_declaration] = STATE(3),
    [aux_sym_source_file_repeat1] = STATE(3),
    [ts_builtin_sym_end] = ACTIONS(5),
    [sym_identifier] = ACTIONS(7),
    [anon_sym_source] = ACTIONS(9),
    [anon_sym_typedef] = ACTIONS(11),
    [anon_sym_handle] = ACTIONS(13),
    [anon_sym_atomic] = ACTIONS(15),
    [sym_comment] = ACTIONS(3),
  },
};

static const uint16_t ts_small_parse_table[] = {
  [0] = 8,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(17), 1,
      ts_builtin_sym_end,
    ACTIONS(19), 1,
      sym_identifier,
    ACTIONS(22), 1,
      anon_sym_source,
    ACTIONS(25), 1,
      anon_sym_typedef,
    ACTIONS(28), 1,
      anon_sym_handle,
    ACTIONS(31), 1,
      anon_sym_atomic,
    STATE(2), 8,
      sym__declaration,
      sym_node_declaration,
      sym_flow_definition,
      sym_source_declaration,
      sym_typedef_declaration,
      sym_handler_declaration,
      sym_atomic_declaration,
      aux_sym_source_file_repeat1,
  [32] = 8,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(7), 1,
      sym_identifier,
    ACTIONS(9), 1,
      anon_sym_source,
    ACTIONS(11), 1,
      anon_sym_typedef,
    ACTIONS(13), 1,
      anon_sym_handle,
    ACTIONS(15), 1,
      anon_sym_atomic,
    ACTIONS(34), 1,
      ts_builtin_sym_end,
    STATE(2), 8,
      sym__declaration,
      sym_node_declaration,
      sym_flow_definition,
      sym_source_declaration,
      sym_typedef_declaration,
      sym_handler_declaration,
      sym_atomic_declaration,
      aux_sym_source_file_repeat1,
  [64] = 7,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(36), 1,
      sym_identifier,
    ACTIONS(38), 1,
      anon_sym_RPAREN,
    ACTIONS(40), 1,
      anon_sym_const,
    STATE(6), 1,
      aux_sym_c_type_repeat1,
    STATE(42), 1,
      sym_parameter,
    STATE(98), 1,
      sym_c_type,
  [86] = 3,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(42), 1,
      ts_builtin_sym_end,
    ACTIONS(44), 5,
      anon_sym_source,
      anon_sym_typedef,
      anon_sym_handle,
      anon_sym_atomic,
      sym_identifier,
  [100] = 6,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(46), 1,
      sym_identifier,
    ACTIONS(49), 1,
      anon_sym_const,
    ACTIONS(51), 1,
      anon_sym_STAR,
    STATE(22), 1,
      aux_sym_c_type_repeat1,
    STATE(23), 2,
      sym_pointer,
      aux_sym_c_type_repeat2,
  [120] = 3,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(53), 1,
      ts_builtin_sym_end,
    ACTIONS(55), 5,
      anon_sym_source,
      anon_sym_typedef,
      anon_sym_handle,
      anon_sym_atomic,
      sym_identifier,
  [134] = 3,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(57), 1,
      ts_builtin_sym_end,
    ACTIONS(59), 5,
      anon_sym_source,
      anon_sym_typedef,
      anon_sym_handle,
      anon_sym_atomic,
      sym_identifier,
  [148] = 5,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(61), 1,
      anon_sym_LPAREN,
    STATE(38), 1,
      sym_mode,
    ACTIONS(63), 2,
      anon_sym_COMMA,
      anon_sym_RBRACE,
    ACTIONS(65), 2,
      anon_sym_QMARK,
      anon_sym_BANG,
  [166] = 3,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(67), 1,
      ts_builtin_sym_end,
    ACTIONS(69), 5,
      anon_sym_source,
      anon_sym_typedef,
      anon_sym_handle,
      anon_sym_atomic,
      sym_identifier,
  [180] = 3,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(71), 1,
      ts_builtin_sym_end,
    ACTIONS(73), 5,
      anon_sym_source,
      anon_sym_typedef,
      anon_sym_handle,
      anon_sym_atomic,
      sym_identifier,
  [194] = 3,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(75), 1,
      ts_builtin_sym_end,
    ACTIONS(77), 5,
      anon_sym_source,
      anon_sym_typedef,
      anon_sym_handle,
      anon_sym_atomic,
      sym_identifier,
  [208] = 3,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(79), 1,
      ts_builtin_sym_end,
    ACTIONS(81), 5,
      anon_sym_source,
      anon_sym_typedef,
      anon_sym_handle,
      anon_sym_atomic,
      sym_identifier,
  [222] = 3,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(83), 1,
      ts_builtin_sym_end,
    ACTIONS(85), 5,
      anon_sym_source,
      anon_sym_typedef,
      anon_sym_handle,
      anon_sym_atomic,
      sym_identifier,
  [236] = 3,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(87), 1,
      ts_builtin_sym_end,
    ACTIONS(89), 5,
      anon_sym_source,
      anon_sym_typedef,
      anon_sym_handle,
      anon_sym_atomic,
      sym_identifier,
  [250] = 3,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(91), 1,
      ts_builtin_sym_end,
    ACTIONS(93), 5,
      anon_sym_source,
      anon_sym_typedef,
      anon_sym_handle,
      anon_sym_atomic,
      sym_identifier,
  [264] = 3,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(95), 1,
      ts_builtin_sym_end,
    ACTIONS(97), 5,
      anon_sym_source,
      anon_sym_typedef,
      anon_sym_handle,
      anon_sym_atomic,
      sym_identifier,
  [278] = 6,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(36), 1,
      sym_identifier,
    ACTIONS(40), 1,
      anon_sym_const,
    STATE(6), 1,
      aux_sym_c_type_repeat1,
    STATE(48), 1,
      sym_parameter,
    STATE(98), 1,
      sym_c_type,
  [297] = 5,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(99), 1,
      sym_identifier,
    ACTIONS(101), 1,
      anon_sym_STAR,
    ACTIONS(103), 1,
      anon_sym__,
    STATE(34), 2,
      sym__pattern_element,
      sym_wildcard,
  [314] = 5,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(101), 1,
      anon_sym_STAR,
    ACTIONS(103), 1,
      anon_sym__,
    ACTIONS(105), 1,
      sym_identifier,
    STATE(51), 2,
      sym__pattern_element,
      sym_wildcard,
  [331] = 5,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(107), 1,
      anon_sym_LPAREN,
    ACTIONS(109), 1,
      anon_sym_COLON,
    ACTIONS(111), 1,
      anon_sym_EQ,
    STATE(96), 1,
      sym_parameter_list,
  [347] = 5,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(113), 1,
      sym_identifier,
    ACTIONS(116), 1,
      anon_sym_const,
    ACTIONS(119), 1,
      anon_sym_STAR,
    STATE(22), 1,
      aux_sym_c_type_repeat1,
  [363] = 4,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(51), 1,
      anon_sym_STAR,
    ACTIONS(121), 1,
      sym_identifier,
    STATE(24), 2,
      sym_pointer,
      aux_sym_c_type_repeat2,
  [377] = 4,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(123), 1,
      sym_identifier,
    ACTIONS(125), 1,
      anon_sym_STAR,
    STATE(24), 2,
      sym_pointer,
      aux_sym_c_type_repeat2,
  [391] = 4,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(128), 1,
      anon_sym_SEMI,
    ACTIONS(130), 1,
      anon_sym_DASH_GT,
    STATE(45), 1,
      aux_sym_flow_repeat1,
  [404] = 4,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(132), 1,
      sym_identifier,
    ACTIONS(134), 1,
      anon_sym_SEMI,
    STATE(69), 1,
      sym_flow,
  [417] = 4,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(132), 1,
      sym_identifier,
    ACTIONS(136), 1,
      anon_sym_SEMI,
    STATE(94), 1,
      sym_flow,
  [430] = 4,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(138), 1,
      anon_sym_EQ_GT,
    ACTIONS(140), 1,
      anon_sym_LBRACE,
    STATE(70), 1,
      sym_session_clause,
  [443] = 4,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(130), 1,
      anon_sym_DASH_GT,
    ACTIONS(142), 1,
      anon_sym_SEMI,
    STATE(25), 1,
      aux_sym_flow_repeat1,
  [456] = 4,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(144), 1,
      anon_sym_COMMA,
    ACTIONS(146), 1,
      anon_sym_RBRACE,
    STATE(39), 1,
      aux_sym_atomic_declaration_repeat1,
  [469] = 4,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(148), 1,
      anon_sym_COMMA,
    ACTIONS(151), 1,
      anon_sym_RPAREN,
    STATE(31), 1,
      aux_sym_parameter_list_repeat1,
  [482] = 4,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(153), 1,
      anon_sym_COMMA,
    ACTIONS(155), 1,
      anon_sym_RBRACK,
    STATE(40), 1,
      aux_sym_pattern_repeat1,
  [495] = 3,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(159), 1,
      anon_sym_STAR,
    ACTIONS(157), 2,
      anon_sym_const,
      sym_identifier,
  [506] = 4,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(153), 1,
      anon_sym_COMMA,
    ACTIONS(161), 1,
      anon_sym_RBRACK,
    STATE(32), 1,
      aux_sym_pattern_repeat1,
  [519] = 4,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(163), 1,
      anon_sym_COMMA,
    ACTIONS(165), 1,
      anon_sym_RPAREN,
    STATE(31), 1,
      aux_sym_parameter_list_repeat1,
  [532] = 3,
    ACTIONS(3), 1,
      sym_comment,
    STATE(88), 1,
      sym_scope,
    ACTIONS(167), 2,
      anon_sym_session,
      anon_sym_program,
  [543] = 2,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(169), 3,
      anon_sym_LPAREN,
      anon_sym_COMMA,
      anon_sym_RBRACE,
  [552] = 3,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(171), 1,
      anon_sym_LPAREN,
    ACTIONS(173), 2,
      anon_sym_COMMA,
      anon_sym_RBRACE,
  [563] = 4,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(144), 1,
      anon_sym_COMMA,
    ACTIONS(175), 1,
      anon_sym_RBRACE,
    STATE(44), 1,
      aux_sym_atomic_declaration_repeat1,
  [576] = 4,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(177), 1,
      anon_sym_COMMA,
    ACTIONS(180), 1,
      anon_sym_RBRACK,
    STATE(40), 1,
      aux_sym_pattern_repeat1,
  [589] = 4,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(182), 1,
      sym_identifier,
    ACTIONS(184), 1,
      anon_sym_const,
    ACTIONS(186), 1,
      anon_sym_STAR,
  [602] = 4,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(163), 1,
      anon_sym_COMMA,
    ACTIONS(188), 1,
      anon_sym_RPAREN,
    STATE(35), 1,
      aux_sym_parameter_list_repeat1,
  [615] = 3,
    ACTIONS(3), 1,
      sym_comment,
    STATE(95), 1,
      sym_scope,
    ACTIONS(167), 2,
      anon_sym_session,
      anon_sym_program,
  [626] = 4,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(190), 1,
      anon_sym_COMMA,
    ACTIONS(193), 1,
      anon_sym_RBRACE,
    STATE(44), 1,
      aux_sym_atomic_declaration_repeat1,
  [639] = 4,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(195), 1,
      anon_sym_SEMI,
    ACTIONS(197), 1,
      anon_sym_DASH_GT,
    STATE(45), 1,
      aux_sym_flow_repeat1,
  [652] = 2,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(200), 2,
      anon_sym_EQ_GT,
      anon_sym_SEMI,
  [660] = 3,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(202), 1,
      sym_identifier,
    STATE(30), 1,
      sym_constraint,
  [670] = 2,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(151), 2,
      anon_sym_COMMA,
      anon_sym_RPAREN,
  [678] = 3,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(202), 1,
      sym_identifier,
    STATE(56), 1,
      sym_constraint,
  [688] = 2,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(204), 2,
      anon_sym_EQ_GT,
      anon_sym_SEMI,
  [696] = 2,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(180), 2,
      anon_sym_COMMA,
      anon_sym_RBRACK,
  [704] = 2,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(206), 2,
      anon_sym_SEMI,
      anon_sym_DASH_GT,
  [712] = 3,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(107), 1,
      anon_sym_LPAREN,
    STATE(85), 1,
      sym_parameter_list,
  [722] = 2,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(208), 2,
      anon_sym_EQ_GT,
      anon_sym_SEMI,
  [730] = 2,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(210), 2,
      anon_sym_STAR,
      sym_identifier,
  [738] = 2,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(193), 2,
      anon_sym_COMMA,
      anon_sym_RBRACE,
  [746] = 3,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(212), 1,
      anon_sym_LBRACK,
    STATE(84), 1,
      sym_pattern,
  [756] = 2,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(214), 2,
      anon_sym_COMMA,
      anon_sym_RPAREN,
  [764] = 2,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(216), 2,
      anon_sym_COMMA,
      anon_sym_RBRACE,
  [772] = 2,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(218), 2,
      anon_sym_COMMA,
      anon_sym_RBRACK,
  [780] = 2,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(220), 2,
      anon_sym_COMMA,
      anon_sym_RBRACE,
  [788] = 2,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(222), 1,
      anon_sym_RPAREN,
  [795] = 2,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(224), 1,
      sym_identifier,
  [802] = 2,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(226), 1,
      sym_identifier,
  [809] = 2,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(228), 1,
      sym_identifier,
  [816] = 2,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(230), 1,
      anon_sym_EQ,
  [823] = 2,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(232), 1,
      sym_identifier,
  [830] = 2,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(234), 1,
      anon_sym_session,
  [837] = 2,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(236), 1,
      anon_sym_SEMI,
  [844] = 2,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(238), 1,
      anon_sym_EQ_GT,
  [851] = 2,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(240), 1,
      anon_sym_SEMI,
  [858] = 2,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(242), 1,
      anon_sym_EQ_GT,
  [865] = 2,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(244), 1,
      anon_sym_RBRACE,
  [872] = 2,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(246), 1,
      anon_sym_LBRACE,
  [879] = 2,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(248), 1,
      anon_sym_error,
  [886] = 2,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(250), 1,
      sym_identifier,
  [893] = 2,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(252), 1,
      sym_identifier,
  [900] = 2,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(254), 1,
      anon_sym_COLON,
  [907] = 2,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(256), 1,
      anon_sym_COLON,
  [914] = 2,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(258), 1,
      anon_sym_SEMI,
  [921] = 2,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(260), 1,
      sym_identifier,
  [928] = 2,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(262), 1,
      sym_identifier,
  [935] = 2,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(264), 1,
      anon_sym_EQ,
  [942] = 2,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(266), 1,
      anon_sym_EQ,
  [949] = 2,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(268), 1,
      anon_sym_SEMI,
  [956] = 2,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(270), 1,
      anon_sym_EQ_GT,
  [963] = 2,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(272), 1,
      sym_identifier,
  [970] = 2,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(274), 1,
      anon_sym_RPAREN,
  [977] = 2,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(276), 1,
      sym_identifier,
  [984] = 2,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(278), 1,
      anon_sym_SEMI,
  [991] = 2,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(280), 1,
      anon_sym_SEMI,
  [998] = 2,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(282), 1,
      anon_sym_SEMI,
  [1005] = 2,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(284), 1,
      ts_builtin_sym_end,
  [1012] = 2,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(286), 1,
      anon_sym_SEMI,
  [1019] = 2,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(288), 1,
      anon_sym_RPAREN,
  [1026] = 2,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(290), 1,
      anon_sym_EQ_GT,
  [1033] = 2,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(292), 1,
      anon_sym_SEMI,
  [1040] = 2,
    ACTIONS(3), 1,
      sym_comment,
    ACTIONS(294), 1,
      sym_identifier,
};

static const uint32_t ts_small_parse_table_map[] = {
  [SMALL_STATE(2)] = 0,
  [SMALL_STATE(3)] = 32,
  [SMALL_STATE(4)] = 64,
  [SMALL_STATE(5)] = 86,
  [SMALL_STATE(6)] = 100,
  [SMALL_STATE(7)] = 120,
  [SMALL_STATE(8)] = 134,
  [SMALL_STATE(9)] = 148,
  [SMALL_STATE(10)] = 166,
  [SMALL_STATE(11)] = 180,
  [SMALL_STATE(12)] = 194,
  [SMALL_STATE(13)] = 208,
  [SMALL_STATE(14)] = 222,
  [SMALL_STATE(15)] = 236,
  [SMALL_STATE(16)] = 250,
  [SMALL_STATE(17)] = 264,
  [SMALL_STATE(18)] = 278,
  [SMALL_STATE(19)] = 297,
  [SMALL_STATE(20)] = 314,
  [SMALL_STATE(21)] = 331,
  [SMALL_STATE(22)] = 347,
  [SMALL_STATE(23)] = 363,
  [SMALL_STATE(24)] = 377,
  [SMALL_STATE(25)] = 391,
  [SMALL_STATE(26)] = 404,
  [SMALL_STATE(27)] = 417,
  [SMALL_STATE(28)] = 430,
  [SMALL_STATE(29)] = 443,
  [SMALL_STATE(30)] = 456,
  [SMALL_STATE(31)] = 469,
  [SMALL_STATE(32)] = 482,
  [SMALL_STATE(33)] = 495,
  [SMALL_STATE(34)] = 506,
  [SMALL_STATE(35)] = 519,
  [SMALL_STATE(36)] = 532,
  [SMALL_STATE(37)] = 543,
  [SMALL_STATE(38)] = 552,
  [SMALL_STATE(39)] = 563,
  [SMALL_STATE(40)] = 576,
  [SMALL_STATE(41)] = 589,
  [SMALL_STATE(42)] = 602,
  [SMALL_STATE(43)] = 615,
  [SMALL_STATE(44)] = 626,
  [SMALL_STATE(45)] = 639,
  [SMALL_STATE(46)] = 652,
  [SMALL_STATE(47)] = 660,
  [SMALL_STATE(48)] = 670,
  [SMALL_STATE(49)] = 678,
  [SMALL_STATE(50)] = 688,
  [SMALL_STATE(51)] = 696,
  [SMALL_STATE(52)] = 704,
  [SMALL_STATE(53)] = 712,
  [SMALL_STATE(54)] = 722,
  [SMALL_STATE(55)] = 730,
  [SMALL_STATE(56)] = 738,
  [SMALL_STATE(57)] = 746,
  [SMALL_STATE(58)] = 756,
  [SMALL_STATE(59)] = 764,
  [SMALL_STATE(60)] = 772,
  [SMALL_STATE(61)] = 780,
  [SMALL_STATE(62)] = 788,
  [SMALL_STATE(63)] = 795,
  [SMALL_STATE(64)] = 802,
  [SMALL_STATE(65)] = 809,
  [SMALL_STATE(66)] = 816,
  [SMALL_STATE(67)] = 823,
  [SMALL_STATE(68)] = 830,
  [SMALL_STATE(69)] = 837,
  [SMALL_STATE(70)] = 844,
  [SMALL_STATE(71)] = 851,
  [SMALL_STATE(72)] = 858,
  [SMALL_STATE(73)] = 865,
  [SMALL_STATE(74)] = 872,
  [SMALL_STATE(75)] = 879,
  [SMALL_STATE(76)] = 886,
  [SMALL_STATE(77)] = 893,
  [SMALL_STATE(78)] = 900,
  [SMALL_STATE(79)] = 907,
  [SMALL_STATE(80)] = 914,
  [SMALL_STATE(81)] = 921,
  [SMALL_STATE(82)] = 928,
  [SMALL_STATE(83)] = 935,
  [SMALL_STATE(84)] = 942,
  [SMALL_STATE(85)] = 949,
  [SMALL_STATE(86)] = 956,
  [SMALL_STATE(87)] = 963,
  [SMALL_STATE(88)] = 970,
  [SMALL_STATE(89)] = 977,
  [SMALL_STATE(90)] = 984,
  [SMALL_STATE(91)] = 991,
  [SMALL_STATE(92)] = 998,
  [SMALL_STATE(93)] = 1005,
  [SMALL_STATE(94)] = 1012,
  [SMALL_STATE(95)] = 1019,
  [SMALL_STATE(96)] = 1026,
  [SMALL_STATE(97)] = 1033,
  [SMALL_STATE(98)] = 1040,
};

static const TSParseActionEntry ts_parse_actions[] = {
  [0] = {.entry = {.count = 0, .reusable = false}},
  [1] = {.entry = {.count = 1, .reusable = false}}, RECOVER(),
  [3] = {.entry = {.count = 1, .reusable = true}}, SHIFT_EXTRA(),
  [5] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_source_file, 0, 0, 0),
  [7] = {.entry = {.count = 1, .reusable = false}}, SHIFT(21),
  [9] = {.entry = {.count = 1, .reusable = false}}, SHIFT(87),
  [11] = {.entry = {.count = 1, .reusable = false}}, SHIFT(64),
  [13] = {.entry = {.count = 1, .reusable = false}}, SHIFT(75),
  [15] = {.entry = {.count = 1, .reusable = false}}, SHIFT(82),
  [17] = {.entry = {.count = 1, .reusable = true}}, REDUCE(aux_sym_source_file_repeat1, 2, 0, 0),
  [19] = {.entry = {.count = 2, .reusable = false}}, REDUCE(aux_sym_source_file_repeat1, 2, 0, 0), SHIFT_REPEAT(21),
  [22] = {.entry = {.count = 2, .reusable = false}}, REDUCE(aux_sym_source_file_repeat1, 2, 0, 0), SHIFT_REPEAT(87),
  [25] = {.entry = {.count = 2, .reusable = false}}, REDUCE(aux_sym_source_file_repeat1, 2, 0, 0), SHIFT_REPEAT(64),
  [28] = {.entry = {.count = 2, .reusable = false}}, REDUCE(aux_sym_source_file_repeat1, 2, 0, 0), SHIFT_REPEAT(75),
  [31] = {.entry = {.count = 2, .reusable = false}}, REDUCE(aux_sym_source_file_repeat1, 2, 0, 0), SHIFT_REPEAT(82),
  [34] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_source_file, 1, 0, 0),
  [36] = {.entry = {.count = 1, .reusable = false}}, SHIFT(33),
  [38] = {.entry = {.count = 1, .reusable = true}}, SHIFT(46),
  [40] = {.entry = {.count = 1, .reusable = false}}, SHIFT(6),
  [42] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_flow_definition, 3, 0, 2),
  [44] = {.entry = {.count = 1, .reusable = false}}, REDUCE(sym_flow_definition, 3, 0, 2),
  [46] = {.entry = {.count = 2, .reusable = false}}, REDUCE(sym_c_type, 1, 0, 0), SHIFT(33),
  [49] = {.entry = {.count = 1, .reusable = false}}, SHIFT(22),
  [51] = {.entry = {.count = 1, .reusable = true}}, SHIFT(41),
  [53] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_typedef_declaration, 4, 0, 4),
  [55] = {.entry = {.count = 1, .reusable = false}}, REDUCE(sym_typedef_declaration, 4, 0, 4),
  [57] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_flow_definition, 4, 0, 7),
  [59] = {.entry = {.count = 1, .reusable = false}}, REDUCE(sym_flow_definition, 4, 0, 7),
  [61] = {.entry = {.count = 1, .reusable = true}}, SHIFT(36),
  [63] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_constraint, 1, 0, 2),
  [65] = {.entry = {.count = 1, .reusable = true}}, SHIFT(37),
  [67] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_source_declaration, 6, 0, 13),
  [69] = {.entry = {.count = 1, .reusable = false}}, REDUCE(sym_source_declaration, 6, 0, 13),
  [71] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_atomic_declaration, 7, 0, 18),
  [73] = {.entry = {.count = 1, .reusable = false}}, REDUCE(sym_atomic_declaration, 7, 0, 18),
  [75] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_flow_definition, 5, 0, 9),
  [77] = {.entry = {.count = 1, .reusable = false}}, REDUCE(sym_flow_definition, 5, 0, 9),
  [79] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_node_declaration, 5, 0, 12),
  [81] = {.entry = {.count = 1, .reusable = false}}, REDUCE(sym_node_declaration, 5, 0, 12),
  [83] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_flow_definition, 6, 0, 16),
  [85] = {.entry = {.count = 1, .reusable = false}}, REDUCE(sym_flow_definition, 6, 0, 16),
  [87] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_handler_declaration, 6, 0, 14),
  [89] = {.entry = {.count = 1, .reusable = false}}, REDUCE(sym_handler_declaration, 6, 0, 14),
  [91] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_source_declaration, 5, 0, 8),
  [93] = {.entry = {.count = 1, .reusable = false}}, REDUCE(sym_source_declaration, 5, 0, 8),
  [95] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_atomic_declaration, 8, 0, 18),
  [97] = {.entry = {.count = 1, .reusable = false}}, REDUCE(sym_atomic_declaration, 8, 0, 18),
  [99] = {.entry = {.count = 1, .reusable = false}}, SHIFT(34),
  [101] = {.entry = {.count = 1, .reusable = true}}, SHIFT(60),
  [103] = {.entry = {.count = 1, .reusable = false}}, SHIFT(60),
  [105] = {.entry = {.count = 1, .reusable = false}}, SHIFT(51),
  [107] = {.entry = {.count = 1, .reusable = true}}, SHIFT(4),
  [109] = {.entry = {.count = 1, .reusable = true}}, SHIFT(57),
  [111] = {.entry = {.count = 1, .reusable = true}}, SHIFT(27),
  [113] = {.entry = {.count = 2, .reusable = false}}, REDUCE(aux_sym_c_type_repeat1, 2, 0, 0), SHIFT_REPEAT(33),
  [116] = {.entry = {.count = 2, .reusable = false}}, REDUCE(aux_sym_c_type_repeat1, 2, 0, 0), SHIFT_REPEAT(22),
  [119] = {.entry = {.count = 1, .reusable = true}}, REDUCE(aux_sym_c_type_repeat1, 2, 0, 0),
  [121] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_c_type, 2, 0, 0),
  [123] = {.entry = {.count = 1, .reusable = true}}, REDUCE(aux_sym_c_type_repeat2, 2, 0, 0),
  [125] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_c_type_repeat2, 2, 0, 0), SHIFT_REPEAT(41),
  [128] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_flow, 2, 0, 6),
  [130] = {.entry = {.count = 1, .reusable = true}}, SHIFT(81),
  [132] = {.entry = {.count = 1, .reusable = true}}, SHIFT(29),
  [134] = {.entry = {.count = 1, .reusable = true}}, SHIFT(12),
  [136] = {.entry = {.count = 1, .reusable = true}}, SHIFT(5),
  [138] = {.entry = {.count = 1, .reusable = true}}, SHIFT(67),
  [140] = {.entry = {.count = 1, .reusable = true}}, SHIFT(68),
  [142] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_flow, 1, 0, 3),
  [144] = {.entry = {.count = 1, .reusable = true}}, SHIFT(49),
  [146] = {.entry = {.count = 1, .reusable = true}}, SHIFT(80),
  [148] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_parameter_list_repeat1, 2, 0, 0), SHIFT_REPEAT(18),
  [151] = {.entry = {.count = 1, .reusable = true}}, REDUCE(aux_sym_parameter_list_repeat1, 2, 0, 0),
  [153] = {.entry = {.count = 1, .reusable = true}}, SHIFT(20),
  [155] = {.entry = {.count = 1, .reusable = true}}, SHIFT(83),
  [157] = {.entry = {.count = 1, .reusable = false}}, REDUCE(aux_sym_c_type_repeat1, 1, 0, 1),
  [159] = {.entry = {.count = 1, .reusable = true}}, REDUCE(aux_sym_c_type_repeat1, 1, 0, 1),
  [161] = {.entry = {.count = 1, .reusable = true}}, SHIFT(66),
  [163] = {.entry = {.count = 1, .reusable = true}}, SHIFT(18),
  [165] = {.entry = {.count = 1, .reusable = true}}, SHIFT(50),
  [167] = {.entry = {.count = 1, .reusable = true}}, SHIFT(62),
  [169] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_mode, 1, 0, 0),
  [171] = {.entry = {.count = 1, .reusable = true}}, SHIFT(43),
  [173] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_constraint, 2, 0, 15),
  [175] = {.entry = {.count = 1, .reusable = true}}, SHIFT(92),
  [177] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_pattern_repeat1, 2, 0, 0), SHIFT_REPEAT(20),
  [180] = {.entry = {.count = 1, .reusable = true}}, REDUCE(aux_sym_pattern_repeat1, 2, 0, 0),
  [182] = {.entry = {.count = 1, .reusable = false}}, REDUCE(sym_pointer, 1, 0, 0),
  [184] = {.entry = {.count = 1, .reusable = false}}, SHIFT(55),
  [186] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_pointer, 1, 0, 0),
  [188] = {.entry = {.count = 1, .reusable = true}}, SHIFT(54),
  [190] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_atomic_declaration_repeat1, 2, 0, 0), SHIFT_REPEAT(49),
  [193] = {.entry = {.count = 1, .reusable = true}}, REDUCE(aux_sym_atomic_declaration_repeat1, 2, 0, 0),
  [195] = {.entry = {.count = 1, .reusable = true}}, REDUCE(aux_sym_flow_repeat1, 2, 0, 11),
  [197] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_flow_repeat1, 2, 0, 11), SHIFT_REPEAT(81),
  [200] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_parameter_list, 2, 0, 0),
  [202] = {.entry = {.count = 1, .reusable = true}}, SHIFT(9),
  [204] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_parameter_list, 4, 0, 0),
  [206] = {.entry = {.count = 1, .reusable = true}}, REDUCE(aux_sym_flow_repeat1, 2, 0, 10),
  [208] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_parameter_list, 3, 0, 0),
  [210] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_pointer, 2, 0, 0),
  [212] = {.entry = {.count = 1, .reusable = true}}, SHIFT(19),
  [214] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_parameter, 2, 0, 5),
  [216] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_constraint, 4, 0, 19),
  [218] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_wildcard, 1, 0, 0),
  [220] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_constraint, 5, 0, 20),
  [222] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_scope, 1, 0, 0),
  [224] = {.entry = {.count = 1, .reusable = true}}, SHIFT(90),
  [226] = {.entry = {.count = 1, .reusable = true}}, SHIFT(76),
  [228] = {.entry = {.count = 1, .reusable = true}}, SHIFT(91),
  [230] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_pattern, 3, 0, 0),
  [232] = {.entry = {.count = 1, .reusable = true}}, SHIFT(97),
  [234] = {.entry = {.count = 1, .reusable = true}}, SHIFT(78),
  [236] = {.entry = {.count = 1, .reusable = true}}, SHIFT(14),
  [238] = {.entry = {.count = 1, .reusable = true}}, SHIFT(63),
  [240] = {.entry = {.count = 1, .reusable = true}}, SHIFT(7),
  [242] = {.entry = {.count = 1, .reusable = true}}, SHIFT(65),
  [244] = {.entry = {.count = 1, .reusable = true}}, SHIFT(86),
  [246] = {.entry = {.count = 1, .reusable = true}}, SHIFT(47),
  [248] = {.entry = {.count = 1, .reusable = true}}, SHIFT(77),
  [250] = {.entry = {.count = 1, .reusable = true}}, SHIFT(71),
  [252] = {.entry = {.count = 1, .reusable = true}}, SHIFT(72),
  [254] = {.entry = {.count = 1, .reusable = true}}, SHIFT(89),
  [256] = {.entry = {.count = 1, .reusable = true}}, SHIFT(74),
  [258] = {.entry = {.count = 1, .reusable = true}}, SHIFT(11),
  [260] = {.entry = {.count = 1, .reusable = true}}, SHIFT(52),
  [262] = {.entry = {.count = 1, .reusable = true}}, SHIFT(79),
  [264] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_pattern, 4, 0, 0),
  [266] = {.entry = {.count = 1, .reusable = true}}, SHIFT(26),
  [268] = {.entry = {.count = 1, .reusable = true}}, SHIFT(13),
  [270] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_session_clause, 5, 0, 17),
  [272] = {.entry = {.count = 1, .reusable = true}}, SHIFT(28),
  [274] = {.entry = {.count = 1, .reusable = true}}, SHIFT(59),
  [276] = {.entry = {.count = 1, .reusable = true}}, SHIFT(73),
  [278] = {.entry = {.count = 1, .reusable = true}}, SHIFT(10),
  [280] = {.entry = {.count = 1, .reusable = true}}, SHIFT(15),
  [282] = {.entry = {.count = 1, .reusable = true}}, SHIFT(17),
  [284] = {.entry = {.count = 1, .reusable = true}},  ACCEPT_INPUT(),
  [286] = {.entry = {.count = 1, .reusable = true}}, SHIFT(8),
  [288] = {.entry = {.count = 1, .reusable = true}}, SHIFT(61),
  [290] = {.entry = {.count = 1, .reusable = true}}, SHIFT(53),
  [292] = {.entry = {.count = 1, .reusable = true}}, SHIFT(16),
  [294] = {.entry = {.count = 1, .reusable = true}}, SHIFT(58),
};

#ifdef __cplusplus
extern "C" {
#endif
#ifdef TREE_SITTER_HIDE_SYMBOLS
#define TS_PUBLIC
#elif defined(_WIN32)
#define TS_PUBLIC __declspec(dllexport)
#else
#define TS_PUBLIC __attribute__((visibility("default")))
#endif

TS_PUBLIC const TSLanguage *tree_sitter_flux(void) {
  static const TSLanguage language = {
    .version = LANGUAGE_VERSION,
    .symbol_count = SYMBOL_COUNT,
    .alias_count = ALIAS_COUNT,
    .token_count = TOKEN_COUNT,
    .external_token_count = EXTERNAL_TOKEN_COUNT,
    .state_count = STATE_COUNT,
    .large_state_count = LARGE_STATE_COUNT,
    .production_id_count = PRODUCTION_ID_COUNT,
    .field_count = FIELD_COUNT,
    .max_alias_sequence_length = MAX_ALIAS_SEQUENCE_LENGTH,
    .parse_table = &ts_parse_table[0][0],
    .small_parse_table = ts_small_parse_table,
    .small_parse_table_map = ts_small_parse_table_map,
    .parse_actions = ts_parse_actions,
    .symbol_names = ts_symbol_names,
    .field_names = ts_field_names,
    .field_map_slices = ts_field_map_slices,
    .field_map_entries = ts_field_map_entries,
    .symbol_metadata = ts_symbol_metadata,
    .public_symbol_map = ts_symbol_map,
    .alias_map = ts_non_terminal_alias_map,
    .alias_sequences = &ts_alias_sequences[0][0],
    .lex_modes = ts_lex_modes,
    .lex_fn = ts_lex,
    .keyword_lex_fn = ts_lex_keywords,
    .keyword_capture_token = sym_identifier,
    .primary_state_ids = ts_primary_state_ids,
  };
  return &language;
}
#ifdef __cplusplus
}
#endif
