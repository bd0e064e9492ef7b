"""aiohttp, requests and BeautifulSoup for the tutorial's crawlers, on the playground's own pages.

Only the playground's own site can be fetched, by relative address (the
bundled site/1.html to site/9.html are there to crawl): a browser refuses
other sites. Each page
answers after LATENCY_S, as the crawler preset's do, so that crawling one
page at a time and many at once differ as they do on a real network. These
modules stand in for the real ones wherever the tracer runs (the real ones
could not reach another site from a browser either).
"""

import asyncio
import html.parser
import importlib.abc
import importlib.util
import json as jsonlib
import re
import sys
import time
import types

LATENCY_S = 0.3
_fetch = None


def page_path(url):
    """The playground's own page `url` names, or None for another site's."""
    url = str(url)
    if "://" in url or url.startswith("//"):
        return None
    return url.lstrip("./").lstrip("/")


def refused(url):
    return (
        f"cannot fetch {url}: the playground fetches only its own pages "
        "(site/1.html to site/9.html); a browser refuses other sites"
    )


def fetch_now(url):
    """Fetches one of the playground's pages: (status, text); OSError for another site."""
    path = page_path(url)
    if path is None:
        raise OSError(refused(url))
    return _fetch(path)


def fetched_event(status, body):
    """What a fetch got, on the task that fetched, or in the pool's job that did."""
    from pg_threads import job_event
    from pg_trace import Tracer

    detail = f"{status} {len(body.encode())} "
    if job_event("fetched", detail):
        return
    tracer = Tracer.current
    if tracer is not None:
        tracer.recorder.add(tracer.recorder.lane, "fetched", detail)


# aiohttp ------------------------------------------------------------------


class ClientError(Exception):
    pass


class ClientConnectionError(ClientError):
    pass


class ClientConnectorError(ClientConnectionError):
    pass


class ClientResponseError(ClientError):
    def __init__(self, status, message):
        super().__init__(f"{status}, message={message!r}")
        self.status = status
        self.message = message


class ClientTimeout:
    def __init__(self, total=None, **_):
        self.total = total


class ClientResponse:
    def __init__(self, url, status, body):
        self.url = url
        self.status = status
        self.reason = "OK" if status == 200 else "Not Found"
        self._body = body

    async def text(self, encoding=None):
        return self._body

    async def read(self):
        return self._body.encode()

    async def json(self, **_):
        return jsonlib.loads(self._body)

    def raise_for_status(self):
        if self.status >= 400:
            raise ClientResponseError(self.status, self.reason)

    def release(self):
        pass

    def close(self):
        pass


class _Request:
    def __init__(self, url):
        self._url = url

    def __await__(self):
        return self._send().__await__()

    async def __aenter__(self):
        return await self._send()

    async def __aexit__(self, *exc):
        return False

    async def _send(self):
        loop = asyncio.get_running_loop()
        started = loop.time()
        try:
            status, body = fetch_now(self._url)
        except OSError as error:
            raise ClientConnectorError(str(error)) from None
        arrived = loop.create_future()
        arrived._pg_wait = f"fetch {self._url}"
        loop.call_at(started + LATENCY_S, _arrive, arrived)
        await arrived
        fetched_event(status, body)
        return ClientResponse(self._url, status, body)


def _arrive(future):
    if not future.done():
        future.set_result(None)


class ClientSession:
    def __init__(self, *_, **__):
        self.closed = False

    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        await self.close()
        return False

    async def close(self):
        self.closed = True

    def get(self, url, **_):
        return _Request(url)


# requests -----------------------------------------------------------------


class RequestException(IOError):
    pass


class ConnectionError(RequestException):
    pass


class HTTPError(RequestException):
    pass


class Timeout(RequestException):
    pass


class Response:
    def __init__(self, url, status, body):
        self.url = url
        self.status_code = status
        self.text = body
        self.content = body.encode()
        self.ok = status < 400
        self.encoding = "utf-8"
        self.reason = "OK" if status == 200 else "Not Found"

    def json(self, **_):
        return jsonlib.loads(self.text)

    def raise_for_status(self):
        if self.status_code >= 400:
            raise HTTPError(f"{self.status_code} Client Error: {self.reason} for url: {self.url}")


def get(url, **_):
    """requests.get: it waits for the page, holding whatever thread calls it."""
    started = time.perf_counter()
    try:
        status, body = fetch_now(url)
    except OSError as error:
        raise ConnectionError(str(error)) from None
    time.sleep(max(0.0, LATENCY_S - (time.perf_counter() - started)))
    fetched_event(status, body)
    return Response(url, status, body)


