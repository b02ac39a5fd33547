"""The web page around the joint view that ``mediate serve`` hands each party's browser.

textual-serve's own page (its ``app_index.html``) is in English and fetches a font from Google,
which tells a third party who opened the link and when. This page is the same page in the case's
language (``<html lang>``, its title, the words shown while it opens and after it closed) with
the font taken from textual-serve's own static files, so the browser asks nothing of anyone but
this server. The element ids, classes and data attributes are those textual-serve's script needs.
"""

from __future__ import annotations

import jinja2

from mediate.tui.joint.words import Words

TEMPLATE = "app_index.html"  # the name textual-serve's handle_index renders

PAGE = """<!DOCTYPE html>
<html lang="{{ page.lang }}">
  <head>
    <meta charset="utf-8" />
    <meta name="referrer" content="no-referrer" />
    <title>{{ page.title }}</title>
    <link rel="stylesheet" href="{{ config.static.url }}css/xterm.css" />
    <script src="{{ config.static.url }}js/textual.js"></script>
    <style>
      @font-face {
        font-family: "Roboto Mono";
        src: url("{{ config.static.url }}fonts/RobotoMono-VariableFont_wght.ttf");
        font-style: normal;
      }
      @font-face {
        font-family: "Roboto Mono";
        src: url("{{ config.static.url }}fonts/RobotoMono-Italic-VariableFont_wght.ttf");
        font-style: italic;
      }
      body { background: #0c181f; margin: 0; }
      .dialog-container {
        position: absolute; width: 100vw; height: 100vh; display: flex;
        align-items: center; justify-content: center; z-index: 10;
      }
      .shade { position: absolute; width: 100%; height: 100%; background: #0c181f; }
      .intro {
        width: 640px; max-width: 90vw; min-height: 200px; font-size: 16px; z-index: 20;
        font-family: "Roboto Mono", menlo, monospace; text-align: center;
        color: rgba(255, 255, 255, 0.95); background-color: #12232d;
        display: flex; flex-direction: column; align-items: center; justify-content: center;
        margin: 32px; padding: 16px;
      }
      body.-first-byte .intro-dialog, body.-first-byte .intro-dialog .shade {
        opacity: 0; transition: opacity 0.3s ease-out; display: none;
      }
      body .textual-terminal { opacity: 0; transition: opacity 0.3s ease-out; }
      body.-first-byte .textual-terminal { opacity: 1; transition: opacity 0.3s ease-out; }
      button {
        padding: 16px 32px; background-color: #5e0ba7; color: rgba(255, 255, 255, 0.95);
        border: none; font-family: "Roboto Mono", menlo, monospace; margin: 16px; display: block;
      }
      button:hover { background: #ac5af4; cursor: pointer; }
      .closed-dialog { opacity: 0; display: none; }
      body.-closed .closed-dialog { opacity: 1; display: flex; }
      #start { display: none; }
      #start.-delay { display: flex; }
    </style>
    <script>
      function getStartUrl() {
        const url = new URL(window.location.href);
        const params = new URLSearchParams(url.search);
        params.delete("delay");
        return url.pathname + "?" + params.toString();
      }
      function refresh() {
        window.location.href = getStartUrl();
      }
    </script>
  </head>
  <body>
    <div class="dialog-container intro-dialog">
      <div class="shade"></div>
      <div class="intro">
        <div>{{ page.loading }}</div>
        <button type="button" onClick="refresh()" id="start">{{ page.again }}</button>
      </div>
    </div>
    <div class="dialog-container closed-dialog">
      <div class="shade"></div>
      <div class="intro">
        <div class="message">{{ page.closed }}</div>
        <button type="button" onClick="refresh()">{{ page.again }}</button>
      </div>
    </div>
    <div
      id="terminal"
      class="textual-terminal"
      data-session-websocket-url="{{ app_websocket_url }}"
      data-font-size="{{ font_size }}"
    ></div>
  </body>
</html>
"""


def page_loader() -> jinja2.BaseLoader:
    return jinja2.DictLoader({TEMPLATE: PAGE})


def page_words(language: str) -> dict[str, str]:
    """The page's words in the case's language (English when it is not one the view speaks)."""
    words = Words(language)
    return {
        "lang": words.language,
        "title": f"{words('page_title')} · mediate",
        "loading": words("page_loading"),
        "closed": words("page_closed"),
        "again": words("page_again"),
    }
