"""What the chat's page carries besides its components: the style, the script that makes every [n] of an answer
open its source, the Dutch texts of Gradio's own labels, and the middleware that serves the page in Dutch.

Gradio picks the language of its own labels ("Copy message", "Clear", "Use via API") from the browser's
``navigator.language`` before any ``head`` script of the app runs, so :class:`DutchPage` puts one small script at
the top of the page's ``<head>`` that reports Dutch; :data:`I18N` adds the Dutch labels Gradio's own Dutch lacks.
Everything is inline: nothing is loaded from elsewhere.
"""

from __future__ import annotations

from ui.security import send_whole

CSS = """
.pmg-hidden { display: none !important; }
#pmg-header { margin: 0 0 4px; }
#pmg-header h1 { font-size: 1.45rem !important; margin: 0 0 2px !important; }
#pmg-header p { margin: 0; color: var(--body-text-color-subdued); }
#pmg-status p { margin: 0; font-size: 0.9em; color: var(--body-text-color-subdued); }
#pmg-active p { margin: 0; }
.pmg-chip { display: inline-block; padding: 1px 10px; margin: 0 4px 0 0; border-radius: 999px; font-size: 0.85em;
  background: #e0ecff; color: #1e3a8a; }
#pmg-chat .message-row, #pmg-chat .message { max-width: 100%; }
#pmg-chat .bot, #pmg-chat .message.bot { width: 100%; }
#pmg-chat blockquote { margin: 4px 0; }
.pmg-ref { font: inherit; color: #1d4ed8; background: #e8f0ff; border: 0; border-radius: 4px; padding: 0 3px;
  cursor: pointer; text-decoration: underline; }
.pmg-ref:hover, .pmg-ref:focus { background: #c7dafd; }
.pmg-suggest { cursor: pointer; color: #1d4ed8; text-decoration: underline; }
#pmg-panel { position: sticky; top: 8px; align-self: flex-start; }
.pmg-source { text-align: left; }
.pmg-source h3 { margin: 0 0 6px; font-size: 1.05em; line-height: 1.35; }
.pmg-source-n { margin: 0; font-weight: 700; color: #1d4ed8; }
.pmg-facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 10px; margin: 0 0 8px; font-size: 0.9em; }
.pmg-facts dt { color: var(--body-text-color-subdued); }
.pmg-facts dd { margin: 0; }
.pmg-open { display: inline-block; margin: 2px 0 8px; font-weight: 600; }
.pmg-text { white-space: pre-wrap; line-height: 1.5; }
.pmg-source .pmg-text { position: relative; max-height: 20em; overflow-y: auto; border-left: 3px solid #93c5fd; padding-left: 10px; }
.pmg-text mark, .pmg-hit mark { background: #fff3a3; color: inherit; padding: 0 2px; }
.pmg-passage { border: 1px solid var(--border-color-primary); border-radius: 8px; padding: 12px; }
.pmg-meta { font-size: 0.9em; margin-bottom: 8px; color: var(--body-text-color-subdued); }
.pmg-hit { border-bottom: 1px solid var(--border-color-primary); padding: 10px 0; }
.pmg-hit .pmg-text { max-height: 14em; overflow-y: auto; }
.pmg-docs { width: 100%; border-collapse: collapse; font-family: var(--font); font-size: 0.95em; }
.pmg-docs th, .pmg-docs td { text-align: left; vertical-align: top; padding: 6px 8px;
  border-bottom: 1px solid var(--border-color-primary); }
.pmg-docs th { font-weight: 600; white-space: nowrap; }
.pmg-docs td.num { text-align: right; white-space: nowrap; }
.pmg-kind-m { display: none; font-size: 0.85em; color: var(--body-text-color-subdued); }
.pmg-docs td.date { white-space: nowrap; }
.pmg-docs td.id { font-size: 0.85em; color: var(--body-text-color-subdued); word-break: break-all; }
@media (max-width: 800px) {
  #pmg-header h1 { font-size: 1.1rem !important; }
  #pmg-header p { display: none; }
  #pmg-panel { position: static; }
  #pmg-chat { height: auto !important; max-height: none !important; }
  #pmg-chat .bubble-wrap, #pmg-chat .panel-wrap, #pmg-chat [role=log], #pmg-chat > div {
    max-height: none !important; height: auto !important; overflow: visible !important; }
  .pmg-source .pmg-text { max-height: none; }
  #pmg-chat .message, #pmg-chat .message-row { padding-left: 6px !important; padding-right: 6px !important; }
  #pmg-chat ul, #pmg-chat ol { padding-left: 1.1em; }
  .pmg-docs .opt { display: none; }
  .pmg-docs .pmg-kind-m { display: block; }
  .pmg-docs td.date { white-space: normal; }
}
"""

