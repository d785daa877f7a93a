"""Community: the Q&A area, the good-practice library, workshops and the scenario library."""
