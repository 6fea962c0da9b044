#include "tree_sitter/parser.h"

#if defined(__GNUC__) || defined(__clang__)
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#endif

#define LANGUAGE_VERSION 14
#define STATE_COUNT 115
#define LARGE_STATE_COUNT 2
#define SYMBOL_COUNT 105
#define ALIAS_COUNT 1
#define TOKEN_COUNT 60
#define EXTERNAL_TOKEN_COUNT 3
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
  sym_source_file = 60,
  sym__declaration = 61,
  sym_node_declaration = 62,
  sym__signature = 63,
  sym__signature_inputs = 64,
  sym_parameter_list = 65,
  sym_parameter = 66,
  sym__type_word = 67,
  sym_primitive_type = 68,
  sym_pointer = 69,
  sym_flow_definition = 70,
  sym__flow_head = 71,
  sym_pattern = 72,
  sym_wildcard = 73,
  sym_flow = 74,
  sym_source_declaration = 75,
  sym__source = 76,
  sym__source_head = 77,
  sym__source_node = 78,
  sym_session_clause = 79,
  sym__session_key = 80,
  sym_typedef_declaration = 81,
  sym__typedef = 82,
  sym__typedef_type = 83,
  sym_handler_declaration = 84,
  sym__handler = 85,
  sym__handler_head = 86,
  sym__handler_node = 87,
  sym__handle_error = 88,
  sym_atomic_declaration = 89,
  sym__atomic = 90,
  sym__atomic_open = 91,
  sym__atomic_head = 92,
  sym__atomic_node = 93,
  sym_constraint = 94,
  sym_mode = 95,
  sym_scope = 96,
  aux_sym_source_file_repeat1 = 97,
  aux_sym_parameter_list_repeat1 = 98,
  aux_sym_parameter_repeat1 = 99,
  aux_sym_parameter_repeat2 = 100,
  aux_sym_pointer_repeat1 = 101,
  aux_sym_pattern_repeat1 = 102,
  aux_sym_flow_repeat1 = 103,
  aux_sym__atomic_repeat1 = 104,
  alias_sym_type_identifier = 105,
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
  [sym_source_file] = "source_file",
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
  [aux_sym_source_file_repeat1] = "source_file_repeat1",
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
  [sym_source_file] = sym_source_file,
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
  [aux_sym_source_file_repeat1] = aux_sym_source_file_repeat1,
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
  [sym_source_file] = {
    .visible = true,
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
  [aux_sym_source_file_repeat1] = {
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
  [3] = {.index = 2, .length = 1},
  [4] = {.index = 3, .length = 3},
  [5] = {.index = 6, .length = 3},
  [6] = {.index = 9, .length = 2},
  [7] = {.index = 11, .length = 1},
  [8] = {.index = 12, .length = 3},
  [9] = {.index = 15, .length = 3},
  [10] = {.index = 18, .length = 1},
  [11] = {.index = 19, .length = 2},
  [12] = {.index = 21, .length = 2},
  [13] = {.index = 23, .length = 2},
  [14] = {.index = 25, .length = 2},
  [16] = {.index = 27, .length = 1},
  [17] = {.index = 28, .length = 2},
  [18] = {.index = 30, .length = 2},
  [19] = {.index = 32, .length = 3},
  [20] = {.index = 35, .length = 2},
  [21] = {.index = 37, .length = 2},
  [22] = {.index = 39, .length = 2},
  [23] = {.index = 41, .length = 2},
  [24] = {.index = 43, .length = 2},
  [25] = {.index = 45, .length = 1},
  [26] = {.index = 46, .length = 2},
  [27] = {.index = 48, .length = 1},
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
    {field_name, 0},
  [3] =
    {field_inputs, 0, .inherited = true},
    {field_name, 0, .inherited = true},
    {field_outputs, 0, .inherited = true},
  [6] =
    {field_inputs, 0, .inherited = true},
    {field_name, 0, .inherited = true},
    {field_outputs, 1},
  [9] =
    {field_name, 0, .inherited = true},
    {field_pattern, 0, .inherited = true},
  [11] =
    {field_step, 0},
  [12] =
    {field_node, 0, .inherited = true},
    {field_session, 0, .inherited = true},
    {field_target, 0, .inherited = true},
  [15] =
    {field_node, 0, .inherited = true},
    {field_session, 0, .inherited = true},
    {field_target, 1},
  [18] =
    {field_node, 0, .inherited = true},
  [19] =
    {field_predicate, 0, .inherited = true},
    {field_type, 0, .inherited = true},
  [21] =
    {field_predicate, 1},
    {field_type, 0, .inherited = true},
  [23] =
    {field_handler, 0, .inherited = true},
    {field_node, 0, .inherited = true},
  [25] =
    {field_handler, 1},
    {field_node, 0, .inherited = true},
  [27] =
    {field_type, 0},
  [28] =
    {field_inputs, 1},
    {field_name, 0},
  [30] =
    {field_step, 0},
    {field_step, 1, .inherited = true},
  [32] =
    {field_flow, 1},
    {field_name, 0, .inherited = true},
    {field_pattern, 0, .inherited = true},
  [35] =
    {field_node, 0, .inherited = true},
    {field_session, 1},
  [37] =
    {field_mode, 1},
    {field_name, 0},
  [39] =
    {field_name, 1},
    {field_type, 0, .inherited = true},
  [41] =
    {field_type, 0, .inherited = true},
    {field_type, 1, .inherited = true},
  [43] =
    {field_name, 0},
    {field_pattern, 2},
  [45] =
    {field_step, 1},
  [46] =
    {field_step, 0, .inherited = true},
    {field_step, 1, .inherited = true},
  [48] =
    {field_function, 1},
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
  [7] = {.lex_state = 0, .external_lex_state = 3},
  [8] = {.lex_state = 0, .external_lex_state = 3},
  [9] = {.lex_state = 0, .external_lex_state = 3},
  [10] = {.lex_state = 0, .external_lex_state = 2},
  [11] = {.lex_state = 0, .external_lex_state = 2},
  [12] = {.lex_state = 0, .external_lex_state = 2},
  [13] = {.lex_state = 0, .external_lex_state = 2},
  [14] = {.lex_state = 0, .external_lex_state = 2},
  [15] = {.lex_state = 0, .external_lex_state = 2},
  [16] = {.lex_state = 0, .external_lex_state = 2},
  [17] = {.lex_state = 0, .external_lex_state = 2},
  [18] = {.lex_state = 0, .external_lex_state = 2},
  [19] = {.lex_state = 0, .external_lex_state = 2},
  [20] = {.lex_state = 0, .external_lex_state = 3},
  [21] = {.lex_state = 0, .external_lex_state = 3},
  [22] = {.lex_state = 0, .external_lex_state = 3},
  [23] = {.lex_state = 0, .external_lex_state = 3},
  [24] = {.lex_state = 0, .external_lex_state = 3},
  [25] = {.lex_state = 5, .external_lex_state = 3},
  [26] = {.lex_state = 1, .external_lex_state = 3},
  [27] = {.lex_state = 0, .external_lex_state = 3},
  [28] = {.lex_state = 0, .external_lex_state = 3},
  [29] = {.lex_state = 0, .external_lex_state = 3},
  [30] = {.lex_state = 0, .external_lex_state = 3},
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
  [52] = {.lex_state = 5, .external_lex_state = 3},
  [53] = {.lex_state = 0, .external_lex_state = 3},
  [54] = {.lex_state = 0, .external_lex_state = 3},
  [55] = {.lex_state = 0, .external_lex_state = 3},
  [56] = {.lex_state = 5, .external_lex_state = 3},
  [57] = {.lex_state = 0, .external_lex_state = 3},
  [58] = {.lex_state = 0, .external_lex_state = 3},
  [59] = {.lex_state = 5, .external_lex_state = 3},
  [60] = {.lex_state = 5, .external_lex_state = 3},
  [61] = {.lex_state = 0, .external_lex_state = 3},
  [62] = {.lex_state = 0, .external_lex_state = 3},
  [63] = {.lex_state = 0, .external_lex_state = 3},
  [64] = {.lex_state = 0, .external_lex_state = 3},
  [65] = {.lex_state = 0, .external_lex_state = 3},
  [66] = {.lex_state = 0, .external_lex_state = 3},
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
  [77] = {.lex_state = 5, .external_lex_state = 3},
  [78] = {.lex_state = 5, .external_lex_state = 3},
  [79] = {.lex_state = 0, .external_lex_state = 3},
  [80] = {.lex_state = 0, .external_lex_state = 3},
  [81] = {.lex_state = 0, .external_lex_state = 3},
  [82] = {.lex_state = 0, .external_lex_state = 3},
  [83] = {.lex_state = 0, .external_lex_state = 3},
  [84] = {.lex_state = 0, .external_lex_state = 3},
  [85] = {.lex_state = 0, .external_lex_state = 3},
  [86] = {.lex_state = 0, .external_lex_state = 3},
  [87] = {.lex_state = 5, .external_lex_state = 3},
  [88] = {.lex_state = 0, .external_lex_state = 3},
  [89] = {.lex_state = 0, .external_lex_state = 3},
  [90] = {.lex_state = 0, .external_lex_state = 3},
  [91] = {.lex_state = 5, .external_lex_state = 3},
  [92] = {.lex_state = 0, .external_lex_state = 3},
  [93] = {.lex_state = 0, .external_lex_state = 3},
  [94] = {.lex_state = 5, .external_lex_state = 3},
  [95] = {.lex_state = 0, .external_lex_state = 3},
  [96] = {.lex_state = 0, .external_lex_state = 3},
  [97] = {.lex_state = 0, .external_lex_state = 3},
  [98] = {.lex_state = 0, .external_lex_state = 3},
  [99] = {.lex_state = 0, .external_lex_state = 3},
  [100] = {.lex_state = 0, .external_lex_state = 3},
  [101] = {.lex_state = 0, .external_lex_state = 3},
  [102] = {.lex_state = 0, .external_lex_state = 3},
  [103] = {.lex_state = 0, .external_lex_state = 3},
  [104] = {.lex_state = 0, .external_lex_state = 3},
  [105] = {.lex_state = 1, .external_lex_state = 3},
  [106] = {.lex_state = 0, .external_lex_state = 3},
  [107] = {.lex_state = 0, .external_lex_state = 3},
  [108] = {.lex_state = 0, .external_lex_state = 3},
  [109] = {.lex_state = 0, .external_lex_state = 3},
  [110] = {.lex_state = 1, .external_lex_state = 3},
  [111] = {.lex_state = 1, .external_lex_state = 3},
  [112] = {.lex_state = 0, .external_lex_state = 3},
  [113] = {.lex_state = 0, .external_lex_state = 3},
  [114] = {.lex_state = 0, .external_lex_state = 3},
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
  },
  [1] = {
    [sym_source_file] = STATE(72),
    [sym__declaration] = STATE(10),
    [sym_node_declaration] = STATE(12),
    [sym__signature] = STATE(84),
    [sym__signature_inputs] = STATE(54),
    [sym_flow_definition] = STATE(12),
    [sym__flow_head] = STATE(31),
    [sym_source_declaration] = STATE(12),
    [sym__source] = STATE(98),
    [sym__source_head] = STATE(100),
    [sym__source_node] = STATE(25),
    [sym_typedef_declaration] = STATE(12),
    [sym__typedef] = STATE(104),
    [sym__typedef_type] = STATE(106),
    [sym_handler_declaration] = STATE(12),
    [sym__handler] = STATE(107),
    [sym__handler_head] = STATE(67),
    [sym__handler_node] = STATE(77),
    [sym__handle_error] = STATE(80),
    [sym_atomic_declaration] = STATE(12),
    [sym__atomic] = STATE(81),
    [sym__atomic_open] = STATE(47),
    [sym__atomic_head] = STATE(101),
    [sym__atomic_node] = STATE(109),
    [aux_sym_source_file_repeat1] = STATE(10),
    [ts_builtin_sym_end] = ACTIONS(5),
    [sym_identifier] = ACTIONS(7),
    [anon_sym_source] = ACTIONS(9),
    [anon_sym_typedef] = ACTIONS(11),
    [anon_sym_handle] = ACTIONS(13),
    [anon_sym_atomic] = ACTIONS(15),
    [sym_comment] = ACTIONS(3),
    [sym__boundary] = ACTIONS(17),
    [sym__probe] = ACTIONS(3),
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
    STATE(27), 1,
      aux_sym_parameter_repeat2,
    STATE(57), 1,
      sym_pointer,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    STATE(8), 2,
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
    STATE(34), 1,
      sym_parameter,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    STATE(8), 2,
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
    STATE(55), 1,
      sym_parameter,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    STATE(8), 2,
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
    STATE(8), 2,
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
  [267] = 3,
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
  [309] = 3,
    ACTIONS(50), 1,
      anon_sym_STAR,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    ACTIONS(48), 32,
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
  [351] = 3,
    ACTIONS(54), 1,
      anon_sym_STAR,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    ACTIONS(52), 32,
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
  [393] = 26,
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
    ACTIONS(56), 1,
      ts_builtin_sym_end,
    ACTIONS(58), 1,
      sym__boundary,
    STATE(25), 1,
      sym__source_node,
    STATE(31), 1,
      sym__flow_head,
    STATE(47), 1,
      sym__atomic_open,
    STATE(54), 1,
      sym__signature_inputs,
    STATE(67), 1,
      sym__handler_head,
    STATE(77), 1,
      sym__handler_node,
    STATE(80), 1,
      sym__handle_error,
    STATE(81), 1,
      sym__atomic,
    STATE(84), 1,
      sym__signature,
    STATE(98), 1,
      sym__source,
    STATE(100), 1,
      sym__source_head,
    STATE(101), 1,
      sym__atomic_head,
    STATE(104), 1,
      sym__typedef,
    STATE(106), 1,
      sym__typedef_type,
    STATE(107), 1,
      sym__handler,
    STATE(109), 1,
      sym__atomic_node,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    STATE(11), 2,
      sym__declaration,
      aux_sym_source_file_repeat1,
    STATE(12), 6,
      sym_node_declaration,
      sym_flow_definition,
      sym_source_declaration,
      sym_typedef_declaration,
      sym_handler_declaration,
      sym_atomic_declaration,
  [479] = 26,
    ACTIONS(60), 1,
      ts_builtin_sym_end,
    ACTIONS(62), 1,
      sym_identifier,
    ACTIONS(65), 1,
      anon_sym_source,
    ACTIONS(68), 1,
      anon_sym_typedef,
    ACTIONS(71), 1,
      anon_sym_handle,
    ACTIONS(74), 1,
      anon_sym_atomic,
    ACTIONS(77), 1,
      sym__boundary,
    STATE(25), 1,
      sym__source_node,
    STATE(31), 1,
      sym__flow_head,
    STATE(47), 1,
      sym__atomic_open,
    STATE(54), 1,
      sym__signature_inputs,
    STATE(67), 1,
      sym__handler_head,
    STATE(77), 1,
      sym__handler_node,
    STATE(80), 1,
      sym__handle_error,
    STATE(81), 1,
      sym__atomic,
    STATE(84), 1,
      sym__signature,
    STATE(98), 1,
      sym__source,
    STATE(100), 1,
      sym__source_head,
    STATE(101), 1,
      sym__atomic_head,
    STATE(104), 1,
      sym__typedef,
    STATE(106), 1,
      sym__typedef_type,
    STATE(107), 1,
      sym__handler,
    STATE(109), 1,
      sym__atomic_node,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    STATE(11), 2,
      sym__declaration,
      aux_sym_source_file_repeat1,
    STATE(12), 6,
      sym_node_declaration,
      sym_flow_definition,
      sym_source_declaration,
      sym_typedef_declaration,
      sym_handler_declaration,
      sym_atomic_declaration,
  [565] = 3,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    ACTIONS(80), 2,
      sym__boundary,
      ts_builtin_sym_end,
    ACTIONS(82), 5,
      anon_sym_source,
      anon_sym_typedef,
      anon_sym_handle,
      anon_sym_atomic,
      sym_identifier,
  [581] = 3,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    ACTIONS(84), 2,
      sym__boundary,
      ts_builtin_sym_end,
    ACTIONS(86), 5,
      anon_sym_source,
      anon_sym_typedef,
      anon_sym_handle,
      anon_sym_atomic,
      sym_identifier,
  [597] = 3,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    ACTIONS(88), 2,
      sym__boundary,
      ts_builtin_sym_end,
    ACTIONS(90), 5,
      anon_sym_source,
      anon_sym_typedef,
      anon_sym_handle,
      anon_sym_atomic,
      sym_identifier,
  [613] = 3,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    ACTIONS(92), 2,
      sym__boundary,
      ts_builtin_sym_end,
    ACTIONS(94), 5,
      anon_sym_source,
      anon_sym_typedef,
      anon_sym_handle,
      anon_sym_atomic,
      sym_identifier,
  [629] = 3,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    ACTIONS(96), 2,
      sym__boundary,
      ts_builtin_sym_end,
    ACTIONS(98), 5,
      anon_sym_source,
      anon_sym_typedef,
      anon_sym_handle,
      anon_sym_atomic,
      sym_identifier,
  [645] = 3,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    ACTIONS(100), 2,
      sym__boundary,
      ts_builtin_sym_end,
    ACTIONS(102), 5,
      anon_sym_source,
      anon_sym_typedef,
      anon_sym_handle,
      anon_sym_atomic,
      sym_identifier,
  [661] = 3,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    ACTIONS(104), 2,
      sym__boundary,
      ts_builtin_sym_end,
    ACTIONS(106), 5,
      anon_sym_source,
      anon_sym_typedef,
      anon_sym_handle,
      anon_sym_atomic,
      sym_identifier,
  [677] = 3,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    ACTIONS(108), 2,
      sym__boundary,
      ts_builtin_sym_end,
    ACTIONS(110), 5,
      anon_sym_source,
      anon_sym_typedef,
      anon_sym_handle,
      anon_sym_atomic,
      sym_identifier,
  [693] = 5,
    ACTIONS(112), 1,
      anon_sym_LPAREN,
    STATE(38), 1,
      sym_mode,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    ACTIONS(114), 2,
      anon_sym_COMMA,
      anon_sym_RBRACE,
    ACTIONS(116), 2,
      anon_sym_QMARK,
      anon_sym_BANG,
  [712] = 5,
    ACTIONS(118), 1,
      sym_identifier,
    ACTIONS(122), 1,
      anon_sym_STAR,
    STATE(22), 1,
      aux_sym_pointer_repeat1,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    ACTIONS(120), 3,
      anon_sym_const,
      anon_sym_volatile,
      anon_sym_restrict,
  [731] = 5,
    ACTIONS(124), 1,
      sym_identifier,
    ACTIONS(128), 1,
      anon_sym_STAR,
    STATE(23), 1,
      aux_sym_pointer_repeat1,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    ACTIONS(126), 3,
      anon_sym_const,
      anon_sym_volatile,
      anon_sym_restrict,
  [750] = 5,
    ACTIONS(130), 1,
      sym_identifier,
    ACTIONS(135), 1,
      anon_sym_STAR,
    STATE(23), 1,
      aux_sym_pointer_repeat1,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    ACTIONS(132), 3,
      anon_sym_const,
      anon_sym_volatile,
      anon_sym_restrict,
  [769] = 5,
    ACTIONS(137), 1,
      sym_identifier,
    ACTIONS(139), 1,
      anon_sym_STAR,
    ACTIONS(141), 1,
      anon_sym__,
    STATE(40), 1,
      sym_wildcard,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [786] = 5,
    ACTIONS(143), 1,
      anon_sym_EQ_GT,
    ACTIONS(145), 1,
      anon_sym_LBRACE,
    STATE(78), 1,
      sym_session_clause,
    STATE(79), 1,
      sym__session_key,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [803] = 5,
    ACTIONS(147), 1,
      anon_sym_LPAREN,
    ACTIONS(149), 1,
      anon_sym_COLON,
    ACTIONS(151), 1,
      anon_sym_EQ,
    STATE(94), 1,
      sym_parameter_list,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [820] = 5,
    ACTIONS(25), 1,
      anon_sym_STAR,
    ACTIONS(153), 1,
      sym_identifier,
    STATE(28), 1,
      aux_sym_parameter_repeat2,
    STATE(57), 1,
      sym_pointer,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [837] = 5,
    ACTIONS(155), 1,
      sym_identifier,
    ACTIONS(157), 1,
      anon_sym_STAR,
    STATE(28), 1,
      aux_sym_parameter_repeat2,
    STATE(57), 1,
      sym_pointer,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [854] = 5,
    ACTIONS(139), 1,
      anon_sym_STAR,
    ACTIONS(141), 1,
      anon_sym__,
    ACTIONS(160), 1,
      sym_identifier,
    STATE(63), 1,
      sym_wildcard,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [871] = 4,
    ACTIONS(162), 1,
      anon_sym_COMMA,
    ACTIONS(165), 1,
      anon_sym_RBRACK,
    STATE(30), 1,
      aux_sym_pattern_repeat1,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [885] = 4,
    ACTIONS(167), 1,
      sym_identifier,
    ACTIONS(169), 1,
      anon_sym_SEMI,
    STATE(71), 1,
      sym_flow,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [899] = 4,
    ACTIONS(171), 1,
      anon_sym_COMMA,
    ACTIONS(173), 1,
      anon_sym_RBRACE,
    STATE(39), 1,
      aux_sym__atomic_repeat1,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [913] = 4,
    ACTIONS(175), 1,
      anon_sym_SEMI,
    ACTIONS(177), 1,
      anon_sym_DASH_GT,
    STATE(35), 1,
      aux_sym_flow_repeat1,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [927] = 4,
    ACTIONS(179), 1,
      anon_sym_COMMA,
    ACTIONS(181), 1,
      anon_sym_RPAREN,
    STATE(41), 1,
      aux_sym_parameter_list_repeat1,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [941] = 4,
    ACTIONS(177), 1,
      anon_sym_DASH_GT,
    ACTIONS(183), 1,
      anon_sym_SEMI,
    STATE(45), 1,
      aux_sym_flow_repeat1,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [955] = 3,
    STATE(93), 1,
      sym_scope,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    ACTIONS(185), 2,
      anon_sym_session,
      anon_sym_program,
  [967] = 2,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    ACTIONS(187), 3,
      anon_sym_LPAREN,
      anon_sym_COMMA,
      anon_sym_RBRACE,
  [977] = 3,
    ACTIONS(189), 1,
      anon_sym_LPAREN,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    ACTIONS(191), 2,
      anon_sym_COMMA,
      anon_sym_RBRACE,
  [989] = 4,
    ACTIONS(171), 1,
      anon_sym_COMMA,
    ACTIONS(193), 1,
      anon_sym_RBRACE,
    STATE(43), 1,
      aux_sym__atomic_repeat1,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1003] = 4,
    ACTIONS(195), 1,
      anon_sym_COMMA,
    ACTIONS(197), 1,
      anon_sym_RBRACK,
    STATE(46), 1,
      aux_sym_pattern_repeat1,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1017] = 4,
    ACTIONS(179), 1,
      anon_sym_COMMA,
    ACTIONS(199), 1,
      anon_sym_RPAREN,
    STATE(44), 1,
      aux_sym_parameter_list_repeat1,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1031] = 3,
    STATE(108), 1,
      sym_scope,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    ACTIONS(185), 2,
      anon_sym_session,
      anon_sym_program,
  [1043] = 4,
    ACTIONS(201), 1,
      anon_sym_COMMA,
    ACTIONS(204), 1,
      anon_sym_RBRACE,
    STATE(43), 1,
      aux_sym__atomic_repeat1,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1057] = 4,
    ACTIONS(206), 1,
      anon_sym_COMMA,
    ACTIONS(209), 1,
      anon_sym_RPAREN,
    STATE(44), 1,
      aux_sym_parameter_list_repeat1,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1071] = 4,
    ACTIONS(211), 1,
      anon_sym_SEMI,
    ACTIONS(213), 1,
      anon_sym_DASH_GT,
    STATE(45), 1,
      aux_sym_flow_repeat1,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1085] = 4,
    ACTIONS(195), 1,
      anon_sym_COMMA,
    ACTIONS(216), 1,
      anon_sym_RBRACK,
    STATE(30), 1,
      aux_sym_pattern_repeat1,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1099] = 3,
    ACTIONS(218), 1,
      sym_identifier,
    STATE(32), 1,
      sym_constraint,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1110] = 3,
    ACTIONS(220), 1,
      anon_sym_LBRACK,
    STATE(110), 1,
      sym_pattern,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1121] = 2,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    ACTIONS(222), 2,
      anon_sym_SEMI,
      sym_identifier,
  [1130] = 2,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    ACTIONS(224), 2,
      anon_sym_SEMI,
      anon_sym_DASH_GT,
  [1139] = 2,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    ACTIONS(226), 2,
      anon_sym_SEMI,
      sym_identifier,
  [1148] = 2,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    ACTIONS(228), 2,
      anon_sym_SEMI,
      anon_sym_EQ_GT,
  [1157] = 2,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    ACTIONS(204), 2,
      anon_sym_COMMA,
      anon_sym_RBRACE,
  [1166] = 3,
    ACTIONS(147), 1,
      anon_sym_LPAREN,
    STATE(102), 1,
      sym_parameter_list,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1177] = 2,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    ACTIONS(209), 2,
      anon_sym_COMMA,
      anon_sym_RPAREN,
  [1186] = 2,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    ACTIONS(230), 2,
      anon_sym_SEMI,
      anon_sym_EQ_GT,
  [1195] = 2,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    ACTIONS(232), 2,
      anon_sym_STAR,
      sym_identifier,
  [1204] = 2,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    ACTIONS(234), 2,
      anon_sym_COMMA,
      anon_sym_RPAREN,
  [1213] = 2,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    ACTIONS(236), 2,
      anon_sym_EQ_GT,
      anon_sym_LBRACE,
  [1222] = 2,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    ACTIONS(238), 2,
      anon_sym_SEMI,
      anon_sym_EQ_GT,
  [1231] = 2,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    ACTIONS(240), 2,
      anon_sym_COMMA,
      anon_sym_RBRACK,
  [1240] = 2,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    ACTIONS(242), 2,
      anon_sym_COMMA,
      anon_sym_RBRACE,
  [1249] = 2,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    ACTIONS(165), 2,
      anon_sym_COMMA,
      anon_sym_RBRACK,
  [1258] = 3,
    ACTIONS(218), 1,
      sym_identifier,
    STATE(53), 1,
      sym_constraint,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1269] = 2,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
    ACTIONS(244), 2,
      anon_sym_COMMA,
      anon_sym_RBRACE,
  [1278] = 2,
    ACTIONS(246), 1,
      anon_sym_SEMI,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1286] = 2,
    ACTIONS(248), 1,
      sym_identifier,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1294] = 2,
    ACTIONS(250), 1,
      anon_sym_COLON,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1302] = 2,
    ACTIONS(252), 1,
      sym_identifier,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1310] = 2,
    ACTIONS(254), 1,
      anon_sym_RBRACE,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1318] = 2,
    ACTIONS(256), 1,
      anon_sym_SEMI,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1326] = 2,
    ACTIONS(258), 1,
      ts_builtin_sym_end,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1334] = 2,
    ACTIONS(260), 1,
      anon_sym_SEMI,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1342] = 2,
    ACTIONS(262), 1,
      sym_identifier,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1350] = 2,
    ACTIONS(264), 1,
      sym_identifier,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1358] = 2,
    ACTIONS(266), 1,
      anon_sym_session,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1366] = 2,
    ACTIONS(268), 1,
      anon_sym_EQ_GT,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1374] = 2,
    ACTIONS(270), 1,
      anon_sym_EQ_GT,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1382] = 2,
    ACTIONS(272), 1,
      sym_identifier,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1390] = 2,
    ACTIONS(274), 1,
      sym_identifier,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1398] = 2,
    ACTIONS(276), 1,
      anon_sym_SEMI,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1406] = 2,
    ACTIONS(278), 1,
      sym_identifier,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1414] = 2,
    ACTIONS(280), 1,
      anon_sym_SEMI,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1422] = 2,
    ACTIONS(282), 1,
      anon_sym_SEMI,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1430] = 2,
    ACTIONS(284), 1,
      anon_sym_SEMI,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1438] = 2,
    ACTIONS(286), 1,
      sym_identifier,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1446] = 2,
    ACTIONS(288), 1,
      anon_sym_EQ_GT,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1454] = 2,
    ACTIONS(290), 1,
      sym_identifier,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1462] = 2,
    ACTIONS(292), 1,
      sym_identifier,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1470] = 2,
    ACTIONS(294), 1,
      anon_sym_error,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1478] = 2,
    ACTIONS(296), 1,
      anon_sym_EQ_GT,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1486] = 2,
    ACTIONS(298), 1,
      anon_sym_RPAREN,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1494] = 2,
    ACTIONS(300), 1,
      anon_sym_RPAREN,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1502] = 2,
    ACTIONS(302), 1,
      anon_sym_EQ_GT,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1510] = 2,
    ACTIONS(304), 1,
      sym_identifier,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1518] = 2,
    ACTIONS(306), 1,
      anon_sym_SEMI,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1526] = 2,
    ACTIONS(308), 1,
      anon_sym_LBRACE,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1534] = 2,
    ACTIONS(310), 1,
      anon_sym_SEMI,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1542] = 2,
    ACTIONS(312), 1,
      sym_identifier,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1550] = 2,
    ACTIONS(314), 1,
      sym_identifier,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1558] = 2,
    ACTIONS(316), 1,
      anon_sym_LBRACE,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1566] = 2,
    ACTIONS(318), 1,
      anon_sym_SEMI,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1574] = 2,
    ACTIONS(320), 1,
      anon_sym_COLON,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1582] = 2,
    ACTIONS(322), 1,
      anon_sym_SEMI,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1590] = 2,
    ACTIONS(324), 1,
      anon_sym_EQ,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1598] = 2,
    ACTIONS(326), 1,
      sym_identifier,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1606] = 2,
    ACTIONS(328), 1,
      anon_sym_SEMI,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1614] = 2,
    ACTIONS(330), 1,
      anon_sym_RPAREN,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1622] = 2,
    ACTIONS(332), 1,
      anon_sym_COLON,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1630] = 2,
    ACTIONS(334), 1,
      anon_sym_EQ,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1638] = 2,
    ACTIONS(336), 1,
      anon_sym_EQ,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1646] = 2,
    ACTIONS(338), 1,
      anon_sym_LPAREN,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1654] = 2,
    ACTIONS(340), 1,
      sym_identifier,
    ACTIONS(3), 2,
      sym__probe,
      sym_comment,
  [1662] = 2,
    ACTIONS(342), 1,
      sym_identifier,
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
  [SMALL_STATE(8)] = 309,
  [SMALL_STATE(9)] = 351,
  [SMALL_STATE(10)] = 393,
  [SMALL_STATE(11)] = 479,
  [SMALL_STATE(12)] = 565,
  [SMALL_STATE(13)] = 581,
  [SMALL_STATE(14)] = 597,
  [SMALL_STATE(15)] = 613,
  [SMALL_STATE(16)] = 629,
  [SMALL_STATE(17)] = 645,
  [SMALL_STATE(18)] = 661,
  [SMALL_STATE(19)] = 677,
  [SMALL_STATE(20)] = 693,
  [SMALL_STATE(21)] = 712,
  [SMALL_STATE(22)] = 731,
  [SMALL_STATE(23)] = 750,
  [SMALL_STATE(24)] = 769,
  [SMALL_STATE(25)] = 786,
  [SMALL_STATE(26)] = 803,
  [SMALL_STATE(27)] = 820,
  [SMALL_STATE(28)] = 837,
  [SMALL_STATE(29)] = 854,
  [SMALL_STATE(30)] = 871,
  [SMALL_STATE(31)] = 885,
  [SMALL_STATE(32)] = 899,
  [SMALL_STATE(33)] = 913,
  [SMALL_STATE(34)] = 927,
  [SMALL_STATE(35)] = 941,
  [SMALL_STATE(36)] = 955,
  [SMALL_STATE(37)] = 967,
  [SMALL_STATE(38)] = 977,
  [SMALL_STATE(39)] = 989,
  [SMALL_STATE(40)] = 1003,
  [SMALL_STATE(41)] = 1017,
  [SMALL_STATE(42)] = 1031,
  [SMALL_STATE(43)] = 1043,
  [SMALL_STATE(44)] = 1057,
  [SMALL_STATE(45)] = 1071,
  [SMALL_STATE(46)] = 1085,
  [SMALL_STATE(47)] = 1099,
  [SMALL_STATE(48)] = 1110,
  [SMALL_STATE(49)] = 1121,
  [SMALL_STATE(50)] = 1130,
  [SMALL_STATE(51)] = 1139,
  [SMALL_STATE(52)] = 1148,
  [SMALL_STATE(53)] = 1157,
  [SMALL_STATE(54)] = 1166,
  [SMALL_STATE(55)] = 1177,
  [SMALL_STATE(56)] = 1186,
  [SMALL_STATE(57)] = 1195,
  [SMALL_STATE(58)] = 1204,
  [SMALL_STATE(59)] = 1213,
  [SMALL_STATE(60)] = 1222,
  [SMALL_STATE(61)] = 1231,
  [SMALL_STATE(62)] = 1240,
  [SMALL_STATE(63)] = 1249,
  [SMALL_STATE(64)] = 1258,
  [SMALL_STATE(65)] = 1269,
  [SMALL_STATE(66)] = 1278,
  [SMALL_STATE(67)] = 1286,
  [SMALL_STATE(68)] = 1294,
  [SMALL_STATE(69)] = 1302,
  [SMALL_STATE(70)] = 1310,
  [SMALL_STATE(71)] = 1318,
  [SMALL_STATE(72)] = 1326,
  [SMALL_STATE(73)] = 1334,
  [SMALL_STATE(74)] = 1342,
  [SMALL_STATE(75)] = 1350,
  [SMALL_STATE(76)] = 1358,
  [SMALL_STATE(77)] = 1366,
  [SMALL_STATE(78)] = 1374,
  [SMALL_STATE(79)] = 1382,
  [SMALL_STATE(80)] = 1390,
  [SMALL_STATE(81)] = 1398,
  [SMALL_STATE(82)] = 1406,
  [SMALL_STATE(83)] = 1414,
  [SMALL_STATE(84)] = 1422,
  [SMALL_STATE(85)] = 1430,
  [SMALL_STATE(86)] = 1438,
  [SMALL_STATE(87)] = 1446,
  [SMALL_STATE(88)] = 1454,
  [SMALL_STATE(89)] = 1462,
  [SMALL_STATE(90)] = 1470,
  [SMALL_STATE(91)] = 1478,
  [SMALL_STATE(92)] = 1486,
  [SMALL_STATE(93)] = 1494,
  [SMALL_STATE(94)] = 1502,
  [SMALL_STATE(95)] = 1510,
  [SMALL_STATE(96)] = 1518,
  [SMALL_STATE(97)] = 1526,
  [SMALL_STATE(98)] = 1534,
  [SMALL_STATE(99)] = 1542,
  [SMALL_STATE(100)] = 1550,
  [SMALL_STATE(101)] = 1558,
  [SMALL_STATE(102)] = 1566,
  [SMALL_STATE(103)] = 1574,
  [SMALL_STATE(104)] = 1582,
  [SMALL_STATE(105)] = 1590,
  [SMALL_STATE(106)] = 1598,
  [SMALL_STATE(107)] = 1606,
  [SMALL_STATE(108)] = 1614,
  [SMALL_STATE(109)] = 1622,
  [SMALL_STATE(110)] = 1630,
  [SMALL_STATE(111)] = 1638,
  [SMALL_STATE(112)] = 1646,
  [SMALL_STATE(113)] = 1654,
  [SMALL_STATE(114)] = 1662,
};

