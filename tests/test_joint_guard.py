"""The guard in front of ``mediate serve``, driven in-process through aiohttp's test client (no
browser): 403 without a live link on every path, for a wrong, revoked or expired token; a cookie
instead of the token in the address; the page in the case's language, asking nothing of other
sites; a connection cut when its link expires; the links ended when the server stops.
(tests/test_joint_serve.py drives the same server from a real browser.)"""

from __future__ import annotations

import asyncio
import re
import socket
from datetime import UTC, datetime, timedelta
from pathlib import Path

from aiohttp.test_utils import TestClient, TestServer

from mediate.tui.joint.serve import COOKIE, JointServer
from tests.builders import bundle

PATHS = ("/", "/ws", "/static/js/textual.js", "/static/fonts/x.ttf", "/download/x", "/x")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def joint_apps(db_path) -> list[int]:
    """The process ids of `mediate joint` apps running on this database."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            command = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if str(db_path).encode() in command and b"joint" in command:
            found.append(int(entry.name))
    return found


async def started(db_path, case: str = "MED-2026-001"):
    server = JointServer(db_path, case, port=free_port())
    links = await asyncio.to_thread(server.start)
    client = TestClient(TestServer(server.application(), port=server.port))
    await client.start_server()
    return server, {k.party.value: k for k in links}, client


async def stop(server: JointServer, client: TestClient) -> None:
    await client.close()
    await asyncio.to_thread(server.executor.submit(server.store.close).result)
    server.executor.shutdown()


async def code(client: TestClient, path: str, token: str | None = None, **kw) -> int:
    cookies = {COOKIE: token} if token else None
    async with client.get(path, cookies=cookies, allow_redirects=False, **kw) as response:
        return response.status


async def test_nothing_opens_without_a_live_token(db_path, store, case_id):
    server, links, client = await started(db_path)
    try:
        client_token = links["client"].token
        for path in PATHS:
            assert await code(client, path) == 403, path
            assert await code(client, path, "not-a-token") == 403, path
            assert await code(client, f"{path}?token=not-a-token") == 403, path
        # The token once in the address: kept as an HttpOnly cookie, and taken out of it.
        async with client.get(f"/?token={client_token}", allow_redirects=False) as response:
            assert response.status == 303 and "token" not in response.headers["Location"]
            cookie = response.headers["Set-Cookie"]
            assert cookie.startswith(f"{COOKIE}={client_token}") and "HttpOnly" in cookie
        assert await code(client, "/", client_token) == 200

        # Revoked from the mediator's app (another connection): 403 from then on.
        store.revoke_joint_link(case_id, links["client"].number)
        assert await code(client, "/", client_token) == 403
        assert await code(client, f"/?token={client_token}") == 403

        # Expired: the provider's link works until its hour is up, then opens nothing.
        provider_token = links["provider"].token
        assert await code(client, "/", provider_token) == 200
        later = datetime.now(UTC) + timedelta(hours=8, minutes=1)
        server.store.clock = lambda: later
        for path in PATHS:
            assert await code(client, path, provider_token) == 403, path
        assert await code(client, f"/?token={provider_token}") == 403
    finally:
        await stop(server, client)


async def test_the_page_speaks_the_case_language_and_asks_no_other_site(db_path, store):
    store.import_bundle(bundle(language="nl"))
    server, links, client = await started(db_path)
    try:
        token = links["provider"].token
        async with client.get("/", cookies={COOKIE: token}) as response:
            assert response.status == 200
            page = await response.text()
            policy = response.headers["Content-Security-Policy"]
        assert '<html lang="nl">' in page and "<title>Gedeeld scherm · mediate</title>" in page
        assert "Het gedeelde scherm is gesloten." in page and "Session ended" not in page
        # Every address in the page is this server's own: no font or script from elsewhere.
        addresses = re.findall(r"""[a-z]+://[^"')\s>]+""", page)
        own = (server.public_url, "ws" + server.public_url.removeprefix("http"))
        assert len(addresses) >= 5 and all(a.startswith(own) for a in addresses), addresses
        assert "googleapis" not in page
        assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
        # The font the page names is served (with the party's cookie).
        font = "/static/fonts/RobotoMono-VariableFont_wght.ttf"
        assert await code(client, font, token) == 200
    finally:
        await stop(server, client)


async def test_an_open_connection_is_cut_when_its_link_expires(db_path, store, case_id):
    server, links, client = await started(db_path)
    try:
        token = links["client"].token
        socket_ = await client.ws_connect(
            "/ws?width=100&height=30", headers={"Cookie": f"{COOKIE}={token}"}
        )
        first = await asyncio.wait_for(socket_.receive(), 20)  # the joint app drew its screen
        assert first.data
        await asyncio.sleep(0.6)  # the connection is recorded
        connected = {k.party.value: k.connections for k in store.joint_links(case_id)}
        assert connected == {"provider": 0, "client": 1}
        assert len(joint_apps(db_path)) == 1  # the joint app textual-serve started for it

        later = datetime.now(UTC) + timedelta(hours=9)
        server.store.clock = lambda: later
        start = asyncio.get_running_loop().time()
        while not socket_.closed:
            assert asyncio.get_running_loop().time() - start < 5, "not cut within 5 s"
            await asyncio.wait_for(socket_.receive(), 5)
        assert asyncio.get_running_loop().time() - start < 2.0
        # The connection's joint app (the process textual-serve started for it) stops too.
        while joint_apps(db_path):
            assert asyncio.get_running_loop().time() - start < 5, "its joint app still runs"
            await asyncio.sleep(0.1)
        await asyncio.sleep(0.3)
        assert all(k.connections == 0 for k in store.joint_links(case_id))
    finally:
        await stop(server, client)


async def test_stopping_the_server_ends_its_links(db_path, store, case_id):
    server, _links, client = await started(db_path)
    await client.close()  # the server stops: its application's cleanup runs
    states = {k.party.value: k.state(store.clock()) for k in store.joint_links(case_id)}
    assert states == {"provider": "ended", "client": "ended"}
    await asyncio.to_thread(server.executor.submit(server.store.close).result)
    server.executor.shutdown()
    kinds = [e["kind"] for e in store.audit_events(case_id)]
    assert kinds[-1] == "link.ended" and store.verify("MED-2026-001")[0].ok


async def test_a_port_just_left_by_a_stopped_server_serves_again(db_path, store, case_id):
    """Stopping `mediate serve` and starting it again on the same port works at once: the
    connections of the last run still hold the port for a minute (TIME_WAIT), as the web server
    itself allows, while a port another program listens on is still refused."""
    port = free_port()
    with socket.socket() as listener:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", port))
        listener.listen()
        browser = socket.create_connection(("127.0.0.1", port))
        accepted, _ = listener.accept()
        accepted.close()  # the server's side closes first: its port waits (TIME_WAIT)
        browser.close()
    server = JointServer(db_path, "MED-2026-001", port=port)
    links = await asyncio.to_thread(server.start)
    assert len(links) == 2
    await asyncio.to_thread(server.executor.submit(server.store.close).result)
    server.executor.shutdown()
