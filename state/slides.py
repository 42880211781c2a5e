"""URL state of the Slides page: a deck of saved views (links to this app) shown one after another.

`?view=<link>&view=<link>...&i=<n>`: each `view` is an app-relative link (`/region/FRE1?year=2021`), URL-encoded,
in the order of the deck; `i` is the current slide, counted from 1. `edit=1` opens the editor with the deck's
links. Only links to pages of this app are kept: anything with another scheme or host (`https://evil.example/`,
`javascript:...`, `//host/...`), a path that is no page of the app, or characters a page address never has is
dropped with a notice. A full link pasted with the app's path prefix (`/portal/cluster/region/FRE1`) or with
the app's own host is reduced to the app-relative link. Pure: the caller passes the prefix, the host and the
page paths (`/region/<code>` templates allowed). Notices are `i18n.Message`s (English strings that translate
themselves when the page is drawn). The deck's own `lang=` is given to every slide like the display modes.
"""

from __future__ import annotations

import base64
import binascii
import re
from urllib.parse import parse_qsl, urlencode, urlsplit

from i18n import LANGUAGES, Message

MAX_SLIDES = 30
MAX_LINK_CHARS = 1000
# gunicorn accepts request lines up to 8,190 characters (gunicorn.conf.py): a longer deck link would be a 414.
MAX_DECK_LINK = 7800
MAX_FILE_BYTES = 20_000
DISPLAY_PARAMS = ("embed", "present", "theme")  # set by the deck for every slide, never taken from a link
_PATH = re.compile(r"^/[A-Za-z0-9._~%/-]*$")
_FRAGMENT = re.compile(r"^[A-Za-z0-9_-]{1,100}$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_BINARY = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # control characters other than tab and line ends
_SHOWN_PROBLEMS = 5


def _short(text, n=60) -> str:
    text = str(text)
    return text if len(text) <= n else text[: n - 1] + "\u2026"


def _template_regex(template: str) -> re.Pattern:
    parts = re.split(r"(<[^>]+>)", template)
    body = "".join("[^/]+" if p.startswith("<") else re.escape(p) for p in parts if p)
    return re.compile(f"^{body}$")


def is_known_page(path: str, known) -> bool:
    """`path` is one of the page paths or templates in `known` (None: every path counts as known)."""
    if known is None:
        return True
    return any(_template_regex(t).match(path) for t in known)


def strip_prefix(path: str, prefix: str = "/") -> str:
    """'/portal/cluster/region/FRE1' -> '/region/FRE1' when the app runs under '/portal/cluster/'."""
    prefix = "/" + (prefix or "/").strip("/")
    if prefix == "/":
        return path
    if path == prefix or path == prefix + "/":
        return "/"
    if path.startswith(prefix + "/"):
        return path[len(prefix) :]
    return path


DEFAULT_PORTS = {"http": "80", "https": "443"}


def origin_key(scheme: str, netloc: str) -> str:
    """'scheme://host[:port]' with the scheme's default port left out, lower case (https://A.example:443 is
    https://a.example)."""
    scheme, netloc = (scheme or "").lower(), (netloc or "").lower().rsplit("@", 1)[-1]
    host, _, port = netloc.rpartition(":") if netloc.rpartition(":")[2].isdigit() else (netloc, "", "")
    return f"{scheme}://" + (host if not port or DEFAULT_PORTS.get(scheme) == port else f"{host}:{port}")


def _allowed(hosts) -> set[str]:
    """The app's own origins as origin keys. Each is a 'host[:port]' (the scheme taken as http and https both)
    or a full origin 'https://host[:port]'."""
    if not hosts:
        return set()
    out = set()
    for h in [hosts] if isinstance(hosts, str) else hosts:
        if not h:
            continue
        if "://" in h:
            parts = urlsplit(h)
            out.add(origin_key(parts.scheme, parts.netloc))
        else:
            out |= {origin_key("http", h), origin_key("https", h)}
    return out


def normalize_link(raw, prefix: str = "/", host: str | None = None, known=None) -> tuple[str | None, str]:
    """(app-relative link, '') for a view of this app; (None, why not) otherwise.

    `host` is the app's own host (`observatory.example:8050`) or several of its public origins (a setting, the
    proxy's forwarded headers, the browser's address): an absolute http(s) link to one of them is accepted.
    Display parameters (embed, present, theme) are removed: the deck sets them.
    """
    if not isinstance(raw, str):
        return None, Message("not a link")
    text = raw.strip()
    if not text:
        return None, "empty"
    if len(text) > MAX_LINK_CHARS:
        return None, Message("longer than {count} characters", count=MAX_LINK_CHARS)
    if _CONTROL.search(text) or "\\" in text:
        return None, Message("not a link to this app (characters a link never has)")
    try:
        parts = urlsplit(text)
    except ValueError:
        return None, Message("not a link")
    if parts.scheme or parts.netloc:
        same_app = (
            parts.scheme.lower() in ("http", "https")
            and not parts.username
            and not parts.password
            and origin_key(parts.scheme, parts.netloc) in _allowed(host)
        )
        if not same_app:
            return None, Message("a link to another site or not a web link (only links to this app can be slides)")
    path = parts.path or "/"
    if not path.startswith("/") or path.startswith("//"):
        return None, Message("not a page address of this app (a link starts with /)")
    if not _PATH.match(path):
        return None, Message("not a page address of this app")
    path = strip_prefix(path, prefix)
    if len(path) > 1:
        path = path.rstrip("/") or "/"
    if not is_known_page(path, known):
        if is_known_page(path, ["/slides"]):
            return None, Message("a slide deck cannot show another deck")
        return None, Message("no page of this app has this address")
    params = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in DISPLAY_PARAMS]
    query = urlencode(params, safe=",/:")
    fragment = parts.fragment if _FRAGMENT.match(parts.fragment or "") else ""
    return path + (f"?{query}" if query else "") + (f"#{fragment}" if fragment else ""), ""


