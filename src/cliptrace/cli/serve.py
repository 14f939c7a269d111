"""`cliptrace serve`: the reading room in a browser."""

from __future__ import annotations

from pathlib import Path

import typer

from .app import DbOption, app, console, open_archive


@app.command()
def serve(
    db: str = DbOption,
    host: str = typer.Option("127.0.0.1", help="Address to bind; keep 127.0.0.1 unless you mean to share it."),
    port: int = typer.Option(8000, help="Port to listen on."),
    allow_edits: bool = typer.Option(False, "--allow-edits", help="Allow alias corrections from the browser."),
    lexicon: Path | None = typer.Option(None, "--lexicon", exists=True, dir_okay=False,
                                        help="Framing lexicon TOML file for /outlets (default: the packaged one)."),
    allow_host: list[str] = typer.Option([], "--allow-host", help="Another host name the server may be reached "
                                         "by (besides loopback names and --host); repeat for several."),
) -> None:
    """Serve the reading room: search, read, and explore the archive in a browser."""
    import uvicorn

    from ..web.app import create_app
    from ..web.security import allowed_hosts

    open_archive(db).close()  # a missing or unreachable archive is reported before the server starts
    console.print(f"cliptrace reading room on http://{host}:{port}/  (archive: {db}; Ctrl+C to stop)")
    app_ = create_app(db, allow_edits=allow_edits, lexicon=lexicon, hosts=allowed_hosts(host, allow_host))
    uvicorn.run(app_, host=host, port=port, log_level="warning")
