package tree_sitter_flux_test

import (
	"testing"

	tree_sitter "github.com/smacker/go-tree-sitter"
	"github.com/tree-sitter/tree-sitter-flux"
)

func TestCanLoadGrammar(t *testing.T) {
	language := tree_sitter.NewLanguage(tree_sitter_flux.Language())
	if language == nil {
		t.Errorf("Error loading Flux grammar")
	}
}
