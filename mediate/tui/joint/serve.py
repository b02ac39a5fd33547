"""``mediate serve CASE``: the joint view of one case in each party's browser, through textual-serve.

textual-serve starts one copy of the served command (here ``mediate joint CASE``) per browser
connection and has no authentication of its own. So its request handlers (``handle_index``,
``handle_websocket``, ``handle_download``, the public methods of ``textual_serve.server.Server``)
are mounted here in an aiohttp application of our own, behind a middleware that lets a request
through only with a live link's token:

- each party gets a link of its own, ``http://127.0.0.1:PORT/?token=…``, with a random token
  (``secrets.token_urlsafe``); the database keeps only its SHA-256, in an audited event;
- the first request with the token gets it as an HttpOnly cookie and is sent on to the page
  without the token in its address (so it is not in the history, a referrer or a shared
  screenshot); the page, its scripts, its websocket and its downloads are checked by that cookie;
- without a token, with a wrong one, or with one revoked, ended or expired: 403, whatever the path;
- a websocket whose Origin is not the server's own is refused (a page elsewhere cannot drive it);
- every open connection is watched: when its link is revoked (by the mediator's app, in another
  process: the revocation is an audit event this server reads), ended or expired, the connection
  is cut and its app stops;
- when the server stops, its links end (an audit event): the next server issues new ones.
- the page around the app is mediate's own (``page.py``): in the case's language, and loading
  nothing from any other site, which a Content-Security-Policy enforces.

The server listens on 127.0.0.1 only. A party elsewhere reaches it through a tunnel or a reverse
proxy with TLS in front (``--public-url`` then names the address the browsers use).
"""

from __future__ import annotations

import asyncio
import contextlib
import shlex
import socket
import sys
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

import aiohttp_jinja2
from aiohttp import web
from textual_serve.server import Server

from mediate.services.joint import IssuedLink, end_earlier_links, issue_links, live_link
from mediate.store import Store, open_store
from mediate.store.joint_verbs import JointLink
from mediate.tui.joint.page import page_loader, page_words

HOST = "127.0.0.1"
COOKIE = "mediate_link"
WATCH_SECONDS = 0.5  # how often open connections are checked against their links
FORBIDDEN = (
    "403: this link is not valid (any more). Ask the mediator for a new one.\n"
    "403: deze link is niet (meer) geldig. Vraag de mediator om een nieuwe.\n"
)
SECURITY_HEADERS = {
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
    # The page loads nothing from elsewhere and is shown in no other site's frame.
    "Content-Security-Policy": "default-src 'self'; script-src 'self' 'unsafe-inline'; "
    "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
}

Result = TypeVar("Result")


class ServeError(Exception):
    """The server cannot start; ``str()`` is a sentence for the user."""


@dataclass
class Connection:
    link: int
    task: asyncio.Task[Any]


