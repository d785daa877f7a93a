"""Operations of the mentor database: the filtered mentor entries (mentors) and their Excel export (export)."""
