"""Operations of the tandem workspace (they flush, never commit); import the submodule you need."""
