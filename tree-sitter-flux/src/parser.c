#include "tree_sitter/parser.h"

#if defined(__GNUC__) || defined(__clang__)
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#endif

#define LANGUAGE_VERSION 14
#define STATE_COUNT 120
#define LARGE_STATE_COUNT 2
#define SYMBOL_COUNT 111
#define ALIAS_COUNT 1
#define TOKEN_COUNT 62
#define EXTERNAL_TOKEN_COUNT 5
#define FIELD_COUNT 15
#define MAX_ALIAS_SEQUENCE_LENGTH 5
#define PRODUCTION_ID_COUNT 31

enum ts_symbol_identifiers {
  sym_identifier = 1,
  anon_sym_SEMI = 2,
  anon_sym_EQ_GT = 3,
  anon_sym_LPAREN = 4,
  anon_sym_COMMA = 5,
  anon_sym_RPAREN = 6,
  anon_sym_struct = 7,
  anon_sym_union = 8,
  anon_sym_enum = 9,
  anon_sym_const = 10,
  anon_sym_volatile = 11,
  anon_sym_restrict = 12,
  anon_sym_void = 13,
  anon_sym_char = 14,
  anon_sym_short = 15,
  anon_sym_int = 16,
  anon_sym_long = 17,
  anon_sym_float = 18,
  anon_sym_double = 19,
  anon_sym_signed = 20,
  anon_sym_unsigned = 21,
  anon_sym_bool = 22,
  anon_sym__Bool = 23,
  anon_sym_size_t = 24,
  anon_sym_ssize_t = 25,
  anon_sym_ptrdiff_t = 26,
  anon_sym_intptr_t = 27,
  anon_sym_uintptr_t = 28,
  anon_sym_off_t = 29,
  anon_sym_int8_t = 30,
  anon_sym_int16_t = 31,
  anon_sym_int32_t = 32,
  anon_sym_int64_t = 33,
  anon_sym_uint8_t = 34,
  anon_sym_uint16_t = 35,
  anon_sym_uint32_t = 36,
  anon_sym_uint64_t = 37,
  anon_sym_STAR = 38,
  anon_sym_COLON = 39,
  anon_sym_EQ = 40,
  anon_sym_LBRACK = 41,
  anon_sym_RBRACK = 42,
  anon_sym__ = 43,
  anon_sym_DASH_GT = 44,
  anon_sym_source = 45,
  anon_sym_RBRACE = 46,
  anon_sym_LBRACE = 47,
  anon_sym_session = 48,
  anon_sym_typedef = 49,
  anon_sym_handle = 50,
  anon_sym_error = 51,
  anon_sym_atomic = 52,
  anon_sym_QMARK = 53,
  anon_sym_BANG = 54,
  anon_sym_program = 55,
  sym_comment = 56,
  sym__boundary = 57,
  sym__probe = 58,
  sym__error_sentinel = 59,
  sym__name = 60,
  sym__paragraph_end = 61,
  sym_source_file = 62,
  sym__paragraph = 63,
  sym__item = 64,
  sym__declaration = 65,
  sym_node_declaration = 66,
  sym__signature = 67,
  sym__signature_inputs = 68,
  sym_parameter_list = 69,
  sym_parameter = 70,
  sym__type_word = 71,
  sym_primitive_type = 72,
  sym_pointer = 73,
  sym_flow_definition = 74,
  sym__flow_head = 75,
  sym_pattern = 76,
  sym_wildcard = 77,
  sym_flow = 78,
  sym_source_declaration = 79,
  sym__source = 80,
  sym__source_head = 81,
  sym__source_node = 82,
  sym_session_clause = 83,
  sym__session_key = 84,
  sym_typedef_declaration = 85,
  sym__typedef = 86,
  sym__typedef_type = 87,
  sym_handler_declaration = 88,
  sym__handler = 89,
  sym__handler_head = 90,
  sym__handler_node = 91,
  sym__handle_error = 92,
  sym_atomic_declaration = 93,
  sym__atomic = 94,
  sym__atomic_open = 95,
  sym__atomic_head = 96,
  sym__atomic_node = 97,
  sym_constraint = 98,
  sym_mode = 99,
  sym_scope = 100,
  sym__declaration_name = 101,
  aux_sym_source_file_repeat1 = 102,
  aux_sym__paragraph_repeat1 = 103,
  aux_sym_parameter_list_repeat1 = 104,
  aux_sym_parameter_repeat1 = 105,
  aux_sym_parameter_repeat2 = 106,
  aux_sym_pointer_repeat1 = 107,
  aux_sym_pattern_repeat1 = 108,
  aux_sym_flow_repeat1 = 109,
  aux_sym__atomic_repeat1 = 110,
  alias_sym_type_identifier = 111,
};

static const char * const ts_symbol_names[] = {
  [ts_builtin_sym_end] = "end",
  [sym_identifier] = "identifier",
  [anon_sym_SEMI] = ";",
  [anon_sym_EQ_GT] = "=>",
  [anon_sym_LPAREN] = "(",
  [anon_sym_COMMA] = ",",
  [anon_sym_RPAREN] = ")",
  [anon_sym_struct] = "struct",
  [anon_sym_union] = "union",
  [anon_sym_enum] = "enum",
  [anon_sym_const] = "const",
  [anon_sym_volatile] = "volatile",
  [anon_sym_restrict] = "restrict",
  [anon_sym_void] = "void",
  [anon_sym_char] = "char",
  [anon_sym_short] = "short",
  [anon_sym_int] = "int",
  [anon_sym_long] = "long",
  [anon_sym_float] = "float",
  [anon_sym_double] = "double",
  [anon_sym_signed] = "signed",
  [anon_sym_unsigned] = "unsigned",
  [anon_sym_bool] = "bool",
  [anon_sym__Bool] = "_Bool",
  [anon_sym_size_t] = "size_t",
  [anon_sym_ssize_t] = "ssize_t",
  [anon_sym_ptrdiff_t] = "ptrdiff_t",
  [anon_sym_intptr_t] = "intptr_t",
  [anon_sym_uintptr_t] = "uintptr_t",
  [anon_sym_off_t] = "off_t",
  [anon_sym_int8_t] = "int8_t",
  [anon_sym_int16_t] = "int16_t",
  [anon_sym_int32_t] = "int32_t",
  [anon_sym_int64_t] = "int64_t",
  [anon_sym_uint8_t] = "uint8_t",
  [anon_sym_uint16_t] = "uint16_t",
  [anon_sym_uint32_t] = "uint32_t",
  [anon_sym_uint64_t] = "uint64_t",
  [anon_sym_STAR] = "*",
  [anon_sym_COLON] = ":",
  [anon_sym_EQ] = "=",
  [anon_sym_LBRACK] = "[",
  [anon_sym_RBRACK] = "]",
  [anon_sym__] = "_",
  [anon_sym_DASH_GT] = "->",
  [anon_sym_source] = "source",
  [anon_sym_RBRACE] = "}",
  [anon_sym_LBRACE] = "{",
  [anon_sym_session] = "session",
  [anon_sym_typedef] = "typedef",
  [anon_sym_handle] = "handle",
  [anon_sym_error] = "error",
  [anon_sym_atomic] = "atomic",
  [anon_sym_QMARK] = "\?",
  [anon_sym_BANG] = "!",
  [anon_sym_program] = "program",
  [sym_comment] = "comment",
  [sym__boundary] = "_boundary",
  [sym__probe] = "_probe",
  [sym__error_sentinel] = "_error_sentinel",
  [sym__name] = "identifier",
  [sym__paragraph_end] = "_paragraph_end",
  [sym_source_file] = "source_file",
  [sym__paragraph] = "_paragraph",
  [sym__item] = "_item",
  [sym__declaration] = "_declaration",
  [sym_node_declaration] = "node_declaration",
  [sym__signature] = "_signature",
  [sym__signature_inputs] = "_signature_inputs",
  [sym_parameter_list] = "parameter_list",
  [sym_parameter] = "parameter",
  [sym__type_word] = "_type_word",
  [sym_primitive_type] = "primitive_type",
  [sym_pointer] = "pointer",
  [sym_flow_definition] = "flow_definition",
  [sym__flow_head] = "_flow_head",
  [sym_pattern] = "pattern",
  [sym_wildcard] = "wildcard",
  [sym_flow] = "flow",
  [sym_source_declaration] = "source_declaration",
  [sym__source] = "_source",
  [sym__source_head] = "_source_head",
  [sym__source_node] = "_source_node",
  [sym_session_clause] = "session_clause",
  [sym__session_key] = "_session_key",
  [sym_typedef_declaration] = "typedef_declaration",
  [sym__typedef] = "_typedef",
  [sym__typedef_type] = "_typedef_type",
  [sym_handler_declaration] = "handler_declaration",
  [sym__handler] = "_handler",
  [sym__handler_head] = "_handler_head",
  [sym__handler_node] = "_handler_node",
  [sym__handle_error] = "_handle_error",
  [sym_atomic_declaration] = "atomic_declaration",
  [sym__atomic] = "_atomic",
  [sym__atomic_open] = "_atomic_open",
  [sym__atomic_head] = "_atomic_head",
  [sym__atomic_node] = "_atomic_node",
  [sym_constraint] = "constraint",
  [sym_mode] = "mode",
  [sym_scope] = "scope",
  [sym__declaration_name] = "_declaration_name",
  [aux_sym_source_file_repeat1] = "source_file_repeat1",
  [aux_sym__paragraph_repeat1] = "_paragraph_repeat1",
  [aux_sym_parameter_list_repeat1] = "parameter_list_repeat1",
  [aux_sym_parameter_repeat1] = "parameter_repeat1",
  [aux_sym_parameter_repeat2] = "parameter_repeat2",
  [aux_sym_pointer_repeat1] = "pointer_repeat1",
  [aux_sym_pattern_repeat1] = "pattern_repeat1",
  [aux_sym_flow_repeat1] = "flow_repeat1",
  [aux_sym__atomic_repeat1] = "_atomic_repeat1",
  [alias_sym_type_identifier] = "type_identifier",
};