class JointServer:
    """Serves ``mediate joint CASE`` to the holders of this server's links."""

    def __init__(
        self,
        db_path: Path,
        case: str,
        *,
        port: int = 8000,
        public_url: str | None = None,
        files: Path | None = None,
        hours: float = 8,
    ) -> None:
        self.db_path, self.case, self.port, self.hours = db_path, case, port, hours
        self.public_url = (public_url or f"http://{HOST}:{port}").rstrip("/")
        command = [
            sys.executable,
            "-m",
            "mediate.cli",
            "--db",
            str(db_path),
            "joint",
            case,
            *(["--files", str(files)] if files is not None else []),
        ]
        self.server = Server(
            " ".join(shlex.quote(part) for part in command),
            host=HOST,
            port=port,
            title="mediate",
            public_url=self.public_url,
        )
        # One thread owns the server's database connection (SQLite's connections stay in the
        # thread that opened them), so a slow write never blocks the event loop.
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="mediate-db")
        self.store: Store | None = None
        self.case_id = 0
        self.language = "en"  # the case's: the page around the joint view speaks it too
        self.links: list[IssuedLink] = []
        self.connections: list[Connection] = []
        self.watcher: asyncio.Task[None] | None = None

    # --- the database, in its own thread ---------------------------------------------------------

    def _open(self) -> None:
        self.store = open_store(self.db_path)
        self.case_id = self.store.case_id(self.case)
        self.language = self.store.case(self.case_id).language.value

    async def in_db(self, call: Callable[[Store], Result]) -> Result:
        def run() -> Result:
            assert self.store is not None
            return call(self.store)

        return await asyncio.get_running_loop().run_in_executor(self.executor, run)

    def start(self) -> list[IssuedLink]:
        """Open the database, end links an earlier server left, issue one link per party."""
        if not self.public_url.startswith(("http://", "https://")):
            raise ServeError(
                f"--public-url must start with https:// (or http://): {self.public_url}"
            )
        with socket.socket() as probe:  # refuse a busy port before any link is issued
            # As the web server binds: a port left in TIME_WAIT by the last run is free, one
            # another program listens on is not.
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind((HOST, self.port))
            except OSError as error:
                raise ServeError(
                    f"Cannot serve on {HOST}:{self.port}: {error.strerror or error}; "
                    "choose another port with --port."
                ) from None
        self.executor.submit(self._open).result()

        def issue(store: Store) -> list[IssuedLink]:
            end_earlier_links(store, self.case_id)
            return issue_links(store, self.case_id, self.hours)

        self.links = self.executor.submit(lambda: issue(self.store)).result()  # type: ignore[arg-type]
        return self.links

    def url(self, link: IssuedLink) -> str:
        return f"{self.public_url}/?token={link.token}"

    # --- the aiohttp application -----------------------------------------------------------------

    def application(self) -> web.Application:
        app = web.Application(middlewares=[self.guard])
        # textual-serve's page, in the case's language and asking nothing of other sites.
        pages = aiohttp_jinja2.setup(app, loader=page_loader())
        pages.globals["page"] = page_words(self.language)
        # The routes (and their names, which handle_index uses) of textual-serve's own app.
        app.add_routes(
            [
                web.get("/", self.server.handle_index, name="index"),
                web.get("/ws", self.server.handle_websocket, name="websocket"),
                web.get("/download/{key}", self.server.handle_download, name="download"),
                web.static("/static", self.server.statics_path, name="static"),
            ]
        )
        app.on_startup.append(self.on_startup)
        app.on_shutdown.append(self.on_shutdown)
        app.on_cleanup.append(self.on_cleanup)
        return app

    async def check(self, token: str | None) -> JointLink | None:
        return await self.in_db(lambda store: live_link(store, self.case_id, token))

    @web.middleware
    async def guard(
        self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        given = request.query.get("token")
        link = await self.check(given or request.cookies.get(COOKIE))
        if link is None:
            return forbidden()
        if given:
            # Keep the token in a cookie and send the browser on without it in the address.
            rest = "&".join(f"{k}={v}" for k, v in request.query.items() if k != "token")
            response = web.Response(
                status=303, headers={"Location": "./" + (f"?{rest}" if rest else "")}
            )
            response.set_cookie(
                COOKIE,
                given,
                httponly=True,
                samesite="Lax",
                secure=self.public_url.startswith("https:"),
                path="/",
            )
            response.headers.update(SECURITY_HEADERS)
            return response
        if request.path == "/ws":
            return await self.follow(request, handler, link)
        response = await handler(request)
        response.headers.update(SECURITY_HEADERS)
        return response

    async def follow(
        self,
        request: web.Request,
        handler: Callable[[web.Request], Awaitable[web.StreamResponse]],
        link: JointLink,
    ) -> web.StreamResponse:
        """Run one browser's connection while its link stays live; record it coming and going."""
        origin = request.headers.get("Origin")
        if origin is not None and origin.rstrip("/") != _origin(self.public_url):
            return forbidden()
        task = asyncio.current_task()
        assert task is not None
        connection = Connection(link.number, task)
        self.connections.append(connection)
        await self.in_db(lambda store: store.joint_link_connected(self.case_id, link.number))
        try:
            return await handler(request)  # textual-serve closes the app when it is cancelled
        finally:
            self.connections.remove(connection)
            with contextlib.suppress(Exception):
                await asyncio.shield(
                    self.in_db(
                        lambda store: store.joint_link_disconnected(self.case_id, link.number)
                    )
                )

    async def watch(self) -> None:
        """Cut every connection whose link is no longer live (revoked, ended or expired)."""
        while True:
            await asyncio.sleep(WATCH_SECONDS)
            if not self.connections:
                continue
            try:
                links = await self.in_db(lambda store: store.joint_links(self.case_id))
                now = await self.in_db(lambda store: store.clock())
            except Exception:  # the database is busy or gone: try again, cut nothing blindly
                continue
            live = {k.number for k in links if k.live(now)}
            for connection in list(self.connections):
                if connection.link not in live:
                    connection.task.cancel()

    async def on_startup(self, app: web.Application) -> None:
        self.watcher = asyncio.create_task(self.watch())

    async def on_shutdown(self, app: web.Application) -> None:
        if self.watcher is not None:
            self.watcher.cancel()
        for connection in list(self.connections):
            connection.task.cancel()

    async def on_cleanup(self, app: web.Application) -> None:
        numbers = [link.number for link in self.links]
        with contextlib.suppress(Exception):
            await self.in_db(
                lambda store: store.end_joint_links(self.case_id, numbers, "the server stopped")
            )

    def run(self) -> None:
        """Serve until interrupted (Ctrl+C or SIGTERM); the links end with it."""
        try:
            web.run_app(
                self.application(),
                host=HOST,
                port=self.port,
                print=None,
                access_log=None,  # an access log would hold the tokens of the first requests
                shutdown_timeout=5,
            )
        finally:
            if self.store is not None:
                self.executor.submit(self.store.close).result()
            self.executor.shutdown()


def forbidden() -> web.Response:
    return web.Response(status=403, text=FORBIDDEN, headers=SECURITY_HEADERS)


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