def parse_links(raws, prefix: str = "/", host: str | None = None, known=None):
    """(links, problems): the usable links in order, and (raw, why) of every unusable non-empty entry."""
    links, problems = [], []
    for raw in raws:
        link, why = normalize_link(raw, prefix, host, known)
        if link is not None:
            links.append(link)
        elif why != "empty":
            problems.append((raw, why))
    return links, problems


def _joined(items, separator: Message) -> Message:
    """Messages (or strings) joined by `separator`, as one Message that translates each part and the separator."""
    names = [f"part{i}" for i in range(len(items))]
    template = "{separator}".join("{" + name + "}" for name in names)
    return Message(template, separator=separator, **dict(zip(names, items)))


def problem_notice(problems) -> Message:
    """One sentence naming the first few unusable links and why."""
    shown = _joined(
        [Message("{link}: {why}", link=repr(_short(raw)), why=why) for raw, why in problems[:_SHOWN_PROBLEMS]],
        Message("; "),
    )
    if len(problems) == 1:
        return Message("Left out 1 link that cannot be a slide: {shown}.", shown=shown)
    if len(problems) > _SHOWN_PROBLEMS:
        return Message(
            "Left out {count} links that cannot be a slide: {shown} and {more} more.",
            count=len(problems),
            shown=shown,
            more=len(problems) - _SHOWN_PROBLEMS,
        )
    return Message("Left out {count} links that cannot be a slide: {shown}.", count=len(problems), shown=shown)


def _index(raw, n: int, notices: list[str]) -> int:
    if raw is None or raw == "":
        return 1
    if isinstance(raw, (list, tuple)):
        raw = raw[-1]
    try:
        i = int(str(raw).strip())
    except ValueError:
        notices.append(Message("Unknown slide number {value}: showing slide 1.", value=repr(_short(raw, 20))))
        return 1
    if n and not 1 <= i <= n:
        clamped = min(max(i, 1), n)
        notices.append(
            Message("The deck has 1 slide: showing slide {shown} instead of {asked}.", shown=clamped, asked=i)
            if n == 1
            else Message(
                "The deck has {count} slides: showing slide {shown} instead of {asked}.",
                count=n,
                shown=clamped,
                asked=i,
            )
        )
        return clamped
    return i


def _as_list(raw) -> list:
    if raw is None:
        return []
    if isinstance(raw, (list, tuple)):
        return list(raw)
    return [raw]


def _last(raw) -> str:
    values = _as_list(raw)
    return str(values[-1]) if values else ""