static const TSSymbol ts_symbol_map[] = {
  [ts_builtin_sym_end] = ts_builtin_sym_end,
  [sym_identifier] = sym_identifier,
  [anon_sym_SEMI] = anon_sym_SEMI,
  [anon_sym_EQ_GT] = anon_sym_EQ_GT,
  [anon_sym_LPAREN] = anon_sym_LPAREN,
  [anon_sym_COMMA] = anon_sym_COMMA,
  [anon_sym_RPAREN] = anon_sym_RPAREN,
  [anon_sym_struct] = anon_sym_struct,
  [anon_sym_union] = anon_sym_union,
  [anon_sym_enum] = anon_sym_enum,
  [anon_sym_const] = anon_sym_const,
  [anon_sym_volatile] = anon_sym_volatile,
  [anon_sym_restrict] = anon_sym_restrict,
  [anon_sym_void] = anon_sym_void,
  [anon_sym_char] = anon_sym_char,
  [anon_sym_short] = anon_sym_short,
  [anon_sym_int] = anon_sym_int,
  [anon_sym_long] = anon_sym_long,
  [anon_sym_float] = anon_sym_float,
  [anon_sym_double] = anon_sym_double,
  [anon_sym_signed] = anon_sym_signed,
  [anon_sym_unsigned] = anon_sym_unsigned,
  [anon_sym_bool] = anon_sym_bool,
  [anon_sym__Bool] = anon_sym__Bool,
  [anon_sym_size_t] = anon_sym_size_t,
  [anon_sym_ssize_t] = anon_sym_ssize_t,
  [anon_sym_ptrdiff_t] = anon_sym_ptrdiff_t,
  [anon_sym_intptr_t] = anon_sym_intptr_t,
  [anon_sym_uintptr_t] = anon_sym_uintptr_t,
  [anon_sym_off_t] = anon_sym_off_t,
  [anon_sym_int8_t] = anon_sym_int8_t,
  [anon_sym_int16_t] = anon_sym_int16_t,
  [anon_sym_int32_t] = anon_sym_int32_t,
  [anon_sym_int64_t] = anon_sym_int64_t,
  [anon_sym_uint8_t] = anon_sym_uint8_t,
  [anon_sym_uint16_t] = anon_sym_uint16_t,
  [anon_sym_uint32_t] = anon_sym_uint32_t,
  [anon_sym_uint64_t] = anon_sym_uint64_t,
  [anon_sym_STAR] = anon_sym_STAR,
  [anon_sym_COLON] = anon_sym_COLON,
  [anon_sym_EQ] = anon_sym_EQ,
  [anon_sym_LBRACK] = anon_sym_LBRACK,
  [anon_sym_RBRACK] = anon_sym_RBRACK,
  [anon_sym__] = anon_sym__,
  [anon_sym_DASH_GT] = anon_sym_DASH_GT,
  [anon_sym_source] = anon_sym_source,
  [anon_sym_RBRACE] = anon_sym_RBRACE,
  [anon_sym_LBRACE] = anon_sym_LBRACE,
  [anon_sym_session] = anon_sym_session,
  [anon_sym_typedef] = anon_sym_typedef,
  [anon_sym_handle] = anon_sym_handle,
  [anon_sym_error] = anon_sym_error,
  [anon_sym_atomic] = anon_sym_atomic,
  [anon_sym_QMARK] = anon_sym_QMARK,
  [anon_sym_BANG] = anon_sym_BANG,
  [anon_sym_program] = anon_sym_program,
  [sym_comment] = sym_comment,
  [sym__boundary] = sym__boundary,
  [sym__probe] = sym__probe,
  [sym__error_sentinel] = sym__error_sentinel,
  [sym__name] = sym_identifier,
  [sym__paragraph_end] = sym__paragraph_end,
  [sym_source_file] = sym_source_file,
  [sym__paragraph] = sym__paragraph,
  [sym__item] = sym__item,
  [sym__declaration] = sym__declaration,
  [sym_node_declaration] = sym_node_declaration,
  [sym__signature] = sym__signature,
  [sym__signature_inputs] = sym__signature_inputs,
  [sym_parameter_list] = sym_parameter_list,
  [sym_parameter] = sym_parameter,
  [sym__type_word] = sym__type_word,
  [sym_primitive_type] = sym_primitive_type,
  [sym_pointer] = sym_pointer,
  [sym_flow_definition] = sym_flow_definition,
  [sym__flow_head] = sym__flow_head,
  [sym_pattern] = sym_pattern,
  [sym_wildcard] = sym_wildcard,
  [sym_flow] = sym_flow,
  [sym_source_declaration] = sym_source_declaration,
  [sym__source] = sym__source,
  [sym__source_head] = sym__source_head,
  [sym__source_node] = sym__source_node,
  [sym_session_clause] = sym_session_clause,
  [sym__session_key] = sym__session_key,
  [sym_typedef_declaration] = sym_typedef_declaration,
  [sym__typedef] = sym__typedef,
  [sym__typedef_type] = sym__typedef_type,
  [sym_handler_declaration] = sym_handler_declaration,
  [sym__handler] = sym__handler,
  [sym__handler_head] = sym__handler_head,
  [sym__handler_node] = sym__handler_node,
  [sym__handle_error] = sym__handle_error,
  [sym_atomic_declaration] = sym_atomic_declaration,
  [sym__atomic] = sym__atomic,
  [sym__atomic_open] = sym__atomic_open,
  [sym__atomic_head] = sym__atomic_head,
  [sym__atomic_node] = sym__atomic_node,
  [sym_constraint] = sym_constraint,
  [sym_mode] = sym_mode,
  [sym_scope] = sym_scope,
  [sym__declaration_name] = sym__declaration_name,
  [aux_sym_source_file_repeat1] = aux_sym_source_file_repeat1,
  [aux_sym__paragraph_repeat1] = aux_sym__paragraph_repeat1,
  [aux_sym_parameter_list_repeat1] = aux_sym_parameter_list_repeat1,
  [aux_sym_parameter_repeat1] = aux_sym_parameter_repeat1,
  [aux_sym_parameter_repeat2] = aux_sym_parameter_repeat2,
  [aux_sym_pointer_repeat1] = aux_sym_pointer_repeat1,
  [aux_sym_pattern_repeat1] = aux_sym_pattern_repeat1,
  [aux_sym_flow_repeat1] = aux_sym_flow_repeat1,
  [aux_sym__atomic_repeat1] = aux_sym__atomic_repeat1,
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
  [anon_sym_SEMI] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_EQ_GT] = {
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
  [anon_sym_struct] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_union] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_enum] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_const] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_volatile] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_restrict] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_void] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_char] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_short] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_int] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_long] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_float] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_double] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_signed] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_unsigned] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_bool] = {
    .visible = true,
    .named = false,
  },
  [anon_sym__Bool] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_size_t] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_ssize_t] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_ptrdiff_t] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_intptr_t] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_uintptr_t] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_off_t] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_int8_t] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_int16_t] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_int32_t] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_int64_t] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_uint8_t] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_uint16_t] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_uint32_t] = {
    .visible = true,
    .named = false,
  },
  [anon_sym_uint64_t] = {
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
  [anon_sym_RBRACE] = {
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
  [sym__boundary] = {
    .visible = false,
    .named = true,
  },
  [sym__probe] = {
    .visible = false,
    .named = true,
  },
  [sym__error_sentinel] = {
    .visible = false,
    .named = true,
  },
  [sym__name] = {
    .visible = true,
    .named = true,
  },
  [sym__paragraph_end] = {
    .visible = false,
    .named = true,
  },
  [sym_source_file] = {
    .visible = true,
    .named = true,
  },
  [sym__paragraph] = {
    .visible = false,
    .named = true,
  },
  [sym__item] = {
    .visible = false,
    .named = true,
  },
  [sym__declaration] = {
    .visible = false,
    .named = true,
    .supertype = true,
  },
  [sym_node_declaration] = {
    .visible = true,
    .named = true,
  },
  [sym__signature] = {
    .visible = false,
    .named = true,
  },
  [sym__signature_inputs] = {
    .visible = false,
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
  [sym__type_word] = {
    .visible = false,
    .named = true,
  },
  [sym_primitive_type] = {
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
  [sym__flow_head] = {
    .visible = false,
    .named = true,
  },
  [sym_pattern] = {
    .visible = true,
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
  [sym__source] = {
    .visible = false,
    .named = true,
  },
  [sym__source_head] = {
    .visible = false,
    .named = true,
  },
  [sym__source_node] = {
    .visible = false,
    .named = true,
  },
  [sym_session_clause] = {
    .visible = true,
    .named = true,
  },
  [sym__session_key] = {
    .visible = false,
    .named = true,
  },
  [sym_typedef_declaration] = {
    .visible = true,
    .named = true,
  },
  [sym__typedef] = {
    .visible = false,
    .named = true,
  },
  [sym__typedef_type] = {
    .visible = false,
    .named = true,
  },
  [sym_handler_declaration] = {
    .visible = true,
    .named = true,
  },
  [sym__handler] = {
    .visible = false,
    .named = true,
  },
  [sym__handler_head] = {
    .visible = false,
    .named = true,
  },
  [sym__handler_node] = {
    .visible = false,
    .named = true,
  },
  [sym__handle_error] = {
    .visible = false,
    .named = true,
  },
  [sym_atomic_declaration] = {
    .visible = true,
    .named = true,
  },
  [sym__atomic] = {
    .visible = false,
    .named = true,
  },
  [sym__atomic_open] = {
    .visible = false,
    .named = true,
  },
  [sym__atomic_head] = {
    .visible = false,
    .named = true,
  },
  [sym__atomic_node] = {
    .visible = false,
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
  [sym__declaration_name] = {
    .visible = false,
    .named = true,
  },
  [aux_sym_source_file_repeat1] = {
    .visible = false,
    .named = false,
  },
  [aux_sym__paragraph_repeat1] = {
    .visible = false,
    .named = false,
  },
  [aux_sym_parameter_list_repeat1] = {
    .visible = false,
    .named = false,
  },
  [aux_sym_parameter_repeat1] = {
    .visible = false,
    .named = false,
  },
  [aux_sym_parameter_repeat2] = {
    .visible = false,
    .named = false,
  },
  [aux_sym_pointer_repeat1] = {
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
  [aux_sym__atomic_repeat1] = {
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
  [1] = {.index = 0, .length = 1},
  [2] = {.index = 1, .length = 1},
  [3] = {.index = 2, .length = 3},
  [4] = {.index = 5, .length = 3},
  [5] = {.index = 8, .length = 2},
  [6] = {.index = 10, .length = 1},
  [7] = {.index = 11, .length = 3},
  [8] = {.index = 14, .length = 3},
  [9] = {.index = 17, .length = 1},
  [10] = {.index = 18, .length = 2},
  [11] = {.index = 20, .length = 2},
  [12] = {.index = 22, .length = 2},
  [13] = {.index = 24, .length = 2},
  [14] = {.index = 26, .length = 1},
  [16] = {.index = 27, .length = 1},
  [17] = {.index = 28, .length = 2},
  [18] = {.index = 30, .length = 3},
  [19] = {.index = 33, .length = 2},
  [20] = {.index = 35, .length = 2},
  [21] = {.index = 37, .length = 2},
  [22] = {.index = 39, .length = 2},
  [23] = {.index = 41, .length = 2},
  [24] = {.index = 43, .length = 1},
  [25] = {.index = 44, .length = 2},
  [26] = {.index = 46, .length = 1},
  [27] = {.index = 47, .length = 2},
  [28] = {.index = 49, .length = 3},
  [29] = {.index = 52, .length = 2},
  [30] = {.index = 54, .length = 3},
};

static const TSFieldMapEntry ts_field_map_entries[] = {
  [0] =
    {field_node, 1},
  [1] =
    {field_type, 1},
  [2] =
    {field_inputs, 0, .inherited = true},
    {field_name, 0, .inherited = true},
    {field_outputs, 0, .inherited = true},
  [5] =
    {field_inputs, 0, .inherited = true},
    {field_name, 0, .inherited = true},
    {field_outputs, 1},
  [8] =
    {field_name, 0, .inherited = true},
    {field_pattern, 0, .inherited = true},
  [10] =
    {field_step, 0},
  [11] =
    {field_node, 0, .inherited = true},
    {field_session, 0, .inherited = true},
    {field_target, 0, .inherited = true},
  [14] =
    {field_node, 0, .inherited = true},
    {field_session, 0, .inherited = true},
    {field_target, 1},
  [17] =
    {field_node, 0, .inherited = true},
  [18] =
    {field_predicate, 0, .inherited = true},
    {field_type, 0, .inherited = true},
  [20] =
    {field_predicate, 1},
    {field_type, 0, .inherited = true},
  [22] =
    {field_handler, 0, .inherited = true},
    {field_node, 0, .inherited = true},
  [24] =
    {field_handler, 1},
    {field_node, 0, .inherited = true},
  [26] =
    {field_name, 0},
  [27] =
    {field_type, 0},
  [28] =
    {field_step, 0},
    {field_step, 1, .inherited = true},
  [30] =
    {field_flow, 1},
    {field_name, 0, .inherited = true},
    {field_pattern, 0, .inherited = true},
  [33] =
    {field_node, 0, .inherited = true},
    {field_session, 1},
  [35] =
    {field_mode, 1},
    {field_name, 0},
  [37] =
    {field_inputs, 1},
    {field_name, 0},
  [39] =
    {field_name, 1},
    {field_type, 0, .inherited = true},
  [41] =
    {field_type, 0, .inherited = true},
    {field_type, 1, .inherited = true},
  [43] =
    {field_step, 1},
  [44] =
    {field_step, 0, .inherited = true},
    {field_step, 1, .inherited = true},
  [46] =
    {field_function, 1},
  [47] =
    {field_name, 0},
    {field_pattern, 2},
  [49] =
    {field_name, 2},
    {field_type, 0, .inherited = true},
    {field_type, 1, .inherited = true},
  [52] =
    {field_name, 0},
    {field_scope, 2},
  [54] =
    {field_mode, 1},
    {field_name, 0},
    {field_scope, 3},
};

static const TSSymbol ts_alias_sequences[PRODUCTION_ID_COUNT][MAX_ALIAS_SEQUENCE_LENGTH] = {
  [0] = {0},
  [15] = {
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
  [99] = 99,
  [100] = 100,
  [101] = 101,
  [102] = 102,
  [103] = 103,
  [104] = 104,
  [105] = 105,
  [106] = 106,
  [107] = 107,
  [108] = 108,
  [109] = 109,
  [110] = 110,
  [111] = 111,
  [112] = 112,
  [113] = 113,
  [114] = 114,
  [115] = 115,
  [116] = 116,
  [117] = 117,
  [118] = 118,
  [119] = 119,
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
        ';', 9,
        '=', 17,
        '?', 23,
        '[', 18,
        ']', 19,
        '{', 22,
        '}', 21,
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
      if (lookahead == ';') ADVANCE(9);
      if (lookahead == '=') ADVANCE(7);
      if (lookahead == '{') ADVANCE(22);
      if (('\t' <= lookahead && lookahead <= '\r') ||
          lookahead == ' ') SKIP(5);
      END_STATE();
    case 6:
      if (lookahead == '>') ADVANCE(20);
      END_STATE();
    case 7:
      if (lookahead == '>') ADVANCE(10);
      END_STATE();
    case 8:
      ACCEPT_TOKEN(ts_builtin_sym_end);
      END_STATE();
    case 9:
      ACCEPT_TOKEN(anon_sym_SEMI);
      END_STATE();
    case 10:
      ACCEPT_TOKEN(anon_sym_EQ_GT);
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
      if (lookahead == '>') ADVANCE(10);
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
      ACCEPT_TOKEN(anon_sym_RBRACE);
      END_STATE();
    case 22:
      ACCEPT_TOKEN(anon_sym_LBRACE);
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
        'b', 3,
        'c', 4,
        'd', 5,
        'e', 6,
        'f', 7,
        'h', 8,
        'i', 9,
        'l', 10,
        'o', 11,
        'p', 12,
        'r', 13,
        's', 14,
        't', 15,
        'u', 16,
        'v', 17,
      );
      if (('\t' <= lookahead && lookahead <= '\r') ||
          lookahead == ' ') SKIP(0);
      END_STATE();
    case 1:
      ACCEPT_TOKEN(anon_sym__);
      if (lookahead == 'B') ADVANCE(18);
      END_STATE();
    case 2:
      if (lookahead == 't') ADVANCE(19);
      END_STATE();
    case 3:
      if (lookahead == 'o') ADVANCE(20);
      END_STATE();
    case 4:
      if (lookahead == 'h') ADVANCE(21);
      if (lookahead == 'o') ADVANCE(22);
      END_STATE();
    case 5:
      if (lookahead == 'o') ADVANCE(23);
      END_STATE();
    case 6:
      if (lookahead == 'n') ADVANCE(24);
      if (lookahead == 'r') ADVANCE(25);
      END_STATE();
    case 7:
      if (lookahead == 'l') ADVANCE(26);
      END_STATE();
    case 8:
      if (lookahead == 'a') ADVANCE(27);
      END_STATE();
    case 9:
      if (lookahead == 'n') ADVANCE(28);
      END_STATE();
    case 10:
      if (lookahead == 'o') ADVANCE(29);
      END_STATE();
    case 11:
      if (lookahead == 'f') ADVANCE(30);
      END_STATE();
    case 12:
      if (lookahead == 'r') ADVANCE(31);
      if (lookahead == 't') ADVANCE(32);
      END_STATE();
    case 13:
      if (lookahead == 'e') ADVANCE(33);
      END_STATE();
    case 14:
      if (lookahead == 'e') ADVANCE(34);
      if (lookahead == 'h') ADVANCE(35);
      if (lookahead == 'i') ADVANCE(36);
      if (lookahead == 'o') ADVANCE(37);
      if (lookahead == 's') ADVANCE(38);
      if (lookahead == 't') ADVANCE(39);
      END_STATE();
    case 15:
      if (lookahead == 'y') ADVANCE(40);
      END_STATE();
    case 16:
      if (lookahead == 'i') ADVANCE(41);
      if (lookahead == 'n') ADVANCE(42);
      END_STATE();
    case 17:
      if (lookahead == 'o') ADVANCE(43);
      END_STATE();
    case 18:
      if (lookahead == 'o') ADVANCE(44);
      END_STATE();
    case 19:
      if (lookahead == 'o') ADVANCE(45);
      END_STATE();
    case 20:
      if (lookahead == 'o') ADVANCE(46);
      END_STATE();
    case 21:
      if (lookahead == 'a') ADVANCE(47);
      END_STATE();
    case 22:
      if (lookahead == 'n') ADVANCE(48);
      END_STATE();
    case 23:
      if (lookahead == 'u') ADVANCE(49);
      END_STATE();
    case 24:
      if (lookahead == 'u') ADVANCE(50);
      END_STATE();
    case 25:
      if (lookahead == 'r') ADVANCE(51);
      END_STATE();
    case 26:
      if (lookahead == 'o') ADVANCE(52);
      END_STATE();
    case 27:
      if (lookahead == 'n') ADVANCE(53);
      END_STATE();
    case 28:
      if (lookahead == 't') ADVANCE(54);
      END_STATE();
    case 29:
      if (lookahead == 'n') ADVANCE(55);
      END_STATE();
    case 30:
      if (lookahead == 'f') ADVANCE(56);
      END_STATE();
    case 31:
      if (lookahead == 'o') ADVANCE(57);
      END_STATE();
    case 32:
      if (lookahead == 'r') ADVANCE(58);
      END_STATE();
    case 33:
      if (lookahead == 's') ADVANCE(59);
      END_STATE();
    case 34:
      if (lookahead == 's') ADVANCE(60);
      END_STATE();
    case 35:
      if (lookahead == 'o') ADVANCE(61);
      END_STATE();
    case 36:
      if (lookahead == 'g') ADVANCE(62);
      if (lookahead == 'z') ADVANCE(63);
      END_STATE();
    case 37:
      if (lookahead == 'u') ADVANCE(64);
      END_STATE();
    case 38:
      if (lookahead == 'i') ADVANCE(65);
      END_STATE();
    case 39:
      if (lookahead == 'r') ADVANCE(66);
      END_STATE();
    case 40:
      if (lookahead == 'p') ADVANCE(67);
      END_STATE();
    case 41:
      if (lookahead == 'n') ADVANCE(68);
      END_STATE();
    case 42:
      if (lookahead == 'i') ADVANCE(69);
      if (lookahead == 's') ADVANCE(70);
      END_STATE();
    case 43:
      if (lookahead == 'i') ADVANCE(71);
      if (lookahead == 'l') ADVANCE(72);
      END_STATE();
    case 44:
      if (lookahead == 'o') ADVANCE(73);
      END_STATE();
    case 45:
      if (lookahead == 'm') ADVANCE(74);
      END_STATE();
    case 46:
      if (lookahead == 'l') ADVANCE(75);
      END_STATE();
    case 47:
      if (lookahead == 'r') ADVANCE(76);
      END_STATE();
    case 48:
      if (lookahead == 's') ADVANCE(77);
      END_STATE();
    case 49:
      if (lookahead == 'b') ADVANCE(78);
      END_STATE();
    case 50:
      if (lookahead == 'm') ADVANCE(79);
      END_STATE();
    case 51:
      if (lookahead == 'o') ADVANCE(80);
      END_STATE();
    case 52:
      if (lookahead == 'a') ADVANCE(81);
      END_STATE();
    case 53:
      if (lookahead == 'd') ADVANCE(82);
      END_STATE();
    case 54:
      ACCEPT_TOKEN(anon_sym_int);
      if (lookahead == '1') ADVANCE(83);
      if (lookahead == '3') ADVANCE(84);
      if (lookahead == '6') ADVANCE(85);
      if (lookahead == '8') ADVANCE(86);
      if (lookahead == 'p') ADVANCE(87);
      END_STATE();
    case 55:
      if (lookahead == 'g') ADVANCE(88);
      END_STATE();
    case 56:
      if (lookahead == '_') ADVANCE(89);
      END_STATE();
    case 57:
      if (lookahead == 'g') ADVANCE(90);
      END_STATE();
    case 58:
      if (lookahead == 'd') ADVANCE(91);
      END_STATE();
    case 59:
      if (lookahead == 't') ADVANCE(92);
      END_STATE();
    case 60:
      if (lookahead == 's') ADVANCE(93);
      END_STATE();
    case 61:
      if (lookahead == 'r') ADVANCE(94);
      END_STATE();
    case 62:
      if (lookahead == 'n') ADVANCE(95);
      END_STATE();
    case 63:
      if (lookahead == 'e') ADVANCE(96);
      END_STATE();
    case 64:
      if (lookahead == 'r') ADVANCE(97);
      END_STATE();
    case 65:
      if (lookahead == 'z') ADVANCE(98);
      END_STATE();
    case 66:
      if (lookahead == 'u') ADVANCE(99);
      END_STATE();
    case 67:
      if (lookahead == 'e') ADVANCE(100);
      END_STATE();
    case 68:
      if (lookahead == 't') ADVANCE(101);
      END_STATE();
    case 69:
      if (lookahead == 'o') ADVANCE(102);
      END_STATE();
    case 70:
      if (lookahead == 'i') ADVANCE(103);
      END_STATE();
    case 71:
      if (lookahead == 'd') ADVANCE(104);
      END_STATE();
    case 72:
      if (lookahead == 'a') ADVANCE(105);
      END_STATE();
    case 73:
      if (lookahead == 'l') ADVANCE(106);
      END_STATE();
    case 74:
      if (lookahead == 'i') ADVANCE(107);
      END_STATE();
    case 75:
      ACCEPT_TOKEN(anon_sym_bool);
      END_STATE();
    case 76:
      ACCEPT_TOKEN(anon_sym_char);
      END_STATE();
    case 77:
      if (lookahead == 't') ADVANCE(108);
      END_STATE();
    case 78:
      if (lookahead == 'l') ADVANCE(109);
      END_STATE();
    case 79:
      ACCEPT_TOKEN(anon_sym_enum);
      END_STATE();
    case 80:
      if (lookahead == 'r') ADVANCE(110);
      END_STATE();
    case 81:
      if (lookahead == 't') ADVANCE(111);
      END_STATE();
    case 82:
      if (lookahead == 'l') ADVANCE(112);
      END_STATE();
    case 83:
      if (lookahead == '6') ADVANCE(113);
      END_STATE();
    case 84:
      if (lookahead == '2') ADVANCE(114);
      END_STATE();
    case 85:
      if (lookahead == '4') ADVANCE(115);
      END_STATE();
    case 86:
      if (lookahead == '_') ADVANCE(116);
      END_STATE();
    case 87:
      if (lookahead == 't') ADVANCE(117);
      END_STATE();
    case 88:
      ACCEPT_TOKEN(anon_sym_long);
      END_STATE();
    case 89:
      if (lookahead == 't') ADVANCE(118);
      END_STATE();
    case 90:
      if (lookahead == 'r') ADVANCE(119);
      END_STATE();
    case 91:
      if (lookahead == 'i') ADVANCE(120);
      END_STATE();
    case 92:
      if (lookahead == 'r') ADVANCE(121);
      END_STATE();
    case 93:
      if (lookahead == 'i') ADVANCE(122);
      END_STATE();
    case 94:
      if (lookahead == 't') ADVANCE(123);
      END_STATE();
    case 95:
      if (lookahead == 'e') ADVANCE(124);
      END_STATE();
    case 96:
      if (lookahead == '_') ADVANCE(125);
      END_STATE();
    case 97:
      if (lookahead == 'c') ADVANCE(126);
      END_STATE();
    case 98:
      if (lookahead == 'e') ADVANCE(127);
      END_STATE();
    case 99:
      if (lookahead == 'c') ADVANCE(128);
      END_STATE();
    case 100:
      if (lookahead == 'd') ADVANCE(129);
      END_STATE();
    case 101:
      if (lookahead == '1') ADVANCE(130);
      if (lookahead == '3') ADVANCE(131);
      if (lookahead == '6') ADVANCE(132);
      if (lookahead == '8') ADVANCE(133);
      if (lookahead == 'p') ADVANCE(134);
      END_STATE();
    case 102:
      if (lookahead == 'n') ADVANCE(135);
      END_STATE();
    case 103:
      if (lookahead == 'g') ADVANCE(136);
      END_STATE();
    case 104:
      ACCEPT_TOKEN(anon_sym_void);
      END_STATE();
    case 105:
      if (lookahead == 't') ADVANCE(137);
      END_STATE();
    case 106:
      ACCEPT_TOKEN(anon_sym__Bool);
      END_STATE();
    case 107:
      if (lookahead == 'c') ADVANCE(138);
      END_STATE();
    case 108:
      ACCEPT_TOKEN(anon_sym_const);
      END_STATE();
    case 109:
      if (lookahead == 'e') ADVANCE(139);
      END_STATE();
    case 110:
      ACCEPT_TOKEN(anon_sym_error);
      END_STATE();
    case 111:
      ACCEPT_TOKEN(anon_sym_float);
      END_STATE();
    case 112:
      if (lookahead == 'e') ADVANCE(140);
      END_STATE();
    case 113:
      if (lookahead == '_') ADVANCE(141);
      END_STATE();
    case 114:
      if (lookahead == '_') ADVANCE(142);
      END_STATE();
    case 115:
      if (lookahead == '_') ADVANCE(143);
      END_STATE();
    case 116:
      if (lookahead == 't') ADVANCE(144);
      END_STATE();
    case 117:
      if (lookahead == 'r') ADVANCE(145);
      END_STATE();
    case 118:
      ACCEPT_TOKEN(anon_sym_off_t);
      END_STATE();
    case 119:
      if (lookahead == 'a') ADVANCE(146);
      END_STATE();
    case 120:
      if (lookahead == 'f') ADVANCE(147);
      END_STATE();
    case 121:
      if (lookahead == 'i') ADVANCE(148);
      END_STATE();
    case 122:
      if (lookahead == 'o') ADVANCE(149);
      END_STATE();
    case 123:
      ACCEPT_TOKEN(anon_sym_short);
      END_STATE();
    case 124:
      if (lookahead == 'd') ADVANCE(150);
      END_STATE();
    case 125:
      if (lookahead == 't') ADVANCE(151);
      END_STATE();
    case 126:
      if (lookahead == 'e') ADVANCE(152);
      END_STATE();
    case 127:
      if (lookahead == '_') ADVANCE(153);
      END_STATE();
    case 128:
      if (lookahead == 't') ADVANCE(154);
      END_STATE();
    case 129:
      if (lookahead == 'e') ADVANCE(155);
      END_STATE();
    case 130:
      if (lookahead == '6') ADVANCE(156);
      END_STATE();
    case 131:
      if (lookahead == '2') ADVANCE(157);
      END_STATE();
    case 132:
      if (lookahead == '4') ADVANCE(158);
      END_STATE();
    case 133:
      if (lookahead == '_') ADVANCE(159);
      END_STATE();
    case 134:
      if (lookahead == 't') ADVANCE(160);
      END_STATE();
    case 135:
      ACCEPT_TOKEN(anon_sym_union);
      END_STATE();
    case 136:
      if (lookahead == 'n') ADVANCE(161);
      END_STATE();
    case 137:
      if (lookahead == 'i') ADVANCE(162);
      END_STATE();
    case 138:
      ACCEPT_TOKEN(anon_sym_atomic);
      END_STATE();
    case 139:
      ACCEPT_TOKEN(anon_sym_double);
      END_STATE();
    case 140:
      ACCEPT_TOKEN(anon_sym_handle);
      END_STATE();
    case 141:
      if (lookahead == 't') ADVANCE(163);
      END_STATE();
    case 142:
      if (lookahead == 't') ADVANCE(164);
      END_STATE();
    case 143:
      if (lookahead == 't') ADVANCE(165);
      END_STATE();
    case 144:
      ACCEPT_TOKEN(anon_sym_int8_t);
      END_STATE();
    case 145:
      if (lookahead == '_') ADVANCE(166);
      END_STATE();
    case 146:
      if (lookahead == 'm') ADVANCE(167);
      END_STATE();
    case 147:
      if (lookahead == 'f') ADVANCE(168);
      END_STATE();
    case 148:
      if (lookahead == 'c') ADVANCE(169);
      END_STATE();
    case 149:
      if (lookahead == 'n') ADVANCE(170);
      END_STATE();
    case 150:
      ACCEPT_TOKEN(anon_sym_signed);
      END_STATE();
    case 151:
      ACCEPT_TOKEN(anon_sym_size_t);
      END_STATE();
    case 152:
      ACCEPT_TOKEN(anon_sym_source);
      END_STATE();
    case 153:
      if (lookahead == 't') ADVANCE(171);
      END_STATE();
    case 154:
      ACCEPT_TOKEN(anon_sym_struct);
      END_STATE();
    case 155:
      if (lookahead == 'f') ADVANCE(172);
      END_STATE();
    case 156:
      if (lookahead == '_') ADVANCE(173);
      END_STATE();
    case 157:
      if (lookahead == '_') ADVANCE(174);
      END_STATE();
    case 158:
      if (lookahead == '_') ADVANCE(175);
      END_STATE();
    case 159:
      if (lookahead == 't') ADVANCE(176);
      END_STATE();
    case 160:
      if (lookahead == 'r') ADVANCE(177);
      END_STATE();
    case 161:
      if (lookahead == 'e') ADVANCE(178);
      END_STATE();
    case 162:
      if (lookahead == 'l') ADVANCE(179);
      END_STATE();
    case 163:
      ACCEPT_TOKEN(anon_sym_int16_t);
      END_STATE();
    case 164:
      ACCEPT_TOKEN(anon_sym_int32_t);
      END_STATE();
    case 165:
      ACCEPT_TOKEN(anon_sym_int64_t);
      END_STATE();
    case 166:
      if (lookahead == 't') ADVANCE(180);
      END_STATE();
    case 167:
      ACCEPT_TOKEN(anon_sym_program);
      END_STATE();
    case 168:
      if (lookahead == '_') ADVANCE(181);
      END_STATE();
    case 169:
      if (lookahead == 't') ADVANCE(182);
      END_STATE();
    case 170:
      ACCEPT_TOKEN(anon_sym_session);
      END_STATE();
    case 171:
      ACCEPT_TOKEN(anon_sym_ssize_t);
      END_STATE();
    case 172:
      ACCEPT_TOKEN(anon_sym_typedef);
      END_STATE();
    case 173:
      if (lookahead == 't') ADVANCE(183);
      END_STATE();
    case 174:
      if (lookahead == 't') ADVANCE(184);
      END_STATE();
    case 175:
      if (lookahead == 't') ADVANCE(185);
      END_STATE();
    case 176:
      ACCEPT_TOKEN(anon_sym_uint8_t);
      END_STATE();
    case 177:
      if (lookahead == '_') ADVANCE(186);
      END_STATE();
    case 178:
      if (lookahead == 'd') ADVANCE(187);
      END_STATE();
    case 179:
      if (lookahead == 'e') ADVANCE(188);
      END_STATE();
    case 180:
      ACCEPT_TOKEN(anon_sym_intptr_t);
      END_STATE();
    case 181:
      if (lookahead == 't') ADVANCE(189);
      END_STATE();
    case 182:
      ACCEPT_TOKEN(anon_sym_restrict);
      END_STATE();
    case 183:
      ACCEPT_TOKEN(anon_sym_uint16_t);
      END_STATE();
    case 184:
      ACCEPT_TOKEN(anon_sym_uint32_t);
      END_STATE();
    case 185:
      ACCEPT_TOKEN(anon_sym_uint64_t);
      END_STATE();
    case 186:
      if (lookahead == 't') ADVANCE(190);
      END_STATE();
    case 187:
      ACCEPT_TOKEN(anon_sym_unsigned);
      END_STATE();
    case 188:
      ACCEPT_TOKEN(anon_sym_volatile);
      END_STATE();
    case 189:
      ACCEPT_TOKEN(anon_sym_ptrdiff_t);
      END_STATE();
    case 190:
      ACCEPT_TOKEN(anon_sym_uintptr_t);
      END_STATE();
    default:
      return false;
  }
}

static const TSLexMode ts_lex_modes[STATE_COUNT] = {
  [0] = {.lex_state = 0, .external_lex_state = 1},
  [1] = {.lex_state = 0, .external_lex_state = 2},
  [2] = {.lex_state = 0, .external_lex_state = 3},
  [3] = {.lex_state = 0, .external_lex_state = 3},
  [4] = {.lex_state = 0, .external_lex_state = 3},
  [5] = {.lex_state = 0, .external_lex_state = 3},
  [6] = {.lex_state = 0, .external_lex_state = 3},
  [7] = {.lex_state = 0, .external_lex_state = 2},
  [8] = {.lex_state = 0, .external_lex_state = 2},
  [9] = {.lex_state = 0, .external_lex_state = 4},
  [10] = {.lex_state = 0, .external_lex_state = 4},
  [11] = {.lex_state = 0, .external_lex_state = 4},
  [12] = {.lex_state = 0, .external_lex_state = 3},
  [13] = {.lex_state = 0, .external_lex_state = 3},
  [14] = {.lex_state = 0, .external_lex_state = 3},
  [15] = {.lex_state = 0, .external_lex_state = 4},
  [16] = {.lex_state = 0, .external_lex_state = 4},
  [17] = {.lex_state = 0, .external_lex_state = 4},
  [18] = {.lex_state = 0, .external_lex_state = 4},
  [19] = {.lex_state = 0, .external_lex_state = 4},
  [20] = {.lex_state = 0, .external_lex_state = 4},
  [21] = {.lex_state = 0, .external_lex_state = 4},
  [22] = {.lex_state = 0, .external_lex_state = 4},
  [23] = {.lex_state = 0, .external_lex_state = 2},
  [24] = {.lex_state = 0, .external_lex_state = 2},
  [25] = {.lex_state = 0, .external_lex_state = 3},
  [26] = {.lex_state = 0, .external_lex_state = 3},
  [27] = {.lex_state = 0, .external_lex_state = 3},
  [28] = {.lex_state = 0, .external_lex_state = 3},
  [29] = {.lex_state = 5, .external_lex_state = 3},
  [30] = {.lex_state = 1, .external_lex_state = 3},
  [31] = {.lex_state = 0, .external_lex_state = 3},
  [32] = {.lex_state = 0, .external_lex_state = 3},
  [33] = {.lex_state = 0, .external_lex_state = 3},
  [34] = {.lex_state = 0, .external_lex_state = 3},
  [35] = {.lex_state = 0, .external_lex_state = 3},
  [36] = {.lex_state = 0, .external_lex_state = 3},
  [37] = {.lex_state = 0, .external_lex_state = 3},
  [38] = {.lex_state = 0, .external_lex_state = 3},
  [39] = {.lex_state = 0, .external_lex_state = 3},
  [40] = {.lex_state = 0, .external_lex_state = 3},
  [41] = {.lex_state = 0, .external_lex_state = 3},
  [42] = {.lex_state = 0, .external_lex_state = 3},
  [43] = {.lex_state = 0, .external_lex_state = 3},
  [44] = {.lex_state = 0, .external_lex_state = 3},
  [45] = {.lex_state = 0, .external_lex_state = 3},
  [46] = {.lex_state = 0, .external_lex_state = 3},
  [47] = {.lex_state = 0, .external_lex_state = 3},
  [48] = {.lex_state = 0, .external_lex_state = 3},
  [49] = {.lex_state = 0, .external_lex_state = 3},
  [50] = {.lex_state = 0, .external_lex_state = 3},
  [51] = {.lex_state = 0, .external_lex_state = 3},
  [52] = {.lex_state = 0, .external_lex_state = 3},
  [53] = {.lex_state = 0, .external_lex_state = 3},
  [54] = {.lex_state = 0, .external_lex_state = 3},
  [55] = {.lex_state = 0, .external_lex_state = 3},
  [56] = {.lex_state = 5, .external_lex_state = 3},
  [57] = {.lex_state = 5, .external_lex_state = 3},
  [58] = {.lex_state = 0, .external_lex_state = 3},
  [59] = {.lex_state = 0, .external_lex_state = 3},
  [60] = {.lex_state = 5, .external_lex_state = 3},
  [61] = {.lex_state = 0, .external_lex_state = 3},
  [62] = {.lex_state = 0, .external_lex_state = 3},
  [63] = {.lex_state = 0, .external_lex_state = 3},
  [64] = {.lex_state = 0, .external_lex_state = 3},
  [65] = {.lex_state = 0, .external_lex_state = 3},
  [66] = {.lex_state = 5, .external_lex_state = 3},
  [67] = {.lex_state = 0, .external_lex_state = 3},
  [68] = {.lex_state = 0, .external_lex_state = 3},
  [69] = {.lex_state = 0, .external_lex_state = 3},
  [70] = {.lex_state = 0, .external_lex_state = 3},
  [71] = {.lex_state = 0, .external_lex_state = 3},
  [72] = {.lex_state = 0, .external_lex_state = 3},
  [73] = {.lex_state = 0, .external_lex_state = 3},
  [74] = {.lex_state = 0, .external_lex_state = 3},
  [75] = {.lex_state = 0, .external_lex_state = 3},
  [76] = {.lex_state = 0, .external_lex_state = 3},
  [77] = {.lex_state = 0, .external_lex_state = 3},
  [78] = {.lex_state = 0, .external_lex_state = 3},
  [79] = {.lex_state = 5, .external_lex_state = 3},
  [80] = {.lex_state = 1, .external_lex_state = 3},
  [81] = {.lex_state = 0, .external_lex_state = 3},
  [82] = {.lex_state = 0, .external_lex_state = 3},
  [83] = {.lex_state = 0, .external_lex_state = 3},
  [84] = {.lex_state = 0, .external_lex_state = 3},
  [85] = {.lex_state = 0, .external_lex_state = 3},
  [86] = {.lex_state = 0, .external_lex_state = 3},
  [87] = {.lex_state = 0, .external_lex_state = 3},
  [88] = {.lex_state = 0, .external_lex_state = 3},
  [89] = {.lex_state = 0, .external_lex_state = 3},
  [90] = {.lex_state = 5, .external_lex_state = 3},
  [91] = {.lex_state = 0, .external_lex_state = 3},
  [92] = {.lex_state = 0, .external_lex_state = 3},
  [93] = {.lex_state = 5, .external_lex_state = 3},
  [94] = {.lex_state = 0, .external_lex_state = 3},
  [95] = {.lex_state = 0, .external_lex_state = 3},
  [96] = {.lex_state = 5, .external_lex_state = 3},
  [97] = {.lex_state = 0, .external_lex_state = 3},
  [98] = {.lex_state = 0, .external_lex_state = 3},
  [99] = {.lex_state = 0, .external_lex_state = 3},
  [100] = {.lex_state = 0, .external_lex_state = 3},
  [101] = {.lex_state = 0, .external_lex_state = 3},
  [102] = {.lex_state = 0, .external_lex_state = 3},
  [103] = {.lex_state = 0, .external_lex_state = 3},
  [104] = {.lex_state = 0, .external_lex_state = 3},
  [105] = {.lex_state = 0, .external_lex_state = 3},
  [106] = {.lex_state = 0, .external_lex_state = 3},
  [107] = {.lex_state = 0, .external_lex_state = 3},
  [108] = {.lex_state = 0, .external_lex_state = 3},
  [109] = {.lex_state = 0, .external_lex_state = 3},
  [110] = {.lex_state = 0, .external_lex_state = 3},
  [111] = {.lex_state = 0, .external_lex_state = 3},
  [112] = {.lex_state = 1, .external_lex_state = 3},
  [113] = {.lex_state = 5, .external_lex_state = 3},
  [114] = {.lex_state = 0, .external_lex_state = 3},
  [115] = {.lex_state = 0, .external_lex_state = 3},
  [116] = {.lex_state = 0, .external_lex_state = 3},
  [117] = {.lex_state = 1, .external_lex_state = 3},
  [118] = {.lex_state = 0, .external_lex_state = 3},
  [119] = {.lex_state = 0, .external_lex_state = 3},
};

static const uint16_t ts_parse_table[LARGE_STATE_COUNT][SYMBOL_COUNT] = {
  [0] = {
    [ts_builtin_sym_end] = ACTIONS(1),
    [sym_identifier] = ACTIONS(1),
    [anon_sym_SEMI] = ACTIONS(1),
    [anon_sym_EQ_GT] = ACTIONS(1),
    [anon_sym_LPAREN] = ACTIONS(1),
    [anon_sym_COMMA] = ACTIONS(1),
    [anon_sym_RPAREN] = ACTIONS(1),
    [anon_sym_struct] = ACTIONS(1),
    [anon_sym_union] = ACTIONS(1),
    [anon_sym_enum] = ACTIONS(1),
    [anon_sym_const] = ACTIONS(1),
    [anon_sym_volatile] = ACTIONS(1),
    [anon_sym_restrict] = ACTIONS(1),
    [anon_sym_void] = ACTIONS(1),
    [anon_sym_char] = ACTIONS(1),
    [anon_sym_short] = ACTIONS(1),
    [anon_sym_int] = ACTIONS(1),
    [anon_sym_long] = ACTIONS(1),
    [anon_sym_float] = ACTIONS(1),
    [anon_sym_double] = ACTIONS(1),
    [anon_sym_signed] = ACTIONS(1),
    [anon_sym_unsigned] = ACTIONS(1),
    [anon_sym_bool] = ACTIONS(1),
    [anon_sym__Bool] = ACTIONS(1),
    [anon_sym_size_t] = ACTIONS(1),
    [anon_sym_ssize_t] = ACTIONS(1),
    [anon_sym_ptrdiff_t] = ACTIONS(1),
    [anon_sym_intptr_t] = ACTIONS(1),
    [anon_sym_uintptr_t] = ACTIONS(1),
    [anon_sym_off_t] = ACTIONS(1),
    [anon_sym_int8_t] = ACTIONS(1),
    [anon_sym_int16_t] = ACTIONS(1),
    [anon_sym_int32_t] = ACTIONS(1),
    [anon_sym_int64_t] = ACTIONS(1),
    [anon_sym_uint8_t] = ACTIONS(1),
    [anon_sym_uint16_t] = ACTIONS(1),
    [anon_sym_uint32_t] = ACTIONS(1),
    [anon_sym_uint64_t] = ACTIONS(1),
    [anon_sym_STAR] = ACTIONS(1),
    [anon_sym_COLON] = ACTIONS(1),
    [anon_sym_EQ] = ACTIONS(1),
    [anon_sym_LBRACK] = ACTIONS(1),
    [anon_sym_RBRACK] = ACTIONS(1),
    [anon_sym__] = ACTIONS(1),
    [anon_sym_DASH_GT] = ACTIONS(1),
    [anon_sym_source] = ACTIONS(1),
    [anon_sym_RBRACE] = ACTIONS(1),
    [anon_sym_LBRACE] = ACTIONS(1),
    [anon_sym_session] = ACTIONS(1),
    [anon_sym_typedef] = ACTIONS(1),
    [anon_sym_handle] = ACTIONS(1),
    [anon_sym_error] = ACTIONS(1),
    [anon_sym_atomic] = ACTIONS(1),
    [anon_sym_QMARK] = ACTIONS(1),
    [anon_sym_BANG] = ACTIONS(1),
    [anon_sym_program] = ACTIONS(1),
    [sym_comment] = ACTIONS(3),
    [sym__boundary] = ACTIONS(1),
    [sym__probe] = ACTIONS(3),
    [sym__error_sentinel] = ACTIONS(1),
    [sym__name] = ACTIONS(1),
    [sym__paragraph_end] = ACTIONS(1),
  },
  [1] = {
    [sym_source_file] = STATE(76),
    [sym__paragraph] = STATE(7),
    [sym__item] = STATE(10),
    [sym__declaration] = STATE(10),
    [sym_node_declaration] = STATE(21),
    [sym__signature] = STATE(104),
    [sym__signature_inputs] = STATE(59),
    [sym_flow_definition] = STATE(21),
    [sym__flow_head] = STATE(42),
    [sym_source_declaration] = STATE(21),
    [sym__source] = STATE(71),
    [sym__source_head] = STATE(103),
    [sym__source_node] = STATE(29),
    [sym_typedef_declaration] = STATE(21),
    [sym__typedef] = STATE(88),
    [sym__typedef_type] = STATE(107),
    [sym_handler_declaration] = STATE(21),
    [sym__handler] = STATE(73),
    [sym__handler_head] = STATE(78),
    [sym__handler_node] = STATE(79),
    [sym__handle_error] = STATE(85),
    [sym_atomic_declaration] = STATE(21),
    [sym__atomic] = STATE(101),
    [sym__atomic_open] = STATE(67),
    [sym__atomic_head] = STATE(114),
    [sym__atomic_node] = STATE(118),
    [sym__declaration_name] = STATE(30),
    [aux_sym_source_file_repeat1] = STATE(7),
    [ts_builtin_sym_end] = ACTIONS(5),
    [anon_sym_source] = ACTIONS(7),
    [anon_sym_typedef] = ACTIONS(9),
    [anon_sym_handle] = ACTIONS(11),
    [anon_sym_atomic] = ACTIONS(13),
    [sym_comment] = ACTIONS(3),
    [sym__boundary] = ACTIONS(15),
    [sym__probe] = ACTIONS(3),
    [sym__name] = ACTIONS(17),
  },
};

static const uint16_t ts_small_parse_table[] = {
  [0] = 9,
    ACTIONS(19), 1,
      sym_identifier,
    ACTIONS(25), 1,
      anon_sym_STAR,
    STATE(5), 1,
      aux_sym_parameter_repeat1,
    STATE(32), 1,
      aux_sym_parameter_repeat2,
    STATE(61), 1,
      sym_pointer,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    STATE(13), 2,
      sym__type_word,
      sym_primitive_type,
    ACTIONS(21), 6,
      anon_sym_struct,
      anon_sym_union,
      anon_sym_enum,
      anon_sym_const,
      anon_sym_volatile,
      anon_sym_restrict,
    ACTIONS(23), 25,
      anon_sym_void,
      anon_sym_char,
      anon_sym_short,
      anon_sym_int,
      anon_sym_long,
      anon_sym_float,
      anon_sym_double,
      anon_sym_signed,
      anon_sym_unsigned,
      anon_sym_bool,
      anon_sym__Bool,
      anon_sym_size_t,
      anon_sym_ssize_t,
      anon_sym_ptrdiff_t,
      anon_sym_intptr_t,
      anon_sym_uintptr_t,
      anon_sym_off_t,
      anon_sym_int8_t,
      anon_sym_int16_t,
      anon_sym_int32_t,
      anon_sym_int64_t,
      anon_sym_uint8_t,
      anon_sym_uint16_t,
      anon_sym_uint32_t,
      anon_sym_uint64_t,
  [59] = 8,
    ACTIONS(27), 1,
      sym_identifier,
    ACTIONS(29), 1,
      anon_sym_RPAREN,
    STATE(2), 1,
      aux_sym_parameter_repeat1,
    STATE(41), 1,
      sym_parameter,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    STATE(13), 2,
      sym__type_word,
      sym_primitive_type,
    ACTIONS(21), 6,
      anon_sym_struct,
      anon_sym_union,
      anon_sym_enum,
      anon_sym_const,
      anon_sym_volatile,
      anon_sym_restrict,
    ACTIONS(23), 25,
      anon_sym_void,
      anon_sym_char,
      anon_sym_short,
      anon_sym_int,
      anon_sym_long,
      anon_sym_float,
      anon_sym_double,
      anon_sym_signed,
      anon_sym_unsigned,
      anon_sym_bool,
      anon_sym__Bool,
      anon_sym_size_t,
      anon_sym_ssize_t,
      anon_sym_ptrdiff_t,
      anon_sym_intptr_t,
      anon_sym_uintptr_t,
      anon_sym_off_t,
      anon_sym_int8_t,
      anon_sym_int16_t,
      anon_sym_int32_t,
      anon_sym_int64_t,
      anon_sym_uint8_t,
      anon_sym_uint16_t,
      anon_sym_uint32_t,
      anon_sym_uint64_t,
  [115] = 7,
    ACTIONS(27), 1,
      sym_identifier,
    STATE(2), 1,
      aux_sym_parameter_repeat1,
    STATE(52), 1,
      sym_parameter,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    STATE(13), 2,
      sym__type_word,
      sym_primitive_type,
    ACTIONS(21), 6,
      anon_sym_struct,
      anon_sym_union,
      anon_sym_enum,
      anon_sym_const,
      anon_sym_volatile,
      anon_sym_restrict,
    ACTIONS(23), 25,
      anon_sym_void,
      anon_sym_char,
      anon_sym_short,
      anon_sym_int,
      anon_sym_long,
      anon_sym_float,
      anon_sym_double,
      anon_sym_signed,
      anon_sym_unsigned,
      anon_sym_bool,
      anon_sym__Bool,
      anon_sym_size_t,
      anon_sym_ssize_t,
      anon_sym_ptrdiff_t,
      anon_sym_intptr_t,
      anon_sym_uintptr_t,
      anon_sym_off_t,
      anon_sym_int8_t,
      anon_sym_int16_t,
      anon_sym_int32_t,
      anon_sym_int64_t,
      anon_sym_uint8_t,
      anon_sym_uint16_t,
      anon_sym_uint32_t,
      anon_sym_uint64_t,
  [168] = 7,
    ACTIONS(31), 1,
      sym_identifier,
    ACTIONS(40), 1,
      anon_sym_STAR,
    STATE(5), 1,
      aux_sym_parameter_repeat1,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    STATE(13), 2,
      sym__type_word,
      sym_primitive_type,
    ACTIONS(34), 6,
      anon_sym_struct,
      anon_sym_union,
      anon_sym_enum,
      anon_sym_const,
      anon_sym_volatile,
      anon_sym_restrict,
    ACTIONS(37), 25,
      anon_sym_void,
      anon_sym_char,
      anon_sym_short,
      anon_sym_int,
      anon_sym_long,
      anon_sym_float,
      anon_sym_double,
      anon_sym_signed,
      anon_sym_unsigned,
      anon_sym_bool,
      anon_sym__Bool,
      anon_sym_size_t,
      anon_sym_ssize_t,
      anon_sym_ptrdiff_t,
      anon_sym_intptr_t,
      anon_sym_uintptr_t,
      anon_sym_off_t,
      anon_sym_int8_t,
      anon_sym_int16_t,
      anon_sym_int32_t,
      anon_sym_int64_t,
      anon_sym_uint8_t,
      anon_sym_uint16_t,
      anon_sym_uint32_t,
      anon_sym_uint64_t,
  [221] = 4,
    ACTIONS(46), 1,
      anon_sym_STAR,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    ACTIONS(44), 2,
      anon_sym_COMMA,
      anon_sym_RPAREN,
    ACTIONS(42), 32,
      anon_sym_struct,
      anon_sym_union,
      anon_sym_enum,
      anon_sym_const,
      anon_sym_volatile,
      anon_sym_restrict,
      anon_sym_void,
      anon_sym_char,
      anon_sym_short,
      anon_sym_int,
      anon_sym_long,
      anon_sym_float,
      anon_sym_double,
      anon_sym_signed,
      anon_sym_unsigned,
      anon_sym_bool,
      anon_sym__Bool,
      anon_sym_size_t,
      anon_sym_ssize_t,
      anon_sym_ptrdiff_t,
      anon_sym_intptr_t,
      anon_sym_uintptr_t,
      anon_sym_off_t,
      anon_sym_int8_t,
      anon_sym_int16_t,
      anon_sym_int32_t,
      anon_sym_int64_t,
      anon_sym_uint8_t,
      anon_sym_uint16_t,
      anon_sym_uint32_t,
      anon_sym_uint64_t,
      sym_identifier,
  [267] = 28,
    ACTIONS(7), 1,
      anon_sym_source,
    ACTIONS(9), 1,
      anon_sym_typedef,
    ACTIONS(11), 1,
      anon_sym_handle,
    ACTIONS(13), 1,
      anon_sym_atomic,
    ACTIONS(15), 1,
      sym__boundary,
    ACTIONS(17), 1,
      sym__name,
    ACTIONS(48), 1,
      ts_builtin_sym_end,
    STATE(29), 1,
      sym__source_node,
    STATE(30), 1,
      sym__declaration_name,
    STATE(42), 1,
      sym__flow_head,
    STATE(59), 1,
      sym__signature_inputs,
    STATE(67), 1,
      sym__atomic_open,
    STATE(71), 1,
      sym__source,
    STATE(73), 1,
      sym__handler,
    STATE(78), 1,
      sym__handler_head,
    STATE(79), 1,
      sym__handler_node,
    STATE(85), 1,
      sym__handle_error,
    STATE(88), 1,
      sym__typedef,
    STATE(101), 1,
      sym__atomic,
    STATE(103), 1,
      sym__source_head,
    STATE(104), 1,
      sym__signature,
    STATE(107), 1,
      sym__typedef_type,
    STATE(114), 1,
      sym__atomic_head,
    STATE(118), 1,
      sym__atomic_node,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    STATE(8), 2,
      sym__paragraph,
      aux_sym_source_file_repeat1,
    STATE(10), 2,
      sym__item,
      sym__declaration,
    STATE(21), 6,
      sym_node_declaration,
      sym_flow_definition,
      sym_source_declaration,
      sym_typedef_declaration,
      sym_handler_declaration,
      sym_atomic_declaration,
  [360] = 28,
    ACTIONS(50), 1,
      ts_builtin_sym_end,
    ACTIONS(52), 1,
      anon_sym_source,
    ACTIONS(55), 1,
      anon_sym_typedef,
    ACTIONS(58), 1,
      anon_sym_handle,
    ACTIONS(61), 1,
      anon_sym_atomic,
    ACTIONS(64), 1,
      sym__boundary,
    ACTIONS(67), 1,
      sym__name,
    STATE(29), 1,
      sym__source_node,
    STATE(30), 1,
      sym__declaration_name,
    STATE(42), 1,
      sym__flow_head,
    STATE(59), 1,
      sym__signature_inputs,
    STATE(67), 1,
      sym__atomic_open,
    STATE(71), 1,
      sym__source,
    STATE(73), 1,
      sym__handler,
    STATE(78), 1,
      sym__handler_head,
    STATE(79), 1,
      sym__handler_node,
    STATE(85), 1,
      sym__handle_error,
    STATE(88), 1,
      sym__typedef,
    STATE(101), 1,
      sym__atomic,
    STATE(103), 1,
      sym__source_head,
    STATE(104), 1,
      sym__signature,
    STATE(107), 1,
      sym__typedef_type,
    STATE(114), 1,
      sym__atomic_head,
    STATE(118), 1,
      sym__atomic_node,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    STATE(8), 2,
      sym__paragraph,
      aux_sym_source_file_repeat1,
    STATE(10), 2,
      sym__item,
      sym__declaration,
    STATE(21), 6,
      sym_node_declaration,
      sym_flow_definition,
      sym_source_declaration,
      sym_typedef_declaration,
      sym_handler_declaration,
      sym_atomic_declaration,
  [453] = 27,
    ACTIONS(72), 1,
      anon_sym_source,
    ACTIONS(75), 1,
      anon_sym_typedef,
    ACTIONS(78), 1,
      anon_sym_handle,
    ACTIONS(81), 1,
      anon_sym_atomic,
    ACTIONS(84), 1,
      sym__boundary,
    ACTIONS(87), 1,
      sym__name,
    STATE(29), 1,
      sym__source_node,
    STATE(30), 1,
      sym__declaration_name,
    STATE(42), 1,
      sym__flow_head,
    STATE(59), 1,
      sym__signature_inputs,
    STATE(67), 1,
      sym__atomic_open,
    STATE(71), 1,
      sym__source,
    STATE(73), 1,
      sym__handler,
    STATE(78), 1,
      sym__handler_head,
    STATE(79), 1,
      sym__handler_node,
    STATE(85), 1,
      sym__handle_error,
    STATE(88), 1,
      sym__typedef,
    STATE(101), 1,
      sym__atomic,
    STATE(103), 1,
      sym__source_head,
    STATE(104), 1,
      sym__signature,
    STATE(107), 1,
      sym__typedef_type,
    STATE(114), 1,
      sym__atomic_head,
    STATE(118), 1,
      sym__atomic_node,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    ACTIONS(70), 2,
      sym__paragraph_end,
      ts_builtin_sym_end,
    STATE(9), 3,
      sym__item,
      sym__declaration,
      aux_sym__paragraph_repeat1,
    STATE(21), 6,
      sym_node_declaration,
      sym_flow_definition,
      sym_source_declaration,
      sym_typedef_declaration,
      sym_handler_declaration,
      sym_atomic_declaration,
  [544] = 28,
    ACTIONS(7), 1,
      anon_sym_source,
    ACTIONS(9), 1,
      anon_sym_typedef,
    ACTIONS(11), 1,
      anon_sym_handle,
    ACTIONS(13), 1,
      anon_sym_atomic,
    ACTIONS(17), 1,
      sym__name,
    ACTIONS(90), 1,
      ts_builtin_sym_end,
    ACTIONS(92), 1,
      sym__boundary,
    ACTIONS(94), 1,
      sym__paragraph_end,
    STATE(29), 1,
      sym__source_node,
    STATE(30), 1,
      sym__declaration_name,
    STATE(42), 1,
      sym__flow_head,
    STATE(59), 1,
      sym__signature_inputs,
    STATE(67), 1,
      sym__atomic_open,
    STATE(71), 1,
      sym__source,
    STATE(73), 1,
      sym__handler,
    STATE(78), 1,
      sym__handler_head,
    STATE(79), 1,
      sym__handler_node,
    STATE(85), 1,
      sym__handle_error,
    STATE(88), 1,
      sym__typedef,
    STATE(101), 1,
      sym__atomic,
    STATE(103), 1,
      sym__source_head,
    STATE(104), 1,
      sym__signature,
    STATE(107), 1,
      sym__typedef_type,
    STATE(114), 1,
      sym__atomic_head,
    STATE(118), 1,
      sym__atomic_node,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    STATE(11), 3,
      sym__item,
      sym__declaration,
      aux_sym__paragraph_repeat1,
    STATE(21), 6,
      sym_node_declaration,
      sym_flow_definition,
      sym_source_declaration,
      sym_typedef_declaration,
      sym_handler_declaration,
      sym_atomic_declaration,
  [637] = 28,
    ACTIONS(7), 1,
      anon_sym_source,
    ACTIONS(9), 1,
      anon_sym_typedef,
    ACTIONS(11), 1,
      anon_sym_handle,
    ACTIONS(13), 1,
      anon_sym_atomic,
    ACTIONS(17), 1,
      sym__name,
    ACTIONS(96), 1,
      ts_builtin_sym_end,
    ACTIONS(98), 1,
      sym__boundary,
    ACTIONS(100), 1,
      sym__paragraph_end,
    STATE(29), 1,
      sym__source_node,
    STATE(30), 1,
      sym__declaration_name,
    STATE(42), 1,
      sym__flow_head,
    STATE(59), 1,
      sym__signature_inputs,
    STATE(67), 1,
      sym__atomic_open,
    STATE(71), 1,
      sym__source,
    STATE(73), 1,
      sym__handler,
    STATE(78), 1,
      sym__handler_head,
    STATE(79), 1,
      sym__handler_node,
    STATE(85), 1,
      sym__handle_error,
    STATE(88), 1,
      sym__typedef,
    STATE(101), 1,
      sym__atomic,
    STATE(103), 1,
      sym__source_head,
    STATE(104), 1,
      sym__signature,
    STATE(107), 1,
      sym__typedef_type,
    STATE(114), 1,
      sym__atomic_head,
    STATE(118), 1,
      sym__atomic_node,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    STATE(9), 3,
      sym__item,
      sym__declaration,
      aux_sym__paragraph_repeat1,
    STATE(21), 6,
      sym_node_declaration,
      sym_flow_definition,
      sym_source_declaration,
      sym_typedef_declaration,
      sym_handler_declaration,
      sym_atomic_declaration,
  [730] = 3,
    ACTIONS(46), 1,
      anon_sym_STAR,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    ACTIONS(42), 32,
      anon_sym_struct,
      anon_sym_union,
      anon_sym_enum,
      anon_sym_const,
      anon_sym_volatile,
      anon_sym_restrict,
      anon_sym_void,
      anon_sym_char,
      anon_sym_short,
      anon_sym_int,
      anon_sym_long,
      anon_sym_float,
      anon_sym_double,
      anon_sym_signed,
      anon_sym_unsigned,
      anon_sym_bool,
      anon_sym__Bool,
      anon_sym_size_t,
      anon_sym_ssize_t,
      anon_sym_ptrdiff_t,
      anon_sym_intptr_t,
      anon_sym_uintptr_t,
      anon_sym_off_t,
      anon_sym_int8_t,
      anon_sym_int16_t,
      anon_sym_int32_t,
      anon_sym_int64_t,
      anon_sym_uint8_t,
      anon_sym_uint16_t,
      anon_sym_uint32_t,
      anon_sym_uint64_t,
      sym_identifier,
  [772] = 3,
    ACTIONS(104), 1,
      anon_sym_STAR,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    ACTIONS(102), 32,
      anon_sym_struct,
      anon_sym_union,
      anon_sym_enum,
      anon_sym_const,
      anon_sym_volatile,
      anon_sym_restrict,
      anon_sym_void,
      anon_sym_char,
      anon_sym_short,
      anon_sym_int,
      anon_sym_long,
      anon_sym_float,
      anon_sym_double,
      anon_sym_signed,
      anon_sym_unsigned,
      anon_sym_bool,
      anon_sym__Bool,
      anon_sym_size_t,
      anon_sym_ssize_t,
      anon_sym_ptrdiff_t,
      anon_sym_intptr_t,
      anon_sym_uintptr_t,
      anon_sym_off_t,
      anon_sym_int8_t,
      anon_sym_int16_t,
      anon_sym_int32_t,
      anon_sym_int64_t,
      anon_sym_uint8_t,
      anon_sym_uint16_t,
      anon_sym_uint32_t,
      anon_sym_uint64_t,
      sym_identifier,
  [814] = 3,
    ACTIONS(108), 1,
      anon_sym_STAR,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    ACTIONS(106), 32,
      anon_sym_struct,
      anon_sym_union,
      anon_sym_enum,
      anon_sym_const,
      anon_sym_volatile,
      anon_sym_restrict,
      anon_sym_void,
      anon_sym_char,
      anon_sym_short,
      anon_sym_int,
      anon_sym_long,
      anon_sym_float,
      anon_sym_double,
      anon_sym_signed,
      anon_sym_unsigned,
      anon_sym_bool,
      anon_sym__Bool,
      anon_sym_size_t,
      anon_sym_ssize_t,
      anon_sym_ptrdiff_t,
      anon_sym_intptr_t,
      anon_sym_uintptr_t,
      anon_sym_off_t,
      anon_sym_int8_t,
      anon_sym_int16_t,
      anon_sym_int32_t,
      anon_sym_int64_t,
      anon_sym_uint8_t,
      anon_sym_uint16_t,
      anon_sym_uint32_t,
      anon_sym_uint64_t,
      sym_identifier,
  [856] = 2,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    ACTIONS(110), 8,
      sym__boundary,
      sym__name,
      sym__paragraph_end,
      ts_builtin_sym_end,
      anon_sym_source,
      anon_sym_typedef,
      anon_sym_handle,
      anon_sym_atomic,
  [871] = 2,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    ACTIONS(112), 8,
      sym__boundary,
      sym__name,
      sym__paragraph_end,
      ts_builtin_sym_end,
      anon_sym_source,
      anon_sym_typedef,
      anon_sym_handle,
      anon_sym_atomic,
  [886] = 2,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    ACTIONS(114), 8,
      sym__boundary,
      sym__name,
      sym__paragraph_end,
      ts_builtin_sym_end,
      anon_sym_source,
      anon_sym_typedef,
      anon_sym_handle,
      anon_sym_atomic,
  [901] = 2,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    ACTIONS(116), 8,
      sym__boundary,
      sym__name,
      sym__paragraph_end,
      ts_builtin_sym_end,
      anon_sym_source,
      anon_sym_typedef,
      anon_sym_handle,
      anon_sym_atomic,
  [916] = 2,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    ACTIONS(118), 8,
      sym__boundary,
      sym__name,
      sym__paragraph_end,
      ts_builtin_sym_end,
      anon_sym_source,
      anon_sym_typedef,
      anon_sym_handle,
      anon_sym_atomic,
  [931] = 2,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    ACTIONS(120), 8,
      sym__boundary,
      sym__name,
      sym__paragraph_end,
      ts_builtin_sym_end,
      anon_sym_source,
      anon_sym_typedef,
      anon_sym_handle,
      anon_sym_atomic,
  [946] = 2,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    ACTIONS(122), 8,
      sym__boundary,
      sym__name,
      sym__paragraph_end,
      ts_builtin_sym_end,
      anon_sym_source,
      anon_sym_typedef,
      anon_sym_handle,
      anon_sym_atomic,
  [961] = 2,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    ACTIONS(124), 8,
      sym__boundary,
      sym__name,
      sym__paragraph_end,
      ts_builtin_sym_end,
      anon_sym_source,
      anon_sym_typedef,
      anon_sym_handle,
      anon_sym_atomic,
  [976] = 2,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    ACTIONS(126), 7,
      sym__boundary,
      sym__name,
      ts_builtin_sym_end,
      anon_sym_source,
      anon_sym_typedef,
      anon_sym_handle,
      anon_sym_atomic,
  [990] = 2,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    ACTIONS(96), 7,
      sym__boundary,
      sym__name,
      ts_builtin_sym_end,
      anon_sym_source,
      anon_sym_typedef,
      anon_sym_handle,
      anon_sym_atomic,
  [1004] = 5,
    ACTIONS(128), 1,
      anon_sym_LPAREN,
    STATE(38), 1,
      sym_mode,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    ACTIONS(130), 2,
      anon_sym_COMMA,
      anon_sym_RBRACE,
    ACTIONS(132), 2,
      anon_sym_QMARK,
      anon_sym_BANG,
  [1023] = 5,
    ACTIONS(134), 1,
      sym_identifier,
    ACTIONS(139), 1,
      anon_sym_STAR,
    STATE(26), 1,
      aux_sym_pointer_repeat1,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    ACTIONS(136), 3,
      anon_sym_const,
      anon_sym_volatile,
      anon_sym_restrict,
  [1042] = 5,
    ACTIONS(141), 1,
      sym_identifier,
    ACTIONS(145), 1,
      anon_sym_STAR,
    STATE(28), 1,
      aux_sym_pointer_repeat1,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    ACTIONS(143), 3,
      anon_sym_const,
      anon_sym_volatile,
      anon_sym_restrict,
  [1061] = 5,
    ACTIONS(147), 1,
      sym_identifier,
    ACTIONS(151), 1,
      anon_sym_STAR,
    STATE(26), 1,
      aux_sym_pointer_repeat1,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    ACTIONS(149), 3,
      anon_sym_const,
      anon_sym_volatile,
      anon_sym_restrict,
  [1080] = 5,
    ACTIONS(153), 1,
      anon_sym_EQ_GT,
    ACTIONS(155), 1,
      anon_sym_LBRACE,
    STATE(96), 1,
      sym_session_clause,
    STATE(99), 1,
      sym__session_key,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1097] = 5,
    ACTIONS(157), 1,
      anon_sym_LPAREN,
    ACTIONS(159), 1,
      anon_sym_COLON,
    ACTIONS(161), 1,
      anon_sym_EQ,
    STATE(90), 1,
      sym_parameter_list,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1114] = 5,
    ACTIONS(163), 1,
      sym_identifier,
    ACTIONS(165), 1,
      anon_sym_STAR,
    ACTIONS(167), 1,
      anon_sym__,
    STATE(44), 1,
      sym_wildcard,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1131] = 5,
    ACTIONS(25), 1,
      anon_sym_STAR,
    ACTIONS(169), 1,
      sym_identifier,
    STATE(34), 1,
      aux_sym_parameter_repeat2,
    STATE(61), 1,
      sym_pointer,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1148] = 5,
    ACTIONS(165), 1,
      anon_sym_STAR,
    ACTIONS(167), 1,
      anon_sym__,
    ACTIONS(171), 1,
      sym_identifier,
    STATE(53), 1,
      sym_wildcard,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1165] = 5,
    ACTIONS(173), 1,
      sym_identifier,
    ACTIONS(175), 1,
      anon_sym_STAR,
    STATE(34), 1,
      aux_sym_parameter_repeat2,
    STATE(61), 1,
      sym_pointer,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1182] = 3,
    STATE(119), 1,
      sym_scope,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    ACTIONS(178), 2,
      anon_sym_session,
      anon_sym_program,
  [1194] = 2,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    ACTIONS(180), 3,
      anon_sym_LPAREN,
      anon_sym_COMMA,
      anon_sym_RBRACE,
  [1204] = 4,
    ACTIONS(182), 1,
      anon_sym_SEMI,
    ACTIONS(184), 1,
      anon_sym_DASH_GT,
    STATE(50), 1,
      aux_sym_flow_repeat1,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1218] = 3,
    ACTIONS(186), 1,
      anon_sym_LPAREN,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    ACTIONS(188), 2,
      anon_sym_COMMA,
      anon_sym_RBRACE,
  [1230] = 4,
    ACTIONS(190), 1,
      anon_sym_COMMA,
    ACTIONS(192), 1,
      anon_sym_RBRACE,
    STATE(45), 1,
      aux_sym__atomic_repeat1,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1244] = 4,
    ACTIONS(194), 1,
      anon_sym_COMMA,
    ACTIONS(196), 1,
      anon_sym_RPAREN,
    STATE(46), 1,
      aux_sym_parameter_list_repeat1,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1258] = 4,
    ACTIONS(194), 1,
      anon_sym_COMMA,
    ACTIONS(198), 1,
      anon_sym_RPAREN,
    STATE(40), 1,
      aux_sym_parameter_list_repeat1,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1272] = 4,
    ACTIONS(200), 1,
      sym_identifier,
    ACTIONS(202), 1,
      anon_sym_SEMI,
    STATE(84), 1,
      sym_flow,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1286] = 4,
    ACTIONS(204), 1,
      anon_sym_SEMI,
    ACTIONS(206), 1,
      anon_sym_DASH_GT,
    STATE(43), 1,
      aux_sym_flow_repeat1,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1300] = 4,
    ACTIONS(209), 1,
      anon_sym_COMMA,
    ACTIONS(211), 1,
      anon_sym_RBRACK,
    STATE(49), 1,
      aux_sym_pattern_repeat1,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1314] = 4,
    ACTIONS(213), 1,
      anon_sym_COMMA,
    ACTIONS(216), 1,
      anon_sym_RBRACE,
    STATE(45), 1,
      aux_sym__atomic_repeat1,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1328] = 4,
    ACTIONS(218), 1,
      anon_sym_COMMA,
    ACTIONS(221), 1,
      anon_sym_RPAREN,
    STATE(46), 1,
      aux_sym_parameter_list_repeat1,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1342] = 4,
    ACTIONS(190), 1,
      anon_sym_COMMA,
    ACTIONS(223), 1,
      anon_sym_RBRACE,
    STATE(39), 1,
      aux_sym__atomic_repeat1,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1356] = 3,
    STATE(110), 1,
      sym_scope,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    ACTIONS(178), 2,
      anon_sym_session,
      anon_sym_program,
  [1368] = 4,
    ACTIONS(209), 1,
      anon_sym_COMMA,
    ACTIONS(225), 1,
      anon_sym_RBRACK,
    STATE(51), 1,
      aux_sym_pattern_repeat1,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1382] = 4,
    ACTIONS(184), 1,
      anon_sym_DASH_GT,
    ACTIONS(227), 1,
      anon_sym_SEMI,
    STATE(43), 1,
      aux_sym_flow_repeat1,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1396] = 4,
    ACTIONS(229), 1,
      anon_sym_COMMA,
    ACTIONS(232), 1,
      anon_sym_RBRACK,
    STATE(51), 1,
      aux_sym_pattern_repeat1,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1410] = 2,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    ACTIONS(221), 2,
      anon_sym_COMMA,
      anon_sym_RPAREN,
  [1419] = 2,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    ACTIONS(232), 2,
      anon_sym_COMMA,
      anon_sym_RBRACK,
  [1428] = 3,
    ACTIONS(234), 1,
      anon_sym_LBRACK,
    STATE(80), 1,
      sym_pattern,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1439] = 2,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    ACTIONS(236), 2,
      anon_sym_SEMI,
      sym_identifier,
  [1448] = 2,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    ACTIONS(238), 2,
      anon_sym_SEMI,
      anon_sym_EQ_GT,
  [1457] = 2,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    ACTIONS(240), 2,
      anon_sym_EQ_GT,
      anon_sym_LBRACE,
  [1466] = 3,
    ACTIONS(242), 1,
      sym_identifier,
    STATE(63), 1,
      sym_constraint,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1477] = 3,
    ACTIONS(157), 1,
      anon_sym_LPAREN,
    STATE(75), 1,
      sym_parameter_list,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1488] = 2,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    ACTIONS(244), 2,
      anon_sym_SEMI,
      anon_sym_EQ_GT,
  [1497] = 2,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    ACTIONS(246), 2,
      anon_sym_STAR,
      sym_identifier,
  [1506] = 2,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    ACTIONS(248), 2,
      anon_sym_SEMI,
      anon_sym_DASH_GT,
  [1515] = 2,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    ACTIONS(216), 2,
      anon_sym_COMMA,
      anon_sym_RBRACE,
  [1524] = 2,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    ACTIONS(250), 2,
      anon_sym_COMMA,
      anon_sym_RBRACK,
  [1533] = 2,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    ACTIONS(252), 2,
      anon_sym_SEMI,
      sym_identifier,
  [1542] = 2,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    ACTIONS(254), 2,
      anon_sym_SEMI,
      anon_sym_EQ_GT,
  [1551] = 3,
    ACTIONS(242), 1,
      sym_identifier,
    STATE(47), 1,
      sym_constraint,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1562] = 2,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    ACTIONS(256), 2,
      anon_sym_COMMA,
      anon_sym_RPAREN,
  [1571] = 2,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    ACTIONS(258), 2,
      anon_sym_COMMA,
      anon_sym_RBRACE,
  [1580] = 2,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    ACTIONS(260), 2,
      anon_sym_COMMA,
      anon_sym_RBRACE,
  [1589] = 2,
    ACTIONS(262), 1,
      anon_sym_SEMI,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1597] = 2,
    ACTIONS(264), 1,
      anon_sym_RBRACE,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1605] = 2,
    ACTIONS(266), 1,
      anon_sym_SEMI,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1613] = 2,
    ACTIONS(268), 1,
      sym_identifier,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1621] = 2,
    ACTIONS(270), 1,
      anon_sym_SEMI,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1629] = 2,
    ACTIONS(272), 1,
      ts_builtin_sym_end,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1637] = 2,
    ACTIONS(274), 1,
      anon_sym_SEMI,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1645] = 2,
    ACTIONS(276), 1,
      sym_identifier,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1653] = 2,
    ACTIONS(278), 1,
      anon_sym_EQ_GT,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1661] = 2,
    ACTIONS(280), 1,
      anon_sym_EQ,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1669] = 2,
    ACTIONS(282), 1,
      anon_sym_LPAREN,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1677] = 2,
    ACTIONS(284), 1,
      sym_identifier,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1685] = 2,
    ACTIONS(286), 1,
      sym_identifier,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1693] = 2,
    ACTIONS(288), 1,
      anon_sym_SEMI,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1701] = 2,
    ACTIONS(290), 1,
      sym_identifier,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1709] = 2,
    ACTIONS(292), 1,
      anon_sym_SEMI,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1717] = 2,
    ACTIONS(294), 1,
      anon_sym_LBRACE,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1725] = 2,
    ACTIONS(296), 1,
      anon_sym_SEMI,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1733] = 2,
    ACTIONS(298), 1,
      sym_identifier,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1741] = 2,
    ACTIONS(300), 1,
      anon_sym_EQ_GT,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1749] = 2,
    ACTIONS(302), 1,
      anon_sym_session,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1757] = 2,
    ACTIONS(304), 1,
      sym_identifier,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1765] = 2,
    ACTIONS(306), 1,
      anon_sym_EQ_GT,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1773] = 2,
    ACTIONS(308), 1,
      anon_sym_RPAREN,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1781] = 2,
    ACTIONS(310), 1,
      sym_identifier,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1789] = 2,
    ACTIONS(312), 1,
      anon_sym_EQ_GT,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1797] = 2,
    ACTIONS(314), 1,
      sym_identifier,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1805] = 2,
    ACTIONS(316), 1,
      anon_sym_SEMI,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1813] = 2,
    ACTIONS(318), 1,
      sym_identifier,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1821] = 2,
    ACTIONS(320), 1,
      sym_identifier,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1829] = 2,
    ACTIONS(322), 1,
      anon_sym_SEMI,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1837] = 2,
    ACTIONS(324), 1,
      anon_sym_COLON,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1845] = 2,
    ACTIONS(326), 1,
      sym_identifier,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1853] = 2,
    ACTIONS(328), 1,
      anon_sym_SEMI,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1861] = 2,
    ACTIONS(330), 1,
      anon_sym_SEMI,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1869] = 2,
    ACTIONS(332), 1,
      sym_identifier,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1877] = 2,
    ACTIONS(334), 1,
      sym_identifier,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1885] = 2,
    ACTIONS(336), 1,
      anon_sym_SEMI,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1893] = 2,
    ACTIONS(338), 1,
      anon_sym_error,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1901] = 2,
    ACTIONS(340), 1,
      anon_sym_RPAREN,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1909] = 2,
    ACTIONS(342), 1,
      sym_identifier,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1917] = 2,
    ACTIONS(344), 1,
      anon_sym_EQ,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1925] = 2,
    ACTIONS(346), 1,
      anon_sym_EQ_GT,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1933] = 2,
    ACTIONS(348), 1,
      anon_sym_LBRACE,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1941] = 2,
    ACTIONS(350), 1,
      anon_sym_COLON,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1949] = 2,
    ACTIONS(352), 1,
      sym_identifier,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1957] = 2,
    ACTIONS(354), 1,
      anon_sym_EQ,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1965] = 2,
    ACTIONS(356), 1,
      anon_sym_COLON,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1973] = 2,
    ACTIONS(358), 1,
      anon_sym_RPAREN,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
};