# BeautifulSoup ------------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Tag:
    """An element of a parsed page, with what BeautifulSoup offers of one."""

    def __init__(self, name, attrs, parent):
        self.name = name
        self.attrs = {k: (v or "").split() if k == "class" else (v or "") for k, v in attrs}
        self.contents = []
        self.parent = parent

    def descendants(self):
        for child in self.contents:
            if isinstance(child, Tag):
                yield child
                yield from child.descendants()

    def get_text(self, separator="", strip=False):
        parts = []

        def walk(node):
            for child in node.contents:
                if isinstance(child, Tag):
                    walk(child)
                else:
                    parts.append(child.strip() if strip else child)

        walk(self)
        return separator.join(p for p in parts if p or not strip)

    @property
    def text(self):
        return self.get_text()

    @property
    def string(self):
        if len(self.contents) == 1:
            only = self.contents[0]
            return only if isinstance(only, str) else only.string
        return None

    def get(self, key, default=None):
        value = self.attrs.get(key, default)
        return value

    def __getitem__(self, key):
        return self.attrs[key]

    def select(self, css):
        chosen = []
        for group in css.split(","):
            steps = parse_selector(group)
            chosen += [tag for tag in self.descendants() if matches(tag, steps, len(steps) - 1) and tag not in chosen]
        order = {id(tag): n for n, tag in enumerate(self.descendants())}
        return sorted(chosen, key=lambda tag: order[id(tag)])

    def select_one(self, css):
        found = self.select(css)
        return found[0] if found else None

    def find_all(self, name=None, attrs=None, class_=None, limit=None, **kwargs):
        wanted = dict(attrs or {}, **kwargs)
        found = []
        for tag in self.descendants():
            if name is not None and tag.name not in ([name] if isinstance(name, str) else name):
                continue
            if class_ is not None and class_ not in tag.attrs.get("class", []):
                continue
            if any(tag.attrs.get(k) != v and v not in tag.attrs.get(k, []) for k, v in wanted.items()):
                continue
            found.append(tag)
            if limit and len(found) == limit:
                break
        return found

    def find(self, name=None, attrs=None, class_=None, **kwargs):
        found = self.find_all(name, attrs, class_, limit=1, **kwargs)
        return found[0] if found else None

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return self.find(name)

    def __str__(self):
        attrs = "".join(
            f' {k}="{" ".join(v) if isinstance(v, list) else v}"' for k, v in self.attrs.items()
        )
        inner = "".join(str(child) for child in self.contents)
        return f"<{self.name}{attrs}>" if self.name in VOID else f"<{self.name}{attrs}>{inner}</{self.name}>"

    __repr__ = __str__


class _TreeBuilder(html.parser.HTMLParser):
    def __init__(self, root):
        super().__init__(convert_charrefs=True)
        self.node = root

    def handle_starttag(self, name, attrs):
        tag = Tag(name, attrs, self.node)
        self.node.contents.append(tag)
        if name not in VOID:
            self.node = tag

    def handle_endtag(self, name):
        node = self.node
        while node is not None and node.name != name:
            node = node.parent
        if node is not None and node.parent is not None:
            self.node = node.parent

    def handle_data(self, data):
        self.node.contents.append(data)


class BeautifulSoup(Tag):
    """A parsed page; every parser name reads it with Python's html.parser."""

    def __init__(self, markup="", features=None, **_):
        super().__init__("[document]", [], None)
        if isinstance(markup, bytes):
            markup = markup.decode("utf-8", "replace")
        builder = _TreeBuilder(self)
        builder.feed(markup)
        builder.close()


SIMPLE = re.compile(r"([a-zA-Z][\w-]*|\*)?((?:[.#][\w-]+|\[[^\]]+\])*)$")


def parse_selector(css):
    """`a > b.c d` as [(None, a), ('>', b.c), (' ', d)]: combinator and compound."""
    tokens = re.sub(r"\s*>\s*", " > ", css.strip()).split()
    if not tokens:
        raise ValueError(f"empty CSS selector: {css!r}")
    steps, combinator = [], None
    for token in tokens:
        if token == ">":
            combinator = ">"
            continue
        found = SIMPLE.match(token)
        if not found:
            raise ValueError(f"this CSS selector is not supported here: {token!r}")
        tag, rest = found.group(1), found.group(2)
        classes = re.findall(r"\.([\w-]+)", rest)
        ids = re.findall(r"#([\w-]+)", rest)
        attrs = [a.split("=", 1) for a in re.findall(r"\[([^\]]+)\]", rest)]
        steps.append((combinator if steps else None, (tag, classes, ids, attrs)))
        combinator = " "
    return steps


def compound_matches(tag, compound):
    name, classes, ids, attrs = compound
    if name not in (None, "*") and tag.name != name:
        return False
    have = tag.attrs.get("class", [])
    if any(c not in have for c in classes) or any(tag.attrs.get("id") != i for i in ids):
        return False
    for attr in attrs:
        key = attr[0].strip()
        if key not in tag.attrs:
            return False
        if len(attr) == 2:
            value = tag.attrs[key]
            value = " ".join(value) if isinstance(value, list) else value
            if value != attr[1].strip().strip("\"'"):
                return False
    return True


def matches(tag, steps, at):
    combinator, compound = steps[at]
    if not compound_matches(tag, compound):
        return False
    if at == 0:
        return True
    parent = tag.parent
    if combinator == ">":
        return parent is not None and parent.name != "[document]" and matches(parent, steps, at - 1)
    while parent is not None and parent.name != "[document]":
        if matches(parent, steps, at - 1):
            return True
        parent = parent.parent
    return False


# the modules ------------------------------------------------------------------

MODULES = {
    "aiohttp": dict(
        ClientSession=ClientSession,
        ClientResponse=ClientResponse,
        ClientTimeout=ClientTimeout,
        ClientError=ClientError,
        ClientConnectionError=ClientConnectionError,
        ClientConnectorError=ClientConnectorError,
        ClientResponseError=ClientResponseError,
    ),
    "requests.exceptions": dict(
        RequestException=RequestException,
        ConnectionError=ConnectionError,
        HTTPError=HTTPError,
        Timeout=Timeout,
    ),
    "bs4": dict(BeautifulSoup=BeautifulSoup, Tag=Tag),
}
MODULES["requests"] = dict(MODULES["requests.exceptions"], get=get, Response=Response)


class Finder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Offers the modules above before any installed ones."""

    def find_spec(self, name, path=None, target=None):
        if name not in MODULES:
            return None
        return importlib.util.spec_from_loader(name, self, is_package=name == "requests")

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        module.__dict__.update(MODULES[module.__name__])


def install(fetch):
    """Lets the program import the modules above; `fetch(path)` gives (status, text)."""
    global _fetch
    _fetch = fetch
    if not any(isinstance(finder, Finder) for finder in sys.meta_path):
        sys.meta_path.insert(0, Finder())