def parse_slides(query: dict, prefix: str = "/", host: str | None = None, known=None) -> tuple[dict, list[str]]:
    """State {views, i, edit, present, theme, lang} of a /slides query and the notices to show (`lang`: the deck's
    own `?lang=` when it names a language, else '')."""
    notices: list[str] = []
    views, problems = parse_links(_as_list(query.get("view")), prefix, host, known)
    if problems:
        notices.append(problem_notice(problems))
    if len(views) > MAX_SLIDES:
        notices.append(
            Message(
                "At most {most} slides in a deck: kept the first {most} of {count}.", most=MAX_SLIDES, count=len(views)
            )
        )
        views = views[:MAX_SLIDES]
    i = _index(query.get("i"), len(views), notices) if views else 1
    edit, present, theme, lang = (_last(query.get(k)) for k in ("edit", "present", "theme", "lang"))
    lang = lang.strip().lower()[:2]
    return {
        "views": views,
        "i": i,
        "edit": edit == "1" or not views,
        "present": present == "1",
        "theme": "dark" if theme == "dark" else "",
        "lang": lang if lang in LANGUAGES else "",
    }, notices


def slides_search(views, i: int | None = 1, edit: bool = False, lang: str = "") -> str:
    """'?view=%2Fregion%2FFRE1&view=...&i=2' (i is written for a deck shown; `edit` opens the editor; `lang`, the
    deck's language, when given)."""
    items = [("view", v) for v in views]
    if edit:
        items.append(("edit", 1))
    elif views and i is not None:
        items.append(("i", i))
    if lang:
        items.append(("lang", lang))
    return "?" + urlencode(items, safe="/,") if items else ""


def step(i: int, n: int, delta: int) -> int:
    """The slide after moving `delta` from slide `i` of `n`, kept within the deck."""
    return min(max(int(i) + delta, 1), max(n, 1))


def in_language(link: str, lang: str = "") -> str:
    """The link in the deck's language `lang` (its own `lang=` replaced); as it is when the deck names none."""
    if not lang:
        return link
    parts = urlsplit(link)
    params = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "lang"] + [("lang", lang)]
    return parts.path + "?" + urlencode(params, safe=",/:") + (f"#{parts.fragment}" if parts.fragment else "")


def view_src(link: str, present: bool = False, theme: str = "", lang: str = "") -> str:
    """The link as an iframe shows it: without the app's chrome (embed=1), in the deck's display mode and
    language (`lang`: the deck's own `?lang=`, '' when it has none)."""
    parts = urlsplit(in_language(link, lang))
    params = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in DISPLAY_PARAMS]
    params.append(("embed", "1"))
    if present:
        params.append(("present", "1"))
    if theme == "dark":
        params.append(("theme", "dark"))
    return parts.path + "?" + urlencode(params, safe=",/:") + (f"#{parts.fragment}" if parts.fragment else "")


def lines_of(text) -> list[str]:
    """The links of an editor text or a file: one per line, blank lines and lines starting with # left out."""
    if not isinstance(text, str):
        return []
    return [line.strip() for line in text.splitlines() if line.strip() and not line.strip().startswith("#")]


def editor_text(views) -> str:
    return "\n".join(views)


def decode_upload(contents, filename=None, limit: int = MAX_FILE_BYTES) -> tuple[str | None, str]:
    """(text, '') of an uploaded plain-text file (a `data:...;base64,` URL as dcc.Upload gives it); else
    (None, a message saying why not)."""
    name = _short(filename, 60) if filename else Message("The file")
    unreadable = Message("{name} could not be read: choose a .txt file with one link per line.", name=name)
    too_large = Message(
        "{name} is too large: a deck file is at most {size} KB of text (one link per line).",
        name=name,
        size=limit // 1000,
    )
    not_text = Message("{name} is not a text file: save the links as plain text (UTF-8), one per line.", name=name)
    if not isinstance(contents, str) or "," not in contents:
        return None, unreadable
    header, _, body = contents.partition(",")
    if len(body) > (limit * 4) // 3 + 8:
        return None, too_large
    try:
        data = base64.b64decode(body, validate=True) if header.endswith(";base64") else body.encode()
    except (binascii.Error, ValueError):
        return None, unreadable
    if len(data) > limit:
        return None, too_large
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, not_text
    if _BINARY.search(text):
        return None, not_text
    return text, ""