static const uint32_t ts_small_parse_table_map[] = {
  [SMALL_STATE(2)] = 0,
  [SMALL_STATE(3)] = 59,
  [SMALL_STATE(4)] = 115,
  [SMALL_STATE(5)] = 168,
  [SMALL_STATE(6)] = 221,
  [SMALL_STATE(7)] = 267,
  [SMALL_STATE(8)] = 360,
  [SMALL_STATE(9)] = 453,
  [SMALL_STATE(10)] = 544,
  [SMALL_STATE(11)] = 637,
  [SMALL_STATE(12)] = 730,
  [SMALL_STATE(13)] = 772,
  [SMALL_STATE(14)] = 814,
  [SMALL_STATE(15)] = 856,
  [SMALL_STATE(16)] = 871,
  [SMALL_STATE(17)] = 886,
  [SMALL_STATE(18)] = 901,
  [SMALL_STATE(19)] = 916,
  [SMALL_STATE(20)] = 931,
  [SMALL_STATE(21)] = 946,
  [SMALL_STATE(22)] = 961,
  [SMALL_STATE(23)] = 976,
  [SMALL_STATE(24)] = 990,
  [SMALL_STATE(25)] = 1004,
  [SMALL_STATE(26)] = 1023,
  [SMALL_STATE(27)] = 1042,
  [SMALL_STATE(28)] = 1061,
  [SMALL_STATE(29)] = 1080,
  [SMALL_STATE(30)] = 1097,
  [SMALL_STATE(31)] = 1114,
  [SMALL_STATE(32)] = 1131,
  [SMALL_STATE(33)] = 1148,
  [SMALL_STATE(34)] = 1165,
  [SMALL_STATE(35)] = 1182,
  [SMALL_STATE(36)] = 1194,
  [SMALL_STATE(37)] = 1204,
  [SMALL_STATE(38)] = 1218,
  [SMALL_STATE(39)] = 1230,
  [SMALL_STATE(40)] = 1244,
  [SMALL_STATE(41)] = 1258,
  [SMALL_STATE(42)] = 1272,
  [SMALL_STATE(43)] = 1286,
  [SMALL_STATE(44)] = 1300,
  [SMALL_STATE(45)] = 1314,
  [SMALL_STATE(46)] = 1328,
  [SMALL_STATE(47)] = 1342,
  [SMALL_STATE(48)] = 1356,
  [SMALL_STATE(49)] = 1368,
  [SMALL_STATE(50)] = 1382,
  [SMALL_STATE(51)] = 1396,
  [SMALL_STATE(52)] = 1410,
  [SMALL_STATE(53)] = 1419,
  [SMALL_STATE(54)] = 1428,
  [SMALL_STATE(55)] = 1439,
  [SMALL_STATE(56)] = 1448,
  [SMALL_STATE(57)] = 1457,
  [SMALL_STATE(58)] = 1466,
  [SMALL_STATE(59)] = 1477,
  [SMALL_STATE(60)] = 1488,
  [SMALL_STATE(61)] = 1497,
  [SMALL_STATE(62)] = 1506,
  [SMALL_STATE(63)] = 1515,
  [SMALL_STATE(64)] = 1524,
  [SMALL_STATE(65)] = 1533,
  [SMALL_STATE(66)] = 1542,
  [SMALL_STATE(67)] = 1551,
  [SMALL_STATE(68)] = 1562,
  [SMALL_STATE(69)] = 1571,
  [SMALL_STATE(70)] = 1580,
  [SMALL_STATE(71)] = 1589,
  [SMALL_STATE(72)] = 1597,
  [SMALL_STATE(73)] = 1605,
  [SMALL_STATE(74)] = 1613,
  [SMALL_STATE(75)] = 1621,
  [SMALL_STATE(76)] = 1629,
  [SMALL_STATE(77)] = 1637,
  [SMALL_STATE(78)] = 1645,
  [SMALL_STATE(79)] = 1653,
  [SMALL_STATE(80)] = 1661,
  [SMALL_STATE(81)] = 1669,
  [SMALL_STATE(82)] = 1677,
  [SMALL_STATE(83)] = 1685,
  [SMALL_STATE(84)] = 1693,
  [SMALL_STATE(85)] = 1701,
  [SMALL_STATE(86)] = 1709,
  [SMALL_STATE(87)] = 1717,
  [SMALL_STATE(88)] = 1725,
  [SMALL_STATE(89)] = 1733,
  [SMALL_STATE(90)] = 1741,
  [SMALL_STATE(91)] = 1749,
  [SMALL_STATE(92)] = 1757,
  [SMALL_STATE(93)] = 1765,
  [SMALL_STATE(94)] = 1773,
  [SMALL_STATE(95)] = 1781,
  [SMALL_STATE(96)] = 1789,
  [SMALL_STATE(97)] = 1797,
  [SMALL_STATE(98)] = 1805,
  [SMALL_STATE(99)] = 1813,
  [SMALL_STATE(100)] = 1821,
  [SMALL_STATE(101)] = 1829,
  [SMALL_STATE(102)] = 1837,
  [SMALL_STATE(103)] = 1845,
  [SMALL_STATE(104)] = 1853,
  [SMALL_STATE(105)] = 1861,
  [SMALL_STATE(106)] = 1869,
  [SMALL_STATE(107)] = 1877,
  [SMALL_STATE(108)] = 1885,
  [SMALL_STATE(109)] = 1893,
  [SMALL_STATE(110)] = 1901,
  [SMALL_STATE(111)] = 1909,
  [SMALL_STATE(112)] = 1917,
  [SMALL_STATE(113)] = 1925,
  [SMALL_STATE(114)] = 1933,
  [SMALL_STATE(115)] = 1941,
  [SMALL_STATE(116)] = 1949,
  [SMALL_STATE(117)] = 1957,
  [SMALL_STATE(118)] = 1965,
  [SMALL_STATE(119)] = 1973,
};

