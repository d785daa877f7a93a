"""Operations on agreements (they flush, never commit); import the submodule you need."""
