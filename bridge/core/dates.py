"""Calendar helpers shared by domains."""
from datetime import date


def add_months(day: date, months: float) -> date:
    """Return the day a (possibly fractional) number of months later, clamped to the month's end."""
    whole, part = int(months), months - int(months)
    index = day.month - 1 + whole
    year, month = day.year + index // 12, index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            moved = day.replace(year=year, month=month, day=min(day.day, candidate))
            break
        except ValueError:
            continue
    return date.fromordinal(moved.toordinal() + round(part * 30.44))
