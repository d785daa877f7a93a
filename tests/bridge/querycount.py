"""Count the SQL queries of one request (the tests that pages do not grow with the number of people or rows)."""
import sqlalchemy as sa


def get_counted(app, client, url: str):
    """GET url with the client; return (number of SQL statements it ran, the response), after asserting a 200."""
    count = 0

    def counter(*_args):
        nonlocal count
        count += 1

    engine = app.extensions["sqlalchemy"].engine
    sa.event.listen(engine, "before_cursor_execute", counter)
    try:
        response = client.get(url)
    finally:
        sa.event.remove(engine, "before_cursor_execute", counter)
    assert response.status_code == 200, url
    return count, response
