"""Syntax: parsing with tree-sitter-flux, incremental re-parse, syntax diagnostics, lowering."""

from .parse import SyntaxTree, TextEdit, parse, reparse

__all__ = ["SyntaxTree", "TextEdit", "parse", "reparse"]