static const TSParseActionEntry ts_parse_actions[] = {
  [0] = {.entry = {.count = 0, .reusable = false}},
  [1] = {.entry = {.count = 1, .reusable = false}}, RECOVER(),
  [3] = {.entry = {.count = 1, .reusable = true}}, SHIFT_EXTRA(),
  [5] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_source_file, 0, 0, 0),
  [7] = {.entry = {.count = 1, .reusable = false}}, SHIFT(26),
  [9] = {.entry = {.count = 1, .reusable = false}}, SHIFT(82),
  [11] = {.entry = {.count = 1, .reusable = false}}, SHIFT(75),
  [13] = {.entry = {.count = 1, .reusable = false}}, SHIFT(90),
  [15] = {.entry = {.count = 1, .reusable = false}}, SHIFT(99),
  [17] = {.entry = {.count = 1, .reusable = true}}, SHIFT(10),
  [19] = {.entry = {.count = 1, .reusable = false}}, SHIFT(6),
  [21] = {.entry = {.count = 1, .reusable = false}}, SHIFT(8),
  [23] = {.entry = {.count = 1, .reusable = false}}, SHIFT(9),
  [25] = {.entry = {.count = 1, .reusable = true}}, SHIFT(21),
  [27] = {.entry = {.count = 1, .reusable = false}}, SHIFT(7),
  [29] = {.entry = {.count = 1, .reusable = true}}, SHIFT(60),
  [31] = {.entry = {.count = 2, .reusable = false}}, REDUCE(aux_sym_parameter_repeat1, 2, 0, 23), SHIFT_REPEAT(7),
  [34] = {.entry = {.count = 2, .reusable = false}}, REDUCE(aux_sym_parameter_repeat1, 2, 0, 23), SHIFT_REPEAT(8),
  [37] = {.entry = {.count = 2, .reusable = false}}, REDUCE(aux_sym_parameter_repeat1, 2, 0, 23), SHIFT_REPEAT(9),
  [40] = {.entry = {.count = 1, .reusable = true}}, REDUCE(aux_sym_parameter_repeat1, 2, 0, 23),
  [42] = {.entry = {.count = 1, .reusable = false}}, REDUCE(sym__type_word, 1, 0, 15),
  [44] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_parameter, 2, 0, 22),
  [46] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym__type_word, 1, 0, 15),
  [48] = {.entry = {.count = 1, .reusable = false}}, REDUCE(aux_sym_parameter_repeat1, 1, 0, 16),
  [50] = {.entry = {.count = 1, .reusable = true}}, REDUCE(aux_sym_parameter_repeat1, 1, 0, 16),
  [52] = {.entry = {.count = 1, .reusable = false}}, REDUCE(sym_primitive_type, 1, 0, 0),
  [54] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_primitive_type, 1, 0, 0),
  [56] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_source_file, 1, 0, 0),
  [58] = {.entry = {.count = 1, .reusable = true}}, SHIFT(11),
  [60] = {.entry = {.count = 1, .reusable = true}}, REDUCE(aux_sym_source_file_repeat1, 2, 0, 0),
  [62] = {.entry = {.count = 2, .reusable = false}}, REDUCE(aux_sym_source_file_repeat1, 2, 0, 0), SHIFT_REPEAT(26),
  [65] = {.entry = {.count = 2, .reusable = false}}, REDUCE(aux_sym_source_file_repeat1, 2, 0, 0), SHIFT_REPEAT(82),
  [68] = {.entry = {.count = 2, .reusable = false}}, REDUCE(aux_sym_source_file_repeat1, 2, 0, 0), SHIFT_REPEAT(75),
  [71] = {.entry = {.count = 2, .reusable = false}}, REDUCE(aux_sym_source_file_repeat1, 2, 0, 0), SHIFT_REPEAT(90),
  [74] = {.entry = {.count = 2, .reusable = false}}, REDUCE(aux_sym_source_file_repeat1, 2, 0, 0), SHIFT_REPEAT(99),
  [77] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_source_file_repeat1, 2, 0, 0), SHIFT_REPEAT(11),
  [80] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym__declaration, 1, 0, 0),
  [82] = {.entry = {.count = 1, .reusable = false}}, REDUCE(sym__declaration, 1, 0, 0),
  [84] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_node_declaration, 2, 0, 4),
  [86] = {.entry = {.count = 1, .reusable = false}}, REDUCE(sym_node_declaration, 2, 0, 4),
  [88] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_flow_definition, 2, 0, 6),
  [90] = {.entry = {.count = 1, .reusable = false}}, REDUCE(sym_flow_definition, 2, 0, 6),
  [92] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_source_declaration, 2, 0, 8),
  [94] = {.entry = {.count = 1, .reusable = false}}, REDUCE(sym_source_declaration, 2, 0, 8),
  [96] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_typedef_declaration, 2, 0, 11),
  [98] = {.entry = {.count = 1, .reusable = false}}, REDUCE(sym_typedef_declaration, 2, 0, 11),
  [100] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_handler_declaration, 2, 0, 13),
  [102] = {.entry = {.count = 1, .reusable = false}}, REDUCE(sym_handler_declaration, 2, 0, 13),
  [104] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_atomic_declaration, 2, 0, 10),
  [106] = {.entry = {.count = 1, .reusable = false}}, REDUCE(sym_atomic_declaration, 2, 0, 10),
  [108] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_flow_definition, 3, 0, 19),
  [110] = {.entry = {.count = 1, .reusable = false}}, REDUCE(sym_flow_definition, 3, 0, 19),
  [112] = {.entry = {.count = 1, .reusable = true}}, SHIFT(36),
  [114] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_constraint, 1, 0, 3),
  [116] = {.entry = {.count = 1, .reusable = true}}, SHIFT(37),
  [118] = {.entry = {.count = 1, .reusable = false}}, REDUCE(sym_pointer, 1, 0, 0),
  [120] = {.entry = {.count = 1, .reusable = false}}, SHIFT(22),
  [122] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_pointer, 1, 0, 0),
  [124] = {.entry = {.count = 1, .reusable = false}}, REDUCE(sym_pointer, 2, 0, 0),
  [126] = {.entry = {.count = 1, .reusable = false}}, SHIFT(23),
  [128] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_pointer, 2, 0, 0),
  [130] = {.entry = {.count = 1, .reusable = false}}, REDUCE(aux_sym_pointer_repeat1, 2, 0, 0),
  [132] = {.entry = {.count = 2, .reusable = false}}, REDUCE(aux_sym_pointer_repeat1, 2, 0, 0), SHIFT_REPEAT(23),
  [135] = {.entry = {.count = 1, .reusable = true}}, REDUCE(aux_sym_pointer_repeat1, 2, 0, 0),
  [137] = {.entry = {.count = 1, .reusable = false}}, SHIFT(40),
  [139] = {.entry = {.count = 1, .reusable = true}}, SHIFT(61),
  [141] = {.entry = {.count = 1, .reusable = false}}, SHIFT(61),
  [143] = {.entry = {.count = 1, .reusable = true}}, SHIFT(74),
  [145] = {.entry = {.count = 1, .reusable = true}}, SHIFT(76),
  [147] = {.entry = {.count = 1, .reusable = true}}, SHIFT(3),
  [149] = {.entry = {.count = 1, .reusable = true}}, SHIFT(48),
  [151] = {.entry = {.count = 1, .reusable = true}}, SHIFT(51),
  [153] = {.entry = {.count = 1, .reusable = true}}, SHIFT(58),
  [155] = {.entry = {.count = 1, .reusable = true}}, REDUCE(aux_sym_parameter_repeat2, 2, 0, 23),
  [157] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_parameter_repeat2, 2, 0, 23), SHIFT_REPEAT(21),
  [160] = {.entry = {.count = 1, .reusable = false}}, SHIFT(63),
  [162] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_pattern_repeat1, 2, 0, 0), SHIFT_REPEAT(29),
  [165] = {.entry = {.count = 1, .reusable = true}}, REDUCE(aux_sym_pattern_repeat1, 2, 0, 0),
  [167] = {.entry = {.count = 1, .reusable = true}}, SHIFT(33),
  [169] = {.entry = {.count = 1, .reusable = true}}, SHIFT(14),
  [171] = {.entry = {.count = 1, .reusable = true}}, SHIFT(64),
  [173] = {.entry = {.count = 1, .reusable = true}}, SHIFT(66),
  [175] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_flow, 1, 0, 7),
  [177] = {.entry = {.count = 1, .reusable = true}}, SHIFT(113),
  [179] = {.entry = {.count = 1, .reusable = true}}, SHIFT(4),
  [181] = {.entry = {.count = 1, .reusable = true}}, SHIFT(52),
  [183] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_flow, 2, 0, 18),
  [185] = {.entry = {.count = 1, .reusable = true}}, SHIFT(92),
  [187] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_mode, 1, 0, 0),
  [189] = {.entry = {.count = 1, .reusable = true}}, SHIFT(42),
  [191] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_constraint, 2, 0, 21),
  [193] = {.entry = {.count = 1, .reusable = true}}, SHIFT(96),
  [195] = {.entry = {.count = 1, .reusable = true}}, SHIFT(29),
  [197] = {.entry = {.count = 1, .reusable = true}}, SHIFT(105),
  [199] = {.entry = {.count = 1, .reusable = true}}, SHIFT(56),
  [201] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym__atomic_repeat1, 2, 0, 0), SHIFT_REPEAT(64),
  [204] = {.entry = {.count = 1, .reusable = true}}, REDUCE(aux_sym__atomic_repeat1, 2, 0, 0),
  [206] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_parameter_list_repeat1, 2, 0, 0), SHIFT_REPEAT(4),
  [209] = {.entry = {.count = 1, .reusable = true}}, REDUCE(aux_sym_parameter_list_repeat1, 2, 0, 0),
  [211] = {.entry = {.count = 1, .reusable = true}}, REDUCE(aux_sym_flow_repeat1, 2, 0, 26),
  [213] = {.entry = {.count = 2, .reusable = true}}, REDUCE(aux_sym_flow_repeat1, 2, 0, 26), SHIFT_REPEAT(113),
  [216] = {.entry = {.count = 1, .reusable = true}}, SHIFT(111),
  [218] = {.entry = {.count = 1, .reusable = true}}, SHIFT(20),
  [220] = {.entry = {.count = 1, .reusable = true}}, SHIFT(24),
  [222] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym__flow_head, 4, 0, 24),
  [224] = {.entry = {.count = 1, .reusable = true}}, REDUCE(aux_sym_flow_repeat1, 2, 0, 25),
  [226] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym__flow_head, 2, 0, 3),
  [228] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_parameter_list, 3, 0, 0),
  [230] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_parameter_list, 4, 0, 0),
  [232] = {.entry = {.count = 1, .reusable = true}}, REDUCE(aux_sym_parameter_repeat2, 1, 0, 16),
  [234] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_parameter, 3, 0, 28),
  [236] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym__source_node, 2, 0, 1),
  [238] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_parameter_list, 2, 0, 0),
  [240] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_wildcard, 1, 0, 0),
  [242] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_constraint, 4, 0, 29),
  [244] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_constraint, 5, 0, 30),
  [246] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym__atomic, 3, 0, 10),
  [248] = {.entry = {.count = 1, .reusable = true}}, SHIFT(85),
  [250] = {.entry = {.count = 1, .reusable = true}}, SHIFT(114),
  [252] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym__source_head, 3, 0, 20),
  [254] = {.entry = {.count = 1, .reusable = true}}, SHIFT(91),
  [256] = {.entry = {.count = 1, .reusable = true}}, SHIFT(19),
  [258] = {.entry = {.count = 1, .reusable = true}},  ACCEPT_INPUT(),
  [260] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym__source, 2, 0, 9),
  [262] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym__source_head, 2, 0, 10),
  [264] = {.entry = {.count = 1, .reusable = true}}, SHIFT(88),
  [266] = {.entry = {.count = 1, .reusable = true}}, SHIFT(68),
  [268] = {.entry = {.count = 1, .reusable = true}}, SHIFT(86),
  [270] = {.entry = {.count = 1, .reusable = true}}, SHIFT(69),
  [272] = {.entry = {.count = 1, .reusable = true}}, SHIFT(70),
  [274] = {.entry = {.count = 1, .reusable = true}}, SHIFT(87),
  [276] = {.entry = {.count = 1, .reusable = true}}, SHIFT(18),
  [278] = {.entry = {.count = 1, .reusable = true}}, SHIFT(59),
  [280] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym__typedef, 2, 0, 12),
  [282] = {.entry = {.count = 1, .reusable = true}}, SHIFT(13),
  [284] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym__handler, 2, 0, 14),
  [286] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym__handler_head, 2, 0, 10),
  [288] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym__handler_node, 2, 0, 1),
  [290] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym__typedef_type, 2, 0, 2),
  [292] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym__handle_error, 2, 0, 0),
  [294] = {.entry = {.count = 1, .reusable = true}}, SHIFT(89),
  [296] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_session_clause, 3, 0, 27),
  [298] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_scope, 1, 0, 0),
  [300] = {.entry = {.count = 1, .reusable = true}}, SHIFT(62),
  [302] = {.entry = {.count = 1, .reusable = true}}, SHIFT(112),
  [304] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym__atomic_open, 2, 0, 10),
  [306] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym__atomic, 4, 0, 10),
  [308] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym__atomic_head, 2, 0, 10),
  [310] = {.entry = {.count = 1, .reusable = true}}, SHIFT(15),
  [312] = {.entry = {.count = 1, .reusable = true}}, SHIFT(103),
  [314] = {.entry = {.count = 1, .reusable = true}}, SHIFT(73),
  [316] = {.entry = {.count = 1, .reusable = true}}, SHIFT(95),
  [318] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym__signature, 2, 0, 5),
  [320] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym__atomic_node, 2, 0, 1),
  [322] = {.entry = {.count = 1, .reusable = true}}, SHIFT(16),
  [324] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_pattern, 3, 0, 0),
  [326] = {.entry = {.count = 1, .reusable = true}}, SHIFT(83),
  [328] = {.entry = {.count = 1, .reusable = true}}, SHIFT(17),
  [330] = {.entry = {.count = 1, .reusable = true}}, SHIFT(65),
  [332] = {.entry = {.count = 1, .reusable = true}}, SHIFT(97),
  [334] = {.entry = {.count = 1, .reusable = true}}, SHIFT(49),
  [336] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym_pattern, 4, 0, 0),
  [338] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym__signature_inputs, 3, 0, 17),
  [340] = {.entry = {.count = 1, .reusable = true}}, SHIFT(50),
  [342] = {.entry = {.count = 1, .reusable = true}}, REDUCE(sym__session_key, 3, 0, 0),
};

enum ts_external_scanner_symbol_identifiers {
  ts_external_token__boundary = 0,
  ts_external_token__probe = 1,
  ts_external_token__error_sentinel = 2,
};

static const TSSymbol ts_external_scanner_symbol_map[EXTERNAL_TOKEN_COUNT] = {
  [ts_external_token__boundary] = sym__boundary,
  [ts_external_token__probe] = sym__probe,
  [ts_external_token__error_sentinel] = sym__error_sentinel,
};

static const bool ts_external_scanner_states[4][EXTERNAL_TOKEN_COUNT] = {
  [1] = {
    [ts_external_token__boundary] = true,
    [ts_external_token__probe] = true,
    [ts_external_token__error_sentinel] = true,
  },
  [2] = {
    [ts_external_token__boundary] = true,
    [ts_external_token__probe] = true,
  },
  [3] = {
    [ts_external_token__probe] = true,
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
