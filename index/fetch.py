"""Fetching from the web, politely and within limits: the one HTTP client of feeds and URLs.

Every request goes through `Fetcher.get`: a timeout on each step and on the whole download, a
size limit (on the decoded body, so a compressed bomb stops too), redirects followed one by one
within a limit (each hop waits its host's turn), a polite delay between requests to one host
(safe across threads), and conditional requests (ETag / Last-Modified) so an unchanged feed
costs a 304 and no download. A failure is a `FetchError` whose message is one sentence.

`file:` addresses (a feed saved on disk) are read with the same size limit; their modification
time stands in for Last-Modified.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import formatdate
from http import HTTPStatus
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING
from urllib.parse import unquote, urljoin, urlsplit

from index.model import now_timestamp

if TYPE_CHECKING:
    import httpx

USER_AGENT = "quotedesk/0.1 (a terminal news reader; feeds and pages its user asked for)"
TIMEOUT = 20.0  # seconds for each step (connect, each read) and, times three, for a whole download
MAX_BYTES = 10 * 1024 * 1024  # a news page or feed is far smaller; anything bigger is not one
MAX_REDIRECTS = 5
HOST_DELAY = 1.0  # seconds between two requests to one host
REDIRECT_CODES = {301, 302, 303, 307, 308}


class FetchError(Exception):
    """A page or feed that could not be fetched; str() is one sentence saying why."""


@dataclass(frozen=True)
class Fetched:
    """What one request brought back."""

    url: str  # as asked for
    final_url: str  # after redirects
    status: int  # 200, or 304 when not_modified
    content: bytes  # empty when not_modified
    content_type: str  # "text/html", "application/rss+xml", … ("" when not said)
    etag: str
    last_modified: str
    fetched_at: str  # ISO timestamp
    not_modified: bool = False


def _size(limit: int) -> str:
    mb = limit / (1024 * 1024)
    return f"{mb:g} MB" if mb >= 1 else f"{limit} bytes"


def host_of_url(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def is_web_address(value: str) -> bool:
    """Whether a command-line argument is an http(s) address rather than a path."""
    parts = urlsplit(value.strip())
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


class Fetcher:
    """One HTTP client with its limits and its per-host clock; use as a context manager.

    `clock` and `sleep` are the monotonic clock and the pause used for the polite delay (tests
    pass their own); `transport` is httpx's (tests may mock it).
    """

    def __init__(
        self,
        *,
        timeout: float = TIMEOUT,
        max_bytes: int = MAX_BYTES,
        max_redirects: int = MAX_REDIRECTS,
        host_delay: float = HOST_DELAY,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self.host_delay = host_delay
        self._clock = clock
        self._sleep = sleep
        self._turns: dict[str, float] = {}  # host -> when its next request may start
        self._lock = threading.Lock()
        import httpx  # imported late: every command loads this module, few of them fetch

        self._client = httpx.Client(
            timeout=httpx.Timeout(timeout),
            follow_redirects=False,
            headers={"User-Agent": USER_AGENT},
            transport=transport,
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    # --- requests -------------------------------------------------------------------------

    def get(self, url: str, *, etag: str = "", last_modified: str = "", accept: str = "") -> Fetched:
        """GET `url` (conditionally when `etag` or `last_modified` is given); raises FetchError."""
        url = url.strip()
        scheme = urlsplit(url).scheme.lower()
        if scheme == "file":
            return self._read_file(url, last_modified)
        if scheme not in ("http", "https") or not urlsplit(url).hostname:
            raise FetchError(f"“{url}” is not a web address (http:// or https://) or a file.")
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        if accept:
            headers["Accept"] = accept
        current = url
        for _hop in range(self.max_redirects + 1):
            self._wait_turn(host_of_url(current))
            result = self._request(url, current, headers)
            if isinstance(result, Fetched):
                return result
            current = result
        raise FetchError(f"{url} redirects more than {self.max_redirects} times.")

    def _request(self, asked: str, url: str, headers: dict[str, str]) -> Fetched | str:
        """One request: what it brought, or the address it redirects to."""
        import httpx

        host = host_of_url(url)
        deadline = time.monotonic() + 3 * self.timeout
        try:
            with self._client.stream("GET", url, headers=headers) as response:
                if response.status_code in REDIRECT_CODES and "location" in response.headers:
                    target = urljoin(url, response.headers["location"])
                    if urlsplit(target).scheme.lower() not in ("http", "https"):
                        raise FetchError(f"{asked} redirects to “{target}”, which is not a web address.")
                    return target
                if response.status_code == 304:
                    return self._fetched(asked, response, b"", not_modified=True)
                if response.status_code >= 400:
                    reason = _status_phrase(response.status_code)
                    raise FetchError(f"{host} answered {response.status_code} ({reason}) for {url}.")
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > self.max_bytes:
                    raise FetchError(f"{url} is larger than the {_size(self.max_bytes)} limit.")
                body = bytearray()
                for chunk in response.iter_bytes():
                    body.extend(chunk)
                    if len(body) > self.max_bytes:
                        raise FetchError(f"{url} is larger than the {_size(self.max_bytes)} limit.")
                    if time.monotonic() > deadline:
                        raise FetchError(f"{host} took more than {3 * self.timeout:g} s to send {url}.")
                return self._fetched(asked, response, bytes(body))
        except httpx.TimeoutException:
            raise FetchError(f"{host} did not answer within {self.timeout:g} s.") from None
        except httpx.ConnectError as error:
            raise FetchError(f"Cannot connect to {host} ({_reason(error)}).") from None
        except httpx.HTTPError as error:
            raise FetchError(f"Fetching {url} failed ({_reason(error)}).") from None

    def _fetched(self, asked: str, response: httpx.Response, content: bytes, *, not_modified: bool = False) -> Fetched:
        content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
        return Fetched(
            url=asked,
            final_url=str(response.url),
            status=response.status_code,
            content=content,
            content_type=content_type,
            etag=response.headers.get("etag", ""),
            last_modified=response.headers.get("last-modified", ""),
            fetched_at=now_timestamp(),
            not_modified=not_modified,
        )

    def _wait_turn(self, host: str) -> None:
        """Wait until `host` may be asked again; reserves the slot first, so threads queue up."""
        with self._lock:
            now = self._clock()
            start = max(now, self._turns.get(host, now))
            self._turns[host] = start + self.host_delay
        if start > now:
            self._sleep(start - now)

    def _read_file(self, url: str, last_modified: str) -> Fetched:
        path = Path(unquote(urlsplit(url).path))
        try:
            stat = path.stat()
            if not path.is_file():
                raise FetchError(f"{path} is not a file.")
            stamp = formatdate(stat.st_mtime, usegmt=True)
            if last_modified and last_modified == stamp:
                return Fetched(url, url, 304, b"", "", "", stamp, now_timestamp(), not_modified=True)
            if stat.st_size > self.max_bytes:
                raise FetchError(f"{path} is larger than the {_size(self.max_bytes)} limit.")
            with open(path, "rb") as handle:
                content = handle.read(self.max_bytes + 1)
        except FileNotFoundError:
            raise FetchError(f"There is no file {path}.") from None
        except PermissionError:
            raise FetchError(f"{path} cannot be read (permission denied).") from None
        except OSError as error:
            raise FetchError(f"{path} cannot be read ({error.strerror or error}).") from None
        if len(content) > self.max_bytes:
            raise FetchError(f"{path} is larger than the {_size(self.max_bytes)} limit.")
        return Fetched(url, url, 200, content, "", "", stamp, now_timestamp())


def _status_phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "error"


def _reason(error: Exception) -> str:
    text = str(error).strip()
    return text.rstrip(".") if text else type(error).__name__