static const TSParseActionEntry ts_parse_actions[] = {
  [0] = {.entry = {.count = 0, .reusable = false}},
  [1] = {.entry = {.count = 1, .reusable = false}}, RECOVER(),
  [3] = {.entry = {.count = 1, .reusable = true}}, SHIFT_EXTRA(),
  [5] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_source_file, 0, 0, 0),
  [7] = {.entry = {.count = 1, .reusable = true}}, SHIFT(83),
  [9] = {.entry = {.count = 1, .reusable = true}}, SHIFT(82),
  [11] = {.entry = {.count = 1, .reusable = true}}, SHIFT(109),
  [13] = {.entry = {.count = 1, .reusable = true}}, SHIFT(74),
  [15] = {.entry = {.count = 1, .reusable = true}}, SHIFT(10),
  [17] = {.entry = {.count = 1, .reusable = true}}, SHIFT(30),
  [19] = {.entry = {.count = 1, .reusable = false}}, SHIFT(6),
  [21] = {.entry = {.count = 1, .reusable = false}}, SHIFT(13),
  [23] = {.entry = {.count = 1, .reusable = false}}, SHIFT(14),
  [25] = {.entry = {.count = 1, .reusable = true}}, SHIFT(27),
  [27] = {.entry = {.count = 1, .reusable = false}}, SHIFT(12),
  [29] = {.entry = {.count = 1, .reusable = true}}, SHIFT(56),
  [31] = {.entry = {.count = 2, .reusable = false}}, REDUCE(aux_sym_parameter_repeat1, 2, 0, 23), SHIFT_REPEAT(12),
  [34] = {.entry = {.count = 2, .reusable = false}}, REDUCE(aux_sym_parameter_repeat1, 2, 0, 23), SHIFT_REPEAT(13),
  [37] = {.entry = {.count = 2, .reusable = false}}, REDUCE(aux_sym_parameter_repeat1, 2, 0, 23), SHIFT_REPEAT(14),
  [40] = {.entry = {.count = 1, .reusable = true}}, REDUCE(aux_sym_parameter_repeat1, 2, 0, 23),
  [42] = {.entry = {.count = 1, .reusable = false}}, REDUCE(sym__type_word, 1, 0, 15),
  [44] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_parameter, 2, 0, 22),
  [46] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym__type_word, 1, 0, 15),
  [48] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_source_file, 1, 0, 0),
  [50] = {.entry = {.count = 1, .reusable = true}}, REDUCE(aux_sym_source_file_repeat1, 2, 0, 0),
  [52] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_source_file_repeat1, 2, 0, 0), SHIFT_REPEAT(83),
  [55] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_source_file_repeat1, 2, 0, 0), SHIFT_REPEAT(82),
  [58] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_source_file_repeat1, 2, 0, 0), SHIFT_REPEAT(109),
  [61] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_source_file_repeat1, 2, 0, 0), SHIFT_REPEAT(74),
  [64] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_source_file_repeat1, 2, 0, 0), SHIFT_REPEAT(10),
  [67] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_source_file_repeat1, 2, 0, 0), SHIFT_REPEAT(30),
  [70] = {.entry = {.count = 1, .reusable = true}}, REDUCE(aux_sym__paragraph_repeat1, 2, 0, 0),
  [72] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym__paragraph_repeat1, 2, 0, 0), SHIFT_REPEAT(83),
  [75] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym__paragraph_repeat1, 2, 0, 0), SHIFT_REPEAT(82),
  [78] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym__paragraph_repeat1, 2, 0, 0), SHIFT_REPEAT(109),
  [81] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym__paragraph_repeat1, 2, 0, 0), SHIFT_REPEAT(74),
  [84] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym__paragraph_repeat1, 2, 0, 0), SHIFT_REPEAT(9),
  [87] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym__paragraph_repeat1, 2, 0, 0), SHIFT_REPEAT(30),
  [90] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym__paragraph, 1, 0, 0),
  [92] = {.entry = {.count = 1, .reusable = true}}, SHIFT(11),
  [94] = {.entry = {.count = 1, .reusable = true}}, SHIFT(24),
  [96] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym__paragraph, 2, 0, 0),
  [98] = {.entry = {.count = 1, .reusable = true}}, SHIFT(9),
  [100] = {.entry = {.count = 1, .reusable = true}}, SHIFT(23),
  [102] = {.entry = {.count = 1, .reusable = false}}, REDUCE(aux_sym_parameter_repeat1, 1, 0, 16),
  [104] = {.entry = {.count = 1, .reusable = true}}, REDUCE(aux_sym_parameter_repeat1, 1, 0, 16),
  [106] = {.entry = {.count = 1, .reusable = false}}, REDUCE(sym_primitive_type, 1, 0, 0),
  [108] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_primitive_type, 1, 0, 0),
  [110] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_node_declaration, 2, 0, 3),
  [112] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_flow_definition, 2, 0, 5),
  [114] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_source_declaration, 2, 0, 7),
  [116] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_typedef_declaration, 2, 0, 10),
  [118] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_handler_declaration, 2, 0, 12),
  [120] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_atomic_declaration, 2, 0, 9),
  [122] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym__declaration, 1, 0, 0),
  [124] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_flow_definition, 3, 0, 18),
  [126] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym__paragraph, 3, 0, 0),
  [128] = {.entry = {.count = 1, .reusable = true}}, SHIFT(35),
  [130] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_constraint, 1, 0, 14),
  [132] = {.entry = {.count = 1, .reusable = true}}, SHIFT(36),
  [134] = {.entry = {.count = 1, .reusable = false}}, REDUCE(aux_sym_pointer_repeat1, 2, 0, 0),
  [136] = {.entry = {.count = 2, .reusable = false}}, REDUCE(aux_sym_pointer_repeat1, 2, 0, 0), SHIFT_REPEAT(26),
  [139] = {.entry = {.count = 1, .reusable = true}}, REDUCE(aux_sym_pointer_repeat1, 2, 0, 0),
  [141] = {.entry = {.count = 1, .reusable = false}}, REDUCE(sym_pointer, 1, 0, 0),
  [143] = {.entry = {.count = 1, .reusable = false}}, SHIFT(28),
  [145] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_pointer, 1, 0, 0),
  [147] = {.entry = {.count = 1, .reusable = false}}, REDUCE(sym_pointer, 2, 0, 0),
  [149] = {.entry = {.count = 1, .reusable = false}}, SHIFT(26),
  [151] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_pointer, 2, 0, 0),
  [153] = {.entry = {.count = 1, .reusable = true}}, SHIFT(89),
  [155] = {.entry = {.count = 1, .reusable = true}}, SHIFT(91),
  [157] = {.entry = {.count = 1, .reusable = true}}, SHIFT(3),
  [159] = {.entry = {.count = 1, .reusable = true}}, SHIFT(54),
  [161] = {.entry = {.count = 1, .reusable = true}}, SHIFT(55),
  [163] = {.entry = {.count = 1, .reusable = false}}, SHIFT(44),
  [165] = {.entry = {.count = 1, .reusable = true}}, SHIFT(64),
  [167] = {.entry = {.count = 1, .reusable = false}}, SHIFT(64),
  [169] = {.entry = {.count = 1, .reusable = true}}, SHIFT(68),
  [171] = {.entry = {.count = 1, .reusable = false}}, SHIFT(53),
  [173] = {.entry = {.count = 1, .reusable = true}}, REDUCE(aux_sym_parameter_repeat2, 2, 0, 23),
  [175] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_parameter_repeat2, 2, 0, 23), SHIFT_REPEAT(27),
  [178] = {.entry = {.count = 1, .reusable = true}}, SHIFT(94),
  [180] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_mode, 1, 0, 0),
  [182] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_flow, 1, 0, 6),
  [184] = {.entry = {.count = 1, .reusable = true}}, SHIFT(106),
  [186] = {.entry = {.count = 1, .reusable = true}}, SHIFT(48),
  [188] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_constraint, 2, 0, 20),
  [190] = {.entry = {.count = 1, .reusable = true}}, SHIFT(58),
  [192] = {.entry = {.count = 1, .reusable = true}}, SHIFT(98),
  [194] = {.entry = {.count = 1, .reusable = true}}, SHIFT(4),
  [196] = {.entry = {.count = 1, .reusable = true}}, SHIFT(66),
  [198] = {.entry = {.count = 1, .reusable = true}}, SHIFT(60),
  [200] = {.entry = {.count = 1, .reusable = true}}, SHIFT(37),
  [202] = {.entry = {.count = 1, .reusable = true}}, SHIFT(16),
  [204] = {.entry = {.count = 1, .reusable = true}}, REDUCE(aux_sym_flow_repeat1, 2, 0, 25),
  [206] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_flow_repeat1, 2, 0, 25), SHIFT_REPEAT(106),
  [209] = {.entry = {.count = 1, .reusable = true}}, SHIFT(33),
  [211] = {.entry = {.count = 1, .reusable = true}}, SHIFT(112),
  [213] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym__atomic_repeat1, 2, 0, 0), SHIFT_REPEAT(58),
  [216] = {.entry = {.count = 1, .reusable = true}}, REDUCE(aux_sym__atomic_repeat1, 2, 0, 0),
  [218] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_parameter_list_repeat1, 2, 0, 0), SHIFT_REPEAT(4),
  [221] = {.entry = {.count = 1, .reusable = true}}, REDUCE(aux_sym_parameter_list_repeat1, 2, 0, 0),
  [223] = {.entry = {.count = 1, .reusable = true}}, SHIFT(77),
  [225] = {.entry = {.count = 1, .reusable = true}}, SHIFT(117),
  [227] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_flow, 2, 0, 17),
  [229] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_pattern_repeat1, 2, 0, 0), SHIFT_REPEAT(33),
  [232] = {.entry = {.count = 1, .reusable = true}}, REDUCE(aux_sym_pattern_repeat1, 2, 0, 0),
  [234] = {.entry = {.count = 1, .reusable = true}}, SHIFT(31),
  [236] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym__flow_head, 2, 0, 14),
  [238] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_parameter_list, 2, 0, 0),
  [240] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym__source_node, 2, 0, 1),
  [242] = {.entry = {.count = 1, .reusable = true}}, SHIFT(25),
  [244] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_parameter_list, 3, 0, 0),
  [246] = {.entry = {.count = 1, .reusable = true}}, REDUCE(aux_sym_parameter_repeat2, 1, 0, 16),
  [248] = {.entry = {.count = 1, .reusable = true}}, REDUCE(aux_sym_flow_repeat1, 2, 0, 24),
  [250] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_wildcard, 1, 0, 0),
  [252] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym__flow_head, 4, 0, 27),
  [254] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_parameter_list, 4, 0, 0),
  [256] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_parameter, 3, 0, 28),
  [258] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_constraint, 4, 0, 29),
  [260] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_constraint, 5, 0, 30),
  [262] = {.entry = {.count = 1, .reusable = true}}, SHIFT(17),
  [264] = {.entry = {.count = 1, .reusable = true}}, SHIFT(93),
  [266] = {.entry = {.count = 1, .reusable = true}}, SHIFT(19),
  [268] = {.entry = {.count = 1, .reusable = true}}, SHIFT(102),
  [270] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym__signature, 2, 0, 4),
  [272] = {.entry = {.count = 1, .reusable = true}},  ACCEPT_INPUT(),
  [274] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym__atomic, 3, 0, 9),
  [276] = {.entry = {.count = 1, .reusable = true}}, SHIFT(108),
  [278] = {.entry = {.count = 1, .reusable = true}}, SHIFT(111),
  [280] = {.entry = {.count = 1, .reusable = true}}, SHIFT(65),
  [282] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym__signature_inputs, 3, 0, 21),
  [284] = {.entry = {.count = 1, .reusable = true}}, SHIFT(97),
  [286] = {.entry = {.count = 1, .reusable = true}}, SHIFT(57),
  [288] = {.entry = {.count = 1, .reusable = true}}, SHIFT(22),
  [290] = {.entry = {.count = 1, .reusable = true}}, SHIFT(113),
  [292] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym__source, 2, 0, 8),
  [294] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym__atomic_head, 2, 0, 9),
  [296] = {.entry = {.count = 1, .reusable = true}}, SHIFT(18),
  [298] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym__source_head, 2, 0, 9),
  [300] = {.entry = {.count = 1, .reusable = true}}, SHIFT(81),
  [302] = {.entry = {.count = 1, .reusable = true}}, SHIFT(115),
  [304] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym__session_key, 3, 0, 0),
  [306] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_session_clause, 3, 0, 26),
  [308] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_scope, 1, 0, 0),
  [310] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym__atomic_open, 2, 0, 9),
  [312] = {.entry = {.count = 1, .reusable = true}}, SHIFT(116),
  [314] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym__typedef_type, 2, 0, 2),
  [316] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym__atomic, 4, 0, 9),
  [318] = {.entry = {.count = 1, .reusable = true}}, SHIFT(72),
  [320] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym__handle_error, 2, 0, 0),
  [322] = {.entry = {.count = 1, .reusable = true}}, SHIFT(20),
  [324] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym__atomic_node, 2, 0, 1),
  [326] = {.entry = {.count = 1, .reusable = true}}, SHIFT(86),
  [328] = {.entry = {.count = 1, .reusable = true}}, SHIFT(15),
  [330] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym__typedef, 2, 0, 11),
  [332] = {.entry = {.count = 1, .reusable = true}}, SHIFT(62),
  [334] = {.entry = {.count = 1, .reusable = true}}, SHIFT(105),
  [336] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym__handler, 2, 0, 13),
  [338] = {.entry = {.count = 1, .reusable = true}}, SHIFT(100),
  [340] = {.entry = {.count = 1, .reusable = true}}, SHIFT(70),
  [342] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym__handler_head, 2, 0, 9),
  [344] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_pattern, 3, 0, 0),
  [346] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym__handler_node, 2, 0, 1),
  [348] = {.entry = {.count = 1, .reusable = true}}, SHIFT(95),
  [350] = {.entry = {.count = 1, .reusable = true}}, SHIFT(92),
  [352] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym__source_head, 3, 0, 19),
  [354] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_pattern, 4, 0, 0),
  [356] = {.entry = {.count = 1, .reusable = true}}, SHIFT(87),
  [358] = {.entry = {.count = 1, .reusable = true}}, SHIFT(69),
};

