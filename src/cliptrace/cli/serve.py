"""`cliptrace serve`: the reading room in a browser."""

from __future__ import annotations

import errno
import socket
from pathlib import Path

import typer

from .app import DbOption, app, console, open_archive, refuse


def port_problem(host: str, port: int) -> str | None:
    """Why the server could not listen on host:port (in use, not allowed, no such address), or None.

    Binding once here, before the server starts, turns uvicorn's late failure (a traceback and
    exit code 3 after it announced the address) into one line the user can act on.
    """
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        return f"cannot resolve {host}: {exc.strerror}"
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does
        try:
            probe.bind(address)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                return f"port {port} on {host} is already in use: stop what runs there or pass --port"
            return f"cannot listen on {host}:{port}: {exc.strerror}"
    return None


@app.command()
def serve(
    db: str = DbOption,
    host: str = typer.Option("127.0.0.1", help="Address to bind; keep 127.0.0.1 unless you mean to share it."),
    port: int = typer.Option(8000, min=1, max=65535, help="Port to listen on."),
    allow_edits: bool = typer.Option(False, "--allow-edits", help="Allow alias corrections from the browser."),
    lexicon: Path | None = typer.Option(None, "--lexicon", exists=True, dir_okay=False,
                                        help="Framing lexicon TOML file for /outlets (default: the packaged one)."),
    allow_host: list[str] = typer.Option([], "--allow-host", help="Another host name the server may be reached "
                                         "by (besides loopback names and --host); repeat for several."),
) -> None:
    """Serve the reading room: search, read, and explore the archive in a browser.

    Exit code 2 when the archive is missing or the port cannot be used.
    """
    open_archive(db).close()  # a missing or unreachable archive is reported before the server starts
    problem = port_problem(host, port)
    if problem:
        refuse(f"cliptrace serve: {problem}.")
    import uvicorn

    from ..web.app import create_app
    from ..web.security import allowed_hosts

    console.print(f"cliptrace reading room on http://{host}:{port}/  (archive: {db}; Ctrl+C to stop)", markup=False)
    app_ = create_app(db, allow_edits=allow_edits, lexicon=lexicon, hosts=allowed_hosts(host, allow_host))
    uvicorn.run(app_, host=host, port=port, log_level="warning")