# The first script of the page: Gradio's labels in Dutch, whatever the browser's language.
EARLY_JS = ("<script>(function(){try{var p=Navigator.prototype;Object.defineProperty(p,'language',"
            "{get:function(){return 'nl'},configurable:true});Object.defineProperty(p,'languages',"
            "{get:function(){return ['nl','en']},configurable:true})}catch(e){}"
            "document.documentElement.lang='nl'})()</script>")

# Every [n] in an answer becomes a button that opens source n of that answer in the panel: the script writes
# "<answer number>:<n>" into a hidden textbox and presses a hidden button, whose event renders the panel. The
# message itself stays plain Markdown (copying it gives clean text).
HEAD_JS = r"""<script>
(function () {
  const REF = /\[(\d{1,3})\]/g;
  function bots(chat) { return Array.from(chat.querySelectorAll('.message.bot, [data-testid="bot"]'))
    .filter((el, i, all) => !all.some(o => o !== el && o.contains(el))); }
  function label(chat) {  // screen readers: the message's text, not its Markdown source
    chat.querySelectorAll('[aria-label="chatbot conversation"]').forEach(el => el.setAttribute('aria-label', 'Gesprek'));
    chat.querySelectorAll('[aria-label^="bot\'s message"], [aria-label^="user\'s message"]').forEach(el => {
      const who = el.getAttribute('aria-label').startsWith('bot') ? 'Antwoord: ' : 'Vraag: ';
      el.setAttribute('aria-label', who + (el.innerText || '').replace(/\s+/g, ' ').trim());
    });
  }
  function wrap() {
    const chat = document.getElementById('pmg-chat');
    if (!chat) return;
    label(chat);
    suggestions(chat);
    document.querySelectorAll('.pmg-source:not([data-shown])').forEach(src => {  // the quote in view in its text
      src.dataset.shown = '1';
      const box = src.querySelector('.pmg-text'), mark = box && box.querySelector('mark');
      if (mark) box.scrollTop = Math.max(0, mark.offsetTop - box.offsetTop - 48);
    });
    bots(chat).forEach((bot, turn) => {
      const walker = document.createTreeWalker(bot, NodeFilter.SHOW_TEXT);
      const hits = [];
      for (let t = walker.nextNode(); t; t = walker.nextNode()) {
        if (t.parentElement.closest('.pmg-ref, button, a, code, pre')) continue;
        REF.lastIndex = 0;
        if (REF.test(t.nodeValue)) hits.push(t);
      }
      hits.forEach(t => {
        const frag = document.createDocumentFragment();
        let last = 0; const s = t.nodeValue; REF.lastIndex = 0;
        for (let m; (m = REF.exec(s));) {
          frag.append(s.slice(last, m.index));
          const b = document.createElement('button');
          b.type = 'button'; b.className = 'pmg-ref'; b.textContent = m[0];
          b.dataset.ref = turn + ':' + m[1];
          b.title = (document.documentElement.lang === 'en' ? 'Open source ' : 'Open bron ') + m[1];
          frag.append(b); last = m.index + m[0].length;
        }
        frag.append(s.slice(last));
        t.replaceWith(frag);
      });
    });
  }
  const ASK = /^(Deze vragen beantwoorden de documenten wel|Questions the documents do answer|Vervolgvragen die de documenten beantwoorden|Follow-up questions the documents answer)/;
  function suggestions(chat) {  // the questions under an answer or a refusal: a click asks them
    chat.querySelectorAll('.message.bot ul').forEach(ul => {
      const head = ul.previousElementSibling;
      if (head && ASK.test(head.textContent.trim()))
        ul.querySelectorAll('li:not(.pmg-suggest)').forEach(li => {
          li.classList.add('pmg-suggest'); li.tabIndex = 0; li.setAttribute('role', 'button'); });
    });
  }
  function askAgain(text) {
    const box = document.querySelector('#pmg-question textarea');
    if (!box) return;
    box.value = text;
    box.dispatchEvent(new Event('input', {bubbles: true}));
    setTimeout(() => document.getElementById('pmg-send').click(), 30);
  }
  function open(ref) {
    const box = document.querySelector('#pmg-ref textarea, #pmg-ref input');
    const go = document.getElementById('pmg-ref-go');
    if (!box || !go) return;
    box.value = ref;
    box.dispatchEvent(new Event('input', {bubbles: true}));
    setTimeout(() => {
      go.click();
      const panel = document.getElementById('pmg-panel');
      if (panel && window.innerWidth <= 800) setTimeout(() => panel.scrollIntoView({behavior: 'smooth'}), 300);
    }, 30);
  }
  document.addEventListener('click', e => {
    const q = e.target.closest && e.target.closest('.pmg-suggest');
    if (q) { e.preventDefault(); askAgain(q.textContent.trim()); return; }
    const b = e.target.closest && e.target.closest('.pmg-ref');
    if (!b) return;
    e.preventDefault(); e.stopPropagation();
    open(b.dataset.ref);
  }, true);
  let pending = null;
  new MutationObserver(() => { if (!pending) pending = setTimeout(() => { pending = null; wrap(); }, 60); })
    .observe(document.documentElement, {childList: true, subtree: true, characterData: true});
})();
</script>"""