enum ts_external_scanner_symbol_identifiers {
  ts_external_token__boundary = 0,
  ts_external_token__probe = 1,
  ts_external_token__error_sentinel = 2,
  ts_external_token__name = 3,
  ts_external_token__paragraph_end = 4,
};

static const TSSymbol ts_external_scanner_symbol_map[EXTERNAL_TOKEN_COUNT] = {
  [ts_external_token__boundary] = sym__boundary,
  [ts_external_token__probe] = sym__probe,
  [ts_external_token__error_sentinel] = sym__error_sentinel,
  [ts_external_token__name] = sym__name,
  [ts_external_token__paragraph_end] = sym__paragraph_end,
};

static const bool ts_external_scanner_states[5][EXTERNAL_TOKEN_COUNT] = {
  [1] = {
    [ts_external_token__boundary] = true,
    [ts_external_token__probe] = true,
    [ts_external_token__error_sentinel] = true,
    [ts_external_token__name] = true,
    [ts_external_token__paragraph_end] = true,
  },
  [2] = {
    [ts_external_token__boundary] = true,
    [ts_external_token__probe] = true,
    [ts_external_token__name] = true,
  },
  [3] = {
    [ts_external_token__probe] = true,
  },
  [4] = {
    [ts_external_token__boundary] = true,
    [ts_external_token__probe] = true,
    [ts_external_token__name] = true,
    [ts_external_token__paragraph_end] = true,
  },
};

#ifdef __cplusplus
extern "C" {
#endif
void *tree_sitter_flux_external_scanner_create(void);
void tree_sitter_flux_external_scanner_destroy(void *);
bool tree_sitter_flux_external_scanner_scan(void *, TSLexer *, const bool *);
unsigned tree_sitter_flux_external_scanner_serialize(void *, char *);
void tree_sitter_flux_external_scanner_deserialize(void *, const char *, unsigned);

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
    .external_scanner = {
      &ts_external_scanner_states[0][0],
      ts_external_scanner_symbol_map,
      tree_sitter_flux_external_scanner_create,
      tree_sitter_flux_external_scanner_destroy,
      tree_sitter_flux_external_scanner_scan,
      tree_sitter_flux_external_scanner_serialize,
      tree_sitter_flux_external_scanner_deserialize,
    },
    .primary_state_ids = ts_primary_state_ids,
  };
  return &language;
}
#ifdef __cplusplus
}
#endif
