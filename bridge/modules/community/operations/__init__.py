"""Operations of the community domain: they check permissions, change objects and flush."""