# Gradio's own labels that its Dutch translation lacks (keys of its English file)
I18N = {
    "nl": {
        "chatbot.copy_message": "Bericht kopiëren", "chatbot.copied_message": "Gekopieerd",
        "chatbot.like": "Nuttig", "chatbot.dislike": "Niet nuttig",
        "chatbot.clear": "Gesprek wissen", "chatbot.complete": "Klaar", "chatbot.retry": "Opnieuw",
        "common.copy": "Kopiëren", "common.copied": "Gekopieerd", "common.clear": "Wissen",
        "common.download": "Downloaden", "common.error": "Fout", "common.loading": "Laden",
        "errors.use_via_api": "Gebruik via API", "errors.use_via_api_or_mcp": "Gebruik via API of MCP",
        "common.use_via_api": "Gebruik via API", "common.settings": "Instellingen",
        "common.built_with_gradio": "Gemaakt met Gradio",
        "dataframe.new_row": "Nieuwe rij", "dataframe.new_column": "Nieuwe kolom",
    },
}


class DutchPage:
    """Puts :data:`EARLY_JS` first in the ``<head>`` of the chat's page (GET /), so Gradio starts in Dutch."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or scope.get("method") != "GET" or scope.get("path") not in ("/", ""):
            await self.app(scope, receive, send)
            return
        held: dict = {}

        async def wrapped(message) -> None:
            if message["type"] == "http.response.start":
                headers = dict((k.lower(), v) for k, v in message.get("headers", []))
                if headers.get(b"content-type", b"").startswith(b"text/html") and message["status"] == 200:
                    held["start"], held["body"] = message, b""
                    return
            elif message["type"] == "http.response.body" and "start" in held:
                held["body"] += message.get("body", b"")
                if message.get("more_body"):
                    return
                body = held["body"].replace(b"<head>", b"<head>" + EARLY_JS.encode(), 1)
                await send_whole(send, held.pop("start"), body)
                return
            await send(message)

        await self.app(scope, receive, wrapped)
