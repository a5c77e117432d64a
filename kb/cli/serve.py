"""`kb serve`: browse the knowledge base in a web browser (Datasette), read-only."""

from typing import Annotated

import typer

from kb.cli.common import DbOption


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on; 0.0.0.0 opens it to the network.")]
        = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port to listen on.")] = 8001,
    db: DbOption = None,
) -> None:
    """Serve the SQLite database with Datasette, read-only: every table and column described, facets, canned
    queries, full-text search, and each fact linked to its sentence and article. Stop it with Ctrl-C.

    Example: kb serve --port 8001
    """
    import asyncio

    import uvicorn

    from kb.serve import make_datasette, served_path

    path = served_path(db)
    _check_free(host, port)
    datasette = make_datasette(path)
    asyncio.run(datasette.invoke_startup())
    typer.echo(f"kb serve: {path} read-only at http://{host}:{port}/ (Ctrl-C to stop)", err=True)
    uvicorn.run(datasette.app(), host=host, port=port, log_level="warning")


def _check_free(host: str, port: int) -> None:
    """A port in use is one clear line before Datasette starts, not a server log."""
    import os
    import socket

    from kb.cli.common import fail

    try:
        with socket.create_server((host, port)):
            pass
    except OSError as exc:
        reason = os.strerror(exc.errno) if exc.errno else str(exc)
        raise fail(f"cannot listen on {host}:{port}: {reason}; choose another with --port") from None
