"""Operations of the externals domain: the public application (applications) and its review (review)."""
