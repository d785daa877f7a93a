"""Operations of evaluation (they flush, never commit); import the submodule you need."""
